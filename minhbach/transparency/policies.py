"""Who may publish what. Staff pages answer 404 alike for missing objects and for units beyond the user's reach.

| action                       | who                                                             |
|------------------------------|-----------------------------------------------------------------|
| review and sign off a month  | a leader (role `leader`) of exactly that unit                   |
| correct a published month    | the same                                                        |
| publish the provincial month | the provincial office (role `provincial_office`) of the province |
| see every agency, urge       | the provincial office                                           |
| draft a publication          | a leader, handler or inspector of the unit or a unit above it   |
| publish / archive it         | a leader of the unit or a unit above it                         |
| directory, schedules, disclosures of a unit | a leader of the unit or a unit above it          |
"""
from __future__ import annotations

from minhbach.orgs.models import Role
from minhbach.orgs.selectors import user_grants

DRAFTING_ROLES = {Role.LEADER, Role.HANDLER, Role.INSPECTOR}


def can_sign_register(user, unit) -> bool:
    """True if `user` leads exactly `unit`: only the unit's own leader signs its month off."""
    return any(g.role == Role.LEADER and g.unit_id == unit.pk for g in user_grants(user))


def can_publish_province(user, root) -> bool:
    """True if `user` is the provincial office of the province whose top unit is `root`."""
    return any(g.role == Role.PROVINCIAL_OFFICE and root.path.startswith(g.path) for g in user_grants(user))


def can_oversee(user, unit) -> bool:
    """True if `user` is the provincial office over `unit`: sees its live figures and overdue items, may urge it."""
    return any(g.role == Role.PROVINCIAL_OFFICE and unit.path.startswith(g.path) for g in user_grants(user))


def can_draft_publication(user, unit) -> bool:
    """True if `user` may prepare publications of `unit` (leaders, handlers, inspectors over the unit)."""
    return any(g.role in DRAFTING_ROLES and unit.path.startswith(g.path) for g in user_grants(user))


def can_lead(user, unit) -> bool:
    """True if `user` leads `unit` or a unit above it: publishes documents, edits its directory and disclosures."""
    return any(g.role == Role.LEADER and unit.path.startswith(g.path) for g in user_grants(user))


def signable_units(user) -> list[int]:
    """Ids of the units whose register `user` may sign off."""
    return sorted({g.unit_id for g in user_grants(user) if g.role == Role.LEADER})


def oversight_paths(user) -> list[str]:
    """Path prefixes of the provinces `user` oversees as the provincial office."""
    return sorted({g.path for g in user_grants(user) if g.role == Role.PROVINCIAL_OFFICE})


def led_paths(user, roles=frozenset({Role.LEADER})) -> list[str]:
    """Path prefixes of the subtrees in which `user` holds one of `roles`."""
    return sorted({g.path for g in user_grants(user) if g.role in roles})
