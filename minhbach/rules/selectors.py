"""Reads: the rule in force on a date, its figures for the pure deadline functions, the calendar."""
from __future__ import annotations

import datetime as dt
import threading
import time

from django.db.models import Count, Max, Q, QuerySet

from minhbach.rules.calendar import WorkCalendar
from minhbach.rules.deadlines import DayType, Period, RuleSpec
from minhbach.rules.models import CalendarOverride, Rule


def rules_in_force(*, on: dt.date) -> QuerySet[Rule]:
    """Return every rule version in force on `on`, ordered by code (at most one per code)."""
    return Rule.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on
    ).order_by("code")


# Rules and overrides change rarely (an administrator's edit); reads happen on every clock. Each process
# keeps what it read for CACHE_SECONDS, and a save in this process clears it at once (see apps.py).
CACHE_SECONDS = 60
_rule_cache: dict[tuple[str, dt.date], tuple[float, Rule | None]] = {}


def cache_clear() -> None:
    """Forget cached rules and calendar (called when a rule or an override is saved or deleted)."""
    global _calendar_cache, _calendar_checked_at
    _rule_cache.clear()
    _calendar_cache = None
    _calendar_checked_at = 0.0


def rule_get_in_force(*, code: str, on: dt.date) -> Rule:
    """Return the version of rule `code` in force on `on`; raise Rule.DoesNotExist if there is none."""
    key = (code.upper(), on)
    hit = _rule_cache.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < CACHE_SECONDS and hit[1] is not None:
        return hit[1]
    rule = rules_in_force(on=on).filter(code=code.upper()).order_by("-effective_from").first()
    if rule is not None:
        if len(_rule_cache) > 5000:
            _rule_cache.clear()
        _rule_cache[key] = (now, rule)
    if rule is None:
        raise Rule.DoesNotExist(
            f"Không có quy tắc {code} có hiệu lực ngày {on:%Y-%m-%d} / "
            f"no rule {code} in force on {on:%Y-%m-%d}"
        )
    return rule


def rule_spec(rule: Rule) -> RuleSpec:
    """Return the figures of `rule` as a RuleSpec for the pure deadline functions."""
    variants = {}
    for name, figure in (rule.variant_days or {}).items():
        if isinstance(figure, dict):
            variants[name] = Period(figure["days"], figure.get("extension_days", 0), figure.get("max_extensions", 0))
        else:
            variants[name] = Period(int(figure))
    return RuleSpec(
        code=rule.code,
        days=rule.days,
        day_type=DayType(rule.day_type or DayType.CALENDAR),
        extension_days=rule.extension_days,
        max_extensions=rule.max_extensions,
        variants=variants,
    )


_calendar_lock = threading.Lock()
_calendar_cache: tuple[tuple, WorkCalendar] | None = None
_calendar_checked_at = 0.0


def calendar_get() -> WorkCalendar:
    """Return the work calendar with the administrator's overrides; rebuilt only when the overrides change.

    The cache key (count, max id, max updated_at) changes on every create, delete or edit, in
    every process, at the price of one aggregate query.
    """
    global _calendar_cache, _calendar_checked_at
    if _calendar_cache is not None and time.monotonic() - _calendar_checked_at < CACHE_SECONDS:
        return _calendar_cache[1]
    _calendar_checked_at = time.monotonic()
    key = tuple(CalendarOverride.objects.aggregate(n=Count("id"), last_id=Max("id"), last=Max("updated_at")).values())
    cached = _calendar_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = list(CalendarOverride.objects.values_list("date", "kind"))
    calendar = WorkCalendar(
        extra_days_off=frozenset(d for d, kind in rows if kind == CalendarOverride.Kind.DAY_OFF),
        extra_working_days=frozenset(d for d, kind in rows if kind == CalendarOverride.Kind.WORKING_DAY),
    )
    with _calendar_lock:
        _calendar_cache = (key, calendar)
    return calendar
