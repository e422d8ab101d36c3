"""Who may do what to an item: one policy for the views, the API and scripts alike.

A role held in a unit reaches that unit and all its descendants; the provincial office
reaches the whole province. Forbidden and missing look the same to callers (404).
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from minhbach.orgs.models import Role
from minhbach.orgs.selectors import user_grants

HANDLING = {
    "view", "intake", "classify", "accept", "refuse", "guide", "forward", "archive", "split", "merge",
    "note", "message", "request_supplement", "resume", "record_result", "letter",
}
LEADING = HANDLING | {"assign", "extend", "sign_off", "send_back", "close", "reopen"}

ROLE_ACTIONS: dict[str, set[str]] = {
    Role.CLERK: {"view", "intake", "message", "note"},
    Role.HANDLER: HANDLING,
    Role.INSPECTOR: HANDLING,
    Role.LEADER: LEADING,
    Role.PROVINCIAL_OFFICE: {"view", "note", "urge"},
    Role.ADMIN: {"view"},
    Role.CUSTODIAN: set(),
    Role.HOME_AFFAIRS: set(),
    Role.FRONT_LIAISON: set(),
}


def can(user, action: str, case) -> bool:
    """True if `user` may perform `action` on `case` (an item of a unit inside one of their grants).

    An item moved to the archive under R4 (`retained_at`) is a record: it can be read, nothing else.
    """
    if action != "view" and getattr(case, "retained_at", None) is not None:
        return False
    path = case.unit.path
    return any(action in ROLE_ACTIONS.get(g.role, ()) and path.startswith(g.path) for g in user_grants(user))


def can_in_unit(user, action: str, unit) -> bool:
    """True if `user` may perform `action` on items of `unit` (e.g. key in a paper letter there)."""
    return any(action in ROLE_ACTIONS.get(g.role, ()) and unit.path.startswith(g.path) for g in user_grants(user))


def scope_cases(user, qs: QuerySet, action: str = "view") -> QuerySet:
    """Restrict a queryset of items to those `user` may `action`."""
    prefixes = sorted({g.path for g in user_grants(user) if action in ROLE_ACTIONS.get(g.role, ())})
    # A prefix covered by a shorter one adds nothing.
    kept: list[str] = []
    for p in prefixes:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    if not kept:
        return qs.none()
    cond = Q()
    for p in kept:
        cond |= Q(unit__path__startswith=p)
    return qs.filter(cond)


def is_staff_member(user) -> bool:
    """True if the user holds any role at all."""
    return bool(user_grants(user))


def allowed_actions(user, case) -> set[str]:
    """Every action `user` may take on `case` (for showing buttons)."""
    path = case.unit.path
    out: set[str] = set()
    for g in user_grants(user):
        if path.startswith(g.path):
            out |= ROLE_ACTIONS.get(g.role, set())
    if getattr(case, "retained_at", None) is not None:
        out &= {"view"}  # R4: moved to the archive, read-only
    return out


# Who reads the R4 retention reports: the provincial office (which consolidates), inspectors and administrators.
RETENTION_ROLES = {Role.PROVINCIAL_OFFICE, Role.INSPECTOR, Role.ADMIN}


def retention_scope_paths(user) -> list[str]:
    """Root paths of the provinces whose retention rows `user` may read: the province of each office, inspector or
    administrator role they hold (the rows carry no identity; the items behind them still need `can(view)`)."""
    return sorted({g.path[:5] for g in user_grants(user) if g.role in RETENTION_ROLES})


def can_view_retention(user) -> bool:
    """True if `user` may read the R4 retention runs and their reports."""
    return bool(retention_scope_paths(user))
