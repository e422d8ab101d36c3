"""Vietnam's working-day calendar: pure functions, no ORM.

Day counting follows the Civil Code 2015 art. 147–148: the start day is not counted; a
calendar-day period whose last day is a rest day ends on the next working day.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def vietnam_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Return (days off, working weekend days) of one year from the `holidays` package.

    Days off include lunar Tết, Hùng Kings, observed days and substituted days off
    (e.g. 2026-08-31); the working weekend days are the Saturdays given in exchange
    (e.g. 2026-08-22), which the package keeps in `weekend_workdays`.
    """
    vn = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in vn if d.year == year)
    working_weekend_days = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return days_off, working_weekend_days


def _frozen_dates(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return value if isinstance(value, frozenset) else frozenset(value)


@dataclass(frozen=True)
class WorkCalendar:
    """Vietnam's public calendar plus a province's own extra days off and extra working days."""

    extra_days_off: frozenset[dt.date] = field(default_factory=frozenset)
    extra_working_days: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_days_off", _frozen_dates(self.extra_days_off))
        object.__setattr__(self, "extra_working_days", _frozen_dates(self.extra_working_days))
        clash = self.extra_days_off & self.extra_working_days
        if clash:
            raise ValueError(f"Dates are both extra days off and extra working days: {sorted(clash)}")

    def is_working_day(self, day: dt.date) -> bool:
        """True unless the day is a weekend, a public/observed/substituted day off or an extra day off."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        days_off, working_weekend_days = vietnam_year(day.year)
        if day.weekday() >= 5:
            return day in working_weekend_days
        return day not in days_off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Return the n-th working day after `start` (before it if n < 0); `start` itself is not counted."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day = start
        for _ in range(abs(n)):
            day += step
            while not self.is_working_day(day):
                day += step
        return day

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        """Return start + n days, moved to the next working day if that day is a rest day.

        For a period counted backwards (n < 0) the end moves to the previous working day,
        so that an "at least n days ahead" limit is still met.
        """
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day = start + dt.timedelta(days=n)
        while not self.is_working_day(day):
            day += step
        return day
