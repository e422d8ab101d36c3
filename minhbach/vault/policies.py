"""Who may see, request, approve or mask a sender's identity.

| who                                   | non-protected item    | protected item (tố cáo, confidential)          |
|---------------------------------------|-----------------------|------------------------------------------------|
| anyone with `view` on the item        | sees the identity     | sees the pseudonym; may file a request         |
| that requester, approved, in window   | —                     | sees the identity of that item only            |
| identity custodian of the province    | —                     | decides requests (never their own); unmasks    |
| handler with `classify` on the item   | masks / redacts text  | masks / redacts text; records the denounced    |
"""
from __future__ import annotations

from minhbach.cases import policies as case_policies
from minhbach.cases.models import ItemType
from minhbach.core import clock
from minhbach.orgs.models import Role
from minhbach.orgs.selectors import user_grants


def is_protected(case) -> bool:
    """A denunciation (as classified or as submitted) or a sender who asked for confidentiality (D4)."""
    return case.type == ItemType.TO_CAO or case.type_claimed == ItemType.TO_CAO or bool(case.confidential)


def custodian_roots(user) -> set[str]:
    """The province roots (path prefixes) where the user is an identity custodian: a custodian is province-wide."""
    return {g.path[:5] for g in user_grants(user) if g.role == Role.CUSTODIAN}


def is_custodian_for(user, case) -> bool:
    """True if the user is an identity custodian of the item's province."""
    return case.unit.path[:5] in custodian_roots(user)


def can_request(user, case) -> bool:
    """A person who may view a protected item may ask a custodian to see its sender's identity."""
    return is_protected(case) and case_policies.can(user, "view", case)


def can_decide(user, request) -> bool:
    """A custodian of the item's province decides a pending request, never one they filed themselves."""
    return request.requester_id != user.pk and is_custodian_for(user, request.case)


def active_grant(user, case, at=None):
    """The approval that lets `user` see this item's identity now, or None."""
    from minhbach.vault.models import RevealRequest

    if not getattr(user, "is_authenticated", False):
        return None
    return (RevealRequest.objects.filter(case=case, requester=user, state=RevealRequest.State.APPROVED,
                                         expires_at__gt=at or clock.now())
            .order_by("-expires_at").first())


def can_see_identity(user, case, at=None) -> bool:
    """Non-protected: whoever may view the item. Protected: only an approved requester, within the window."""
    if not case_policies.can(user, "view", case):
        return False
    if not is_protected(case):
        return True
    return active_grant(user, case, at) is not None


def can_mask(user, case) -> bool:
    """Handlers of the item (those who may classify it) mask or redact spans before anything leaves."""
    return case_policies.can(user, "classify", case)


def can_unmask(user, case) -> bool:
    """Restoring a masked span: the custodian for a protected item; the item's handlers otherwise."""
    if is_protected(case):
        return is_custodian_for(user, case)
    return can_mask(user, case)


def can_record_denounced(user, case) -> bool:
    """Whoever may classify a denunciation records the unit or official it denounces."""
    is_denunciation = case.type == ItemType.TO_CAO or case.type_claimed == ItemType.TO_CAO
    return is_denunciation and case_policies.can(user, "classify", case)
