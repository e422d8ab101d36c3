"""Reports: handler drafts, leader signs and submits, Home Affairs accepts or returns; urges; reminders; reviews."""
import datetime as dt
import io

import pytest
from docx import Document

from minhbach.core.errors import DomainError, NotFound
from minhbach.core.models import AuditEvent, OutboxMessage
from minhbach.plans.models import ProgressReport, ReportObligation, Urge
from minhbach.plans.selectors import obligation_state
from minhbach.plans.services import (
    obligations_remind, report_review, report_sign, report_submit, review_document_generate, urge_send,
)

D = dt.date


@pytest.fixture
def plan_with_dept(nghean_plan, province):
    """The imported plan with the environment department leading task II.3.c (and so owing the periodic reports)."""
    from minhbach.plans.models import TaskAssignment
    from minhbach.plans.services import obligations_generate

    task = nghean_plan.tasks.get(path="II.3.c")
    TaskAssignment.objects.create(task=task, unit=province.units.dept, role="lead")
    obligations_generate(plan=nghean_plan, until=D(2023, 12, 1))
    return nghean_plan


def _q1(plan, unit):
    return ReportObligation.objects.get(plan=plan, unit=unit, task=None, period_label="Quý I/2023")


def test_leader_signs_and_submits_home_affairs_returns_then_accepts(plan_with_dept, province):
    users, ob = province.users, _q1(plan_with_dept, province.units.dept)
    assert obligation_state(ob, D(2023, 3, 10)) == "due_soon"
    assert obligation_state(ob, D(2023, 3, 16)) == "overdue"
    task = plan_with_dept.tasks.get(path="II.3.c")
    rep = report_submit(obligation=ob, actor=users.leader, status="on_track", text="Đã kiểm tra 3 cơ quan.",
                        figures={"tasks": {str(task.pk): {"status": "on_track", "text": "3 cuộc kiểm tra"}}})
    ob.refresh_from_db()
    assert rep.review_state == "submitted" and rep.submitted_by == users.leader and ob.review_state == "submitted"
    assert obligation_state(ob, D(2023, 4, 1)) == "submitted"
    assert OutboxMessage.objects.filter(recipient_user=users.home, dedupe_key__startswith=f"plans:report{rep.pk}").exists()
    with pytest.raises(DomainError, match="already waiting"):
        report_submit(obligation=ob, actor=users.leader, status="done", text="Lần hai")

    with pytest.raises(DomainError, match="completed"):
        report_review(report=rep, actor=users.home, decision="return", comment=" ")
    report_review(report=rep, actor=users.home, decision="return", comment="Bổ sung số liệu kiểm tra.")
    ob.refresh_from_db()
    assert ob.review_state == "returned" and obligation_state(ob, D(2023, 3, 1)) == "returned"
    assert obligation_state(ob, D(2023, 4, 1)) == "overdue"
    assert OutboxMessage.objects.filter(recipient_user=users.handler, subject__contains="Quý I/2023").exists()

    rep2 = report_submit(obligation=ob, actor=users.leader, status="done", text="Đã bổ sung số liệu.")
    report_review(report=rep2, actor=users.home, decision="accept")
    ob.refresh_from_db()
    assert ob.review_state == "accepted" and obligation_state(ob, D(2024, 1, 1)) == "accepted"
    verbs = list(AuditEvent.objects.filter(verb__startswith="plan_report").values_list("verb", flat=True))
    assert verbs == ["plan_report.submit", "plan_report.return", "plan_report.submit", "plan_report.accept"]
    with pytest.raises(DomainError, match="already been accepted"):
        report_submit(obligation=ob, actor=users.leader, status="done", text="Lần ba")


def test_a_handlers_report_is_a_draft_until_the_leader_signs_it(plan_with_dept, province):
    users, ob = province.users, _q1(plan_with_dept, province.units.dept)
    draft = report_submit(obligation=ob, actor=users.handler, status="delayed", text="Chưa hoàn thành.")
    ob.refresh_from_db()
    assert draft.review_state == "draft" and ob.review_state == "none"
    with pytest.raises(NotFound):
        report_sign(report=draft, actor=users.handler)
    report_sign(report=draft, actor=users.leader)
    draft.refresh_from_db()
    ob.refresh_from_db()
    assert draft.review_state == "submitted" and draft.submitted_by == users.leader and ob.review_state == "submitted"


def test_other_units_cannot_report_or_review(plan_with_dept, province):
    users, ob = province.users, _q1(plan_with_dept, province.units.dept)
    with pytest.raises(NotFound):
        report_submit(obligation=ob, actor=users.commune_leader, status="done", text="x")
    rep = report_submit(obligation=ob, actor=users.leader, status="done", text="Xong.")
    for actor in (users.leader, users.handler, users.commune_leader, users.admin):
        with pytest.raises(NotFound):
            report_review(report=rep, actor=actor, decision="accept")
    report_review(report=rep, actor=users.office, decision="accept")


def test_sub_unit_leader_has_no_say_but_parent_leader_reports_for_sub_unit(province, nghean_plan):
    from minhbach.plans.models import TaskAssignment
    from minhbach.plans.services import obligations_generate

    TaskAssignment.objects.create(task=nghean_plan.tasks.get(path="II.3.a"), unit=province.units.dept_sub)
    obligations_generate(plan=nghean_plan, until=D(2023, 12, 1))
    ob = _q1(nghean_plan, province.units.dept_sub)
    rep = report_submit(obligation=ob, actor=province.users.leader, status="done", text="Chi cục đã thực hiện.")
    assert rep.review_state == "submitted"


