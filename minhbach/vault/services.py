"""Writes of the vault: identity requests and decisions, audited reveals, sealed documents, masking, the denounced party.

Every write checks its policy, locks what it changes, saves and appends an audit event in one transaction.
Audit events name the item, the request and the people acting — never the identity itself.
"""
from __future__ import annotations

import datetime as dt
import hashlib


from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases.models import Attachment, Case, ItemType, Message, Submitter
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.vault import crypto, policies
from minhbach.vault.models import RevealRequest, TextMask

MARK = "[…]"
MIN_REASON = 10


# --- the item's data key and sealed documents ----------------------------------------------------


def _submitter(case: Case) -> Submitter:
    sub = Submitter.objects.filter(case_id=case.pk).first()
    if sub is None:  # an item recorded without a sender still gets a data key for its sealed documents
        sub = Submitter(case_id=case.pk)
        sub.save()
    return sub


def case_data_key(*, case: Case) -> bytes:
    """The item's data key (created on first use); the same key seals its identity, documents and masked spans."""
    sub = _submitter(case)
    key = sub.data_key()
    if sub._state.adding or not sub.sealed:  # pragma: no cover - _submitter always saves
        sub.save()
    return key


def file_seal(*, case: Case, name: str, content: bytes) -> bytes:
    """Encrypt a document (and its original file name) with the item's data key, for the file storage."""
    raw_name = name.encode()[:1000]
    payload = len(raw_name).to_bytes(2, "big") + raw_name + content
    return crypto.encrypt(case_data_key(case=case), payload, aad=f"file/case:{case.pk}")


def file_open(*, case: Case, blob: bytes) -> tuple[str, bytes]:
    """The original file name and bytes of a sealed document."""
    payload = crypto.decrypt(case_data_key(case=case), blob, aad=f"file/case:{case.pk}")
    n = int.from_bytes(payload[:2], "big")
    return payload[2:2 + n].decode(errors="replace"), payload[2 + n:]


def sealed_name(*, name: str, content: bytes) -> str:
    """The neutral name stored in clear for a sealed document: the original name may itself identify the sender."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    return f"sealed-document-{hashlib.sha256(content).hexdigest()[:8]}.{ext[:8]}"


def attachment_read(*, attachment: Attachment, actor) -> tuple[str, bytes]:
    """The plaintext of a sealed (identifying) document for someone allowed to see the identity; audited when protected."""
    case = attachment.case
    if not attachment.identifying:
        raise DomainError(_("This document is not sealed."))
    if not policies.can_see_identity(actor, case):
        raise PermissionDenied(_("You may not see this sender's identity."))
    with attachment.file.open("rb") as fh:
        blob = fh.read()
    name, content = file_open(case=case, blob=blob)
    if policies.is_protected(case):
        grant = policies.active_grant(actor, case)
        audit_append(actor=actor, verb="vault.document_viewed", obj=grant,
                     data={"public": False, "case": case.pk, "attachment": attachment.pk})
    return name, content


# --- requests, decisions, reveals ----------------------------------------------------------------


def reveal_request(*, case: Case, actor, reason: str) -> RevealRequest:
    """File a motivated request to see a protected sender's identity; one pending request per person and item."""
    reason = (reason or "").strip()
    if not policies.can_request(actor, case):
        raise PermissionDenied(_("You may not ask for this sender's identity."))
    if len(reason) < MIN_REASON:
        raise DomainError(_("Explain why you need the identity (at least %(n)d characters).") % {"n": MIN_REASON},
                          field="reason")
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if RevealRequest.objects.filter(case=case, requester=actor, state=RevealRequest.State.PENDING).exists():
            raise DomainError(_("You already have a request waiting for the custodian on this item."))
        req = RevealRequest.objects.create(case=case, requester=actor, reason=reason[:5000])
        audit_append(actor=actor, verb="vault.requested", obj=req, reason=req.reason,
                     data={"public": False, "case": case.pk, "tracking_code": case.tracking_code})
    return req


