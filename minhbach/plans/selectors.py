"""Reads of plans, tasks, obligations and reports, each restricted by the plans policy."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from minhbach.core.errors import NotFound
from minhbach.plans import conf, policies
from minhbach.plans.models import (
    AssignmentRole, Plan, ProgressReport, ReportObligation, ReviewState, Task, TaskAssignment,
)

STATES = ("accepted", "submitted", "returned", "overdue", "due_soon", "not_reported")


def obligation_state(ob: ReportObligation, today: dt.date) -> str:
    """Derived state: accepted / submitted stand; returned or unreported past due is overdue; near due is due_soon."""
    if ob.review_state == ReviewState.ACCEPTED:
        return "accepted"
    if ob.review_state == ReviewState.SUBMITTED:
        return "submitted"
    if ob.due_date < today:
        return "overdue"
    if ob.review_state == ReviewState.RETURNED:
        return "returned"
    if ob.due_date <= today + dt.timedelta(days=conf.due_soon_days()):
        return "due_soon"
    return "not_reported"


def plans_for_user(user) -> QuerySet[Plan]:
    """Plans the user may open, newest first."""
    return policies.scope_plans(user, Plan.objects.select_related("issuing_unit")).order_by("-issue_date", "-id")


def plans_with_counts(user, today: dt.date) -> list[Plan]:
    """Plans the user may open, with overdue and awaiting-review counts where the user sees the whole plan."""
    from django.db.models import Count, Q

    late = Q(obligations__due_date__lt=today, obligations__review_state__in=[ReviewState.NONE, ReviewState.RETURNED])
    plans = list(plans_for_user(user).select_related("parent_task__plan").annotate(
        overdue_count=Count("obligations", filter=late),
        awaiting_count=Count("obligations", filter=Q(obligations__review_state=ReviewState.SUBMITTED)))[:500])
    for plan in plans:
        plan.show_counts = policies.can_view_whole_plan(user, plan)
    return plans


def plan_get_for_user(user, plan_id: int, action: str = "view") -> Plan:
    """One plan the user may `action`; missing and forbidden are both NotFound."""
    plan = Plan.objects.select_related("issuing_unit", "reports_to", "parent_task__plan").filter(pk=plan_id).first()
    if plan is None or not policies.can(user, action, plan):
        raise NotFound("plan")
    return plan


def obligation_get_for_user(user, obligation_id: int, action: str = "view") -> ReportObligation:
    """One obligation the user may `action`; missing and forbidden are both NotFound."""
    ob = (ReportObligation.objects.select_related("plan__issuing_unit", "task", "unit")
          .filter(pk=obligation_id).first())
    if ob is None or not policies.can(user, action, ob):
        raise NotFound("obligation")
    return ob


def report_get_for_user(user, report_id: int, action: str = "view") -> ProgressReport:
    """One report the user may `action`; missing and forbidden are both NotFound."""
    rep = (ProgressReport.objects.select_related("obligation__plan__issuing_unit", "obligation__unit", "obligation__task",
                                                 "submitted_by", "prepared_by", "reviewer")
           .filter(pk=report_id).first())
    if rep is None or not policies.can(user, action, rep):
        raise NotFound("report")
    return rep


def plan_tasks_for_user(user, plan: Plan) -> QuerySet[Task]:
    """The plan's tasks the user sees, with their units."""
    qs = Task.objects.filter(plan=plan).prefetch_related(
        Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit").order_by("role", "unit__path")))
    return policies.scope_tasks(user, plan, qs).order_by("order")


@dataclass
class UnitTaskState:
    unit: object
    role: str
    state: str            # done / on_track / delayed / not_started / due_soon / overdue / not_reported / accepted / submitted
    obligation: ReportObligation | None = None


@dataclass
class TaskRow:
    task: Task
    leads: list = field(default_factory=list)
    coordinates: list = field(default_factory=list)
    states: list[UnitTaskState] = field(default_factory=list)


def plan_task_rows(user, plan: Plan, today: dt.date) -> list[TaskRow]:
    """Each visible task with its units and, per lead unit, the state of its implementation."""
    tasks = list(plan_tasks_for_user(user, plan))
    obligations = list(ReportObligation.objects.filter(plan=plan).select_related("unit").order_by("due_date"))
    latest = _latest_task_progress(plan)
    by_task_unit: dict[tuple, list[ReportObligation]] = defaultdict(list)
    plan_level: dict[int, list[ReportObligation]] = defaultdict(list)
    for ob in obligations:
        if ob.task_id:
            by_task_unit[(ob.task_id, ob.unit_id)].append(ob)
        else:
            plan_level[ob.unit_id].append(ob)
    rows = []
    for task in tasks:
        row = TaskRow(task)
        for a in task.assignments.all():
            (row.leads if a.role == AssignmentRole.LEAD else row.coordinates).append(a.unit)
            if a.role != AssignmentRole.LEAD:
                continue
            obs = by_task_unit.get((task.pk, a.unit_id)) or plan_level.get(a.unit_id, [])
            row.states.append(_unit_task_state(a.unit, obs, latest.get((task.pk, a.unit_id)), today))
        rows.append(row)
    return rows


def _latest_task_progress(plan: Plan) -> dict[tuple, str]:
    """(task id, unit id) → the progress stated in the unit's latest submitted or accepted report."""
    out: dict[tuple, str] = {}
    reports = (ProgressReport.objects.filter(obligation__plan=plan, review_state__in=["submitted", "accepted"])
               .select_related("obligation").order_by("submitted_at", "id"))
    for rep in reports:
        ob = rep.obligation
        if ob.task_id:
            out[(ob.task_id, ob.unit_id)] = rep.status
        for task_id, line in (rep.figures or {}).get("tasks", {}).items():
            if isinstance(line, dict) and line.get("status"):
                out[(int(task_id), ob.unit_id)] = line["status"]
    return out


def _unit_task_state(unit, obligations: list[ReportObligation], progress: str | None, today: dt.date) -> UnitTaskState:
    """Overdue or due soon wins over an older progress statement; otherwise the reported progress shows."""
    pending = [ob for ob in obligations if obligation_state(ob, today) in ("overdue", "due_soon", "returned")]
    if pending:
        first = pending[0]
        return UnitTaskState(unit, "lead", obligation_state(first, today), first)
    if progress:
        return UnitTaskState(unit, "lead", progress)
    return UnitTaskState(unit, "lead", "not_reported", obligations[0] if obligations else None)


def obligations_for_user(user, *, plan: Plan | None = None, state: str = "", unit_id: int | None = None,
                         task_id: int | None = None, today: dt.date, only_own: bool = False) -> list[ReportObligation]:
    """Obligations the user sees (own subtree only when `only_own`), with their derived state, nearest due first."""
    qs = ReportObligation.objects.select_related("plan", "task", "unit").order_by("due_date", "unit__path", "id")
    qs = policies.scope_obligations(user, qs, "prepare" if only_own else "view")
    if plan is not None:
        qs = qs.filter(plan=plan)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if task_id:
        qs = qs.filter(task_id=task_id)
    out = []
    for ob in qs:
        ob.current_state = obligation_state(ob, today)
        if not state or ob.current_state == state:
            out.append(ob)
    return out


@dataclass
class DashboardRow:
    key: object
    label: str
    counts: Counter


def plan_dashboard(plan: Plan, today: dt.date) -> tuple[list[DashboardRow], list[DashboardRow], Counter]:
    """Counts of obligations by state, per unit and per task, and in total, for the follow-up page."""
    by_unit: dict[int, DashboardRow] = {}
    by_task: dict[object, DashboardRow] = {}
    total: Counter = Counter()
    for ob in ReportObligation.objects.filter(plan=plan).select_related("unit", "task").order_by("unit__path", "due_date"):
        if ob.period_start > today:
            continue
        st = obligation_state(ob, today)
        total[st] += 1
        by_unit.setdefault(ob.unit_id, DashboardRow(ob.unit_id, ob.unit.name, Counter())).counts[st] += 1
        key = ob.task_id or 0
        label = ob.task.path if ob.task_id else ""
        by_task.setdefault(key, DashboardRow(key, label, Counter())).counts[st] += 1
    tasks = sorted(by_task.values(), key=lambda r: (r.key != 0, r.label))
    return list(by_unit.values()), tasks, total


def review_queue(user) -> QuerySet[ProgressReport]:
    """Submitted reports the user may review, oldest first."""
    obligations = policies.scope_obligations(user, ReportObligation.objects.all(), "review")
    return (ProgressReport.objects.filter(review_state=ProgressReport.Review.SUBMITTED, obligation__in=obligations)
            .select_related("obligation__plan", "obligation__unit", "obligation__task", "submitted_by")
            .order_by("submitted_at", "id"))


def plan_choices_for_parent(user) -> QuerySet[Task]:
    """Tasks of active plans the user sees, to attach a unit's own plan as their implementation."""
    return (Task.objects.filter(plan__in=plans_for_user(user).filter(status="active"))
            .select_related("plan").order_by("plan_id", "order"))
