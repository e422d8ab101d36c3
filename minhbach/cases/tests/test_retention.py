"""R4 retention: letters not eligible for handling are kept one year after the decision, then moved to the archive."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from minhbach.accounts.testing import login_verified
from minhbach.cases import policies, selectors
from minhbach.cases.models import Case, RetentionReason, RetentionRecord, RetentionRun, Status
from minhbach.cases.services import case_accept, case_forward, case_transition
from minhbach.cases.services.retention import (
    add_years, kept_until, last_decision_day_due, retention_reason, retention_run,
)
from minhbach.core import clock
from minhbach.core.audit import audit_verify
from minhbach.core.models import AuditEvent
from minhbach.rules.calendar import WorkCalendar

TODAY = dt.date(2026, 11, 18)  # a Wednesday; 17/11/2026, a year after 17/11/2025, is a working Tuesday
SENDER = {"name": "Trần Thị Bảo Mật", "address": "Số 9 đường Bí Mật, xã An Phú", "email": "baomat.nguoigui@example.test",
          "phone": "0912345678", "id_number": "079123456789"}
IDENTITY_VALUES = ["Trần Thị Bảo Mật", "Bí Mật", "baomat.nguoigui", "0912345678", "079123456789"]


def on(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.fixture
def decide(province, submit):
    """An item received and decided (`archive`, `refuse`, `guide`) `days_ago` days before TODAY."""
    users = province.users

    def _decide(days_ago: int, action: str = "archive", **kw) -> Case:
        day = TODAY - dt.timedelta(days=days_ago)
        kw = {**SENDER, **kw}
        with on(day):
            case = submit(**kw).case
            data = {"guided_to": "Tòa án nhân dân khu vực 1"} if action == "guide" else None
            actor = users.commune_handler if kw.get("unit") == "xa-an-phu" else users.handler
            case_transition(case=case, action=action, actor=actor, reason="Không đủ điều kiện xử lý.", data=data)
        return Case.objects.get(pk=case.pk)

    return _decide


def _audit(case) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk), verb="retention.archive"))


# --- when the year ends ------------------------------------------------------------------------------------------


def test_the_year_ends_on_the_same_day_a_year_later_and_a_rest_day_moves_it_to_the_next_working_day():
    cal = WorkCalendar()
    assert kept_until(dt.date(2025, 11, 17), calendar=cal) == dt.date(2026, 11, 17)   # a Tuesday
    assert kept_until(dt.date(2025, 11, 14), calendar=cal) == dt.date(2026, 11, 16)   # Saturday 14/11/2026 → Monday
    assert add_years(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)                # Civil Code art. 148: end of month
    # Tết 2027 (Thursday 4/2 – Wednesday 10/2 off, by the `holidays` package): kept until the first working day after.
    assert kept_until(dt.date(2026, 2, 5), calendar=cal) == dt.date(2027, 2, 11)
    assert last_decision_day_due(today=TODAY, calendar=cal) == dt.date(2025, 11, 17)
    # On Monday 16/11/2026, the letter decided on Friday 14/11/2025 (year ending on Saturday) is still kept.
    assert last_decision_day_due(today=dt.date(2026, 11, 16), calendar=cal) == dt.date(2025, 11, 13)


def test_reasons_come_from_what_the_item_records():
    assert retention_reason(status="archived", anonymous=True, verifiable_evidence=False, previous_case_id=None) == "anonymous"
    assert retention_reason(status="archived", anonymous=True, verifiable_evidence=True, previous_case_id=None) == "ineligible"
    assert retention_reason(status="refused", anonymous=False, verifiable_evidence=False, previous_case_id=7) == "repeat"
    assert retention_reason(status="refused", anonymous=False, verifiable_evidence=False, previous_case_id=None) == "refused"
    assert retention_reason(status="guided", anonymous=False, verifiable_evidence=False, previous_case_id=None) \
        == "outside_competence"


# --- the job -------------------------------------------------------------------------------------------------------


def test_an_ineligible_letter_decided_366_days_ago_is_moved_to_the_archive(province, decide):
    users = province.users
    case = decide(366)
    report = retention_run(today=TODAY)
    case.refresh_from_db()
    assert report.archived == 1 and case.retained_at is not None
    assert case.status == Status.ARCHIVED  # the decision itself is unchanged
    record = RetentionRecord.objects.get(case=case)
    assert (record.tracking_code, record.decided_on, record.reason, record.run_id) == (
        case.tracking_code, TODAY - dt.timedelta(days=366), RetentionReason.INELIGIBLE, report.run_id)
    # Out of every working list (inbox filters, staff search) …
    for flt in selectors.INBOX_FILTERS:
        assert not selectors.case_list(user=users.handler, filter=flt).filter(pk=case.pk).exists()
    assert not selectors.case_list(user=users.handler, filter="all", q=case.tracking_code).exists()
    # … read-only, and still readable by whoever may see it; the sender's identity stays sealed.
    assert policies.can(users.handler, "view", case)
    assert not policies.can(users.leader, "reopen", case) and not policies.can(users.handler, "note", case)
    assert policies.allowed_actions(users.leader, case) == {"view"}
    assert case.submitter.name == SENDER["name"] and SENDER["name"].encode() not in bytes(case.submitter.sealed)
    client = Client()
    login_verified(client, users.handler)
    page = client.get(reverse("cases:item", args=[case.pk]))
    assert page.status_code == 200 and "Moved to the archive" in page.content.decode()
    assert client.post(reverse("cases:act", args=[case.pk, "reopen"]), {"reason": "x"}).status_code == 403


def test_the_citizen_cannot_write_on_an_archived_item_and_is_told_to_send_a_new_one(province, decide):
    import json

    from minhbach.cases.models import Message

    case = decide(366)
    retention_run(today=TODAY)
    case.refresh_from_db()
    secret = "AAAAA-BBBBB-CCCCC-DDDDD"
    from minhbach.cases import receipts
    Case.objects.filter(pk=case.pk).update(secret_hash=receipts.hash_secret(secret))
    client = Client()
    seen = client.get(f"/api/v1/submissions/{case.tracking_code}", HTTP_X_ACCESS_SECRET=secret)
    assert seen.status_code == 200 and seen.json()["can_reply"] is False
    r = client.post(f"/api/v1/submissions/{case.tracking_code}/messages", data=json.dumps({"message": "Có tình tiết mới"}),
                    content_type="application/json", HTTP_X_ACCESS_SECRET=secret)
    assert r.status_code == 400 and "submit a new item" in r.json()["detail"]
    assert not Message.objects.filter(case=case).exists()


def test_letters_decided_364_or_365_days_ago_are_still_kept(decide):
    kept = [decide(364), decide(365, action="refuse")]
    assert retention_run(today=TODAY).archived == 0
    assert all(Case.objects.get(pk=c.pk).retained_at is None for c in kept)


def test_eligible_or_handled_items_are_never_moved(province, submit, decide):
    users = province.users
    long_ago = TODAY - dt.timedelta(days=800)
    with on(long_ago):
        received = submit(title="Chưa xử lý").case
        accepted = submit(type="khieu_nai", title="Đã thụ lý").case
        case_accept(case=accepted, actor=users.handler)
        answered = submit(title="Đã trả lời").case
        case_accept(case=answered, actor=users.handler)
        case_transition(case=answered, action="record_result", actor=users.handler, data={"result": "Đã xử lý."})
        case_transition(case=answered, action="sign_off", actor=users.leader)
        forwarded = submit(title="Chuyển đơn").case
        case_forward(case=forwarded, actor=users.handler, to_unit=province.units.dept2, reason="Không thuộc thẩm quyền")
    reopened = decide(700)
    with on(TODAY - dt.timedelta(days=600)):
        case_transition(case=reopened, action="reopen", actor=users.leader, reason="Có tình tiết mới.")
    report = retention_run(today=TODAY)
    assert report.archived == 0
    assert not Case.objects.filter(retained_at__isnull=False).exists()
    assert {received.pk, accepted.pk, answered.pk, forwarded.pk, reopened.pk} <= set(
        selectors.case_list(user=users.leader, filter="all").values_list("pk", flat=True))


def test_running_twice_moves_nothing_new_and_each_item_has_one_audit_entry(decide):
    cases = [decide(400), decide(500, action="refuse"), decide(370, action="guide")]
    first = retention_run(today=TODAY, batch=2)
    second = retention_run(today=TODAY, batch=2)
    third = retention_run(today=TODAY + dt.timedelta(days=30))
    assert (first.archived, second.archived, third.archived) == (3, 0, 0)
    assert RetentionRecord.objects.count() == 3 and RetentionRun.objects.count() == 3
    assert [len(_audit(c)) for c in cases] == [1, 1, 1]
    run_events = AuditEvent.objects.filter(verb="retention.run", object_type="cases.retentionrun")
    assert run_events.count() == 3
    assert audit_verify().first_broken_id is None  # the batch appends kept the hash chain whole


def test_a_batch_costs_the_same_queries_whatever_its_size(decide):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    retention_run(today=TODAY)  # warms the rule and calendar caches
    for i in range(3):
        decide(400 + i)
    with CaptureQueriesContext(connection) as small:
        retention_run(today=TODAY)
    for i in range(12):
        decide(400 + i)
    with CaptureQueriesContext(connection) as large:
        assert retention_run(today=TODAY).archived == 12
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_report_says_what_was_archived_per_unit_reason_and_type(province, submit, decide):
    users = province.users
    anonymous = decide(400, type="to_cao", name="", address="", email="", phone="", id_number="", actor=users.clerk)
    with on(TODAY - dt.timedelta(days=900)):
        first = submit(type="khieu_nai", title="Khiếu nại lần đầu").case
    repeat = decide(380, action="refuse", type="khieu_nai", previous_tracking_code=first.tracking_code)
    guided = decide(390, action="guide", unit="xa-an-phu")
    refused = decide(395, action="refuse", type="giai_trinh")
    report = retention_run(today=TODAY)
    assert report.archived == 4
    assert dict(report.by_reason) == {"anonymous": 1, "repeat": 1, "outside_competence": 1, "refused": 1}
    assert dict(report.by_unit) == {"so-tnmt": 3, "xa-an-phu": 1}
    assert dict(report.by_type) == {"to_cao": 1, "khieu_nai": 1, "phan_anh": 1, "giai_trinh": 1}
    run = RetentionRun.objects.get(pk=report.run_id)
    assert (run.archived, run.by_unit, run.by_reason) == (4, {"so-tnmt": 3, "xa-an-phu": 1}, dict(report.by_reason))
    assert run.finished_at is not None and run.decided_on_or_before == dt.date(2025, 11, 17)
    assert run.legal_basis.startswith("R4 (") and "05/2021/TT-TTCP" in run.legal_basis
    rows = {r.case_id: (r.type, r.unit.code, r.decision, r.reason) for r in run.records.select_related("unit")}
    assert rows == {
        anonymous.pk: ("to_cao", "so-tnmt", "archived", "anonymous"),
        repeat.pk: ("khieu_nai", "so-tnmt", "refused", "repeat"),
        guided.pk: ("phan_anh", "xa-an-phu", "guided", "outside_competence"),
        refused.pk: ("giai_trinh", "so-tnmt", "refused", "refused"),
    }


def test_a_dry_run_counts_and_stores_nothing(decide):
    case = decide(400)
    events = AuditEvent.objects.count()
    report = retention_run(today=TODAY, dry_run=True)
    assert report.dry_run and report.archived == 1 and report.run_id is None
    assert not RetentionRun.objects.exists() and not RetentionRecord.objects.exists()
    assert Case.objects.get(pk=case.pk).retained_at is None and AuditEvent.objects.count() == events


def test_the_command_prints_the_counts_and_a_dry_run_changes_nothing(decide):
    decide(400)
    decide(401, action="refuse")
    out = io.StringIO()
    call_command("retention", "run", "--dry-run", "--today", TODAY.isoformat(), stdout=out)
    text = out.getvalue()
    assert text.startswith("Dry run") and "2025-11-17" in text and "so-tnmt" in text and "Total" in text
    assert not RetentionRun.objects.exists()
    out = io.StringIO()
    call_command("retention", "run", "--today", TODAY.isoformat(), stdout=out)
    assert "Moved to the archive 2 items" in out.getvalue()
    assert RetentionRun.objects.get().trigger == RetentionRun.Trigger.COMMAND
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("retention", "run", "--today", "18/11/2026")


def test_the_daily_task_runs_the_job(decide, settings):
    from minhbach.cases.tasks import retention_run_periodic

    decide(800)
    result = retention_run_periodic.call_local()
    assert result["archived"] == 1 and RetentionRun.objects.get().trigger == RetentionRun.Trigger.SCHEDULE


# --- who reads the report, and what it never contains ---------------------------------------------------------


@pytest.fixture
def run(decide, province):
    decide(400, type="to_cao", confidential=True)
    decide(410, action="guide", unit="xa-an-phu")
    report = retention_run(today=TODAY)
    return RetentionRun.objects.get(pk=report.run_id)


@pytest.mark.parametrize("who,status", [
    ("office", 200), ("inspector", 200), ("admin", 200),
    ("handler", 403), ("leader", 403), ("clerk", 403), ("custodian", 403), ("home", 403), ("front", 403),
])
def test_the_retention_pages_are_for_the_office_inspectors_and_administrators(province, run, who, status):
    client = Client()
    login_verified(client, getattr(province.users, who))
    for url in (reverse("cases:retention_runs"), reverse("cases:retention_run", args=[run.pk]),
                reverse("cases:retention_run_csv", args=[run.pk])):
        assert client.get(url).status_code == status, url
    if status == 200:
        assert client.get(reverse("cases:retention_run", args=[999999])).status_code == 404
        assert client.post(reverse("cases:retention_runs")).status_code == 405


def test_anonymous_visitors_are_sent_to_the_login_page(run):
    r = Client().get(reverse("cases:retention_run", args=[run.pk]))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:login"))


def test_the_pages_show_the_run_and_link_only_items_the_reader_may_open(province, run):
    client = Client()
    login_verified(client, province.users.office)
    listing = client.get(reverse("cases:retention_runs")).content.decode()
    assert reverse("cases:retention_run", args=[run.pk]) in listing
    page = client.get(reverse("cases:retention_run", args=[run.pk])).content.decode()
    codes = list(run.records.values_list("tracking_code", "case_id"))
    assert all(code in page for code, _id in codes)
    assert all(reverse("cases:item", args=[pk]) in page for _code, pk in codes)  # the office may read every item
    assert "Outside competence, sender guided" in page and "UBND xã An Phú" in page
    inspector = Client()
    login_verified(inspector, province.users.inspector)
    page = inspector.get(reverse("cases:retention_run", args=[run.pk])).content.decode()
    assert all(code in page for code, _id in codes)  # the report covers the province …
    assert not any(reverse("cases:item", args=[pk]) in page for _code, pk in codes)  # … the items stay where they are


def test_a_province_reads_only_its_own_rows(province, run):
    from minhbach.accounts.models import User
    from minhbach.orgs.models import Membership, OrgUnit, Role

    other_root = OrgUnit.objects.create(code="ubnd-tinh-khac", name="UBND tỉnh Khác", kind="province")
    other_office = OrgUnit.objects.create(code="vp-khac", name="Văn phòng UBND tỉnh Khác", kind="office", parent=other_root)
    stranger = User.objects.create_user(username="vp_khac", password="Mat-khau-thu-2026")
    Membership.objects.create(user=stranger, unit=other_office, role=Role.PROVINCIAL_OFFICE)
    client = Client()
    login_verified(client, stranger)
    page = client.get(reverse("cases:retention_run", args=[run.pk])).content.decode()
    assert not any(code in page for code in run.records.values_list("tracking_code", flat=True))
    body = b"".join(client.get(reverse("cases:retention_run_csv", args=[run.pk])).streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(body)))) == 1  # the header only


def test_no_identity_in_the_report_the_csv_or_the_audit_log(province, run):
    client = Client()
    login_verified(client, province.users.admin)
    response = client.get(reverse("cases:retention_run_csv", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert {r["tracking_code"] for r in rows} == set(run.records.values_list("tracking_code", flat=True))
    assert {r["reason"] for r in rows} == {"ineligible", "outside_competence"}
    page = client.get(reverse("cases:retention_run", args=[run.pk])).content.decode()
    listing = client.get(reverse("cases:retention_runs")).content.decode()
    out = io.StringIO()
    call_command("retention", "run", "--dry-run", "--today", (TODAY + dt.timedelta(days=60)).isoformat(), stdout=out)
    events = AuditEvent.objects.filter(verb__startswith="retention.")
    audit_text = " ".join(f"{e.reason} {e.data}" for e in events)
    stored = " ".join(f"{r.__dict__}" for r in run.records.all()) + f"{run.__dict__}"
    for text in (body, page, listing, out.getvalue(), audit_text, stored):
        for value in IDENTITY_VALUES:
            assert value not in text


def test_the_report_pages_run_a_bounded_number_of_queries(province, decide, django_assert_max_num_queries):
    for i in range(12):
        decide(400 + i, action=("archive", "refuse", "guide")[i % 3])
    run = RetentionRun.objects.get(pk=retention_run(today=TODAY).run_id)
    client = Client()
    login_verified(client, province.users.office)
    for url in (reverse("cases:retention_runs"), reverse("cases:retention_run", args=[run.pk])):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
