"""The life of each of the six types of item through the HTTP API, from the citizen's submission to the answer."""
import json

import pytest

from minhbach.accounts.models import ApiToken
from minhbach.cases.models import Case, LetterTemplate
from minhbach.core import clock

API = "/api/v1"
MONDAY = "2026-03-02T09:00:00+07:00"


@pytest.fixture(autouse=True)
def _frozen():
    with clock.frozen(MONDAY):
        yield


@pytest.fixture
def staff(client, province):
    """`staff(user)` → a caller of /api/v1/staff with that user's bearer token."""

    def for_user(user):
        raw = ApiToken.issue(user=user, name="tests", second_factor_at=clock.now())[1]  # as created with the owner's TOTP code

        def call(method, path, body=None, expect=200):
            headers = {"Authorization": f"Bearer {raw}"}
            if method == "get":
                r = client.get(f"{API}/staff{path}", headers=headers)
            else:
                r = client.post(f"{API}/staff{path}", data=json.dumps(body or {}), content_type="application/json",
                                headers=headers)
            assert r.status_code == expect, r.content.decode()
            return r.json() if r["Content-Type"] == "application/json; charset=utf-8" else r

        return call

    return for_user


@pytest.fixture
def citizen(client, categories):
    """`citizen.submit(**fields)` → receipt; `citizen.track(code, secret)` → the public view."""

    class Citizen:
        def submit(self, expect=201, **fields):
            body = {"type": "phan_anh", "title": "Nước thải xả ra kênh", "content": "Nhà máy xả nước thải chưa xử lý ra kênh.",
                    "unit": "so-tnmt", "category": "moi-truong",
                    "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú", "email": "an@example.test"}}
            body.update(fields)
            r = client.post(f"{API}/submissions", data=json.dumps(body), content_type="application/json")
            assert r.status_code == expect, r.content.decode()
            return r.json()

        def track(self, code, secret, expect=200):
            r = client.get(f"{API}/submissions/{code}", headers={"X-Access-Secret": secret})
            assert r.status_code == expect, r.content.decode()
            return r.json()

        def reply(self, code, secret, message, expect=201):
            r = client.post(f"{API}/submissions/{code}/messages", data=json.dumps({"message": message}),
                            content_type="application/json", headers={"X-Access-Secret": secret})
            assert r.status_code == expect, r.content.decode()
            return r.json()

    return Citizen()


def _id(code: str) -> int:
    return Case.objects.get(tracking_code=code).pk


def _rules(item) -> dict:
    return {d["rule"]: d for d in item["deadlines"]}


def test_complaint_is_classified_accepted_assigned_answered_and_the_citizen_reads_the_answer(province, staff, citizen):
    users = province.users
    receipt = citizen.submit(type="khieu_nai", title="Khiếu nại quyết định thu hồi đất",
                             content="Tôi khiếu nại quyết định thu hồi đất số 12/QĐ của Sở.", category="dat-dai")
    code, secret = receipt["tracking_code"], receipt["access_secret"]
    handler, leader = staff(users.handler), staff(users.leader)
    id = _id(code)

    item = handler("get", f"/items/{id}")
    assert item["status"] == "received" and _rules(item)["C1"]["legal_basis"] == "Điều 27 Luật Khiếu nại 2011"
    assert item["submitter"]["name"] == "Nguyễn Văn An"  # a complaint is not confidential

    item = handler("post", f"/items/{id}/classify", {"type": "khieu_nai", "letter_class": "complaint", "complex": False})
    assert item["letter_class"] == "complaint" and item["classified_at"]
    item = handler("post", f"/items/{id}/accept", {})
    assert item["status"] == "accepted"
    assert _rules(item)["C1"]["state"] == "met" and _rules(item)["C2"]["state"] == "open"
    assert item["due_rule"] == "C2"
    item = leader("post", f"/items/{id}/assign", {"assignee": "handler"})
    assert item["assignee"] == "handler"
    item = handler("post", f"/items/{id}/result", {"result": "Giữ nguyên quyết định thu hồi đất; bồi thường bổ sung."})
    assert item["status"] == "result_recorded"
    assert handler("get", f"/items/{id}")["allowed_actions"].count("sign_off") == 0
    item = leader("post", f"/items/{id}/sign-off", {})
    assert item["status"] == "answered" and item["signed_off_by"] == "leader"
    assert [t["action"] for t in item["timeline"]] == ["received", "classify", "accept", "assign", "record_result",
                                                        "sign_off"]

    public = citizen.track(code, secret)
    assert public["status"] == "answered"
    assert public["answer"] == "Giữ nguyên quyết định thu hồi đất; bồi thường bổ sung."
    assert "assign" not in [t["action"] for t in public["timeline"]]  # internal steps stay internal


