"""R4 retention: a letter closed as not eligible for handling is kept one year, then moved to the archive.

LEGAL_RULES R4 (TT 05/2021/TT-TTCP art. 28): ineligible letters and repeats on finally decided cases without new
facts are archived, "kept 1 year". What the job does with that, and why, is in docs/rules.md ("Retention (R4)"):

- which items: those whose decision is one of `INELIGIBLE_STATUSES` (refused, guided, archived without handling);
- from when: the local date of that decision (`Case.status_changed_at`); the year is counted by the Civil Code
  2015 art. 147–148 (the decision day is not counted; the year ends on the same day and month of the next year, or
  the last day of February for a 29 February; an end on a rest day moves to the next working day);
- what happens: on the first day after the year, the item gets `retained_at`; it leaves every working list and
  becomes read-only, but is not deleted, its identity stays sealed as it is, and the public register keeps it.

The job is idempotent (an item moved once is never a candidate again; one `RetentionRecord` per item is a database
constraint), works in batches (keyset on the id over a partial index, one UPDATE and one bulk INSERT per batch), and
records each item with one audit event (appended to the hash chain a batch at a time) and the run itself with one
more.
"""
from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from minhbach.cases.models import (
    INELIGIBLE_STATUSES, Case, ItemType, RetentionReason, RetentionRecord, RetentionRun, Status,
)
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.rules.calendar import WorkCalendar

RULE_CODE = "R4"
DEFAULT_BASIS = "Điều 28 Thông tư 05/2021/TT-TTCP"  # as rules/migrations/0003 words it
KEPT_YEARS = 1
BATCH = 1000
# What a batch reads of each item: enough to file and count it, nothing about its sender.
_FIELDS = ("id", "tracking_code", "type", "status", "unit_id", "status_changed_at", "anonymous",
           "verifiable_evidence", "previous_case_id")


@dataclass
class RetentionReport:
    """What a run moved (or, dry, would move) to the archive: counts only, never an identity."""

    as_of: dt.date
    decided_on_or_before: dt.date
    dry_run: bool
    legal_basis: str = ""
    run_id: int | None = None
    archived: int = 0
    by_unit: Counter = field(default_factory=Counter)     # unit code → items
    by_reason: Counter = field(default_factory=Counter)   # RetentionReason → items
    by_type: Counter = field(default_factory=Counter)     # ItemType → items
    unit_names: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(), "decided_on_or_before": self.decided_on_or_before.isoformat(),
            "dry_run": self.dry_run, "run": self.run_id, "archived": self.archived,
            "by_unit": dict(sorted(self.by_unit.items())), "by_reason": dict(sorted(self.by_reason.items())),
            "by_type": dict(sorted(self.by_type.items())),
        }


# --- pure functions: when the year ends, which day is the last one whose year has ended, why ---------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day and month `years` later; 29 February becomes the last day of February (Civil Code art. 148)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, pycalendar.monthrange(year, day.month)[1]))


def kept_until(decided_on: dt.date, *, calendar: WorkCalendar, years: int = KEPT_YEARS) -> dt.date:
    """The last day an item decided on `decided_on` is kept in the working lists (the keeping period's end)."""
    end = add_years(decided_on, years)
    while not calendar.is_working_day(end):
        end += dt.timedelta(days=1)
    return end


def last_decision_day_due(*, today: dt.date, calendar: WorkCalendar, years: int = KEPT_YEARS) -> dt.date:
    """The latest decision date whose keeping period has ended before `today` (items decided on or before it go)."""
    # kept_until is non-decreasing in the decision date: walk back from just under a year until the period has ended.
    day = today - dt.timedelta(days=360 * years)
    while kept_until(day, calendar=calendar, years=years) >= today:
        day -= dt.timedelta(days=1)
    return day


