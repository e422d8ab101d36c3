"""Staff API scope: an item outside the caller's units is a 404 like a missing one; a forbidden action is a 403."""
import datetime as dt
import json

import pytest

from minhbach.accounts.models import ApiToken
from minhbach.cases.models import Case
from minhbach.core import clock

STAFF = "/api/v1/staff"


@pytest.fixture
def as_user(client):
    def make(user):
        raw = ApiToken.issue(user=user, name="tests", second_factor_at=clock.now())[1]  # as created with the owner's TOTP code
        headers = {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}

        def call(method, path, body=None):
            if method == "get":
                return client.get(STAFF + path, headers=headers)
            return client.post(STAFF + path, data=json.dumps(body or {}), content_type="application/json", headers=headers)

        return call

    return make


def test_a_sibling_units_handler_gets_the_same_404_as_for_a_missing_item(as_user, province, submit):
    case = submit(unit="so-tnmt").case
    sibling = as_user(province.users.commune_handler)
    for method, path, body in [("get", f"/items/{case.pk}", None), ("post", f"/items/{case.pk}/accept", {}),
                               ("post", f"/items/{case.pk}/notes", {"body": "x"})]:
        hidden = sibling(method, path, body)
        missing = sibling(method, path.replace(str(case.pk), "999999"), body)
        assert hidden.status_code == missing.status_code == 404
        assert hidden.content == missing.content
    assert hidden.json() == {"detail": "Item not found.", "code": "not_found"}
    assert sibling("get", "/items?filter=all").json()["count"] == 0
    case.refresh_from_db()
    assert case.status == "received" and not case.messages.exists()


def test_a_handler_of_a_sub_unit_does_not_see_the_parent_units_items_but_the_parent_sees_down(as_user, province, submit):
    up = submit(unit="so-tnmt").case
    down = submit(unit="chi-cuc-mt").case
    assert as_user(province.users.sub_handler)("get", f"/items/{up.pk}").status_code == 404
    listed = as_user(province.users.handler)("get", "/items").json()
    assert {i["id"] for i in listed["items"]} == {up.pk, down.pk}


def test_a_clerk_may_not_accept_and_gets_403_with_nothing_changed(as_user, province, submit):
    case = submit().case
    clerk = as_user(province.users.clerk)
    assert clerk("get", f"/items/{case.pk}").status_code == 200
    r = clerk("post", f"/items/{case.pk}/accept", {})
    assert r.status_code == 403 and r.json()["detail"] == "You may not do this on this item."
    assert clerk("post", f"/items/{case.pk}/notes", {"body": "Đã nhận bản giấy."}).status_code == 200
    case.refresh_from_db()
    assert case.status == "received"


def test_only_a_leader_signs_off_extends_and_assigns(as_user, province, submit):
    case = submit().case
    handler = as_user(province.users.handler)
    handler("post", f"/items/{case.pk}/accept", {})
    handler("post", f"/items/{case.pk}/result", {"result": "Đã xử lý."})
    assert handler("post", f"/items/{case.pk}/sign-off", {}).status_code == 403
    assert handler("post", f"/items/{case.pk}/assign", {"assignee": "handler"}).status_code == 403
    assert handler("post", f"/items/{case.pk}/extend", {"reason": "x"}).status_code == 403
    assert Case.objects.get(pk=case.pk).status == "result_recorded"


def test_assigning_someone_outside_the_unit_or_unknown_gives_the_same_field_error(as_user, province, submit):
    case = submit().case
    leader = as_user(province.users.leader)
    outside = leader("post", f"/items/{case.pk}/assign", {"assignee": "commune_handler"})
    unknown = leader("post", f"/items/{case.pk}/assign", {"assignee": "nobody-at-all"})
    assert outside.status_code == unknown.status_code == 400 and outside.content == unknown.content
    assert outside.json()["errors"] == {"assignee": "The person must be a handler of this unit."}


def test_the_letter_download_needs_the_letter_right_and_the_items_scope(as_user, province, submit):
    from minhbach.cases.services import letter_generate

    case = submit().case
    letter = letter_generate(case=case, actor=province.users.handler, kind="acceptance")
    path = f"/items/{case.pk}/letters/{letter.pk}"
    assert as_user(province.users.handler)("get", path).content[:2] == b"PK"
    assert as_user(province.users.clerk)("get", path).status_code == 403
    assert as_user(province.users.commune_handler)("get", path).status_code == 404
    assert as_user(province.users.handler)("get", f"/items/{case.pk}/letters/999999").status_code == 404