def test_denunciation_runs_the_d2_notify_clock_and_refuses_a_third_extension_with_the_rule(
        province, staff, citizen):
    users = province.users
    assert LetterTemplate.objects.filter(kind="acceptance").exists()  # shipped by the data migration
    receipt = citizen.submit(type="to_cao", unit="thanh-tra", category="tham-nhung", title="Tố cáo nhận hối lộ",
                             content="Tôi tố cáo cán bộ X nhận tiền để cấp phép xây dựng.",
                             submitter={"name": "Trần Thị Bình", "address": "Số 5 đường Lê Lợi", "phone": "0912345678"})
    code, secret = receipt["tracking_code"], receipt["access_secret"]
    inspector, leader = staff(users.inspector), staff(users.inspect_leader)
    id = _id(code)

    item = inspector("get", f"/items/{id}")
    assert item["submitter"] == {"protected": True}
    assert item["confidential"] is True and item["due_rule"] == "D1"
    item = inspector("post", f"/items/{id}/accept", {})
    rules = _rules(item)
    assert rules["D2"]["stage"] == "notify" and rules["D2"]["legal_basis"] == "Điều 29 Luật Tố cáo 2018"
    assert rules["D2"]["due_date"] == "2026-03-09"  # 5 working days from Monday 2/3
    assert rules["D3"]["due_date"] == "2026-04-01" and item["due_rule"] == "D2"

    letter = inspector("post", f"/items/{id}/letters", {"kind": "acceptance"}, expect=201)
    docx = inspector("get", letter["download_url"].removeprefix(f"{API}/staff"))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats") and docx.content[:2] == b"PK"
    item = inspector("get", f"/items/{id}")
    assert _rules(item)["D2"]["state"] == "met"  # the acceptance notice is the D2 notification
    assert item["letters"][0]["id"] == letter["id"]

    first = leader("post", f"/items/{id}/extend", {"reason": "Vụ việc phức tạp, cần xác minh thêm."})
    assert _rules(first)["D3"]["extensions"] == 1 and _rules(first)["D3"]["due_date"] > "2026-04-01"
    second = leader("post", f"/items/{id}/extend", {"reason": "Vụ việc đặc biệt phức tạp."})
    assert _rules(second)["D3"]["extensions"] == 2
    third = leader("post", f"/items/{id}/extend", {"reason": "Cần thêm thời gian."}, expect=400)
    assert third["detail"] == "Rule D3 allows at most 2 extension(s) (Điều 30 Luật Tố cáo 2018)."
    assert _rules(inspector("get", f"/items/{id}"))["D3"]["extensions"] == 2

    body = json.dumps(inspector("get", f"/items/{id}"), ensure_ascii=False)
    assert "Trần Thị Bình" not in body and "0912345678" not in body and "Lê Lợi" not in body
    public = citizen.track(code, secret)
    assert [t["action"] for t in public["timeline"]].count("extend") == 2


def test_accountability_request_runs_a1_then_a2_with_one_extension(province, staff, citizen):
    users = province.users
    receipt = citizen.submit(type="giai_trinh", unit="xa-an-phu", category="dat-dai", title="Yêu cầu giải trình",
                             content="Đề nghị UBND xã giải trình việc thu phí chợ tăng gấp đôi.")
    handler, leader = staff(users.commune_handler), staff(users.commune_leader)
    id = _id(receipt["tracking_code"])

    item = handler("get", f"/items/{id}")
    assert item["due_rule"] == "A1" and _rules(item)["A1"]["due_date"] == "2026-03-09"  # 5 working days
    item = handler("post", f"/items/{id}/accept", {})
    assert _rules(item)["A1"]["state"] == "met" and item["due_rule"] == "A2"
    assert _rules(item)["A2"]["due_date"] == "2026-03-17"  # 15 days
    item = leader("post", f"/items/{id}/extend", {"reason": "Cần lấy ý kiến Sở Tài chính."})
    assert _rules(item)["A2"]["extensions"] == 1
    refused = leader("post", f"/items/{id}/extend", {"reason": "Thêm lần nữa."}, expect=400)
    assert "A2" in refused["detail"] and "Điều 13 Nghị định 59/2019/NĐ-CP" in refused["detail"]
    handler("post", f"/items/{id}/result", {"result": "Mức phí tăng theo Nghị quyết HĐND tỉnh số 8/2025."})
    item = leader("post", f"/items/{id}/sign-off", {})
    assert item["status"] == "answered" and _rules(item)["A2"]["state"] == "met"
    assert citizen.track(receipt["tracking_code"], receipt["access_secret"])["answer"].startswith("Mức phí")


