"""Settings of plan tracking, each overridable in Django settings (environment-driven in config/settings.py).

PLANS_REPORT_DAY (default 15)
    Day of the month a periodic report is due when the plan does not say: the 15th of the last month
    of the period (quarter, half-year, year) or of the month for monthly reports. This follows the
    data cut-off of periodic reports in Decree 09/2019/NĐ-CP (the 14th of the last month), so the
    report is due the day after the figures are closed.
PLANS_DUE_SOON_DAYS (default 7)
    An obligation is "due soon" this many days before its due date; reminders go out then.
PLANS_IMPORT_MAX_BYTES (default 5 MB)
    Largest plan document accepted by the import.
"""
from __future__ import annotations

from django.conf import settings


def report_day() -> int:
    """Default due day of a periodic report (1–28 keeps every month valid)."""
    return max(1, min(28, int(getattr(settings, "PLANS_REPORT_DAY", 15))))


def due_soon_days() -> int:
    """How many days before its due date an obligation counts as due soon."""
    return int(getattr(settings, "PLANS_DUE_SOON_DAYS", 7))


def import_max_bytes() -> int:
    """Largest plan document the import accepts."""
    return int(getattr(settings, "PLANS_IMPORT_MAX_BYTES", 5 * 1024 * 1024))
