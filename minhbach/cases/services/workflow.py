"""Every state change of an item goes through `case_transition`: lock, check, save, audit, clocks, notices.

Actions on an item and the states they move between:

    received          --accept-->           accepted (resolution clock starts)
    received          --refuse|guide|archive|forward|split|merge--> refused|guided|archived|forwarded|split|merged
    received|accepted --request_supplement--> awaiting_citizen (pausable clocks stop)
    awaiting_citizen  --resume-->           the state it came from (clocks pushed by the days waited)
    accepted          --record_result-->    result_recorded
    result_recorded   --sign_off-->         answered (the citizen is told)
    result_recorded   --send_back-->        accepted
    answered          --close-->            closed
    answered|closed|refused|guided|archived --reopen--> accepted
"""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases import policies
from minhbach.cases.models import Case, ItemType, Status
from minhbach.cases.services import clocks
from minhbach.cases.services.notify import notify_citizen, notify_users
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, NotFound, PermissionDenied

TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    # action: (allowed from-states, to-state; None = computed)
    "accept": ((Status.RECEIVED,), Status.ACCEPTED),
    "refuse": ((Status.RECEIVED,), Status.REFUSED),
    "guide": ((Status.RECEIVED,), Status.GUIDED),
    "archive": ((Status.RECEIVED,), Status.ARCHIVED),
    "forward": ((Status.RECEIVED,), Status.FORWARDED),
    "split": ((Status.RECEIVED,), Status.SPLIT),
    "merge": ((Status.RECEIVED, Status.ACCEPTED), Status.MERGED),
    "request_supplement": ((Status.RECEIVED, Status.ACCEPTED), Status.AWAITING_CITIZEN),
    "resume": ((Status.AWAITING_CITIZEN,), None),
    "record_result": ((Status.ACCEPTED,), Status.RESULT_RECORDED),
    "sign_off": ((Status.RESULT_RECORDED,), Status.ANSWERED),
    "send_back": ((Status.RESULT_RECORDED,), Status.ACCEPTED),
    "close": ((Status.ANSWERED,), Status.CLOSED),
    "reopen": ((Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.GUIDED, Status.ARCHIVED), Status.ACCEPTED),
}
# Actions whose public timeline entry the citizen sees.
PUBLIC_ACTIONS = {"accept", "refuse", "guide", "archive", "forward", "split", "merge", "request_supplement",
                  "resume", "sign_off", "close", "reopen", "extend"}
REASON_REQUIRED = {"refuse", "guide", "archive", "reopen", "send_back", "request_supplement", "extend", "urge"}


def case_get_for_action(*, user, case_id: int, action: str = "view") -> Case:
    """Load an item the user may act on; missing and forbidden both raise NotFound."""
    case = Case.objects.select_related("unit", "category", "assignee").filter(pk=case_id).first()
    if case is None or not policies.can(user, "view", case):
        raise NotFound(_("Item not found."))
    if action != "view" and not policies.can(user, action, case):
        raise PermissionDenied(_("You may not do this on this item."))
    return case


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("unit").get(pk=case.pk)