def test_suggestion_runs_r2_then_p1_and_is_closed(province, staff, citizen):
    users = province.users
    receipt = citizen.submit(type="gop_y", title="Góp ý lắp đèn đường", content="Đề nghị lắp thêm đèn trên đường liên thôn.",
                             submitter={})
    handler, leader = staff(users.handler), staff(users.leader)
    id = _id(receipt["tracking_code"])

    item = handler("get", f"/items/{id}")
    assert item["anonymous"] is True and item["due_rule"] == "R2"
    assert _rules(item)["R2"]["legal_basis"] == "Thông tư 05/2021/TT-TTCP"
    item = handler("post", f"/items/{id}/accept", {"reason": ""})
    assert [(d["rule"], d["state"]) for d in item["deadlines"]] == [("R2", "met"), ("P1", "open")]
    handler("post", f"/items/{id}/notes", {"body": "Chuyển phòng hạ tầng khảo sát."})
    handler("post", f"/items/{id}/result", {"result": "Đã đưa vào kế hoạch năm 2026."})
    leader("post", f"/items/{id}/sign-off", {})
    item = leader("post", f"/items/{id}/close", {})
    assert item["status"] == "closed" and item["closed_at"]
    assert [m["kind"] for m in item["messages"]] == ["note"]
    public = citizen.track(receipt["tracking_code"], receipt["access_secret"])
    assert public["status"] == "closed" and public["messages"] == []  # the note is internal


def test_report_forwarded_to_another_unit_is_followed_with_the_same_receipt(province, staff, citizen):
    users = province.users
    receipt = citizen.submit(type="phan_anh", title="Đường xã hỏng", content="Đường liên xã An Phú hỏng nặng sau mưa.")
    code, secret = receipt["tracking_code"], receipt["access_secret"]
    handler = staff(users.handler)
    id = _id(code)

    item = handler("post", f"/items/{id}/forward", {"to_unit": "xa-an-phu", "reason": "Thuộc thẩm quyền của xã."})
    assert item["status"] == "forwarded"
    (new,) = [r for r in item["related"] if r["relation"] == "forwarded_to"]
    assert new["unit"] == "UBND xã An Phú" and new["status"] == "received"
    handler("get", f"/items/{new['id']}", expect=404)  # the new item belongs to the commune now

    public = citizen.track(code, secret)
    assert public["unit"] == "UBND xã An Phú" and public["related"] == [new["tracking_code"]]
    assert public["status"] == "received"
    assert citizen.track(new["tracking_code"], secret)["tracking_code"] == new["tracking_code"]

    commune, commune_leader = staff(users.commune_handler), staff(users.commune_leader)
    forwarded = commune("get", f"/items/{new['id']}")
    assert forwarded["related"] == [{"id": id, "tracking_code": code, "relation": "forwarded_from",
                                     "unit": "Sở Nông nghiệp và Môi trường", "status": "forwarded"}]
    commune("post", f"/items/{new['id']}/request-supplement", {"reason": "Cho biết vị trí cụ thể."})
    assert citizen.track(code, secret)["awaiting_citizen"] is True
    citizen.reply(code, secret, "Đoạn từ thôn 3 đến cầu Bình Minh.")
    item = commune("get", f"/items/{new['id']}")
    assert item["status"] == "received" and item["messages"][-1]["kind"] == "from_citizen"
    commune("post", f"/items/{new['id']}/accept", {})
    commune("post", f"/items/{new['id']}/result", {"result": "Xã sẽ sửa đường trong tháng 4."})
    commune_leader("post", f"/items/{new['id']}/sign-off", {})
    assert citizen.track(code, secret)["answer"] == "Xã sẽ sửa đường trong tháng 4."


def test_petition_split_and_merged_keep_every_receipt_working(province, staff, citizen):
    users = province.users
    first = citizen.submit(type="kien_nghi", title="Kiến nghị về chợ và đường",
                           content="1. Sửa mái chợ An Phú. 2. Mở rộng đường vào chợ.")
    dup = citizen.submit(type="kien_nghi", title="Sửa mái chợ", content="Mái chợ An Phú dột, đề nghị sửa.",
                         submitter={"name": "Lê Văn Cường", "address": "Thôn 1"})
    handler, leader = staff(users.handler), staff(users.leader)
    id = _id(first["tracking_code"])

    item = handler("post", f"/items/{id}/split", {"reason": "Hai nội dung", "parts": [
        {"title": "Sửa mái chợ An Phú", "content": "Mái chợ An Phú bị dột nhiều chỗ."},
        {"title": "Mở rộng đường vào chợ", "content": "Đường vào chợ hẹp, đề nghị mở rộng.", "type": "gop_y"},
    ]})
    assert item["status"] == "split"
    roof, road = [r for r in item["related"] if r["relation"] == "split_into"]
    assert handler("get", f"/items/{road['id']}")["type"] == "gop_y"

    public = citizen.track(first["tracking_code"], first["access_secret"])
    assert public["related"] == [roof["tracking_code"], road["tracking_code"]]
    for part in (roof, road):
        assert citizen.track(part["tracking_code"], first["access_secret"])["status"] == "received"

    merged = handler("post", f"/items/{_id(dup['tracking_code'])}/merge", {"into": roof["id"], "reason": "Trùng nội dung"})
    assert merged["status"] == "merged"
    assert merged["related"] == [{"id": roof["id"], "tracking_code": roof["tracking_code"], "relation": "merged_into",
                                  "unit": "Sở Nông nghiệp và Môi trường", "status": "received"}]
    assert citizen.track(dup["tracking_code"], dup["access_secret"])["related"] == [roof["tracking_code"]]

    handler("post", f"/items/{roof['id']}/accept", {})
    handler("post", f"/items/{roof['id']}/result", {"result": "Chợ được sửa mái trong quý II."})
    leader("post", f"/items/{roof['id']}/sign-off", {})
    for receipt in (first, dup):
        assert "Chợ được sửa mái trong quý II." in citizen.track(receipt["tracking_code"], receipt["access_secret"])["answer"]
    assert citizen.track(road["tracking_code"], first["access_secret"])["answer"] is None