def test_attachment_is_checked(plan_with_dept, province):
    ob = _q1(plan_with_dept, province.units.dept)
    with pytest.raises(DomainError, match="not an accepted type"):
        report_submit(obligation=ob, actor=province.users.leader, status="done", text="x",
                      attachment=("bao-cao.exe", b"MZ\x90\x00" + b"\x00" * 64))
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    rep = report_submit(obligation=ob, actor=province.users.leader, status="done", text="x", attachment=("bao cao.pdf", pdf))
    assert rep.attachment_type == "application/pdf" and rep.attachment_name.endswith(".pdf")


def test_urge_is_recorded_audited_and_notified(plan_with_dept, province):
    task = plan_with_dept.tasks.get(path="II.3.c")
    urge = urge_send(plan=plan_with_dept, unit=province.units.dept, task=task, actor=province.users.home,
                     text="Đề nghị Sở báo cáo quý I trước ngày 20/3.")
    assert Urge.objects.get() == urge and urge.by == province.users.home
    assert AuditEvent.objects.filter(verb="plan.urge", object_id=str(urge.pk)).exists()
    notified = set(OutboxMessage.objects.filter(dedupe_key=f"plans:urge{urge.pk}:u{province.users.leader.pk}")
                   .values_list("body", flat=True))
    assert notified == {"Đề nghị Sở báo cáo quý I trước ngày 20/3."}
    assert OutboxMessage.objects.filter(recipient_user=province.users.handler, dedupe_key__startswith=f"plans:urge{urge.pk}").exists()
    with pytest.raises(NotFound):
        urge_send(plan=plan_with_dept, unit=province.units.dept, actor=province.users.commune_leader, text="x")
    with pytest.raises(DomainError):
        urge_send(plan=plan_with_dept, unit=province.units.dept, actor=province.users.home, text="  ")


def test_reminders_go_to_the_unit_then_home_affairs_once(plan_with_dept, province):
    users = province.users
    before = OutboxMessage.objects.count()
    result = obligations_remind(today=D(2023, 3, 10))  # Q1 due 15/3: due soon
    # Overdue on 10/3: task V.1 (due 31/01), owed by each of its seven lead units.
    assert result["overdue"] == ReportObligation.objects.filter(task__path="V.1").count() == 7
    assert result["due_soon"] == ReportObligation.objects.filter(task=None, period_label="Quý I/2023",
                                                                 unit__memberships__role__in=["leader", "handler"]).distinct().count() == 4
    soon = OutboxMessage.objects.filter(recipient_user=users.leader, subject__contains="Quý I/2023")
    assert soon.count() == 1 and not OutboxMessage.objects.filter(recipient_user=users.home, subject__contains="Quý I/2023").exists()
    assert obligations_remind(today=D(2023, 3, 10)) == {"due_soon": 0, "overdue": 0}
    obligations_remind(today=D(2023, 3, 20))  # now overdue: the unit again, and Home Affairs
    assert OutboxMessage.objects.filter(recipient_user=users.leader, subject__contains="Quý I/2023").count() == 2
    assert OutboxMessage.objects.filter(recipient_user=users.home, subject__contains="Quý I/2023").exists()
    count = OutboxMessage.objects.count()
    obligations_remind(today=D(2023, 3, 21))
    assert OutboxMessage.objects.count() == count > before


def test_accepted_reports_are_not_reminded(plan_with_dept, province):
    ob = _q1(plan_with_dept, province.units.dept)
    rep = report_submit(obligation=ob, actor=province.users.leader, status="done", text="Xong.")
    report_review(report=rep, actor=province.users.home, decision="accept")
    obligations_remind(today=D(2023, 3, 20))
    assert not OutboxMessage.objects.filter(dedupe_key__startswith=f"plans:ob{ob.pk}:").exists()


def test_review_document_contains_the_consolidated_table(plan_with_dept, province):
    users = province.users
    task = plan_with_dept.tasks.get(path="II.3.c")
    ob = _q1(plan_with_dept, province.units.dept)
    rep = report_submit(obligation=ob, actor=users.leader, status="on_track", text="Báo cáo chung của Sở.",
                        figures={"tasks": {str(task.pk): {"status": "done", "text": "Đã kiểm tra 3 cơ quan"}}})
    report_review(report=rep, actor=users.home, decision="accept")
    review = review_document_generate(plan=plan_with_dept, kind="so_ket", period="6 tháng đầu năm 2023",
                                      actor=users.home, today=D(2023, 7, 1))
    doc = Document(io.BytesIO(bytes(review.content)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Tình hình thực hiện", "Nội dung báo cáo"]
    assert any(r[1].startswith("II.3.c") and r[2] == "Sở Nông nghiệp và Môi trường" and r[3] == "Hoàn thành"
               and r[4] == "Đã kiểm tra 3 cơ quan" for r in rows)
    assert any(r[1].startswith("II.3.a") and r[2] == "Sở Nội vụ" and r[3] == "Quá hạn, chưa báo cáo" for r in rows)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Sơ kết việc thực hiện Kế hoạch số 48/KH-UBND" in text and "6 tháng đầu năm 2023" in text
    assert review.period_label == "6 tháng đầu năm 2023"
    with pytest.raises(DomainError):
        review_document_generate(plan=plan_with_dept, kind="so_ket", period="quý năm", actor=users.home)
    with pytest.raises(NotFound):
        review_document_generate(plan=plan_with_dept, actor=users.leader)
