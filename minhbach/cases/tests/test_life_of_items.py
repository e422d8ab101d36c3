"""The life of each type of item through the services, with the exact clocks the law sets."""
import datetime as dt

import pytest

from minhbach.cases import selectors
from minhbach.cases.models import Deadline, Status
from minhbach.cases.presenters import public_item
from minhbach.cases.services import (
    case_accept, case_assign, case_citizen_message, case_classify, case_extend, case_forward, case_merge, case_split,
    case_transition,
)
from minhbach.core import clock
from minhbach.core.audit import audit_verify
from minhbach.core.errors import DomainError


def at(day: str):
    return clock.frozen(dt.datetime.fromisoformat(day + "T09:00:00+07:00"))


def _finish(case, users):
    case_transition(case=case, action="record_result", actor=users.handler, data={"result": "Đã xử lý theo quy định."})
    return case_transition(case=case, action="sign_off", actor=users.leader)


def test_complaint_life_across_tet_2026(province, submit):
    users = province.users
    with at("2026-02-10"):
        receipt = submit(type="khieu_nai")
    case = receipt.case
    # C1: 10 days from 10/2 = 20/2 (Tết holiday, Friday) → next working day Monday 23/2.
    assert case.due_rule == "C1" and case.due_date == dt.date(2026, 2, 23)
    with at("2026-02-23"):
        case_accept(case=case, actor=users.handler)
    case.refresh_from_db()
    # C2: 30 days from 23/2 = 25/3 (Wednesday).
    assert (case.status, case.due_rule, case.due_date) == (Status.ACCEPTED, "C2", dt.date(2026, 3, 25))
    process = case.deadlines.get(stage="process")
    assert process.state == Deadline.State.MET and process.completed_on == dt.date(2026, 2, 23)
    with at("2026-03-01"):
        case_assign(case=case, actor=users.leader, assignee=users.handler)
        case_extend(case=case, actor=users.leader, reason="Vụ việc phức tạp")
    case.refresh_from_db()
    # Complex: 45 days from 23/2 = 9/4 (Thursday).
    assert case.due_date == dt.date(2026, 4, 9)
    with pytest.raises(DomainError):
        case_extend(case=case, actor=users.leader, reason="Lần nữa")
    with at("2026-04-01"):
        _finish(case, users)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.signed_off_by == users.leader
    view = public_item(selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret))
    assert view["answer"] == "Đã xử lý theo quy định."
    assert [t["action"] for t in view["timeline"]] == ["received", "accept", "extend", "sign_off"]
    assert audit_verify().first_broken_id is None


def test_second_complaint_runs_on_c3_and_links_to_the_first(province, submit):
    users = province.users
    first = submit(type="khieu_nai").case
    with at("2026-03-02"):
        second = submit(type="khieu_nai", previous_tracking_code=first.tracking_code.lower()).case
        case_accept(case=second, actor=users.handler)
    second.refresh_from_db()
    assert second.previous_case == first and second.complaint_round == 2
    # C3: 45 days from 2/3 = 16/4 (Thursday).
    assert (second.due_rule, second.due_date) == ("C3", dt.date(2026, 4, 16))


def test_remote_commune_gets_the_longer_complaint_clock(province, submit):
    with at("2026-03-02"):
        case = submit(type="khieu_nai", unit="xa-binh-minh").case
        case_accept(case=case, actor=province.users.commune_leader) if False else None
    from minhbach.orgs.models import Membership, Role
    Membership.objects.create(user=province.users.commune_handler, unit=province.units.commune2, role=Role.HANDLER)
    province.users.commune_handler.__dict__.pop("_mb_grants", None)
    with at("2026-03-02"):
        case_accept(case=case, actor=province.users.commune_handler)
    case.refresh_from_db()
    # Remote area C2: 45 days from 2/3 = 16/4.
    assert case.due_date == dt.date(2026, 4, 16)


