"""Reads on items, always scoped by the permission policy."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet

from minhbach.cases import policies, receipts
from minhbach.cases.models import CLOCK_STATUSES, OPEN_STATUSES, Case, Deadline, Message, Status
from minhbach.core import clock
from minhbach.core.models import AuditEvent

INBOX_FILTERS = ("open", "due_soon", "overdue", "mine", "unassigned", "awaiting_signoff", "closed", "all")


def case_list(*, user, filter: str = "open", q: str = "", type: str = "", unit_id: int | None = None,
              today: dt.date | None = None) -> QuerySet[Case]:
    """The inbox: items the user may see, filtered, oldest deadline first; items moved to the archive (R4) never."""
    today = today or clock.today()
    qs = (policies.scope_cases(user, Case.objects.filter(retained_at__isnull=True))
          .select_related("unit", "category", "assignee"))
    if filter == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filter == "due_soon":
        qs = qs.filter(status__in=CLOCK_STATUSES, due_date__gte=today,
                       due_date__lte=today + dt.timedelta(days=settings.DUE_SOON_DAYS))
    elif filter == "overdue":
        qs = qs.filter(status__in=CLOCK_STATUSES, due_date__lt=today)
    elif filter == "mine":
        qs = qs.filter(assignee=user, status__in=OPEN_STATUSES)
    elif filter == "unassigned":
        qs = qs.filter(assignee__isnull=True, status__in=OPEN_STATUSES)
    elif filter == "awaiting_signoff":
        qs = qs.filter(status=Status.RESULT_RECORDED)
    elif filter == "closed":
        qs = qs.exclude(status__in=OPEN_STATUSES)
    if type:
        qs = qs.filter(type=type)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if q:
        q = q.strip()
        qs = qs.filter(Q(tracking_code__iexact=receipts.normalise_code(q)) | Q(title__icontains=q))
    if filter in {"closed", "all"}:
        return qs.order_by("-received_at")
    return qs.order_by("due_date", "received_at")


def case_timeline(*, case: Case, public_only: bool) -> list[AuditEvent]:
    """The item's history from the audit log (the public part for the citizen)."""
    qs = AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk)).select_related("actor").order_by("id")
    events = list(qs)
    if public_only:
        events = [e for e in events if e.data.get("public")]
    return events


def case_deadlines(*, case: Case) -> list[Deadline]:
    """The clocks of the item with their rule and legal basis."""
    return list(case.deadlines.exclude(state=Deadline.State.CANCELLED).order_by("id"))


def case_messages(*, case: Case, include_notes: bool) -> list[Message]:
    """Messages (and internal notes for staff) with their attachments."""
    qs = case.messages.select_related("author").prefetch_related("attachments")
    if not include_notes:
        qs = qs.exclude(kind=Message.Kind.NOTE)
    return list(qs)


def case_find_by_receipt(*, tracking_code: str, secret: str) -> Case | None:
    """The item for a receipt, or None; a wrong code and a wrong secret cost the same and look the same."""
    code = receipts.normalise_code(tracking_code)
    case = Case.objects.select_related("unit", "category").filter(tracking_code=code).first() if code else None
    ok = receipts.verify_secret(case.secret_hash if case else None, secret or "")
    return case if ok else None


def intake_find_by_receipt(*, tracking_code: str, secret: str):
    """A submission accepted but not yet registered as an item, for its receipt; None otherwise (same cost)."""
    from minhbach.cases.models import Intake

    code = receipts.normalise_code(tracking_code)
    intake = Intake.objects.select_related("unit").filter(tracking_code=code).first() if code else None
    return intake if intake is not None and receipts.verify_secret(intake.secret_hash, secret or "") else None


def case_live_items(*, case: Case) -> list[Case]:
    """Where a receipt's item went: itself, or the item it was merged into / forwarded to / split into."""
    seen: set[int] = set()
    out: list[Case] = []
    stack = [case]
    while stack:
        c = stack.pop(0)
        if c.pk in seen:
            continue
        seen.add(c.pk)
        if c.status == Status.MERGED and c.merged_into_id:
            stack.append(Case.objects.select_related("unit").get(pk=c.merged_into_id))
        elif c.status == Status.FORWARDED:
            stack.extend(Case.objects.select_related("unit").filter(forwarded_from=c))
        elif c.status == Status.SPLIT:
            stack.extend(Case.objects.select_related("unit").filter(split_from=c).order_by("id"))
        else:
            out.append(c)
    return out
