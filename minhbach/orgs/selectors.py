"""Reads of the org tree and of users' roles."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from minhbach.orgs.models import Membership, OrgUnit, Role

# Roles whose reach is the whole province the unit belongs to, not just the unit's subtree.
PROVINCE_WIDE_ROLES = {Role.PROVINCIAL_OFFICE, Role.HOME_AFFAIRS, Role.CUSTODIAN}


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    path: str          # the subtree this grant reaches (path prefix)
    is_head: bool


def user_grants(user) -> tuple[Grant, ...]:
    """Every (role, reach) the user holds, memoised on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_mb_grants", None)
    if cached is not None:
        return cached
    grants = []
    for m in Membership.objects.filter(user=user).select_related("unit"):
        reach = m.unit.root_path if m.role in PROVINCE_WIDE_ROLES else m.unit.path
        grants.append(Grant(m.role, m.unit_id, reach, m.is_head))
    user._mb_grants = tuple(grants)
    return user._mb_grants


def unit_subtree(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The unit and all its descendants."""
    return OrgUnit.objects.filter(path__startswith=unit.path)


def unit_heads(unit: OrgUnit):
    """Users who head the unit."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__unit=unit, memberships__is_head=True).distinct()


def unit_members(unit: OrgUnit, roles: list[str]):
    """Users holding one of `roles` in exactly this unit."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__unit=unit, memberships__role__in=roles).distinct()


def units_for_select(*, active_only: bool = True) -> QuerySet[OrgUnit]:
    """Units a citizen may address an item to."""
    qs = OrgUnit.objects.exclude(kind="front")
    if active_only:
        qs = qs.filter(active_to__isnull=True)
    return qs.order_by("path")


def province_root(unit: OrgUnit) -> OrgUnit:
    """The top unit of the unit's tree."""
    return OrgUnit.objects.get(path=unit.root_path)