def reveal_decide(*, request: RevealRequest, actor, approve: bool, reason: str, hours: int | None = None) -> RevealRequest:
    """A custodian approves (for a limited time, that requester and item only) or denies a pending request, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the decision."), field="reason")
    with transaction.atomic():
        req = RevealRequest.objects.select_for_update().select_related("case__unit").get(pk=request.pk)
        if not policies.can_decide(actor, req):
            raise PermissionDenied(_("Only an identity custodian of this province, other than the requester, decides."))
        if req.state != RevealRequest.State.PENDING:
            raise DomainError(_("This request was already decided."))
        now = clock.now()
        req.state = RevealRequest.State.APPROVED if approve else RevealRequest.State.DENIED
        req.decided_by = actor
        req.decided_at = now
        req.decision_reason = reason[:5000]
        fields = ["state", "decided_by", "decided_at", "decision_reason"]
        if approve:
            hours = hours or settings.VAULT_REVEAL_HOURS
            req.expires_at = now + dt.timedelta(hours=max(1, min(int(hours), 24 * 7)))
            fields.append("expires_at")
        req.save(update_fields=fields)
        audit_append(actor=actor, verb="vault.approved" if approve else "vault.denied", obj=req, reason=req.decision_reason,
                     data={"public": False, "case": req.case_id, "requester": req.requester_id,
                           "expires_at": req.expires_at.isoformat() if req.expires_at else ""})
        _notify_requester(req)
    return req


def _notify_requester(req: RevealRequest) -> None:
    from minhbach.cases.services.notify import notify_users

    case = req.case
    if req.state == RevealRequest.State.APPROVED:
        subject = _("Identity request approved: %(code)s") % {"code": case.tracking_code}
        body = _("Your request to see the sender's identity on item %(code)s was approved until %(until)s.") % {
            "code": case.tracking_code, "until": clock.local_date(req.expires_at).strftime("%d/%m/%Y")
            + req.expires_at.astimezone(clock.LOCAL_TZ).strftime(" %H:%M")}
    else:
        subject = _("Identity request denied: %(code)s") % {"code": case.tracking_code}
        body = _("Your request to see the sender's identity on item %(code)s was denied.") % {"code": case.tracking_code}
    notify_users(users=[req.requester], subject=subject, body=body, dedupe_key=f"vault:req{req.pk}:{req.state}")


def identity_reveal(*, case: Case, actor) -> dict:
    """The identity of a protected item's sender, for an approved requester within the window; every view is audited."""
    if not policies.is_protected(case):
        raise DomainError(_("This sender is not protected; the identity is on the item page."))
    grant = policies.active_grant(actor, case)
    if grant is None or not policies.case_policies.can(actor, "view", case):
        raise PermissionDenied(_("You may not see this sender's identity."))
    sub = Submitter.objects.filter(case_id=case.pk).first()
    identity = dict(sub.identity()) if sub else {}
    identity["people_count"] = sub.people_count if sub else 1
    with transaction.atomic():
        audit_append(actor=actor, verb="vault.viewed", obj=grant, data={"public": False, "case": case.pk})
    return identity


# --- masking and redaction -----------------------------------------------------------------------


def _target_text(case: Case, field: str, message: Message | None) -> str:
    return case.content if field == TextMask.Field.CONTENT else message.body


def _span(text: str, *, start: int | None, end: int | None, match: str) -> tuple[int, int]:
    if match:
        i = text.find(match)
        if i < 0:
            raise DomainError(_("This exact text is not in the item."), field="match")
        return i, i + len(match)
    if start is None or end is None:
        raise DomainError(_("Give the exact text to hide, or its start and end positions."), field="match")
    if not (0 <= start < end <= len(text)):
        raise DomainError(_("The positions must lie within the text (0 to %(n)d).") % {"n": len(text)}, field="start")
    return start, end


def text_mask(*, case: Case, actor, field: str = "content", message: Message | None = None, start: int | None = None,
              end: int | None = None, match: str = "", reason: str, permanent: bool = False) -> TextMask:
    """Replace a span of the content or of a message by "[…]": masked keeps the original sealed, redacted drops it."""
    reason = (reason or "").strip()
    if not policies.can_mask(actor, case):
        raise PermissionDenied(_("You may not mask or redact text on this item."))
    if field not in TextMask.Field.values or (field == TextMask.Field.MESSAGE) != (message is not None):
        raise DomainError(_("Choose the content or one message."), field="field")
    if message is not None and message.case_id != case.pk:
        raise DomainError(_("Choose the content or one message."), field="field")
    if not reason:
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if message is not None:
            message = Message.objects.select_for_update().get(pk=message.pk)
        text = _target_text(case, field, message)
        s, e = _span(text, start=start, end=end, match=(match or ""))
        others = list(TextMask.objects.select_for_update().filter(case=case, field=field, message=message,
                                                                   restored_at__isnull=True))
        for m in others:
            if s < m.start + len(MARK) and m.start < e:
                raise DomainError(_("The span overlaps text that is already hidden."), field="start")
        original = text[s:e]
        new_text = text[:s] + MARK + text[e:]
        delta = len(MARK) - (e - s)
        for m in others:
            if m.start >= e:
                m.start += delta
                m.save(update_fields=["start"])
        kind = TextMask.Kind.REDACT if permanent else TextMask.Kind.MASK
        mask = TextMask(case=case, field=field, message=message, kind=kind, start=s, original_length=len(original),
                        reason=reason[:5000], created_by=actor)
        mask.save()
        if not permanent:
            mask.sealed_original = crypto.encrypt(case_data_key(case=case), original.encode(),
                                                  aad=f"mask/case:{case.pk}/{mask.pk}")
            mask.save(update_fields=["sealed_original"])
        if field == TextMask.Field.CONTENT:
            case.content = new_text
            case.updated_at = clock.now()
            case.save(update_fields=["content", "updated_at"])
        else:
            message.body = new_text
            message.save(update_fields=["body"])
        audit_append(actor=actor, verb="vault.redacted" if permanent else "vault.masked", obj=case, reason=mask.reason,
                     data={"public": False, "mask": mask.pk, "field": field, "message": message.pk if message else None,
                           "start": s, "length": len(original)})
    return mask