def case_transition(*, case: Case, action: str, actor, reason: str = "", data: dict | None = None,
                    public_text: str = "") -> Case:
    """Apply one workflow action: check permission and state, save, audit, restart clocks, notify after commit."""
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action."))
    if action in REASON_REQUIRED and not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        case = _lock(case)
        if not policies.can(actor, action, case):
            raise PermissionDenied(_("You may not do this on this item."))
        allowed, to = TRANSITIONS[action]
        if case.status not in allowed:
            raise DomainError(
                _("This action is not possible while the item is “%(status)s”.") % {"status": case.get_status_display()}
            )
        previous = case.status
        if to is None:  # resume
            to = case.status_before_pause or Status.RECEIVED
        today = clock.today()
        fields = {"status", "status_changed_at", "updated_at", "due_date", "due_rule", "escalation_level"}
        if action == "accept":
            case.accepted_at = clock.now()
            fields.add("accepted_at")
            clocks.deadlines_complete(case=case, stages=["process"], on=today)
            clocks.deadline_start(case=case, stage="resolve", code=clocks.resolve_rule_code(case), start=today)
            if case.type == ItemType.TO_CAO:
                clocks.deadline_start(case=case, stage="notify", code="D2", start=today)
        elif action in {"refuse", "guide", "archive"}:
            clocks.deadlines_complete(case=case, on=today)
            if action == "refuse":
                case.refusal_reason = reason
                fields.add("refusal_reason")
            if action == "guide":
                case.guided_to = (data or {}).get("guided_to", "")[:255]
                fields.add("guided_to")
        elif action in {"forward", "split", "merge"}:
            clocks.deadlines_complete(case=case, stages=["process"], on=today)
            clocks.deadlines_cancel(case=case)
        elif action == "request_supplement":
            case.status_before_pause = previous
            case.paused_on = today
            fields |= {"status_before_pause", "paused_on"}
            clocks.deadlines_pause(case=case)
        elif action == "resume":
            clocks.deadlines_resume(case=case, paused_on=case.paused_on or today, today=today)
            case.status_before_pause = ""
            case.paused_on = None
            fields |= {"status_before_pause", "paused_on"}
        elif action == "record_result":
            case.result = (data or {}).get("result", "").strip()
            if not case.result:
                raise DomainError(_("Write the result."), field="result")
            case.result_at = clock.now()
            case.result_by = actor
            fields |= {"result", "result_at", "result_by"}
        elif action == "sign_off":
            case.signed_off_by = actor
            case.answered_at = clock.now()
            fields |= {"signed_off_by", "answered_at"}
            clocks.deadlines_complete(case=case, on=today)
        elif action == "send_back":
            case.signed_off_by = None
            fields.add("signed_off_by")
        elif action == "close":
            case.closed_at = clock.now()
            fields.add("closed_at")
        elif action == "reopen":
            case.reopened_count += 1
            case.closed_at = None
            case.signed_off_by = None
            fields |= {"reopened_count", "closed_at", "signed_off_by"}
            clocks.deadline_start(case=case, stage="resolve", code=clocks.resolve_rule_code(case), start=today)
        case.status = to
        case.status_changed_at = clock.now()
        case.updated_at = case.status_changed_at
        clocks.case_refresh_due(case=case)
        case.save(update_fields=sorted(fields))
        payload = {"public": action in PUBLIC_ACTIONS, "from": previous, "to": to}
        if public_text:
            payload["public_text"] = public_text
        payload.update({k: v for k, v in (data or {}).items() if k not in {"result"}})
        audit_append(actor=actor, verb=action, obj=case, reason=reason, data=payload)
        _notify_after(case=case, action=action)
    return case


def _notify_after(*, case: Case, action: str) -> None:
    subject = _("Item %(code)s: %(status)s") % {"code": case.tracking_code, "status": case.get_status_display()}
    body = _("The status of item %(code)s is now: %(status)s.") % {"code": case.tracking_code, "status": case.get_status_display()}
    if action in {"accept", "refuse", "guide", "forward", "request_supplement", "sign_off", "reopen", "extend"}:
        if action == "sign_off":
            body += "\n\n" + _("The answer:") + "\n" + case.result
        notify_citizen(case=case, subject=subject, body=body, dedupe_key=f"case{case.pk}:{action}:{case.status_changed_at.isoformat()}")
        if action == "sign_off":
            # Senders of duplicates merged into this item get the same answer under their own code.
            for other in Case.objects.filter(merged_into=case).select_related("submitter"):
                notify_citizen(case=other, subject=_("Item %(code)s: %(status)s") % {"code": other.tracking_code, "status": case.get_status_display()},
                               body=_("Your item %(code)s was handled together with item %(main)s.") % {"code": other.tracking_code, "main": case.tracking_code}
                               + "\n\n" + _("The answer:") + "\n" + case.result,
                               dedupe_key=f"case{other.pk}:merged-answer:{case.status_changed_at.isoformat()}")
    if action == "record_result":
        from minhbach.orgs.selectors import unit_heads

        notify_users(users=unit_heads(case.unit), subject=_("Result to sign off: %(code)s") % {"code": case.tracking_code},
                     body=_("A result was recorded on item %(code)s and waits for your sign-off.") % {"code": case.tracking_code},
                     dedupe_key=f"case{case.pk}:signoff:{case.status_changed_at.isoformat()}")


# --- actions that are not state changes, or that carry more than a state change -----------------


