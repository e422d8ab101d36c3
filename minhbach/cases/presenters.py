"""What a citizen sees of an item: status, deadlines, the public timeline, messages, the answer."""
from __future__ import annotations

from django.utils.translation import gettext as _

from minhbach.cases import selectors
from minhbach.cases.models import Case, Status

VERB_TEXT = {
    "received": lambda d: _("Received by %(unit)s") % {"unit": d.get("unit") or d.get("from_unit") or ""},
    "classify": lambda d: _("Classified"),
    "accept": lambda d: _("Accepted for resolution"),
    "refuse": lambda d: _("Not accepted"),
    "guide": lambda d: _("Guided to the competent body: %(body)s") % {"body": d.get("guided_to", "")},
    "archive": lambda d: _("Archived without handling"),
    "forward": lambda d: _("Forwarded to %(unit)s") % {"unit": d.get("to_unit", "")},
    "split": lambda d: _("Split into %(n)s items") % {"n": d.get("parts", "")},
    "merge": lambda d: _("Merged with item %(code)s") % {"code": d.get("into", "")},
    "request_supplement": lambda d: _("You were asked to supplement your file"),
    "resume": lambda d: _("Handling resumed"),
    "extend": lambda d: _("Time extended to %(due)s (%(basis)s)") % {"due": d.get("due_date", ""), "basis": d.get("legal_basis", "")},
    "sign_off": lambda d: _("Answered"),
    "close": lambda d: _("Closed"),
    "reopen": lambda d: _("Reopened"),
    "citizen_message": lambda d: _("You sent a message"),
}


def timeline_text(event) -> str:
    fn = VERB_TEXT.get(event.verb)
    text = fn(event.data) if fn else event.verb
    if event.verb in {"refuse", "request_supplement", "reopen", "extend", "guide"} and event.reason:
        text = f"{text}: {event.reason}"
    return text


def pending_item(intake) -> dict:
    """The citizen's view of a submission accepted but not yet registered (the worker does it within moments)."""
    from minhbach.cases.models import ItemType
    from minhbach.cases.services.intake import default_intake_unit, intake_payload

    data = intake_payload(intake)
    unit = intake.unit or default_intake_unit()
    return {
        "tracking_code": intake.tracking_code, "type": intake.type, "type_label": str(ItemType(intake.type).label),
        "title": data.title.strip(), "status": "pending", "status_label": str(_("Received, being entered in the register")),
        "unit": unit.name if unit else "", "received_at": intake.received_at, "due_date": None, "due_state": "",
        "deadlines": [], "timeline": [], "messages": [], "answer": None, "related": [], "awaiting_citizen": False,
        "can_reply": False, "refusal_reason": "", "live": [], "shown": None, "pending": True,
    }


def public_item(case: Case) -> dict:
    """The citizen's view of an item and of the items it became."""
    live = selectors.case_live_items(case=case)
    shown = live[0] if len(live) == 1 else case
    timeline = []
    for c in [case] + [x for x in live if x.pk != case.pk]:
        for e in selectors.case_timeline(case=c, public_only=True):
            timeline.append({"at": e.at, "action": e.verb, "text": timeline_text(e)})
    timeline.sort(key=lambda t: t["at"])
    deadlines = [
        {"stage": d.stage, "rule": d.rule_code, "title": d.rule_title, "legal_basis": d.legal_basis,
         "start_date": d.start_date, "due_date": d.due_date, "extensions": d.extensions, "state": d.state}
        for c in live for d in selectors.case_deadlines(case=c)
    ]
    messages = [
        {"at": m.at, "from_citizen": m.kind == "from_citizen", "body": m.body}
        for c in {case.pk: case, shown.pk: shown}.values() for m in selectors.case_messages(case=c, include_notes=False)
    ]
    messages.sort(key=lambda m: m["at"])
    answers = [c.result for c in live if c.status in (Status.ANSWERED, Status.CLOSED) and c.result]
    return {
        "tracking_code": case.tracking_code,
        "type": shown.type,
        "type_label": shown.get_type_display(),
        "title": case.title,
        "status": shown.status,
        "status_label": shown.get_status_display(),
        "unit": shown.unit.name,
        "received_at": case.received_at,
        "due_date": shown.due_date if shown.status != Status.AWAITING_CITIZEN else None,
        "due_state": shown.due_state(),
        "deadlines": deadlines,
        "timeline": timeline,
        "messages": messages,
        "answer": "\n\n".join(answers) or None,
        "related": [c.tracking_code for c in live if c.pk != case.pk],
        "awaiting_citizen": shown.status == Status.AWAITING_CITIZEN,
        "can_reply": shown.status not in (Status.CLOSED, Status.MERGED, Status.SPLIT, Status.FORWARDED)
                     and not shown.retained_at,
        "refusal_reason": shown.refusal_reason if shown.status == Status.REFUSED else "",
        "live": live,
        "shown": shown,
    }