def retention_reason(*, status: str, anonymous: bool, verifiable_evidence: bool, previous_case_id) -> str:
    """The report's reason category of an ineligible item, from what the item records (R3 first, then repeats)."""
    if anonymous and not verifiable_evidence:
        return RetentionReason.ANONYMOUS
    if previous_case_id:
        return RetentionReason.REPEAT
    return {Status.REFUSED: RetentionReason.REFUSED, Status.GUIDED: RetentionReason.OUTSIDE_COMPETENCE}.get(
        status, RetentionReason.INELIGIBLE)


def _start_of_next_local_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=clock.LOCAL_TZ)


def _legal_basis(on: dt.date) -> str:
    from minhbach.rules.models import Rule
    from minhbach.rules.selectors import rule_get_in_force

    try:
        return rule_get_in_force(code=RULE_CODE, on=on).citation
    except Rule.DoesNotExist:
        return f"{RULE_CODE} ({DEFAULT_BASIS})"


# --- the job ------------------------------------------------------------------------------------------------------


def retention_candidates(*, decided_on_or_before: dt.date):
    """Items closed as ineligible on or before the date (local) and not yet moved to the archive."""
    return Case.objects.filter(status__in=INELIGIBLE_STATUSES, retained_at__isnull=True,
                               status_changed_at__lt=_start_of_next_local_day(decided_on_or_before))


def retention_run(*, today: dt.date | None = None, dry_run: bool = False, batch: int = BATCH,
                  trigger: str = RetentionRun.Trigger.SCHEDULE) -> RetentionReport:
    """Move to the archive every ineligible item whose year (R4) has ended; idempotent, in batches, audited.

    A dry run reads the same items and counts them, and writes nothing (no run, no record, no audit event).
    Each batch is one transaction whose rows are locked, so two overlapping runs never file an item twice.
    """
    from minhbach.orgs.models import OrgUnit
    from minhbach.rules.selectors import calendar_get

    today = today or clock.today()
    cutoff = last_decision_day_due(today=today, calendar=calendar_get())
    report = RetentionReport(as_of=today, decided_on_or_before=cutoff, dry_run=dry_run, legal_basis=_legal_basis(today))
    run = None
    if not dry_run:
        run = RetentionRun.objects.create(as_of=today, decided_on_or_before=cutoff, trigger=trigger,
                                          legal_basis=report.legal_basis)
        report.run_id = run.pk
    units: dict[int, tuple[str, str]] = {}
    candidates = retention_candidates(decided_on_or_before=cutoff)
    last_id = 0
    while True:
        with transaction.atomic():
            qs = candidates.filter(id__gt=last_id).order_by("id")
            if not dry_run:
                qs = qs.select_for_update()
            rows = list(qs.values(*_FIELDS)[:batch])
            if not rows:
                break
            last_id = rows[-1]["id"]
            missing = {r["unit_id"] for r in rows} - units.keys()
            if missing:
                units.update({u.pk: (u.code, u.name) for u in OrgUnit.objects.filter(pk__in=missing).only("code", "name")})
            for r in rows:
                r["reason"] = retention_reason(status=r["status"], anonymous=r["anonymous"],
                                               verifiable_evidence=r["verifiable_evidence"],
                                               previous_case_id=r["previous_case_id"])
                r["decided_on"] = clock.local_date(r["status_changed_at"])
            if not dry_run:
                rows = _archive_batch(run=run, rows=rows)
            for r in rows:
                code, name = units[r["unit_id"]]
                report.archived += 1
                report.by_unit[code] += 1
                report.unit_names[code] = name
                report.by_reason[r["reason"]] += 1
                report.by_type[r["type"]] += 1
    if run is not None:
        with transaction.atomic():
            run.archived = report.archived
            run.by_unit, run.by_reason, run.by_type = (dict(report.by_unit), dict(report.by_reason),
                                                       dict(report.by_type))
            run.finished_at = clock.now()
            run.save(update_fields=["archived", "by_unit", "by_reason", "by_type", "finished_at"])
            audit_append(actor_label="system", verb="retention.run", obj=run, reason=report.legal_basis,
                         data={"public": False, "trigger": trigger, **report.as_dict()})
    return report


