"""Reads of the vault: what a viewer may know of a sender, the custodian's queue, audit trails, masks, routing hints."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from minhbach.cases.models import Case, ItemType, Submitter
from minhbach.core.models import AuditEvent
from minhbach.orgs.models import Membership, OrgUnit
from minhbach.vault import policies
from minhbach.vault.models import RevealRequest, TextMask


def pseudonym_label(case: Case, code: str | None = None) -> str:
    """"Denouncer #7F3K" (or "Protected sender #7F3K"): a stable, non-reversible name for a protected sender."""
    if code is None:
        code = Submitter.objects.filter(case_id=case.pk).values_list("pseudonym", flat=True).first() or "????"
    if case.type == ItemType.TO_CAO or case.type_claimed == ItemType.TO_CAO:
        return _("Denouncer #%(code)s") % {"code": code}
    return _("Protected sender #%(code)s") % {"code": code}


@dataclass
class SenderView:
    """What a viewer may see of an item's sender: the identity, or only the pseudonym."""

    protected: bool
    pseudonym: str
    identity: Submitter | None = None          # set only when the viewer may see it (non-protected items)
    grant: RevealRequest | None = None
    my_requests: list = field(default_factory=list)
    can_request: bool = False


def sender_for_viewer(*, case: Case, user) -> SenderView:
    """The sender as `user` may see them on the item page or API: protected senders appear as a pseudonym only."""
    sub = Submitter.objects.filter(case_id=case.pk).first()
    protected = policies.is_protected(case)
    label = pseudonym_label(case, sub.pseudonym if sub else None)
    if not protected:
        return SenderView(protected=False, pseudonym=label, identity=sub)
    mine = list(RevealRequest.objects.filter(case=case, requester=user).select_related("decided_by")[:5]) \
        if getattr(user, "is_authenticated", False) else []
    return SenderView(protected=True, pseudonym=label, grant=policies.active_grant(user, case), my_requests=mine,
                      can_request=policies.can_request(user, case)
                      and not any(r.state == RevealRequest.State.PENDING for r in mine))


def requests_for_custodian(*, user, state: str = "pending") -> QuerySet[RevealRequest]:
    """Requests on items of the custodian's province(s): pending first-come, or decided newest first."""
    roots = policies.custodian_roots(user)
    if not roots:
        return RevealRequest.objects.none()
    cond = Q()
    for r in roots:
        cond |= Q(case__unit__path__startswith=r)
    qs = RevealRequest.objects.filter(cond).select_related("case__unit", "requester", "decided_by")
    if state == "pending":
        return qs.filter(state=RevealRequest.State.PENDING).order_by("created_at", "id")
    return qs.exclude(state=RevealRequest.State.PENDING).order_by("-decided_at", "-id")


def request_trail(*, request: RevealRequest) -> list[AuditEvent]:
    """The audit events of a request: filed, decided, every view of the identity and of sealed documents."""
    return list(AuditEvent.objects.filter(object_type="vault.revealrequest", object_id=str(request.pk))
                .select_related("actor").order_by("id"))


def masks_for_case(*, case: Case) -> list[TextMask]:
    """Every masking and redaction on the item, in the order of the text."""
    return list(TextMask.objects.filter(case=case).select_related("created_by", "restored_by", "message")
                .order_by("field", "message_id", "start", "id"))


def denunciation_competent_unit(*, case: Case) -> OrgUnit | None:
    """The body that should resolve a denunciation given whom it denounces: the superior of the denounced unit, or of
    the unit the denounced official heads; None if nothing is recorded or the official is not a head."""
    if case.denounced_unit_id:
        return case.denounced_unit.parent
    if case.denounced_person_id:
        head = (Membership.objects.filter(user_id=case.denounced_person_id, is_head=True).select_related("unit__parent")
                .order_by("unit__depth").first())
        if head is not None:
            return head.unit.parent
    return None
