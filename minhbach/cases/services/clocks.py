"""Statutory clocks on items: start, pause, extend, complete; the denormalised due date on the case."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from minhbach.cases.models import Case, Deadline, ItemType
from minhbach.core import clock
from minhbach.core.errors import DomainError
from minhbach.rules import selectors as rule_selectors
from minhbach.rules.deadlines import compute_due

PETITIONS = (ItemType.GOP_Y, ItemType.PHAN_ANH, ItemType.KIEN_NGHI)

# Stage "process": classify and decide the handling of a received letter.
PROCESS_RULE = {
    ItemType.GOP_Y: "R2", ItemType.PHAN_ANH: "R2", ItemType.KIEN_NGHI: "R2",
    ItemType.KHIEU_NAI: "C1", ItemType.TO_CAO: "D1", ItemType.GIAI_TRINH: "A1",
}
# Stage "resolve": from acceptance to the answer.
RESOLVE_RULE = {
    ItemType.GOP_Y: "P1", ItemType.PHAN_ANH: "P1", ItemType.KIEN_NGHI: "P1",
    ItemType.KHIEU_NAI: "C2", ItemType.TO_CAO: "D3", ItemType.GIAI_TRINH: "A2",
}
# Clocks that stop while the citizen is asked to supplement (the period counts from a complete file).
PAUSABLE = {"R2", "C1", "A1", "P1", "C2", "C3", "A2"}


def resolve_rule_code(case: Case) -> str:
    """The resolution clock of the item: second-time complaints run on C3."""
    if case.type == ItemType.KHIEU_NAI and case.complaint_round == 2:
        return "C3"
    return RESOLVE_RULE[case.type]


def _variant(case: Case, code: str) -> str:
    if code in {"C2", "C3"} and case.unit.remote_area:
        return "remote"
    return ""


def _due(code: str, start: dt.date, *, extensions: int, variant: str, paused_days: int) -> dt.date:
    rule = rule_selectors.rule_get_in_force(code=code, on=start)
    spec = rule_selectors.rule_spec(rule)
    return compute_due(rule=spec, start=start + dt.timedelta(days=paused_days), extensions=extensions,
                       calendar=rule_selectors.calendar_get(), variant=variant)


def deadline_start(*, case: Case, stage: str, code: str, start: dt.date | None = None) -> Deadline:
    """Open a clock on the item (closing any other open clock of the same stage) and refresh its due date."""
    start = start or clock.today()
    rule = rule_selectors.rule_get_in_force(code=code, on=start)
    variant = _variant(case, code)
    Deadline.objects.filter(case=case, stage=stage, state__in=[Deadline.State.OPEN, Deadline.State.PAUSED]).update(
        state=Deadline.State.CANCELLED
    )
    deadline = Deadline.objects.create(
        case=case, stage=stage, rule_code=code, rule_title=rule.title_vi, legal_basis=rule.legal_basis,
        variant=variant, start_date=start,
        due_date=_due(code, start, extensions=0, variant=variant, paused_days=0),
    )
    return deadline


def deadlines_complete(*, case: Case, stages: list[str] | None = None, on: dt.date | None = None) -> None:
    """Stop the running clocks (all, or of `stages`), recording whether each was met."""
    on = on or clock.today()
    qs = Deadline.objects.filter(case=case, state__in=[Deadline.State.OPEN, Deadline.State.PAUSED])
    if stages:
        qs = qs.filter(stage__in=stages)
    for d in qs:
        d.completed_on = on
        d.state = Deadline.State.MET if on <= d.due_date else Deadline.State.MISSED
        d.save(update_fields=["completed_on", "state"])


def deadlines_cancel(*, case: Case) -> None:
    """Drop clocks that no longer apply (forwarded, merged, split)."""
    Deadline.objects.filter(case=case, state__in=[Deadline.State.OPEN, Deadline.State.PAUSED]).update(
        state=Deadline.State.CANCELLED
    )


def deadlines_pause(*, case: Case) -> None:
    """Pause the clocks the law lets stop while the citizen supplements."""
    Deadline.objects.filter(case=case, state=Deadline.State.OPEN, rule_code__in=PAUSABLE).update(
        state=Deadline.State.PAUSED
    )


def deadlines_resume(*, case: Case, paused_on: dt.date, today: dt.date | None = None) -> None:
    """Restart paused clocks, pushing their due dates by the days spent waiting."""
    today = today or clock.today()
    waited = max((today - paused_on).days, 0)
    for d in Deadline.objects.filter(case=case, state=Deadline.State.PAUSED):
        d.paused_days += waited
        d.due_date = _due(d.rule_code, d.start_date, extensions=d.extensions, variant=d.variant, paused_days=d.paused_days)
        d.state = Deadline.State.OPEN
        d.save(update_fields=["paused_days", "due_date", "state"])


def deadline_extend(*, case: Case) -> Deadline:
    """Extend the running resolution clock once more, within what its rule allows."""
    d = Deadline.objects.filter(case=case, stage="resolve", state=Deadline.State.OPEN).order_by("-id").first()
    if d is None:
        raise DomainError(_("There is no running resolution deadline to extend."))
    rule = rule_selectors.rule_get_in_force(code=d.rule_code, on=d.start_date)
    spec = rule_selectors.rule_spec(rule)
    allowed = spec.period(d.variant).max_extensions
    if d.extensions >= allowed:
        raise DomainError(
            _("Rule %(code)s allows at most %(n)d extension(s) (%(basis)s).")
            % {"code": d.rule_code, "n": allowed, "basis": rule.legal_basis}
        )
    d.extensions += 1
    d.due_date = _due(d.rule_code, d.start_date, extensions=d.extensions, variant=d.variant, paused_days=d.paused_days)
    d.save(update_fields=["extensions", "due_date"])
    return d


def case_refresh_due(*, case: Case) -> None:
    """Store the earliest running deadline on the case (indexed, used by inboxes and the sweep)."""
    d = Deadline.objects.filter(case=case, state=Deadline.State.OPEN).order_by("due_date").first()
    case.due_date = d.due_date if d else None
    case.due_rule = d.rule_code if d else ""
    case.escalation_level = 0