def case_classify(*, case: Case, actor, type: str, letter_class: str = "", category=None, complex: bool | None = None,
                  verifiable_evidence: bool | None = None, reason: str = "") -> Case:
    """Classify by content (R1): the legal type may differ from what the sender wrote; restarts the processing clock if the type changes."""
    from minhbach.cases.models import Category, LetterClass

    if type not in ItemType.values:
        raise DomainError(_("Unknown type."), field="type")
    if letter_class and letter_class not in LetterClass.values:
        raise DomainError(_("Unknown classification."), field="letter_class")
    with transaction.atomic():
        case = _lock(case)
        if not policies.can(actor, "classify", case):
            raise PermissionDenied(_("You may not do this on this item."))
        if case.status not in (Status.RECEIVED, Status.ACCEPTED):
            raise DomainError(_("Only items being processed can be classified."))
        changed = {}
        if case.type != type:
            changed["type"] = [case.type, type]
            case.type = type
            if case.status == Status.RECEIVED:
                clocks.deadline_start(case=case, stage="process", code=clocks.PROCESS_RULE[type],
                                      start=clock.local_date(case.received_at))
        default_class = {
            ItemType.KHIEU_NAI: LetterClass.COMPLAINT, ItemType.TO_CAO: LetterClass.DENUNCIATION,
        }.get(type, LetterClass.PETITION_REPORT)
        case.letter_class = letter_class or default_class
        if category is not None:
            if isinstance(category, str):
                category = Category.objects.filter(code=category).first()
            case.category = category
        if complex is not None:
            case.complex = complex
        if verifiable_evidence is not None:
            case.verifiable_evidence = verifiable_evidence
        case.classified_at = clock.now()
        case.updated_at = case.classified_at
        clocks.case_refresh_due(case=case)
        case.save(update_fields=["type", "letter_class", "category", "complex", "verifiable_evidence", "classified_at",
                                 "updated_at", "due_date", "due_rule", "escalation_level"])
        audit_append(actor=actor, verb="classify", obj=case, reason=reason,
                     data={"public": "type" in changed, "type": case.type, "letter_class": case.letter_class,
                           "category": case.category.name if case.category else "", "changed": changed})
    return case


def case_accept(*, case: Case, actor, reason: str = "") -> Case:
    """Accept (thụ lý). R3: an anonymous complaint or denunciation without verifiable evidence cannot be accepted."""
    case = Case.objects.select_related("unit").get(pk=case.pk)
    if case.anonymous and case.type in (ItemType.KHIEU_NAI, ItemType.TO_CAO) and not case.verifiable_evidence:
        raise DomainError(_("An anonymous letter is not handled unless it names the violator and gives specific, "
                            "verifiable evidence (R3). Archive it, or mark the evidence when classifying."))
    if case.type == ItemType.TO_CAO:
        from minhbach.cases.services.routing import assert_not_denounced

        assert_not_denounced(case=case, unit=case.unit)
    return case_transition(case=case, action="accept", actor=actor, reason=reason)


def case_assign(*, case: Case, actor, assignee) -> Case:
    """Assign a handler of the item's unit (or a unit under it)."""
    from minhbach.orgs.models import Membership, Role

    with transaction.atomic():
        case = _lock(case)
        if not policies.can(actor, "assign", case):
            raise PermissionDenied(_("You may not do this on this item."))
        if case.status not in (Status.RECEIVED, Status.ACCEPTED, Status.AWAITING_CITIZEN):
            raise DomainError(_("A closed item cannot be assigned."))
        ok = Membership.objects.filter(
            user=assignee, role__in=[Role.HANDLER, Role.INSPECTOR, Role.LEADER], unit__path__startswith=case.unit.path
        ).exists()
        if not ok:
            raise DomainError(_("The person must be a handler of this unit."), field="assignee")
        if case.type == ItemType.TO_CAO:
            from minhbach.cases.services.routing import assert_not_denounced

            assert_not_denounced(case=case, unit=case.unit, person=assignee)
        case.assignee = assignee
        case.updated_at = clock.now()
        case.save(update_fields=["assignee", "updated_at"])
        audit_append(actor=actor, verb="assign", obj=case, data={"public": False, "assignee": assignee.display_name})
        notify_users(users=[assignee], subject=_("Item assigned to you: %(code)s") % {"code": case.tracking_code},
                     body=_("Item %(code)s was assigned to you. Due: %(due)s.") % {"code": case.tracking_code, "due": case.due_date or "—"},
                     dedupe_key=f"case{case.pk}:assign:{assignee.pk}:{case.updated_at.isoformat()}")
    return case


