"""The public endpoints refuse bad input field by field, store nothing, and never tell a wrong code from a wrong secret."""
import json

import pytest

from minhbach.cases.models import Case, Message
from minhbach.core.models import AuditEvent

API = "/api/v1"


def good(**changes) -> dict:
    body = {"type": "khieu_nai", "title": "Khiếu nại quyết định xử phạt", "content": "Tôi khiếu nại quyết định xử phạt số 5/QĐ.",
            "unit": "so-tnmt", "category": "moi-truong",
            "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú", "email": "an@example.test"}}
    body.update(changes)
    return body


def post(client, body, path="/submissions", **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(API + path, data=data, content_type="application/json", headers={"Accept-Language": "en", **headers})


@pytest.mark.parametrize("body, errors", [
    (good(title=None), {"title": "Invalid value."}),
    ({k: v for k, v in good().items() if k not in {"title", "content"}},
     {"title": "This field is required.", "content": "This field is required."}),
    (good(type=5), {"type": "Invalid value."}),
    (good(type="khieu_nai_x"), {"type": "Choose the kind of item (suggestion, report, petition, complaint, denunciation "
                                        "or accountability request)."}),
    (good(confidential="maybe"), {"confidential": "Invalid value."}),
    (good(title="x" * 256), {"title": "The title is at most 255 characters."}),
    (good(title="x" * 1001), {"title": "Invalid value."}),
    (good(submitter={"name": "An", "address": "Thôn 3", "email": "not-an-email"}),
     {"submitter.email": "Enter a valid e-mail address."}),
    (good(submitter={"email": "an@example.test"}),
     {"submitter.name": "A complaint must give the complainant's full name (Law on Complaints 2011, art. 8).",
      "submitter.address": "A complaint must give the complainant's address (Law on Complaints 2011, art. 8)."}),
    (good(type="giai_trinh", submitter={}),
     {"submitter.name": "An accountability request must give the requester's name (Decree 59/2019, art. 5)."}),
    (good(unit="no-such-unit", category="no-such"), {"unit": "Unknown unit.", "category": "Unknown category."}),
    (good(content="short"), {"content": "Describe the matter in at least 10 characters."}),
    (good(submitter="Nguyễn Văn An"), {"submitter": "Invalid value."}),
    ([good()], {"body": "Invalid value."}),
])
def test_bad_submission_is_refused_per_field_and_nothing_is_stored(client, province, categories, body, errors):
    r = post(client, body)
    assert r.status_code == 400, r.content
    out = r.json()
    assert out["code"] == "invalid" and out["detail"] == "Please correct the marked fields."
    assert out["errors"] == errors
    assert Case.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("raw", ["{not json", "type=khieu_nai&title=x", ""])
def test_a_body_that_is_not_json_is_a_400_with_a_body_error(client, province, categories, raw):
    r = post(client, raw)
    assert r.status_code == 400
    assert r.json()["errors"] in ({"body": "Send a JSON object."}, {"body": "This field is required."})
    assert Case.objects.count() == 0


def test_wrong_code_and_wrong_secret_give_the_same_404(client, submit):
    receipt = submit()
    wrong_secret = client.get(f"{API}/submissions/{receipt.tracking_code}", headers={"X-Access-Secret": "AAAAA-BBBBB-CCCCC-DDDDD"})
    wrong_code = client.get(f"{API}/submissions/MB26-ZZZZZZZZ", headers={"X-Access-Secret": receipt.access_secret})
    no_secret = client.get(f"{API}/submissions/{receipt.tracking_code}")
    assert wrong_secret.status_code == wrong_code.status_code == no_secret.status_code == 404
    assert wrong_secret.content == wrong_code.content == no_secret.content
    assert wrong_code.json() == {"detail": "No item matches this tracking code and secret.", "code": "not_found"}
    ok = client.get(f"{API}/submissions/{receipt.tracking_code.lower()}", headers={"X-Access-Secret": receipt.access_secret})
    assert ok.status_code == 200 and ok.json()["status"] == "received"


def test_the_citizen_replies_with_the_receipt_and_a_wrong_secret_stores_nothing(client, submit):
    receipt = submit()
    wrong = post(client, {"message": "Xin bổ sung"}, f"/submissions/{receipt.tracking_code}/messages",
                 **{"X-Access-Secret": "AAAAA-BBBBB-CCCCC-DDDDD"})
    wrong_code = post(client, {"message": "Xin bổ sung"}, "/submissions/MB26-ZZZZZZZZ/messages",
                      **{"X-Access-Secret": receipt.access_secret})
    assert wrong.status_code == wrong_code.status_code == 404 and wrong.content == wrong_code.content
    empty = post(client, {"message": ""}, f"/submissions/{receipt.tracking_code}/messages",
                 **{"X-Access-Secret": receipt.access_secret})
    assert empty.status_code == 400 and empty.json()["errors"] == {"message": "Invalid value."}
    assert Message.objects.count() == 0

    r = post(client, {"message": "Nhà máy xả vào ban đêm."}, f"/submissions/{receipt.tracking_code}/messages",
             **{"X-Access-Secret": receipt.access_secret})
    assert r.status_code == 201
    assert r.json()["messages"] == [{"at": r.json()["messages"][0]["at"], "from_citizen": True, "body": "Nhà máy xả vào ban đêm."}]


def test_a_reply_to_a_split_item_is_refused_in_json(client, province, submit):
    from minhbach.cases.services import case_split

    receipt = submit()
    case_split(case=receipt.case, actor=province.users.handler, parts=[
        {"title": "Một", "content": "Nội dung thứ nhất"}, {"title": "Hai", "content": "Nội dung thứ hai"}])
    r = post(client, {"message": "Còn nữa"}, f"/submissions/{receipt.tracking_code}/messages",
             **{"X-Access-Secret": receipt.access_secret})
    assert r.status_code == 400
    assert r.json()["detail"] == "This item is closed; submit a new one if needed."


def test_a_valid_submission_returns_the_receipt_once(client, province, categories):
    r = post(client, good())
    assert r.status_code == 201
    out = r.json()
    assert set(out) == {"tracking_code", "access_secret", "received_at"}
    case = Case.objects.get(tracking_code=out["tracking_code"])
    assert out["access_secret"] not in case.secret_hash and case.channel == "api"


def test_healthz_answers_ok(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
