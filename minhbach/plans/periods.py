"""Pure scheduling of report obligations (no ORM): reporting periods, their labels and due dates.

A plan's periodic reporting clause gives calendar periods (month, quarter, half-year, year). When a
plan asks for several cadences ("hằng quý, 6 tháng và năm"), the longer report replaces the shorter
one that ends on the same day: quarter II becomes the 6-month report, quarter IV and the second half
become the yearly report; months that close a quarter give way to the quarterly report.
Task timings give their own obligations: a dated deadline, a window (due at its end), a recurring
deadline ("trước ngày 15/11 hằng năm" → one per year). Ongoing and event-triggered tasks have none:
their progress goes into the plan's periodic reports.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CADENCES = ("monthly", "quarterly", "semiannual", "yearly")


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date
    due: dt.date


def _day(year: int, month: int, day: int) -> dt.date:
    """The date, with the day clamped to the month's length."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def month_end(year: int, month: int) -> dt.date:
    """Last day of the month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_label(start: dt.date, end: dt.date) -> str:
    """Vietnamese label of a period: 'Tháng 3/2026', 'Quý I/2026', '6 tháng đầu năm 2026', 'Năm 2026', or a date range."""
    y = start.year
    if start.day == 1 and end == month_end(end.year, end.month) and end.year == y:
        months = end.month - start.month + 1
        if months == 1:
            return f"Tháng {start.month}/{y}"
        if months == 3 and start.month % 3 == 1:
            return f"Quý {ROMAN[(start.month + 2) // 3]}/{y}"
        if months == 6 and start.month in (1, 7):
            return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {y}"
        if months == 9 and start.month == 1:
            return f"9 tháng năm {y}"
        if months == 12:
            return f"Năm {y}"
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def _raw_periods(cadence: str, year: int) -> list[tuple[dt.date, dt.date, int]]:
    """(start, end, last month) of each period of a cadence in a year."""
    if cadence == "monthly":
        return [(dt.date(year, m, 1), month_end(year, m), m) for m in range(1, 13)]
    if cadence == "quarterly":
        return [(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), 3 * q) for q in range(1, 5)]
    if cadence == "semiannual":
        return [(dt.date(year, 1, 1), dt.date(year, 6, 30), 6), (dt.date(year, 7, 1), dt.date(year, 12, 31), 12)]
    if cadence == "yearly":
        return [(dt.date(year, 1, 1), dt.date(year, 12, 31), 12)]
    raise ValueError(f"unknown cadence {cadence!r}")


def cadence_periods(cadences, *, first: dt.date, last: dt.date, day: int, yearly_due: tuple[int, int] | None = None,
                    plan_end: dt.date | None = None) -> list[Period]:
    """Periods of the reporting clause whose report falls due on or after `first` and which start by `last`."""
    wanted = [c for c in CADENCES if c in set(cadences or ())]
    out: list[Period] = []
    for year in range(first.year, last.year + 1):
        for cadence in wanted:
            for start, end, last_month in _raw_periods(cadence, year):
                if _replaced(cadence, last_month, wanted):
                    continue
                if cadence == "yearly" and yearly_due:
                    due = _day(year, *yearly_due)
                elif cadence == "semiannual" and last_month == 6:
                    # A 6-month report covers the year so far (cumulative), as Decree 09/2019 periods do.
                    due = _day(year, 6, day)
                else:
                    due = _day(year, last_month, day)
                if start > last or due < first or (plan_end and start > plan_end):
                    continue
                out.append(Period(period_label(start, end), start, end, due))
    out.sort(key=lambda p: (p.due, p.end, p.start))
    return out


def _replaced(cadence: str, last_month: int, wanted: list[str]) -> bool:
    """True when a longer report of the clause ends in the same month and replaces this one."""
    longer = CADENCES[CADENCES.index(cadence) + 1:]
    ends = {"quarterly": last_month % 3 == 0, "semiannual": last_month in (6, 12), "yearly": last_month == 12}
    return any(c in wanted and ends[c] for c in longer)


def _iso(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def task_periods(timing: dict, *, kind: str, due_date: dt.date | None, plan_start: dt.date, until: dt.date,
                 day: int, plan_end: dt.date | None = None) -> list[Period]:
    """Obligations a task's own timing creates (deadline, window, recurring), starting no later than `until`."""
    timing = timing or {}
    due = due_date or _iso(timing.get("due"))
    start = _iso(timing.get("start"))
    if kind == "deadline" and due:
        begin = min(plan_start, due)
        return [Period(f"Hạn {due:%d/%m/%Y}", begin, due, due)]
    if kind == "window" and due:
        begin = start or min(plan_start, due)
        if begin > due:
            begin = due
        return [Period(period_label(begin, due), begin, due, due)]
    if kind != "recurring":
        return []
    rec = (timing.get("recurrence") or "").strip()
    first = max(start or plan_start, plan_start)
    horizon = min(until, plan_end) if plan_end else until
    if rec.startswith("yearly:"):
        try:
            month, mday = (int(x) for x in rec.split(":", 1)[1].split("-"))
        except ValueError:
            return []
        out = []
        for year in range(first.year, horizon.year + 1):
            d = _day(year, month, mday)
            if d < first:
                continue
            out.append(Period(f"Năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31), d))
        return out
    if rec.startswith("monthly:"):
        try:
            mday = int(rec.split(":", 1)[1])
        except ValueError:
            return []
        out = []
        y, m = first.year, first.month
        while dt.date(y, m, 1) <= horizon:
            d = _day(y, m, mday)
            if d >= first:
                out.append(Period(f"Tháng {m}/{y}", dt.date(y, m, 1), month_end(y, m), d))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if rec in CADENCES:
        return cadence_periods([rec], first=first, last=horizon, day=day)
    return []


_ROMAN_TO_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_period(text: str) -> Period | None:
    """Read a period typed by a user: '2026', 'Năm 2026', 'Quý II/2026', '6 tháng đầu năm 2026', 'Tháng 3/2026',
    '9 tháng năm 2026' or 'dd/mm/yyyy - dd/mm/yyyy'; None if it is not one of these."""
    import re

    f = " ".join((text or "").lower().split())
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–]\s*(\d{1,2})/(\d{1,2})/(\d{4})", f)
    try:
        if m:
            a = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            b = dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
            return Period(period_label(a, b), a, b, b) if a <= b else None
        m = re.fullmatch(r"(?:năm\s+)?(\d{4})", f)
        if m:
            y = int(m.group(1))
            a, b = dt.date(y, 1, 1), dt.date(y, 12, 31)
        elif m := re.fullmatch(r"quý\s+(iv|iii|ii|i|[1-4])\s*/\s*(\d{4})", f):
            q, y = _ROMAN_TO_Q[m.group(1)], int(m.group(2))
            a, b = dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
        elif m := re.fullmatch(r"6 tháng (đầu|cuối) năm (\d{4})", f):
            y = int(m.group(2))
            a, b = (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m.group(1) == "đầu" else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        elif m := re.fullmatch(r"9 tháng năm (\d{4})", f):
            y = int(m.group(1))
            a, b = dt.date(y, 1, 1), dt.date(y, 9, 30)
        elif m := re.fullmatch(r"tháng\s+(\d{1,2})\s*/\s*(\d{4})", f):
            mo, y = int(m.group(1)), int(m.group(2))
            a, b = dt.date(y, mo, 1), month_end(y, mo)
        else:
            return None
    except ValueError:
        return None
    return Period(period_label(a, b), a, b, b)