def test_a_denunciation_never_shows_its_sender_to_staff(as_user, province, submit):
    case = submit(type="to_cao", unit="thanh-tra", name="Phạm Văn Dũng", address="12 Trần Phú", phone="0987654321").case
    for user in (province.users.inspector, province.users.inspect_leader, province.users.office):
        r = as_user(user)("get", f"/items/{case.pk}")
        assert r.status_code == 200 and r.json()["submitter"] == {"protected": True}
        assert "Phạm Văn Dũng" not in r.content.decode() and "0987654321" not in r.content.decode()


def test_a_confidential_report_is_protected_too(as_user, province, submit):
    case = submit(confidential=True, name="Hoàng Thị Em").case
    body = as_user(province.users.handler)("get", f"/items/{case.pk}").json()
    assert body["submitter"] == {"protected": True} and "Hoàng Thị Em" not in json.dumps(body, ensure_ascii=False)


def test_intake_is_refused_for_a_unit_outside_the_callers_reach(as_user, province, categories):
    body = {"channel": "paper", "type": "phan_anh", "title": "Đơn giấy", "content": "Nội dung đơn gửi qua bưu điện.",
            "unit": "xa-an-phu"}
    r = as_user(province.users.clerk)("post", "/items", body)
    assert r.status_code == 403 and r.json()["errors"] == {"unit": "You may not receive items for this unit."}
    r = as_user(province.users.office)("post", "/items", {**body, "unit": ""})
    assert r.status_code == 403
    bad = as_user(province.users.clerk)("post", "/items", {**body, "unit": "so-tnmt", "channel": "pigeon", "title": ""})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"channel"}
    assert Case.objects.count() == 0


def test_the_inbox_filters_paginates_and_caps_the_page_at_200(as_user, province, submit, django_assert_max_num_queries):
    for i in range(5):
        submit(title=f"Phản ánh {i}")
    gy = submit(type="gop_y", title="Góp ý").case
    handler = as_user(province.users.handler)
    page = handler("get", "/items?limit=2&offset=1").json()
    assert page["count"] == 6 and len(page["items"]) == 2
    assert [i["id"] for i in handler("get", "/items?type=gop_y").json()["items"]] == [gy.pk]
    assert handler("get", f"/items?q={gy.tracking_code}").json()["count"] == 1
    assert handler("get", "/items?unit=so-tnmt").json()["count"] == 6
    assert handler("get", "/items?unit=chi-cuc-mt").json()["count"] == 0
    assert handler("get", "/items?filter=closed").json()["count"] == 0
    assert handler("get", "/items?filter=overdue").json()["count"] == 0
    with clock.frozen(clock.now() + dt.timedelta(days=30)):
        assert handler("get", "/items?filter=overdue").json()["count"] == 6
    for query, field in [("limit=201", "limit"), ("limit=0", "limit"), ("filter=everything", "filter"),
                         ("type=x", "type"), ("unit=nope", "unit"), ("offset=-1", "offset")]:
        r = handler("get", f"/items?{query}")
        assert r.status_code == 400 and list(r.json()["errors"]) == [field], query
    with django_assert_max_num_queries(8):
        assert len(handler("get", "/items?limit=200").json()["items"]) == 6


def test_the_sweep_is_for_leaders_of_the_province_root_only(as_user, province, submit):
    case = submit().case
    Case.objects.filter(pk=case.pk).update(due_date=clock.today())
    for user in (province.users.leader, province.users.office, province.users.admin):
        assert as_user(user)("post", "/sweep").status_code == 403
    r = as_user(province.users.province_leader)("post", "/sweep")
    assert r.status_code == 200 and r.json() == {"checked": 1, "due_soon": 1, "overdue": 0, "escalated": 0}
    assert as_user(province.users.province_leader)("post", "/sweep").json()["due_soon"] == 0  # idempotent


def test_reference_data_units_categories_and_rules(as_user, province, categories):
    leader = as_user(province.users.leader)
    (root,) = leader("get", "/units").json()
    assert root["code"] == "ubnd-tinh"
    dept = next(u for u in root["children"] if u["code"] == "so-tnmt")
    assert [u["code"] for u in dept["children"]] == ["chi-cuc-mt"]
    assert sorted(c["code"] for c in leader("get", "/categories").json()) == ["dat-dai", "moi-truong", "tham-nhung"]
    rules = {r["code"]: r for r in leader("get", "/rules").json()}
    assert rules["D3"]["legal_basis"] == "Điều 30 Luật Tố cáo 2018" and rules["D3"]["max_extensions"] == 2
    assert rules["C2"]["citation"] == "C2 (Điều 28 Luật Khiếu nại 2011)"