def test_denunciation_life_with_two_extensions_and_the_notify_clock(province, submit):
    users = province.users
    with at("2026-02-12"):
        case = submit(type="to_cao", category="tham-nhung").case
    # D1: 7 working days after Thu 12/2: 13, 23, 24, 25, 26, 27/2, 2/3 → 2/3.
    assert (case.due_rule, case.due_date) == ("D1", dt.date(2026, 3, 2))
    assert case.confidential
    with at("2026-03-02"):
        case_accept(case=case, actor=users.handler)
    notify = case.deadlines.get(stage="notify")
    # D2: 5 working days after Mon 2/3 → Mon 9/3.
    assert (notify.rule_code, notify.due_date) == ("D2", dt.date(2026, 3, 9))
    case.refresh_from_db()
    assert case.due_date == dt.date(2026, 3, 9)  # the earliest running clock is shown
    resolve = case.deadlines.get(stage="resolve")
    # D3: 30 days from 2/3 = 1/4 (Wednesday).
    assert resolve.due_date == dt.date(2026, 4, 1)
    case_extend(case=case, actor=users.leader, reason="Phức tạp")
    case_extend(case=case, actor=users.leader, reason="Đặc biệt phức tạp")
    resolve.refresh_from_db()
    # 90 days from 2/3 = 31/5 (Sunday) → Monday 1/6.
    assert resolve.due_date == dt.date(2026, 6, 1)
    with pytest.raises(DomainError) as third:
        case_extend(case=case, actor=users.leader, reason="Lần ba")
    assert "D3" in str(third.value.message)


def test_accountability_request_runs_a1_then_a2(province, submit):
    users = province.users
    with at("2026-04-24"):
        case = submit(type="giai_trinh").case
    # A1: 5 working days after Fri 24/4: 28, 29/4, 4, 5, 6/5 (27/4 observed Hùng Kings, 30/4, 1/5 holidays).
    assert (case.due_rule, case.due_date) == ("A1", dt.date(2026, 5, 6))
    with at("2026-05-04"):
        case_accept(case=case, actor=users.handler)
    case.refresh_from_db()
    # A2: 15 days from 4/5 = 19/5 (Tuesday).
    assert (case.due_rule, case.due_date) == ("A2", dt.date(2026, 5, 19))


def test_suggestion_runs_r2_then_the_administrator_default(province, submit):
    users = province.users
    with at("2026-08-20"):
        case = submit(type="gop_y").case
    # R2: 10 working days after Thu 20/8: 21, 22 (working Saturday), 24, 25, 26, 27, 28/8, 1/9? no: 31/8 day off,
    # 1 and 2/9 National Day → 3, 4/9. Count: 21,22,24,25,26,27,28 (7), 3/9 (8), 4/9 (9), 7/9 (10).
    assert (case.due_rule, case.due_date) == ("R2", dt.date(2026, 9, 7))
    with at("2026-09-07"):
        case_accept(case=case, actor=users.handler)
    case.refresh_from_db()
    assert case.due_rule == "P1"


def test_supplement_request_pauses_the_clock_and_the_citizen_reply_resumes_it(province, submit):
    users = province.users
    with at("2026-03-02"):
        case = submit(type="khieu_nai").case
        case_accept(case=case, actor=users.handler)
    case.refresh_from_db()
    assert case.due_date == dt.date(2026, 4, 1)  # C2: 2/3 + 30
    with at("2026-03-05"):
        case_transition(case=case, action="request_supplement", actor=users.handler, reason="Thiếu quyết định bị khiếu nại")
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CITIZEN and case.due_date is None
    with at("2026-03-15"):
        case_citizen_message(case=case, body="Tôi gửi bổ sung quyết định.")
    case.refresh_from_db()
    # Ten days waited: 2/3 + 10 + 30 = 11/4 (Saturday) → Monday 13/4.
    assert (case.status, case.due_date) == (Status.ACCEPTED, dt.date(2026, 4, 13))


def test_anonymous_denunciation_without_evidence_is_recorded_but_not_accepted(province, submit):
    users = province.users
    case = submit(type="to_cao", name="", address="", email="", actor=users.clerk, channel="box").case
    assert case.anonymous
    with pytest.raises(DomainError):
        case_accept(case=case, actor=users.handler)
    case_transition(case=case, action="archive", actor=users.handler, reason="Đơn nặc danh, không có bằng chứng cụ thể (R3)")
    case.refresh_from_db()
    assert case.status == Status.ARCHIVED


def test_anonymous_denunciation_with_verifiable_evidence_is_handled(province, submit):
    users = province.users
    case = submit(type="to_cao", name="", address="", email="", actor=users.clerk, channel="box").case
    case_classify(case=case, actor=users.handler, type="to_cao", verifiable_evidence=True)
    case_accept(case=case, actor=users.handler)
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_classifying_by_content_changes_the_clock(province, submit):
    users = province.users
    with at("2026-03-02"):
        case = submit(type="phan_anh", title="Đơn phản ánh", content="Tôi khiếu nại quyết định thu hồi đất số 12 của UBND xã.").case
        assert case.due_rule == "R2"
        case_classify(case=case, actor=users.handler, type="khieu_nai")
    case.refresh_from_db()
    assert case.type == "khieu_nai" and case.type_claimed == "phan_anh" and case.letter_class == "complaint"
    assert case.due_rule == "C1" and case.due_date == dt.date(2026, 3, 12)


