"""The one clock of the application: every 'now' and 'today' comes from here so tests can freeze it."""
from __future__ import annotations

import contextlib
import datetime as dt
import threading
from zoneinfo import ZoneInfo

from django.utils import timezone

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_frozen = threading.local()
_global_frozen: list[dt.datetime] = []


def now() -> dt.datetime:
    """Return the current aware datetime (UTC), or the frozen one."""
    frozen = getattr(_frozen, "value", None) or (_global_frozen[-1] if _global_frozen else None)
    return frozen if frozen is not None else timezone.now()


def today() -> dt.date:
    """Return today's date in Vietnam (Asia/Ho_Chi_Minh)."""
    return local_date(now())


def local_date(moment: dt.datetime) -> dt.date:
    """Return the Vietnamese calendar date of an aware datetime."""
    return moment.astimezone(LOCAL_TZ).date()


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date | str):
    """Freeze the clock for the duration of the block (tests, benchmarks, demo generation)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    _global_frozen.append(moment)
    try:
        yield moment
    finally:
        _global_frozen.pop()
