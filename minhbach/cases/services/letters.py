"""Statutory letters (acceptance, refusal, guidance, forwarding, extension, result) as .docx (rule F1)."""
from __future__ import annotations

from django.db import transaction
from django.template import Context, Template
from django.utils.translation import gettext as _

from minhbach.cases import policies
from minhbach.cases.models import Case, ItemType, Letter, LetterKind, LetterTemplate
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.officialdoc import OfficialDocument, render_official_document
from minhbach.orgs.selectors import unit_heads


def letter_context(case: Case) -> dict:
    """Variables a template may use. The sender of a denunciation is never named (D4)."""
    sub = getattr(case, "submitter", None)
    protected = case.type == ItemType.TO_CAO or case.type_claimed == ItemType.TO_CAO or case.confidential
    if case.type == ItemType.TO_CAO:
        sender = _("the denouncer")
    elif protected:
        sender = _("the sender")  # a sender who asked for confidentiality is not named in letters either
    else:
        sender = sub.name if sub and sub.name else _("the sender")
    deadline = case.deadlines.exclude(state="cancelled").order_by("-id").first()
    return {
        "case": case,
        "unit": case.unit,
        "sender": "" if protected and case.type == ItemType.TO_CAO else sender,
        "sender_label": sender,
        "sender_address": "" if protected else (sub.address if sub else ""),
        "deadline": deadline,
        "received": clock.local_date(case.received_at).strftime("%d/%m/%Y"),
        "today": clock.today().strftime("%d/%m/%Y"),
        "type": case.get_type_display(),
    }


def letter_generate(*, case: Case, actor, kind: str) -> Letter:
    """Render the unit's template of `kind` for the item as an F1 document and keep it with the item."""
    if kind not in LetterKind.values:
        raise DomainError(_("Unknown letter kind."), field="kind")
    if not policies.can(actor, "letter", case):
        raise PermissionDenied(_("You may not do this on this item."))
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is None:
        raise DomainError(_("No template for this letter; an administrator must add one."))
    ctx = Context(letter_context(case))
    body = [Template(line).render(ctx).strip() for line in template.body.splitlines() if line.strip()]
    unit = case.unit
    parent = unit.parent
    head = unit_heads(unit).first()
    sub = getattr(case, "submitter", None)
    recipients = []
    if case.type == ItemType.TO_CAO:
        recipients.append("Người tố cáo (gửi riêng, bảo mật)")
    elif case.type_claimed == ItemType.TO_CAO or case.confidential:
        recipients.append(_("The sender (sent separately, confidential)"))
    elif sub and sub.name:
        recipients.append(sub.name)
    recipients.append("Lưu: VT, hồ sơ " + case.tracking_code)
    with transaction.atomic():
        number = str(Letter.objects.filter(case__unit=unit, created_at__year=clock.today().year).count() + 1)
        doc = OfficialDocument(
            parent_body=parent.name if parent else "",
            issuing_body=unit.name,
            number=number,
            symbol=f"{template.symbol_suffix}-{(unit.short_name or unit.code).upper()}",
            place=unit.place_name or (parent.place_name if parent else ""),
            date=clock.today(),
            subject=Template(template.subject).render(ctx) if template.subject else "",
            title=Template(template.title).render(ctx),
            body=body,
            recipients=recipients,
            signer_title=head.position if head and head.position else _("Head of unit"),
            signer_name=head.display_name if head else "",
        )
        letter = Letter.objects.create(case=case, kind=kind, number=f"{doc.number}/{doc.symbol}",
                                       content=render_official_document(doc), created_by=actor)
        audit_append(actor=actor, verb="letter", obj=case, data={"public": False, "kind": kind, "number": letter.number})
        if kind == LetterKind.ACCEPTANCE:
            from minhbach.cases.services.clocks import case_refresh_due, deadlines_complete

            deadlines_complete(case=case, stages=["notify"])
            case_refresh_due(case=case)
            case.save(update_fields=["due_date", "due_rule", "escalation_level"])
    return letter