def test_staff_intake_of_an_anonymous_denunciation_returns_the_receipt_once(province, staff, citizen):
    clerk = staff(province.users.clerk)
    out = clerk("post", "/items", {"channel": "box", "type": "to_cao", "title": "Thư nặc danh",
                                   "content": "Tố cáo việc thu tiền sai quy định ở bộ phận một cửa.", "submitter": {}},
                expect=201)
    assert out["item"]["unit"]["code"] == "so-tnmt" and out["item"]["channel"] == "box"
    assert out["item"]["anonymous"] is True and out["item"]["submitter"] == {"protected": True}
    assert citizen.track(out["tracking_code"], out["access_secret"])["status"] == "received"
    handler = staff(province.users.handler)
    refused = handler("post", f"/items/{out['item']['id']}/accept", {}, expect=400)
    assert "(R3)" in refused["detail"]
    item = handler("post", f"/items/{out['item']['id']}/archive", {"reason": "Nặc danh, không có chứng cứ (R3)."})
    assert item["status"] == "archived"
    item = staff(province.users.leader)("post", f"/items/{out['item']['id']}/reopen", {"reason": "Có chứng cứ mới."})
    assert item["status"] == "accepted" and item["reopened_count"] == 1


def test_refuse_guide_send_back_resume_and_message_through_the_api(province, staff, citizen):
    users = province.users
    handler, leader = staff(users.handler), staff(users.leader)
    a = _id(citizen.submit()["tracking_code"])
    b = _id(citizen.submit()["tracking_code"])
    c = citizen.submit()
    cid = _id(c["tracking_code"])

    missing = handler("post", f"/items/{a}/refuse", {"reason": "  "}, expect=400)
    assert missing["errors"] == {"reason": "Give the reason."}
    assert handler("post", f"/items/{a}/refuse", {"reason": "Không thuộc phạm vi."})["refusal_reason"] == "Không thuộc phạm vi."
    no_body = handler("post", f"/items/{b}/guide", {"reason": "Ngoài thẩm quyền", "guided_to": " "}, expect=400)
    assert no_body["errors"] == {"guided_to": "Name the competent body."}
    assert handler("post", f"/items/{b}/guide", {"reason": "Ngoài thẩm quyền", "guided_to": "Tòa án nhân dân"})["guided_to"] \
        == "Tòa án nhân dân"

    handler("post", f"/items/{cid}/accept", {})
    handler("post", f"/items/{cid}/request-supplement", {"reason": "Bổ sung ảnh chụp."})
    item = handler("post", f"/items/{cid}/resume", {})
    assert item["status"] == "accepted"
    handler("post", f"/items/{cid}/result", {"result": "Bản nháp"})
    item = leader("post", f"/items/{cid}/send-back", {"reason": "Viết rõ hơn."})
    assert item["status"] == "accepted"
    item = handler("post", f"/items/{cid}/messages", {"body": "Chúng tôi đang xác minh."})
    assert item["messages"][-1]["kind"] == "to_citizen"
    assert citizen.track(c["tracking_code"], c["access_secret"])["messages"][-1]["body"] == "Chúng tôi đang xác minh."


def test_an_action_without_a_reason_may_leave_the_body_out(client, province, submit):
    case = submit().case
    raw = ApiToken.issue(user=province.users.handler, name="tests")[1]
    r = client.post(f"{API}/staff/items/{case.pk}/accept", data=b"", content_type="application/json",
                    headers={"Authorization": f"Bearer {raw}"})
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    r = client.post(f"{API}/staff/items/{case.pk}/refuse", data=b"", content_type="application/json",
                    headers={"Authorization": f"Bearer {raw}", "Accept-Language": "en"})
    assert r.status_code == 400 and r.json()["errors"] == {"body": "This field is required."}
