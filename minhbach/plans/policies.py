"""Who may do what with plans, tasks, report obligations and reports.

| role (reach)                          | sees                                   | may                                            |
|---------------------------------------|----------------------------------------|------------------------------------------------|
| Home Affairs, provincial office (province) | every plan of the province         | import, follow up, urge, review, generate reviews |
| leader of the issuing unit (subtree)  | the whole plan                          | import, manage, urge, review, generate reviews |
| handler of the issuing unit (subtree) | the whole plan                          | —                                              |
| handler / leader of an assigned unit  | tasks and obligations of its subtree    | prepare (handler) or sign and submit (leader) reports |
| administrator (subtree)               | plans issued in or assigned to the subtree | view only                                   |

Forbidden and missing look alike (404) to callers.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from minhbach.orgs.models import Role
from minhbach.orgs.selectors import user_grants

OVERSIGHT = {Role.HOME_AFFAIRS, Role.PROVINCIAL_OFFICE}
MEMBERS = {Role.LEADER, Role.HANDLER}
VIEWERS = OVERSIGHT | MEMBERS | {Role.ADMIN}
MANAGE_ACTIONS = {"manage", "urge", "review", "generate_review", "follow_up"}


def _reaches(grant, path: str) -> bool:
    return path.startswith(grant.path)


def can_view_whole_plan(user, plan) -> bool:
    """True if the user sees every task of the plan (oversight, issuing unit's staff, administrators)."""
    path = plan.issuing_unit.path
    return any(g.role in VIEWERS and _reaches(g, path) for g in user_grants(user))


def can_manage_plan(user, plan) -> bool:
    """True for Home Affairs / office in the province and leaders of the issuing unit: urge, review, generate."""
    path = plan.issuing_unit.path
    return any((g.role in OVERSIGHT or g.role == Role.LEADER) and _reaches(g, path) for g in user_grants(user))


def can_import_for(user, unit) -> bool:
    """True if the user may import a plan issued by `unit`."""
    return any((g.role in OVERSIGHT or g.role == Role.LEADER) and _reaches(g, unit.path) for g in user_grants(user))


def can_import(user) -> bool:
    """True if the user may import plans for some unit."""
    return any(g.role in OVERSIGHT or g.role == Role.LEADER for g in user_grants(user))


def member_paths(user, roles=MEMBERS) -> list[str]:
    """Subtree prefixes where the user holds one of `roles` (shortest first, covered ones dropped)."""
    kept: list[str] = []
    for p in sorted({g.path for g in user_grants(user) if g.role in roles}):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def _any_prefix(field: str, paths: list[str]) -> Q:
    cond = Q(pk__in=[])
    for p in paths:
        cond |= Q(**{f"{field}__startswith": p})
    return cond


def can(user, action: str, obj) -> bool:
    """True if `user` may perform `action` on a Plan, Task, ReportObligation or ProgressReport."""
    from minhbach.plans.models import Plan, ProgressReport, ReportObligation, Task

    if isinstance(obj, Plan):
        if action == "view":
            return can_view_whole_plan(user, obj) or _assigned_in_subtree(user, obj)
        if action in MANAGE_ACTIONS:
            return can_manage_plan(user, obj)
        return False
    if isinstance(obj, Task):
        if action == "view":
            return can_view_whole_plan(user, obj.plan) or any(
                g.role in MEMBERS and any(_reaches(g, a.unit.path) for a in obj.assignments.all()) for g in user_grants(user))
        return can(user, action, obj.plan)
    if isinstance(obj, ReportObligation):
        path = obj.unit.path
        if action == "view":
            return can_view_whole_plan(user, obj.plan) or any(g.role in MEMBERS and _reaches(g, path) for g in user_grants(user))
        if action == "prepare":
            return any(g.role in MEMBERS and _reaches(g, path) for g in user_grants(user))
        if action == "submit":  # the leader's submission is the unit's signature
            return any(g.role == Role.LEADER and _reaches(g, path) for g in user_grants(user))
        if action in ("review", "urge"):
            return can_manage_plan(user, obj.plan)
        return False
    if isinstance(obj, ProgressReport):
        if action == "view":
            return can(user, "view", obj.obligation)
        if action == "review":
            return can_manage_plan(user, obj.obligation.plan)
        return False
    return False


def _assigned_in_subtree(user, plan) -> bool:
    paths = member_paths(user)
    if not paths:
        return False
    from minhbach.plans.models import TaskAssignment

    return TaskAssignment.objects.filter(_any_prefix("unit__path", paths), task__plan=plan).exists()


def scope_plans(user, qs: QuerySet) -> QuerySet:
    """Plans the user may open: whole-plan viewers by issuing unit, members by an assignment in their subtree."""
    whole = member_paths(user, VIEWERS)
    members = member_paths(user)
    if not whole and not members:
        return qs.none()
    cond = _any_prefix("issuing_unit__path", whole)
    if members:
        from minhbach.plans.models import TaskAssignment

        assigned = TaskAssignment.objects.filter(_any_prefix("unit__path", members)).values("task__plan_id")
        cond |= Q(pk__in=assigned)
    return qs.filter(cond)


def scope_tasks(user, plan, qs: QuerySet) -> QuerySet:
    """Tasks of `plan` the user sees: all of them for whole-plan viewers, else those assigned in their subtree."""
    if can_view_whole_plan(user, plan):
        return qs
    paths = member_paths(user)
    if not paths:
        return qs.none()
    from minhbach.plans.models import TaskAssignment

    ids = TaskAssignment.objects.filter(_any_prefix("unit__path", paths), task__plan=plan).values("task_id")
    return qs.filter(pk__in=ids)


def scope_obligations(user, qs: QuerySet, action: str = "view") -> QuerySet:
    """Obligations the user may `action`: view (own subtree or whole plan), prepare/submit (own subtree), review."""
    if action in ("prepare", "submit"):
        paths = member_paths(user, MEMBERS if action == "prepare" else {Role.LEADER})
        return qs.filter(_any_prefix("unit__path", paths)) if paths else qs.none()
    if action in ("review", "urge"):
        oversight = member_paths(user, OVERSIGHT | {Role.LEADER})
        return qs.filter(_any_prefix("plan__issuing_unit__path", oversight)) if oversight else qs.none()
    whole = member_paths(user, VIEWERS)
    own = member_paths(user)
    if not whole and not own:
        return qs.none()
    return qs.filter(_any_prefix("plan__issuing_unit__path", whole) | _any_prefix("unit__path", own))