def test_forwarding_starts_the_other_units_clock_and_the_receipt_follows(province, submit):
    users = province.users
    with at("2026-03-02"):
        receipt = submit(type="kien_nghi", unit="so-tnmt")
    with at("2026-03-04"):
        new = case_forward(case=receipt.case, actor=users.handler, to_unit=province.units.commune, reason="Thuộc thẩm quyền xã")
    receipt.case.refresh_from_db()
    assert receipt.case.status == Status.FORWARDED
    # R2 at the commune counts from the forwarding day: 10 working days after Wed 4/3 → 18/3.
    assert (new.unit, new.status, new.due_date) == (province.units.commune, Status.RECEIVED, dt.date(2026, 3, 18))
    view = public_item(selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret))
    assert view["unit"] == province.units.commune.name and view["related"] == [new.tracking_code]
    assert "forward" in [t["action"] for t in view["timeline"]]


def test_split_items_each_get_a_clock_and_the_sender_follows_all(province, submit):
    users = province.users
    receipt = submit(type="kien_nghi", content="Đề nghị sửa đường và tố cáo cán bộ địa chính nhận tiền.")
    parts = case_split(case=receipt.case, actor=users.handler, parts=[
        {"title": "Sửa đường liên thôn", "content": "Đường liên thôn hư hỏng.", "type": "kien_nghi"},
        {"title": "Cán bộ địa chính nhận tiền", "content": "Cán bộ địa chính xã nhận tiền.", "type": "to_cao"},
    ])
    assert [p.due_rule for p in parts] == ["R2", "D1"]
    view = public_item(selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret))
    assert sorted(view["related"]) == sorted(p.tracking_code for p in parts)


def test_merged_duplicates_keep_their_receipts_and_get_the_same_answer(province, submit):
    users = province.users
    a = submit(type="phan_anh", name="Trần Thị Bình")
    b = submit(type="phan_anh", name="Lê Văn Cường")
    case_merge(case=b.case, actor=users.handler, into=a.case, reason="Trùng nội dung")
    case_accept(case=a.case, actor=users.handler)
    _finish(a.case, users)
    for r in (a, b):
        view = public_item(selectors.case_find_by_receipt(tracking_code=r.tracking_code, secret=r.access_secret))
        assert view["answer"] == "Đã xử lý theo quy định."


def test_wrong_state_transition_is_refused_with_a_message(province, submit):
    case = submit().case
    with pytest.raises(DomainError) as err:
        case_transition(case=case, action="sign_off", actor=province.users.leader)
    assert "không thể" in str(err.value.message).lower() or "not possible" in str(err.value.message)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_reopen_needs_a_reason_and_restarts_the_resolution_clock(province, submit):
    users = province.users
    case = submit().case
    case_accept(case=case, actor=users.handler)
    _finish(case, users)
    case_transition(case=case, action="close", actor=users.leader)
    with pytest.raises(DomainError):
        case_transition(case=case, action="reopen", actor=users.leader, reason=" ")
    case_transition(case=case, action="reopen", actor=users.leader, reason="Công dân cung cấp tình tiết mới")
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.reopened_count == 1 and case.due_rule == "P1"


def test_denunciation_is_never_routed_to_the_denounced_unit(province, submit):
    users = province.users
    case = submit(type="to_cao", unit="so-tnmt").case
    case.denounced_unit = province.units.commune
    case.save()
    with pytest.raises(DomainError) as err:
        case_forward(case=case, actor=users.handler, to_unit=province.units.commune)
    assert err.value.code == "conflict_of_interest"


def test_denunciation_against_a_head_is_not_handled_in_that_unit(province, submit):
    users = province.users
    case = submit(type="to_cao", unit="so-tnmt").case
    case.denounced_person = users.leader  # head of the department
    case.save()
    with pytest.raises(DomainError) as err:
        case_accept(case=case, actor=users.handler)
    assert err.value.code == "conflict_of_interest"
    with pytest.raises(DomainError):
        case_assign(case=case, actor=users.leader, assignee=users.leader)


def test_senders_of_merged_duplicates_are_each_sent_the_answer(province, submit, django_capture_on_commit_callbacks):
    from django.core import mail

    users = province.users
    a = submit(type="phan_anh", email="binh@example.test")
    b = submit(type="phan_anh", email="cuong@example.test")
    case_merge(case=b.case, actor=users.handler, into=a.case, reason="Trùng nội dung")
    case_accept(case=a.case, actor=users.handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _finish(a.case, users)
    answered = {m.to[0] for m in mail.outbox if "Đã xử lý theo quy định." in m.body}
    assert answered == {"binh@example.test", "cuong@example.test"}
