"""A small fixed-window rate limiter on Django's cache, and the keyed client digest it counts by.

Counters live in the shared cache (Redis in production, so every process sees the same counts) under
`ratelimit:<key>:<window number>`; a window's counter expires on its own. The cache never holds a
client's address or a user name: callers pass `client_digest(...)`, a keyed hash.

A limiter that cannot reach its cache lets the request through (and logs it): throttling protects
the service, it must never be the reason an accepted submission or a login is lost.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.core.cache import cache

from minhbach.core.errors import DomainError

log = logging.getLogger(__name__)
PREFIX = "ratelimit"


class Throttled(DomainError):
    """Too many requests: answered with HTTP 429 and a translated message."""

    status = 429

    def __init__(self, message, *, field: str | None = None, code: str = "throttled"):
        super().__init__(message, field=field, code=code)


def client_ip(request) -> str:
    """The client's address as the server saw it (the proxy sets REMOTE_ADDR; headers are not trusted)."""
    return request.META.get("REMOTE_ADDR", "") or ""


_keyed: dict[str, "hmac.HMAC"] = {}


def client_digest(*parts: str) -> str:
    """A keyed hash of the parts (an address, a user name…): stable, short, and not reversible without SECRET_KEY."""
    key = settings.SECRET_KEY
    base = _keyed.get(key)
    if base is None:  # keyed once per secret (the pads are computed once, not on every submission)
        _keyed.clear()
        base = _keyed[key] = hmac.new(key.encode(), digestmod=hashlib.sha256)
    h = base.copy()
    h.update("\x1f".join(parts).encode())
    return h.hexdigest()[:32]


def _slot(key: str, window: int, ago: int = 0) -> str:
    return f"{PREFIX}:{key}:{int(time.time() // window) - ago}"


def count(key: str, window: int, *, ago: int = 0) -> int:
    """How many hits `key` has in the current window, or `ago` windows before it (0 if the cache cannot answer)."""
    try:
        return int(cache.get(_slot(key, window, ago)) or 0)
    except Exception:  # a cache outage must not block anyone
        log.warning("rate limiter: cache unavailable reading %s", key, exc_info=True)
        return 0


def counts(key: str, window: int, agos: tuple[int, ...] = (0, 1)) -> list[int]:
    """`count` for several windows in one cache call (0s if the cache cannot answer)."""
    slots = [_slot(key, window, ago) for ago in agos]
    try:
        found = cache.get_many(slots)
    except Exception:  # a cache outage must not block anyone
        log.warning("rate limiter: cache unavailable reading %s", key, exc_info=True)
        return [0] * len(slots)
    return [int(found.get(slot) or 0) for slot in slots]


def _hit_many(hits: list[tuple[str, int]]) -> list[int]:
    """Add one to each (key, window) counter; their new values. One round trip on Redis."""
    slots = {_slot(key, window): 2 * window + 1 for key, window in hits}
    if hasattr(cache, "counters_hit"):
        values, _reads = cache.counters_hit(slots)
        return values
    out = []
    for slot, keep in slots.items():
        cache.add(slot, 0, keep)
        try:
            out.append(cache.incr(slot))
        except ValueError:  # expired between add and incr
            cache.set(slot, 1, keep)
            out.append(1)
    return out


def hit(key: str, limit: int, window: int) -> bool:
    """Count one hit for `key` in the current `window`-second window; True while the count is within `limit`.

    A limit of 0 or less disables the limiter (always True, nothing counted).
    """
    if limit <= 0:
        return True
    try:  # kept through the next window too, so `count(ago=1)` can read it
        (n,) = _hit_many([(key, window)])
    except Exception:
        log.warning("rate limiter: cache unavailable counting %s", key, exc_info=True)
        return True
    return n <= limit


def reset(key: str, window: int) -> None:
    """Forget `key`'s hits in the current window (e.g. after a successful login)."""
    try:
        cache.delete(_slot(key, window))
    except Exception:
        log.warning("rate limiter: cache unavailable resetting %s", key, exc_info=True)


# --- anonymous submissions ------------------------------------------------------------------

SUBMIT_PER_IP_WINDOW = 10 * 60   # settings.MINHBACH_SUBMIT_PER_IP submissions per client in this many seconds
SUBMIT_GLOBAL_WINDOW = 60        # settings.MINHBACH_SUBMIT_GLOBAL submissions from everyone in this many seconds


def submission_allowed(request) -> bool:
    """Count one submission attempt (web form or API) against its client and against everyone; False when over.

    Checked before anything is stored: a refused attempt records nothing, and an allowed one goes on to be
    stored and answered with its receipt as usual. A client over its own limit does not use up the global one.
    """
    return submission_count_start(request).allowed()


class PendingCount:
    """One submission attempt counted in the shared cache; `allowed()` reads the verdict (once).

    On Redis the counting command is sent at once and its answer read by `allowed()`, so the request can prepare the
    submission while the answer travels; elsewhere (the in-process cache) it is counted at once.
    """

    def __init__(self, request):
        self.per_ip = getattr(settings, "MINHBACH_SUBMIT_PER_IP", 20)
        self.overall = getattr(settings, "MINHBACH_SUBMIT_GLOBAL", 600)
        self.ip_key = f"submit:ip:{client_digest(client_ip(request))}"
        self.sent = None
        self.verdict: bool | None = None
        if self.per_ip <= 0 or self.overall <= 0:
            self.verdict = (hit(self.ip_key, self.per_ip, SUBMIT_PER_IP_WINDOW)
                            and hit("submit:all", self.overall, SUBMIT_GLOBAL_WINDOW))
            return
        slots = {_slot(self.ip_key, SUBMIT_PER_IP_WINDOW): 2 * SUBMIT_PER_IP_WINDOW + 1,
                 _slot("submit:all", SUBMIT_GLOBAL_WINDOW): 2 * SUBMIT_GLOBAL_WINDOW + 1}
        try:  # both counters in one round trip
            if hasattr(cache, "counters_send"):
                self.sent = cache.counters_send(slots)
            else:
                self.verdict = self._judge(*_hit_many([(self.ip_key, SUBMIT_PER_IP_WINDOW),
                                                       ("submit:all", SUBMIT_GLOBAL_WINDOW)]))
        except Exception:
            log.warning("rate limiter: cache unavailable counting submissions", exc_info=True)
            self.verdict = True

    def allowed(self) -> bool:
        if self.verdict is None:
            sent, self.sent = self.sent, None
            try:
                (n_ip, n_all), _reads = cache.counters_receive(sent)
                self.verdict = self._judge(n_ip, n_all)
            except Exception:
                log.warning("rate limiter: cache unavailable counting submissions", exc_info=True)
                self.verdict = True
        return self.verdict

    def _judge(self, n_ip: int, n_all: int) -> bool:
        if n_ip > self.per_ip:
            try:  # a client over its own limit does not use up everyone's
                cache.decr(_slot("submit:all", SUBMIT_GLOBAL_WINDOW))
            except Exception:
                pass
            return False
        return n_all <= self.overall


def submission_count_start(request) -> PendingCount:
    """Start counting one submission attempt (see `submission_allowed`); `.allowed()` on the result says if it may go on."""
    return PendingCount(request)