def _archive_batch(*, run: RetentionRun, rows: list[dict]) -> list[dict]:
    """File one locked batch: mark the items, write the report's rows, one audit event per item (no identity)."""
    now = clock.now()
    ids = [r["id"] for r in rows]
    # Locked rows still match (a concurrent run waited for our lock and then skips them), so all are updated.
    Case.objects.filter(pk__in=ids, retained_at__isnull=True).update(retained_at=now, updated_at=now)
    RetentionRecord.objects.bulk_create([
        RetentionRecord(run=run, case_id=r["id"], tracking_code=r["tracking_code"], type=r["type"], decision=r["status"],
                        decided_on=r["decided_on"], unit_id=r["unit_id"], reason=r["reason"])
        for r in rows
    ])
    audit_append_batch(verb="retention.archive", object_type="cases.case", reason=run.legal_basis, at=now, events=[
        (r["id"], {"public": False, "run": run.pk, "reason": r["reason"], "decision": r["status"],
                   "decided_on": r["decided_on"].isoformat()})
        for r in rows
    ])
    return rows


def audit_append_batch(*, verb: str, object_type: str, reason: str, at: dt.datetime,
                       events: list[tuple[int, dict]]) -> None:
    """Append one system event per (object id, data) to the hash chain in one INSERT: `audit_append`'s protocol in bulk.

    As `core.audit.audit_append` does for one event: lock the chain's head row, link each event to the previous
    hash (`AuditEvent.compute_hash`), then move the head; the lock keeps concurrent writers from forking the chain.
    A batch of a thousand items costs a few queries instead of a few thousand (`minhbach audit verify` checks it).
    """
    from minhbach.core.audit import GENESIS
    from minhbach.core.models import AuditEvent, AuditHead

    if not events:
        return
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        prev = head.last_hash
        chain = []
        for object_id, data in events:
            event = AuditEvent(at=at, actor=None, actor_label="system", verb=verb, object_type=object_type,
                               object_id=str(object_id), reason=reason, data=data, prev_hash=prev)
            event.hash = prev = event.compute_hash()
            chain.append(event)
        AuditEvent.objects.bulk_create(chain, batch_size=500)
        head.last_hash = prev
        head.save(update_fields=["last_hash"])


# --- reads for the staff pages (scoped to the reader's province) -------------------------------------------------


def retention_runs_for(*, user):
    """The runs, newest first, each with the number of its items inside the reader's province(s)."""
    from django.db.models import Count

    from minhbach.cases import policies

    cond = _province_q(policies.retention_scope_paths(user), prefix="records__unit__path")
    return RetentionRun.objects.annotate(in_scope=Count("records", filter=cond)).order_by("-started_at", "-id")


def retention_records_for(*, user, run: RetentionRun):
    """The rows of one run inside the reader's province(s), in the order they were filed."""
    from minhbach.cases import policies

    cond = _province_q(policies.retention_scope_paths(user), prefix="unit__path")
    return run.records.filter(cond).select_related("unit").order_by("id")


def retention_counts_for(*, user, run: RetentionRun) -> dict:
    """Counts of one run within the reader's province(s): total, per unit, per reason and per type."""
    from django.db.models import Count

    records = retention_records_for(user=user, run=run).order_by()
    by_unit = list(records.values("unit__code", "unit__name").annotate(n=Count("id")).order_by("-n", "unit__name"))
    by_reason = dict(records.values_list("reason").annotate(n=Count("id")))
    by_type = dict(records.values_list("type").annotate(n=Count("id")))
    return {"total": sum(row["n"] for row in by_unit), "by_unit": by_unit,
            "by_reason": [(key, label, by_reason[key]) for key, label in RetentionReason.choices if by_reason.get(key)],
            "by_type": [(key, label, by_type[key]) for key, label in ItemType.choices if by_type.get(key)]}


def _province_q(paths: list[str], *, prefix: str):
    from django.db.models import Q

    if not paths:
        return Q(pk__in=[])
    cond = Q()
    for p in paths:
        cond |= Q(**{f"{prefix}__startswith": p})
    return cond