def text_unmask(*, mask: TextMask, actor, reason: str) -> TextMask:
    """Put a masked span back into the text (a redaction cannot be undone)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        mask = TextMask.objects.select_for_update().get(pk=mask.pk)
        case = Case.objects.select_for_update().select_related("unit").get(pk=mask.case_id)
        if not policies.can_unmask(actor, case):
            raise PermissionDenied(_("You may not restore hidden text on this item."))
        if mask.kind != TextMask.Kind.MASK:
            raise DomainError(_("A redaction is permanent; it cannot be undone."))
        if mask.restored_at is not None:
            raise DomainError(_("This span was already restored."))
        message = Message.objects.select_for_update().get(pk=mask.message_id) if mask.message_id else None
        text = _target_text(case, mask.field, message)
        if text[mask.start:mask.start + len(MARK)] != MARK:
            raise DomainError(_("The text changed since it was masked; the span cannot be restored automatically."))
        original = crypto.decrypt(case_data_key(case=case), mask.sealed_original,
                                  aad=f"mask/case:{case.pk}/{mask.pk}").decode()
        new_text = text[:mask.start] + original + text[mask.start + len(MARK):]
        delta = len(original) - len(MARK)
        for m in TextMask.objects.select_for_update().filter(case=case, field=mask.field, message_id=mask.message_id,
                                                              restored_at__isnull=True, start__gt=mask.start):
            m.start += delta
            m.save(update_fields=["start"])
        if message is None:
            case.content = new_text
            case.updated_at = clock.now()
            case.save(update_fields=["content", "updated_at"])
        else:
            message.body = new_text
            message.save(update_fields=["body"])
        mask.restored_by = actor
        mask.restored_at = clock.now()
        mask.sealed_original = b""
        mask.save(update_fields=["restored_by", "restored_at", "sealed_original"])
        audit_append(actor=actor, verb="vault.unmasked", obj=case, reason=reason[:5000],
                     data={"public": False, "mask": mask.pk, "field": mask.field, "message": mask.message_id})
    return mask


def mask_original(*, mask: TextMask, actor) -> str:
    """The hidden text of a masked span, for someone allowed to see the sender's identity (audited)."""
    case = mask.case
    if mask.kind != TextMask.Kind.MASK or not mask.active:
        raise DomainError(_("Nothing is kept for this span."))
    if not (policies.can_see_identity(actor, case) or policies.can_unmask(actor, case)):
        raise PermissionDenied(_("You may not see this hidden text."))
    original = crypto.decrypt(case_data_key(case=case), mask.sealed_original, aad=f"mask/case:{case.pk}/{mask.pk}").decode()
    audit_append(actor=actor, verb="vault.mask_viewed", obj=case, data={"public": False, "mask": mask.pk})
    return original


# --- conflict of interest ------------------------------------------------------------------------


def case_set_denounced(*, case: Case, actor, unit=None, person=None, reason: str = "") -> Case:
    """Record the unit and/or official a denunciation denounces (at classification); routing then never reaches them."""
    from minhbach.cases.services.routing import denunciation_conflict

    if not policies.can_record_denounced(actor, case):
        raise PermissionDenied(_("You may not do this on this item."))
    if unit is not None and unit.kind == "front":
        raise DomainError(_("Choose an administrative unit."), field="denounced_unit")
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
        before = [case.denounced_unit_id, case.denounced_person_id]
        case.denounced_unit = unit
        case.denounced_person = person
        case.updated_at = clock.now()
        case.save(update_fields=["denounced_unit", "denounced_person", "updated_at"])
        conflict = denunciation_conflict(case=case, unit=case.unit)
        if not conflict and case.assignee_id and person is not None and case.assignee_id == person.pk:
            conflict = _("A denunciation is never assigned to the official it denounces.")
        audit_append(actor=actor, verb="vault.denounced_recorded", obj=case, reason=(reason or "").strip()[:5000],
                     data={"public": False, "before": before,
                           "unit": unit.name if unit else "", "person": person.display_name if person else "",
                           "conflict": bool(conflict)})
    case._conflict = conflict
    return case