def case_extend(*, case: Case, actor, reason: str) -> Case:
    """Extend the resolution clock once more, as its rule allows (C2, C3, D3, A2), with the legal basis."""
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        case = _lock(case)
        if not policies.can(actor, "extend", case):
            raise PermissionDenied(_("You may not do this on this item."))
        if case.status not in (Status.ACCEPTED, Status.RESULT_RECORDED):
            raise DomainError(_("Only an accepted item can be extended."))
        d = clocks.deadline_extend(case=case)
        clocks.case_refresh_due(case=case)
        case.updated_at = clock.now()
        case.save(update_fields=["due_date", "due_rule", "escalation_level", "updated_at"])
        audit_append(actor=actor, verb="extend", obj=case, reason=reason,
                     data={"public": True, "rule": d.rule_code, "legal_basis": d.legal_basis,
                           "extensions": d.extensions, "due_date": d.due_date.isoformat()})
        notify_citizen(case=case, subject=_("Item %(code)s: extended") % {"code": case.tracking_code},
                       body=_("The time to resolve item %(code)s was extended to %(due)s (%(basis)s).")
                       % {"code": case.tracking_code, "due": d.due_date.strftime("%d/%m/%Y"), "basis": d.legal_basis},
                       dedupe_key=f"case{case.pk}:extend:{d.extensions}")
    return case


def case_add_message(*, case: Case, actor, body: str, kind: str, files=None):
    """Add an internal note or a message to the citizen; a message to the citizen is e-mailed to them."""
    from minhbach.cases.models import Message
    from minhbach.cases.services.intake import attachment_add

    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write the message."), field="body")
    action = "note" if kind == Message.Kind.NOTE else "message"
    if kind not in (Message.Kind.NOTE, Message.Kind.TO_CITIZEN):
        raise DomainError(_("Unknown message kind."))
    if not policies.can(actor, action, case):
        raise PermissionDenied(_("You may not do this on this item."))
    with transaction.atomic():
        msg = Message.objects.create(case=case, kind=kind, author=actor, body=body[:10000])
        for f in files or []:
            attachment_add(case=case, upload=f, from_citizen=False, message=msg)
        audit_append(actor=actor, verb=action, obj=case, data={"public": False, "message": msg.pk})
        if kind == Message.Kind.TO_CITIZEN:
            notify_citizen(case=case, subject=_("New message about item %(code)s") % {"code": case.tracking_code},
                           body=_("There is a new message about your item %(code)s. Open it with your receipt.") % {"code": case.tracking_code},
                           dedupe_key=f"case{case.pk}:msg:{msg.pk}")
    return msg


def case_citizen_message(*, case: Case, body: str, files=None):
    """The citizen writes back (and may add documents); if they were asked to supplement, the clock resumes."""
    from minhbach.cases.models import Message
    from minhbach.cases.services.intake import attachment_add

    body = (body or "").strip()
    if not body and not files:
        raise DomainError(_("Write a message or attach a document."), field="body")
    if case.status in (Status.CLOSED, Status.MERGED, Status.SPLIT, Status.FORWARDED):
        raise DomainError(_("This item is closed; submit a new one if needed."))
    if case.retained_at:  # R4: moved to the archive, out of every working list — a message there would go unread
        raise DomainError(_("This item was moved to the archive a year after it was decided; if there are new facts, "
                            "submit a new item."))
    with transaction.atomic():
        msg = Message.objects.create(case=case, kind=Message.Kind.FROM_CITIZEN, body=body[:10000] or "—")
        for f in files or []:
            attachment_add(case=case, upload=f, from_citizen=True, message=msg)
        audit_append(actor_label="citizen", verb="citizen_message", obj=case, data={"public": True, "message": msg.pk})
        if case.status == Status.AWAITING_CITIZEN:
            _resume_by_citizen(case)
        recipients = [case.assignee] if case.assignee else []
        if recipients:
            notify_users(users=recipients, subject=_("The citizen replied: %(code)s") % {"code": case.tracking_code},
                         body=_("There is a new message from the citizen on item %(code)s.") % {"code": case.tracking_code},
                         dedupe_key=f"case{case.pk}:cmsg:{msg.pk}")
    return msg


def _resume_by_citizen(case: Case) -> None:
    case = _lock(case)
    today = clock.today()
    clocks.deadlines_resume(case=case, paused_on=case.paused_on or today, today=today)
    case.status = case.status_before_pause or Status.RECEIVED
    case.status_before_pause = ""
    case.paused_on = None
    case.status_changed_at = clock.now()
    clocks.case_refresh_due(case=case)
    case.save(update_fields=["status", "status_before_pause", "paused_on", "status_changed_at", "due_date", "due_rule",
                             "escalation_level"])
    audit_append(actor_label="citizen", verb="resume", obj=case, data={"public": True, "to": case.status})
