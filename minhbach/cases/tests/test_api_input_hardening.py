"""Input the API fuzz run (tests/test_api_fuzz.py) once answered with a 500 is now a 400 naming the field, and the
OpenAPI document declares every status these endpoints give."""
import json

import pytest

from minhbach.accounts.models import ApiToken
from minhbach.cases.models import Case, Message
from minhbach.core import clock

API = "/api/v1"
NUL_MESSAGE = "Remove the NUL character (code 0) from this text."


@pytest.fixture
def leader_headers(province):
    raw = ApiToken.issue(user=province.users.province_leader, name="tests", second_factor_at=clock.now())[1]
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def _post(client, path, body, **headers):
    return client.post(API + path, data=json.dumps(body), content_type="application/json",
                       headers={"Accept-Language": "en", **headers})


def _refused(response, errors):
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": "Please correct the marked fields.", "code": "invalid", "errors": errors}


# --- NUL characters: PostgreSQL can neither store nor compare them (the query failed: a 500) ---------------------


@pytest.mark.parametrize("change, field", [
    ({"title": "Khiếu nại\x00 quyết định xử phạt"}, "title"),
    ({"submitter": {"name": "Nguyễn\x00Văn An", "address": "Thôn 3, xã An Phú"}}, "submitter.name"),
    ({"unit": "so-tnmt\x00"}, "unit"),
])
def test_a_nul_character_in_a_submission_is_refused_on_its_field_and_nothing_is_stored(client, province, categories,
                                                                                      change, field):
    body = {"type": "khieu_nai", "title": "Khiếu nại quyết định xử phạt",
            "content": "Tôi khiếu nại quyết định số 5/QĐ.", "unit": "so-tnmt",
            "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú"}, **change}
    _refused(_post(client, "/submissions", body), {field: NUL_MESSAGE})
    assert Case.objects.count() == 0


def test_a_nul_character_in_a_staff_action_is_refused_before_the_action(client, submit, leader_headers):
    case = submit().case
    _refused(_post(client, f"/staff/items/{case.pk}/notes", {"body": "Ghi chú\x00"}, **leader_headers),
             {"body": NUL_MESSAGE})
    _refused(_post(client, f"/staff/items/{case.pk}/forward", {"to_unit": "so-xd", "reason": "\x00"}, **leader_headers),
             {"reason": NUL_MESSAGE})
    assert not Message.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).status == "received"


def test_a_nul_character_in_the_path_a_query_or_a_header_is_refused_under_the_name_the_client_used(
        client, submit, leader_headers):
    receipt = submit()
    _refused(client.get(f"{API}/submissions/MB26%00X", headers={"X-Access-Secret": receipt.access_secret}),
             {"tracking_code": NUL_MESSAGE})
    _refused(client.get(f"{API}/submissions/{receipt.tracking_code}", headers={"X-Access-Secret": "A\x00B"}),
             {"X-Access-Secret": NUL_MESSAGE})
    _refused(client.get(f"{API}/staff/items?q=n%00c", headers=leader_headers), {"q": NUL_MESSAGE})
    _refused(client.get(f"{API}/stats?unit=so-tnmt%00"), {"unit": NUL_MESSAGE})
    _refused(client.get(f"{API}/stats?from=2026-03%00"), {"from": NUL_MESSAGE})
    _refused(client.get(f"{API}/register?unit=so-tnmt%00&month=2026-03"), {"unit": NUL_MESSAGE})


def test_the_nul_check_comes_after_authentication(client, province):
    r = client.get(f"{API}/staff/items?q=%00")
    assert r.status_code == 401 and r.json()["code"] == "unauthenticated"


# --- numbers beyond what a database integer holds ----------------------------------------------------------------


@pytest.mark.parametrize("offset, message", [
    ("16221370405637431296", "Enter a number no greater than 1000000000."),  # found by the fuzzer: a 500 on SQLite
    ("-1", "Enter a number no less than 0."),
    ("ten", "Enter a whole number."),
])
def test_an_inbox_offset_out_of_range_is_a_400_that_says_the_limit(client, province, leader_headers, offset, message):
    _refused(client.get(f"{API}/staff/items?offset={offset}", headers=leader_headers), {"offset": message})


def test_the_largest_inbox_offset_is_an_empty_page(client, submit, leader_headers):
    submit()
    r = client.get(f"{API}/staff/items?filter=all&offset=1000000000", headers=leader_headers)
    assert r.status_code == 200 and r.json() == {"items": [], "count": 1}


def test_ids_beyond_any_database_integer_are_simply_not_found(client, submit, leader_headers):
    case = submit().case
    huge = "9" * 30
    for path in (f"/staff/items/{huge}", f"/staff/items/{case.pk}/letters/{huge}"):
        r = client.get(API + path, headers=leader_headers)
        assert r.status_code == 404 and r.json()["code"] == "not_found", path
    r = _post(client, f"/staff/items/{case.pk}/merge", {"into": 10**30}, **leader_headers)
    assert r.status_code == 404 and r.json()["errors"] == {"into": "The target item was not found."}


# --- the document tells the truth ----------------------------------------------------------------------------------


def test_a_malformed_id_in_the_path_is_a_400_and_the_document_declares_it(client, submit, leader_headers):
    case = submit().case
    _refused(client.get(f"{API}/staff/items/abc", headers=leader_headers), {"id": "Enter a whole number."})
    _refused(client.get(f"{API}/staff/items/{case.pk}/letters/null", headers=leader_headers),
             {"letter_id": "Enter a whole number."})
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/staff/items/{id}", "/api/v1/staff/items/{id}/letters/{letter_id}",
                 "/api/v1/submissions/{tracking_code}"):
        assert "400" in paths[path]["get"]["responses"], path
