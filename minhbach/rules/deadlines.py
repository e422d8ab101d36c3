"""Pure deadline functions: a rule's figures, a start date and a calendar give a due date (no ORM)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from minhbach.rules.calendar import WorkCalendar


class DayType(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"


class DeadlineError(ValueError):
    """A deadline that cannot be computed; carries the message in Vietnamese and in English."""

    def __init__(self, message_vi: str, message_en: str):
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi = message_vi
        self.message_en = message_en


class NoClockError(DeadlineError):
    pass


class UnknownVariantError(DeadlineError):
    pass


class TooManyExtensionsError(DeadlineError):
    pass


@dataclass(frozen=True)
class Period:
    """One figure of a rule: `days`, plus up to `max_extensions` extensions of `extension_days` each."""

    days: int
    extension_days: int = 0
    max_extensions: int = 0


@dataclass(frozen=True)
class RuleSpec:
    """The figures of a rule needed to compute a deadline.

    `variants` maps a name ("complex", "remote", "remote_complex", "several_places", …) to the
    Period that replaces the base one; it may be given as a dict and is stored as sorted pairs.
    Negative `days` count backwards ("at least N working days ahead").
    """

    code: str
    days: int | None
    day_type: DayType = DayType.CALENDAR
    extension_days: int = 0
    max_extensions: int = 0
    variants: tuple[tuple[str, Period], ...] | Mapping[str, Period] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "day_type", DayType(self.day_type))
        variants = self.variants.items() if isinstance(self.variants, Mapping) else self.variants
        object.__setattr__(self, "variants", tuple(sorted(variants, key=lambda item: item[0])))

    def period(self, variant: str = "") -> Period:
        """The Period of the base rule (variant "") or of a named variant."""
        if self.days is None:
            raise NoClockError(
                f"Quy tắc {self.code} không có thời hạn",
                f"rule {self.code} has no time limit",
            )
        if not variant:
            return Period(self.days, self.extension_days, self.max_extensions)
        for name, period in self.variants:
            if name == variant:
                return period
        known = ", ".join(name for name, _ in self.variants) or "-"
        raise UnknownVariantError(
            f"Quy tắc {self.code} không có trường hợp '{variant}' (có: {known})",
            f"rule {self.code} has no variant '{variant}' (known: {known})",
        )


def compute_due(*, rule: RuleSpec, start: dt.date, extensions: int = 0,
                calendar: WorkCalendar, variant: str = "") -> dt.date:
    """Return the due date of `rule` counted from `start` (not counted itself), with `extensions` granted.

    Calendar days: start + total days, rolled forward to the next working day; working days: the
    total-th working day after start. Extensions add to the total before rolling.
    """
    period = rule.period(variant)
    if extensions < 0:
        raise TooManyExtensionsError(
            "Số lần gia hạn không được âm", "the number of extensions cannot be negative"
        )
    if extensions > period.max_extensions:
        label = f"{rule.code}/{variant}" if variant else rule.code
        raise TooManyExtensionsError(
            f"Quy tắc {label} cho phép tối đa {period.max_extensions} lần gia hạn, yêu cầu {extensions}",
            f"rule {label} allows at most {period.max_extensions} extension(s), got {extensions}",
        )
    total = period.days + extensions * period.extension_days
    if rule.day_type == DayType.WORKING:
        return calendar.add_working_days(start, total)
    return calendar.add_calendar_days(start, total)
