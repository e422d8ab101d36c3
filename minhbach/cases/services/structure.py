"""Forwarding, splitting and merging: items that become other items, keeping every receipt and the history."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases import policies, receipts
from minhbach.cases.models import Attachment, Case, ItemType, Status, Submitter
from minhbach.cases.services import clocks
from minhbach.cases.services.workflow import _lock, case_transition
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.orgs.models import OrgUnit


def _clone(case: Case, **overrides) -> Case:
    """A new item carrying the original's content (as masked or redacted) and sealed sender (same receipt secret)."""
    fields = dict(
        tracking_code=overrides.pop("tracking_code", None) or _unique_code(),
        secret_hash=case.secret_hash, type_claimed=case.type_claimed, type=case.type, title=case.title,
        content=case.content, category=case.category, unit=case.unit, addressed_unit=case.addressed_unit,
        place=case.place, channel=case.channel, received_at=case.received_at, anonymous=case.anonymous,
        verifiable_evidence=case.verifiable_evidence, confidential=case.confidential, complex=case.complex,
        complaint_round=case.complaint_round, previous_case=case.previous_case,
        denounced_unit=case.denounced_unit, denounced_person=case.denounced_person,
    )
    fields.update(overrides)
    new = Case.objects.create(**fields)
    sub = Submitter.objects.filter(case_id=case.pk).first()
    if sub is not None:
        # The copy gets its own data key: the identity is decrypted here and sealed again for the new item.
        Submitter.objects.create(case=new, people_count=sub.people_count, **sub.identity())
    return new


def _unique_code() -> str:
    while True:
        code = receipts.new_tracking_code(clock.today().year)
        if not Case.objects.filter(tracking_code=code).exists():
            return code


def case_forward(*, case: Case, actor, to_unit: OrgUnit, reason: str = "") -> Case:
    """Forward to the competent unit: a new item there, with its own processing clock from today; this one ends as forwarded."""
    if to_unit.pk == case.unit_id:
        raise DomainError(_("Choose another unit."), field="to_unit")
    if to_unit.active_to is not None or to_unit.kind == "front":
        raise DomainError(_("This unit does not receive items."), field="to_unit")
    if case.type == ItemType.TO_CAO:
        from minhbach.cases.services.routing import assert_not_denounced

        assert_not_denounced(case=case, unit=to_unit)
    with transaction.atomic():
        case_transition(case=case, action="forward", actor=actor, reason=reason,
                        data={"to_unit": to_unit.name}, public_text=to_unit.name)
        new = _clone(case, unit=to_unit, forwarded_from=case, received_at=clock.now(), status=Status.RECEIVED)
        # Identifying documents (sealed) never leave with a forwarded copy (D4).
        for att in case.attachments.filter(identifying=False):
            Attachment.objects.create(case=new, file=att.file.name, name=att.name, content_type=att.content_type,
                                      size=att.size, sha256=att.sha256, from_citizen=att.from_citizen)
        clocks.deadline_start(case=new, stage="process", code=clocks.PROCESS_RULE[new.type], start=clock.today())
        clocks.case_refresh_due(case=new)
        new.save(update_fields=["due_date", "due_rule", "escalation_level"])
        audit_append(actor=actor, verb="received", obj=new, reason=reason,
                     data={"public": True, "channel": "forwarded", "from_unit": case.unit.name, "from": case.tracking_code})
    return new


def case_split(*, case: Case, actor, parts: list[dict], reason: str = "") -> list[Case]:
    """Split a letter with several contents into linked items (each with its own type and clock); the sender's receipt follows them all."""
    clean = [p for p in parts if (p.get("title") or "").strip() and (p.get("content") or "").strip()]
    if len(clean) < 2:
        raise DomainError(_("A split needs at least two parts, each with a title and content."), field="parts")
    for p in clean:
        if p.get("type", case.type) not in ItemType.values:
            raise DomainError(_("Unknown type."), field="parts")
    with transaction.atomic():
        case_transition(case=case, action="split", actor=actor, reason=reason, data={"parts": len(clean)})
        children = []
        for p in clean:
            child = _clone(case, title=p["title"].strip()[:255], content=p["content"].strip(), type=p.get("type", case.type),
                           split_from=case, status=Status.RECEIVED)
            clocks.deadline_start(case=child, stage="process", code=clocks.PROCESS_RULE[child.type],
                                  start=clock.local_date(case.received_at))
            clocks.case_refresh_due(case=child)
            child.save(update_fields=["due_date", "due_rule", "escalation_level"])
            audit_append(actor=actor, verb="received", obj=child,
                         data={"public": True, "channel": "split", "from": case.tracking_code})
            children.append(child)
    return children


def case_merge(*, case: Case, actor, into: Case, reason: str = "") -> Case:
    """Merge a duplicate into another item of the same unit; its sender keeps the receipt and gets the same answer."""
    if into.pk == case.pk:
        raise DomainError(_("An item cannot be merged into itself."), field="into")
    if into.unit_id != case.unit_id:
        raise DomainError(_("Only items of the same unit can be merged; forward the item first."), field="into")
    if not policies.can(actor, "merge", into):
        raise PermissionDenied(_("You may not do this on this item."))
    if into.status not in (Status.RECEIVED, Status.ACCEPTED, Status.AWAITING_CITIZEN, Status.RESULT_RECORDED):
        raise DomainError(_("The target item is already closed."), field="into")
    with transaction.atomic():
        case = _lock(case)
        case.merged_into = into
        case.save(update_fields=["merged_into"])
        case_transition(case=case, action="merge", actor=actor, reason=reason, data={"into": into.tracking_code})
        audit_append(actor=actor, verb="merged_in", obj=into, data={"public": False, "from": case.tracking_code})
    return case
