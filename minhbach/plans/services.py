"""Writes of plan tracking: import, plan creation, obligations, reports, reviews, urges, reminders.

Each service checks the actor's permission (an actor of None is the system: demo loader, sweep),
writes in one transaction, appends the audit event and queues notifications (sent after commit).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases.services.notify import notify_users
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.core.officialdoc import OfficialDocument, render_official_document
from minhbach.core.uploads import check_upload
from minhbach.orgs.models import OrgUnit, Role
from minhbach.orgs.selectors import province_root, unit_members
from minhbach.plans import conf, policies
from minhbach.plans.importing import TIMING_KINDS, draft_from_extraction, extract, read_upload
from minhbach.plans.matching import UnitIndex
from minhbach.plans.models import (
    AssignmentRole, Plan, PlanImport, PlanReview, PlanStatus, ProgressReport, ProgressStatus, ReportObligation,
    ReviewKind, ReviewState, Task, TaskAssignment, Urge,
)
from minhbach.plans.periods import Period, cadence_periods, parse_period, task_periods

log = logging.getLogger(__name__)
CADENCE_CHOICES = ("monthly", "quarterly", "semiannual", "yearly")


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _require(ok: bool) -> None:
    if not ok:
        raise NotFound(_("Not found."))


# --- import ---------------------------------------------------------------------------------------


def plan_import_start(*, actor, issuing_unit: OrgUnit, name: str, content: bytes) -> PlanImport:
    """Read and extract an uploaded plan (.txt/.docx) into a draft kept in the database for review."""
    if not policies.can_import_for(actor, issuing_unit):
        raise PermissionDenied(_("You may not import plans for this unit."))
    text = read_upload(name=name, content=content)
    index = UnitIndex(province_root(issuing_unit))
    try:
        extracted = extract(text, index)
    except Exception:  # the extractor is heuristic: an unexpected document must give a message, not a 500
        log.warning("Plan extraction failed for an uploaded document", exc_info=True)
        raise DomainError(_("The document could not be read as a plan."), field="file") from None
    draft = draft_from_extraction(extracted, text, index)
    safe = "".join(ch for ch in name.rsplit("/", 1)[-1] if ch.isalnum() or ch in " ._-()")[:120] or "ke-hoach.txt"
    with transaction.atomic():
        imp = PlanImport(created_by=actor, issuing_unit=issuing_unit, source_name=safe, text=text,
                         extracted=extracted, draft=draft)
        imp.source_file.save(f"{hashlib.sha256(content).hexdigest()[:16]}-{safe}", ContentFile(content), save=False)
        imp.save()
        audit_append(actor=actor, verb="plan_import.start", obj=imp,
                     data={"file": safe, "tasks": len(draft["tasks"]), "unit": issuing_unit.code})
    return imp


def plan_import_update(*, plan_import: PlanImport, actor, draft: dict) -> PlanImport:
    """Replace the reviewed draft of an import (metadata and task table) while it is still a draft."""
    _require(plan_import.created_by_id == getattr(actor, "pk", None) or policies.can_import_for(actor, plan_import.issuing_unit))
    if plan_import.status != PlanImport.Status.DRAFT:
        raise DomainError(_("This import has already been saved or discarded."))
    with transaction.atomic():
        plan_import.draft = draft
        plan_import.updated_at = clock.now()
        plan_import.save(update_fields=["draft", "updated_at"])
        audit_append(actor=actor, verb="plan_import.update", obj=plan_import, data={"tasks": len(draft.get("tasks", []))})
    return plan_import


def plan_import_save(*, plan_import: PlanImport, actor, today: dt.date | None = None) -> Plan:
    """Turn a reviewed import into an active plan and generate its report obligations."""
    _require(policies.can_import_for(actor, plan_import.issuing_unit))
    with transaction.atomic():
        locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
        if locked.status != PlanImport.Status.DRAFT:
            raise DomainError(_("This import has already been saved or discarded."))
        with locked.source_file.open("rb") as fh:
            content = fh.read()
        plan = plan_create_from_draft(draft=locked.draft, actor=actor, issuing_unit=locked.issuing_unit,
                                      text=locked.text, extracted=locked.extracted, source_name=locked.source_name,
                                      source_content=content, today=today)
        locked.status = PlanImport.Status.SAVED
        locked.plan = plan
        locked.updated_at = clock.now()
        locked.save(update_fields=["status", "plan", "updated_at"])
        audit_append(actor=actor, verb="plan_import.save", obj=locked, data={"plan": plan.pk})
    return plan


def plan_import_discard(*, plan_import: PlanImport, actor) -> None:
    """Abandon an import draft."""
    _require(plan_import.created_by_id == getattr(actor, "pk", None) or policies.can_import_for(actor, plan_import.issuing_unit))
    with transaction.atomic():
        plan_import.status = PlanImport.Status.DISCARDED
        plan_import.save(update_fields=["status"])
        audit_append(actor=actor, verb="plan_import.discard", obj=plan_import)


# --- plans ----------------------------------------------------------------------------------------


def plan_create_from_extraction(*, data: dict, actor, issuing_unit: OrgUnit, text: str = "", source_name: str = "",
                                source_content: bytes | None = None, parent_task: Task | None = None,
                                today: dt.date | None = None) -> Plan:
    """Create an active plan from the extractor's output, mapping its agencies to the province's units."""
    index = UnitIndex(province_root(issuing_unit))
    draft = draft_from_extraction(data, text, index)
    if parent_task is not None:
        draft["parent_task"] = parent_task.pk
    return plan_create_from_draft(draft=draft, actor=actor, issuing_unit=issuing_unit, text=text, extracted=data,
                                  source_name=source_name, source_content=source_content, today=today)


def plan_create_from_draft(*, draft: dict, actor, issuing_unit: OrgUnit, text: str = "", extracted: dict | None = None,
                           source_name: str = "", source_content: bytes | None = None,
                           today: dt.date | None = None) -> Plan:
    """Create a plan, its tasks and their lead/coordinating units from a reviewed draft; then its obligations."""
    if actor is not None and not policies.can_import_for(actor, issuing_unit):
        raise PermissionDenied(_("You may not create plans for this unit."))
    doc = draft.get("document") or {}
    rep = draft.get("reporting") or {}
    title = (doc.get("title") or "").strip()
    if not title:
        raise DomainError(_("The plan needs a title."), field="title")
    root = province_root(issuing_unit)
    province_units = {u.pk: u for u in OrgUnit.objects.filter(path__startswith=root.path)}
    parent_task = None
    if draft.get("parent_task"):
        parent_task = Task.objects.select_related("plan__issuing_unit").filter(pk=draft["parent_task"]).first()
        if parent_task is None or (actor is not None and not policies.can(actor, "view", parent_task)):
            raise DomainError(_("The higher plan's task was not found."), field="parent_task")
    reports_to = province_units.get(rep.get("reports_to_unit")) if rep.get("reports_to_unit") else None
    yearly_due = rep.get("yearly_due") or ""
    if yearly_due and not _valid_month_day(yearly_due):
        raise DomainError(_("The yearly report date must be a day and month, e.g. 15/11."), field="yearly_due")
    with transaction.atomic():
        plan = Plan(
            number=(doc.get("number") or "")[:100], doc_type=(doc.get("doc_type") or "Kế hoạch")[:60],
            issuing_unit=issuing_unit, issuing_body=(doc.get("issuing_body") or issuing_unit.name)[:255],
            issue_date=_date(doc.get("issue_date")), title=title, implements=list(doc.get("implements") or []),
            parent_task=parent_task, period_start=_date(doc.get("period_start")), period_end=_date(doc.get("period_end")),
            source_name=source_name[:150], source_text=text, extracted=extracted or {},
            report_cadences=[c for c in CADENCE_CHOICES if c in (rep.get("cadences") or [])],
            report_day=rep.get("day") or None, report_yearly_due=yearly_due, reports_to=reports_to,
            reports_to_text=(rep.get("reports_to_text") or "")[:255], status=PlanStatus.ACTIVE,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if source_content:
            plan.source_file.save(source_name or "ke-hoach.txt", ContentFile(source_content), save=False)
        plan.save()
        if plan.implements:
            plan.implements_plans.set(Plan.objects.filter(number__in=plan.implements, issuing_unit__path__startswith=root.path)
                                      .exclude(pk=plan.pk))
        seen: Counter = Counter()
        for order, t in enumerate(draft.get("tasks") or [], start=1):
            text_ = (t.get("text") or "").strip()
            if not text_:
                continue
            path = (t.get("path") or str(order)).strip()[:36]
            seen[path] += 1
            if seen[path] > 1:
                path = f"{path} ({seen[path]})"
            kind = t.get("timing_kind") if t.get("timing_kind") in TIMING_KINDS else "none"
            timing = dict(t.get("timing") or {})
            due = _date(t.get("due_date"))
            timing["kind"] = kind
            if due:
                timing["due"] = due.isoformat()
            quota_value = t.get("quota_value")
            task = Task.objects.create(
                plan=plan, path=path, order=order, line=t.get("line") or None, text=text_,
                unmatched_agencies=list(t.get("unmatched") or []), timing_kind=kind, timing=timing,
                timing_text=(t.get("timing_text") or "")[:255], due_date=due, requires_publication=bool(t.get("publish")),
                quota_text=(t.get("quota_text") or "")[:255],
                quota_value=quota_value if isinstance(quota_value, (int, float)) else None,
            )
            leads = [i for i in dict.fromkeys(t.get("lead_ids") or []) if i in province_units]
            coords = [i for i in dict.fromkeys(t.get("coordinate_ids") or []) if i in province_units and i not in leads]
            TaskAssignment.objects.bulk_create(
                [TaskAssignment(task=task, unit_id=i, role=AssignmentRole.LEAD) for i in leads]
                + [TaskAssignment(task=task, unit_id=i, role=AssignmentRole.COORDINATE) for i in coords])
        audit_append(actor=actor, verb="plan.create", obj=plan,
                     data={"number": plan.number, "tasks": plan.tasks.count(), "source": source_name,
                           "parent_task": parent_task.pk if parent_task else None})
        created = obligations_generate(plan=plan, until=today or clock.today())
    plan.obligations_created = created
    return plan


def _valid_month_day(value: str) -> bool:
    try:
        month, day = (int(x) for x in value.split("-"))
        dt.date(2024, month, day)
    except ValueError:
        return False
    return True


def plan_set_status(*, plan: Plan, actor, status: str) -> Plan:
    """Activate or close a plan (closing stops new obligations and reminders)."""
    if actor is not None and not policies.can(actor, "manage", plan):
        raise NotFound(_("Not found."))
    if status not in PlanStatus.values:
        raise DomainError(_("Unknown plan status."))
    with transaction.atomic():
        old = plan.status
        plan.status = status
        plan.save(update_fields=["status"])
        audit_append(actor=actor, verb="plan.status", obj=plan, data={"from": old, "to": status})
    return plan


# --- obligations ----------------------------------------------------------------------------------


def _plan_start(plan: Plan) -> dt.date:
    return plan.period_start or plan.issue_date or clock.local_date(plan.created_at)


def obligations_generate(*, plan: Plan, until: dt.date) -> int:
    """Create each lead unit's report obligations up to `until` (periods starting by then); idempotent, across years."""
    if plan.status != PlanStatus.ACTIVE:
        return 0
    start = _plan_start(plan)
    day = plan.report_day or conf.report_day()
    yearly_due = tuple(int(x) for x in plan.report_yearly_due.split("-")) if plan.report_yearly_due else None
    last = min(until, plan.period_end) if plan.period_end else until
    wanted: list[tuple[Task | None, int, Period]] = []
    tasks = list(plan.tasks.prefetch_related("assignments"))
    lead_units: list[int] = []
    for task in tasks:
        leads = [a.unit_id for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        lead_units += [u for u in leads if u not in lead_units]
        for period in task_periods(task.timing, kind=task.timing_kind, due_date=task.due_date, plan_start=start,
                                   until=until, day=day, plan_end=plan.period_end):
            if period.start > until:
                continue
            wanted += [(task, unit_id, period) for unit_id in leads]
    if plan.report_cadences and last >= start:
        for period in cadence_periods(plan.report_cadences, first=start, last=last, day=day, yearly_due=yearly_due,
                                      plan_end=plan.period_end):
            wanted += [(None, unit_id, period) for unit_id in lead_units]
    existing = set(ReportObligation.objects.filter(plan=plan).values_list("task_id", "unit_id", "period_start", "period_end"))
    new = []
    for task, unit_id, p in wanted:
        key = (task.pk if task else None, unit_id, p.start, p.end)
        if key in existing:
            continue
        existing.add(key)
        new.append(ReportObligation(plan=plan, task=task, unit_id=unit_id, period_label=p.label[:60],
                                    period_start=p.start, period_end=p.end, due_date=p.due))
    if new:
        with transaction.atomic():
            ReportObligation.objects.bulk_create(new, ignore_conflicts=True)
            audit_append(actor=None, verb="plan.obligations_generate", obj=plan,
                         data={"created": len(new), "until": until.isoformat()})
    return len(new)


def _reviewers(plan: Plan):
    """Home Affairs users of the province and the issuing unit's leaders."""
    user_model = get_user_model()
    root = plan.issuing_unit.root_path
    home = user_model.objects.filter(memberships__role=Role.HOME_AFFAIRS, memberships__unit__path__startswith=root)
    leaders = user_model.objects.filter(memberships__role=Role.LEADER, memberships__unit=plan.issuing_unit)
    return (home | leaders).distinct()


def _unit_staff(unit: OrgUnit):
    return unit_members(unit, [Role.LEADER, Role.HANDLER])


def report_submit(*, obligation: ReportObligation, actor, status: str, text: str, figures: dict | None = None,
                  attachment: tuple[str, bytes] | None = None, sign: bool = True) -> ProgressReport:
    """Record a unit's report: a leader's submission signs it; a handler's is a draft awaiting the leader."""
    if actor is not None and not policies.can(actor, "prepare", obligation):
        raise NotFound(_("Not found."))
    signs = actor is None or (sign and policies.can(actor, "submit", obligation))
    if status not in ProgressStatus.values:
        raise DomainError(_("Choose the state of implementation."), field="status")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write what has been done."), field="text")
    checked = check_upload(name=attachment[0], content=attachment[1]) if attachment and attachment[1] else None
    with transaction.atomic():
        ob = ReportObligation.objects.select_for_update().get(pk=obligation.pk)
        if ob.review_state == ReviewState.ACCEPTED:
            raise DomainError(_("This report has already been accepted."))
        if ob.review_state == ReviewState.SUBMITTED:
            raise DomainError(_("A report for this period is already waiting for review."))
        now = clock.now()
        rep = ProgressReport(obligation=ob, prepared_by=actor if getattr(actor, "pk", None) else None, status=status,
                             text=text, figures=figures or {},
                             review_state=ProgressReport.Review.SUBMITTED if signs else ProgressReport.Review.DRAFT)
        if signs:
            rep.submitted_by = rep.prepared_by
            rep.submitted_at = now
        if checked:
            rep.attachment.save(checked.name, ContentFile(checked.content), save=False)
            rep.attachment_name = checked.name
            rep.attachment_type = checked.content_type
        rep.save()
        if signs:
            _obligation_reported(ob, rep)
        audit_append(actor=actor, verb="plan_report.submit" if signs else "plan_report.draft", obj=rep,
                     data={"obligation": ob.pk, "status": status})
        if signs:
            _notify_submitted(ob, rep)
    return rep


def report_sign(*, report: ProgressReport, actor) -> ProgressReport:
    """A leader signs and submits a draft report prepared by a handler of the unit."""
    ob = report.obligation
    if actor is not None and not policies.can(actor, "submit", ob):
        raise NotFound(_("Not found."))
    with transaction.atomic():
        rep = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if rep.review_state != ProgressReport.Review.DRAFT:
            raise DomainError(_("Only a draft report can be signed."))
        locked = ReportObligation.objects.select_for_update().get(pk=ob.pk)
        if locked.review_state in (ReviewState.SUBMITTED, ReviewState.ACCEPTED):
            raise DomainError(_("A report for this period is already submitted."))
        rep.review_state = ProgressReport.Review.SUBMITTED
        rep.submitted_by = actor if getattr(actor, "pk", None) else None
        rep.submitted_at = clock.now()
        rep.save(update_fields=["review_state", "submitted_by", "submitted_at"])
        _obligation_reported(locked, rep)
        audit_append(actor=actor, verb="plan_report.sign", obj=rep, data={"obligation": locked.pk})
        _notify_submitted(locked, rep)
    return rep


def _obligation_reported(ob: ReportObligation, rep: ProgressReport) -> None:
    ob.review_state = ReviewState.SUBMITTED
    ob.progress = rep.status
    ob.save(update_fields=["review_state", "progress"])


def _notify_submitted(ob: ReportObligation, rep: ProgressReport) -> None:
    plan = ob.plan
    notify_users(users=_reviewers(plan),
                 subject=_("Report received: %(unit)s — %(period)s") % {"unit": ob.unit.name, "period": ob.period_label},
                 body=_("%(unit)s reported on plan %(plan)s for %(period)s. It waits for review.")
                 % {"unit": ob.unit.name, "plan": plan.number or plan.title[:80], "period": ob.period_label},
                 dedupe_key=f"plans:report{rep.pk}:submitted")


def report_review(*, report: ProgressReport, actor, decision: str, comment: str = "") -> ProgressReport:
    """Accept a submitted report, or return it with a comment (the unit then reports again)."""
    if actor is not None and not policies.can(actor, "review", report):
        raise NotFound(_("Not found."))
    if decision not in ("accept", "return"):
        raise DomainError(_("Choose to accept or to return the report."), field="decision")
    comment = (comment or "").strip()
    if decision == "return" and not comment:
        raise DomainError(_("Say what must be completed when returning a report."), field="comment")
    with transaction.atomic():
        rep = ProgressReport.objects.select_for_update().select_related("obligation__unit", "obligation__plan").get(pk=report.pk)
        if rep.review_state != ProgressReport.Review.SUBMITTED:
            raise DomainError(_("This report is not waiting for review."))
        ob = ReportObligation.objects.select_for_update().get(pk=rep.obligation_id)
        rep.review_state = ProgressReport.Review.ACCEPTED if decision == "accept" else ProgressReport.Review.RETURNED
        rep.reviewer = actor if getattr(actor, "pk", None) else None
        rep.review_comment = comment
        rep.reviewed_at = clock.now()
        rep.save(update_fields=["review_state", "reviewer", "review_comment", "reviewed_at"])
        ob.review_state = ReviewState.ACCEPTED if decision == "accept" else ReviewState.RETURNED
        ob.save(update_fields=["review_state"])
        audit_append(actor=actor, verb=f"plan_report.{decision}", obj=rep, reason=comment[:500], data={"obligation": ob.pk})
        if decision == "return":
            notify_users(users=_unit_staff(ob.unit),
                         subject=_("Report returned: %(period)s") % {"period": ob.period_label},
                         body=_("Your report on plan %(plan)s for %(period)s was returned: %(comment)s")
                         % {"plan": ob.plan.number or ob.plan.title[:80], "period": ob.period_label, "comment": comment},
                         dedupe_key=f"plans:report{rep.pk}:returned")
    return rep


def urge_send(*, plan: Plan, unit: OrgUnit, actor, text: str, task: Task | None = None) -> Urge:
    """Record an urge (đôn đốc) to a unit about a plan or a task, and notify the unit's leaders and handlers."""
    if actor is not None and not policies.can(actor, "urge", plan):
        raise NotFound(_("Not found."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the message of the urge."), field="text")
    if task is not None and task.plan_id != plan.pk:
        raise DomainError(_("The task is not part of this plan."), field="task")
    if not unit.path.startswith(plan.issuing_unit.root_path):
        raise DomainError(_("The unit is not in this province."), field="unit")
    with transaction.atomic():
        urge = Urge.objects.create(plan=plan, task=task, unit=unit, by=actor if getattr(actor, "pk", None) else None, text=text)
        audit_append(actor=actor, verb="plan.urge", obj=urge, data={"plan": plan.pk, "unit": unit.code,
                                                                  "task": task.path if task else None})
        what = f"{plan.number or plan.title[:60]}" + (f" — {task.path}" if task else "")
        notify_users(users=_unit_staff(unit), subject=_("Urged: plan %(plan)s") % {"plan": what},
                     body=text, dedupe_key=f"plans:urge{urge.pk}")
    return urge


# --- reviews (sơ kết / tổng kết) ------------------------------------------------------------------

STATUS_VI = {"done": "Hoàn thành", "on_track": "Đang thực hiện, đúng tiến độ", "delayed": "Chậm tiến độ",
             "not_started": "Chưa triển khai"}
STATE_VI = {"accepted": "Đã báo cáo (đã tiếp nhận)", "submitted": "Đã báo cáo (chờ xem xét)",
            "returned": "Bị trả lại, chưa báo cáo lại", "overdue": "Quá hạn, chưa báo cáo",
            "due_soon": "Sắp đến hạn", "not_reported": "Chưa báo cáo"}


def review_document_generate(*, plan: Plan, kind: str = ReviewKind.SO_KET, period=None, actor=None,
                             today: dt.date | None = None) -> PlanReview:
    """Render the sơ kết / tổng kết report (.docx, F1) with a table of every task, unit, status and report text."""
    if actor is not None and not policies.can(actor, "generate_review", plan):
        raise NotFound(_("Not found."))
    if kind not in ReviewKind.values:
        raise DomainError(_("Choose a preliminary or a final review."), field="kind")
    today = today or clock.today()
    if isinstance(period, Period):
        p = period
    elif period:
        p = parse_period(str(period))
        if p is None:
            raise DomainError(_("Write the period as a year (2026), a quarter (Quý I/2026), a half-year "
                                "(6 tháng đầu năm 2026), a month (Tháng 3/2026) or two dates."), field="period")
    else:
        start = _plan_start(plan)
        end = min(plan.period_end or today, today)
        p = Period(f"{start:%d/%m/%Y} – {end:%d/%m/%Y}", start, max(start, end), max(start, end))
    from minhbach.plans.selectors import obligation_state

    tasks = list(plan.tasks.prefetch_related("assignments__unit").order_by("order"))
    obligations = list(ReportObligation.objects.filter(plan=plan, period_start__lte=p.end, period_end__gte=p.start)
                       .select_related("unit"))
    reports = list(ProgressReport.objects.filter(obligation__in=obligations, review_state__in=["submitted", "accepted"])
                   .select_related("obligation").order_by("submitted_at", "id"))
    task_line: dict[tuple, tuple[str, str]] = {}
    general: dict[int, ProgressReport] = {}
    for rep in reports:
        ob = rep.obligation
        if ob.task_id:
            task_line[(ob.task_id, ob.unit_id)] = (rep.status, rep.text)
        else:
            general[ob.unit_id] = rep
            for task_id, line in (rep.figures or {}).get("tasks", {}).items():
                if isinstance(line, dict) and line.get("status"):
                    task_line[(int(task_id), ob.unit_id)] = (line["status"], line.get("text") or "")
    state_of_unit: dict[int, str] = {}
    for ob in obligations:
        st = obligation_state(ob, today)
        if st in ("overdue", "returned") or ob.unit_id not in state_of_unit:
            state_of_unit[ob.unit_id] = st
    table = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Tình hình thực hiện", "Nội dung báo cáo"]]
    counts: Counter = Counter()
    n = 0
    for task in tasks:
        leads = [a.unit for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        for unit in leads or [None]:
            n += 1
            line = task_line.get((task.pk, unit.pk)) if unit else None
            if not line and unit and unit.pk in general:
                # No line for this task: the unit's general report speaks for all its tasks.
                line = (general[unit.pk].status, "Xem báo cáo chung của đơn vị.")
            if line:
                status, text = STATUS_VI.get(line[0], line[0]), line[1]
                counts[line[0]] += 1
            else:
                st = state_of_unit.get(unit.pk, "not_reported") if unit else "not_reported"
                status, text = STATE_VI.get(st, st), ""
                counts["no_report"] += 1
            table.append([str(n), f"{task.path}. {task.text[:300]}", unit.name if unit else "(chưa giao)", status, text[:1500]])
    kind_vi = "Sơ kết" if kind == ReviewKind.SO_KET else "Tổng kết"
    body = [
        f"{kind_vi} việc thực hiện {plan.doc_type} số {plan.number or '…'}"
        + (f" ngày {plan.issue_date:%d/%m/%Y}" if plan.issue_date else "") + f" của {plan.issuing_body or plan.issuing_unit.name}"
        + f" về {plan.title}, kỳ {p.label}.",
        f"Kế hoạch có {len(tasks)} nhiệm vụ; trong kỳ, các đơn vị đã báo cáo {len(reports)} lượt. "
        f"Số nhiệm vụ – đơn vị: hoàn thành {counts['done']}, đúng tiến độ {counts['on_track']}, "
        f"chậm tiến độ {counts['delayed']}, chưa triển khai {counts['not_started']}, chưa có báo cáo {counts['no_report']}.",
    ]
    for unit_id, rep in general.items():
        body.append(f"{rep.obligation.unit.name}: {rep.text[:1500]}")
    body.append("Kết quả thực hiện từng nhiệm vụ được tổng hợp tại bảng dưới đây.")
    issuer = plan.reports_to or plan.issuing_unit
    spec = OfficialDocument(
        issuing_body=issuer.name, parent_body=plan.issuing_unit.name if issuer != plan.issuing_unit else "",
        title=f"Báo cáo {kind_vi.lower()} việc thực hiện {plan.doc_type} {plan.number}".strip(),
        subject=f"{kind_vi.lower()} thực hiện {plan.doc_type} {plan.number}".strip(), symbol="BC",
        place=issuer.place_name or plan.issuing_unit.place_name or "", date=today, body=body, table=table,
        recipients=[plan.issuing_unit.name, "Lưu: VT"], signer_title="Thủ trưởng cơ quan",
    )
    content = render_official_document(spec)
    with transaction.atomic():
        review = PlanReview.objects.create(plan=plan, kind=kind, period_label=p.label[:60], period_start=p.start,
                                           period_end=p.end, content=content,
                                           created_by=actor if getattr(actor, "pk", None) else None)
        audit_append(actor=actor, verb="plan.review_generate", obj=review, data={"plan": plan.pk, "kind": kind,
                                                                              "period": p.label})
    return review


# --- reminders ------------------------------------------------------------------------------------


def obligations_remind(*, today: dt.date | None = None) -> dict:
    """Due within N days → the unit's leaders and handlers; overdue → also Home Affairs. Idempotent (dedupe keys)."""
    today = today or clock.today()
    soon = today + dt.timedelta(days=conf.due_soon_days())
    sent = Counter()
    user_model = get_user_model()
    qs = (ReportObligation.objects.filter(plan__status=PlanStatus.ACTIVE, due_date__lte=soon,
                                          review_state__in=[ReviewState.NONE, ReviewState.RETURNED])
          .select_related("plan__issuing_unit", "unit", "task").order_by("id"))
    for ob in qs.iterator(chunk_size=500):
        overdue = ob.due_date < today
        what = ob.plan.number or ob.plan.title[:60]
        if ob.task_id:
            what += f" — {ob.task.path}"
        due = ob.due_date.strftime("%d/%m/%Y")
        level = "overdue" if overdue else "soon"
        subject = (_("Overdue report: %(plan)s, %(period)s (due %(due)s)") if overdue
                   else _("Report due soon: %(plan)s, %(period)s (due %(due)s)")) % {"plan": what, "period": ob.period_label, "due": due}
        body = _("%(unit)s must report on plan %(plan)s for %(period)s by %(due)s.") % {
            "unit": ob.unit.name, "plan": what, "period": ob.period_label, "due": due}
        with transaction.atomic():
            n = notify_users(users=_unit_staff(ob.unit), subject=subject, body=body,
                             dedupe_key=f"plans:ob{ob.pk}:{ob.due_date.isoformat()}:{level}")
            if overdue:
                home = user_model.objects.filter(memberships__role=Role.HOME_AFFAIRS,
                                                 memberships__unit__path__startswith=ob.unit.root_path).distinct()
                n += notify_users(users=home, subject=subject, body=body,
                                  dedupe_key=f"plans:ob{ob.pk}:{ob.due_date.isoformat()}:home")
        sent[level] += 1 if n else 0
    return {"due_soon": sent["soon"], "overdue": sent["overdue"]}


def plans_sweep(*, today: dt.date | None = None) -> dict:
    """The periodic sweep: roll every active plan's obligations forward to today, then send reminders."""
    today = today or clock.today()
    created = sum(obligations_generate(plan=p, until=today) for p in Plan.objects.filter(status=PlanStatus.ACTIVE))
    return {"created": created, **obligations_remind(today=today)}
