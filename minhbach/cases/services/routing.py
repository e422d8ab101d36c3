"""Conflict-of-interest routing: a denunciation never reaches the unit or person it denounces."""
from __future__ import annotations

from django.utils.translation import gettext as _

from minhbach.core.errors import DomainError
from minhbach.orgs.models import Membership, OrgUnit


def denunciation_conflict(*, case, unit: OrgUnit, person=None) -> str:
    """Why `unit` (or `person` in it) may not handle the denunciation, or '' if it may."""
    target_unit = case.denounced_unit
    target_person = case.denounced_person
    if target_unit is not None and unit.path.startswith(target_unit.path):
        return _("This denunciation concerns “%(unit)s”: it cannot be handled by that unit or a unit under it. "
                 "It goes to the competent superior body.") % {"unit": target_unit.name}
    if target_person is not None:
        if person is not None and person.pk == target_person.pk:
            return _("A denunciation is never assigned to the official it denounces.")
        heads = Membership.objects.filter(user=target_person, is_head=True).select_related("unit")
        for m in heads:
            if unit.path.startswith(m.unit.path):
                return _("This denunciation concerns the head of “%(unit)s”: it is resolved by the head of the "
                         "superior body.") % {"unit": m.unit.name}
    return ""


def assert_not_denounced(*, case, unit: OrgUnit, person=None) -> None:
    """Raise with the explanation if routing the denunciation to `unit`/`person` would be a conflict."""
    reason = denunciation_conflict(case=case, unit=unit, person=person)
    if reason:
        raise DomainError(reason, code="conflict_of_interest")
