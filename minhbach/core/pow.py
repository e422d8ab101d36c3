"""A hashcash-style proof of work for anonymous submissions: stateless challenges, adaptive difficulty, no outside service.

While everyone together sends no more than `MINHBACH_POW_FREE_PER_MINUTE` items a minute, no proof is asked for
(difficulty 0: the portal form works without JavaScript). Above that, a submission must come with the solution of a
challenge: `BASE_BITS` leading zero bits of SHA-256, one bit more (twice the work) each time the rate doubles, at most
`MINHBACH_POW_MAX_BITS` (a free rate of 0 always asks, at `BASE_BITS`; `MINHBACH_POW_ENABLED=0` never asks). A
browser solves 16 bits in a fraction of a second; a flood pays for every item it sends.

A challenge is `v1.<issued, unix seconds>.<bits>.<salt>.<mac>`: the MAC (HMAC-SHA256 under a key derived from
SECRET_KEY) authenticates the rest, so the server keeps no row per challenge. The solution is a nonce such that
sha256("<challenge>:<nonce>") starts with `bits` zero bits; the proof travels as "<challenge>:<nonce>". A proof is
refused when its MAC is wrong, when it is older than `MAX_AGE`, when its difficulty is below what is required now,
when the nonce does not solve it, or when it was already used: a spent challenge is remembered in the shared cache
(Redis when REDIS_URL is set) until it would have expired anyway.

Every check happens before anything is stored; like the rate limiter, a cache that cannot answer lets the proof
through (and logs it) rather than refuse a citizen.
"""
from __future__ import annotations

import base64
import hashlib
import itertools
import logging
import math
import re
import secrets
import time
from time import monotonic as _monotonic

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from minhbach.core import clock, ratelimit
from minhbach.core.errors import DomainError

log = logging.getLogger(__name__)

VERSION = "v1"
MAX_AGE = 15 * 60          # seconds a challenge stays valid
CLOCK_SKEW = 60            # seconds a challenge may seem to come from the future (several web processes)
BASE_BITS = 16             # difficulty as soon as a proof is asked for
CEILING_BITS = 30          # whatever the setting says: beyond this no browser would ever finish
HEADER = "X-Proof-Of-Work"
_KEY_SALT = "minhbach.core.pow"
_CHALLENGE = re.compile(r"v1\.(\d{1,12})\.(\d{1,2})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})")
_NONCE = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_PROOF_LENGTH = 200


class ProofRefused(DomainError):
    """The proof of work is missing or not valid: answered with HTTP 428 and a translated message; nothing is stored."""

    status = 428

    def __init__(self, message, *, reason: str):
        super().__init__(message, code="pow_required" if reason == "missing" else "pow_invalid")
        self.reason = reason


# --- difficulty -------------------------------------------------------------------------------


_rate_memo: dict[str, tuple[float, int]] = {}


def recent_submissions_memo() -> int:
    """`recent_submissions`, read at most once per MINHBACH_POW_RATE_TTL seconds per process (a flood is measured in
    minutes; sparing each submission a cache round trip matters more than a second's precision)."""
    ttl = getattr(settings, "MINHBACH_POW_RATE_TTL", 1.0)
    now = _monotonic()
    hit = _rate_memo.get("rate")
    if ttl > 0 and hit and now - hit[0] < ttl:
        return hit[1]
    value = recent_submissions()
    _rate_memo["rate"] = (now, value)
    return value


def recent_submissions() -> int:
    """Submissions from everyone in the last minute, estimated from the rate limiter's per-minute counters.

    The current window is fully counted and the previous one in proportion to the part of it still inside the last
    60 seconds, so the estimate does not drop to zero when a new minute starts.
    """
    window = ratelimit.SUBMIT_GLOBAL_WINDOW
    current, previous = ratelimit.counts("submit:all", window, (0, 1))
    elapsed = (time.time() % window) / window
    return current + int(previous * (1 - elapsed))


def required_bits() -> int:
    """The difficulty a submission must prove now: 0 while the rate is normal (or the proof is switched off)."""
    if not getattr(settings, "MINHBACH_POW_ENABLED", True):
        return 0
    free = getattr(settings, "MINHBACH_POW_FREE_PER_MINUTE", 60)
    cap = min(getattr(settings, "MINHBACH_POW_MAX_BITS", 22), CEILING_BITS)
    if cap <= 0:
        return 0
    if free <= 0:  # always ask, at the base difficulty
        return min(BASE_BITS, cap)
    recent = recent_submissions_memo()
    if recent <= free:
        return 0
    return min(BASE_BITS + int(math.log2(recent / free)), cap)


# --- challenges -------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _mac(body: str) -> str:
    return _b64(salted_hmac(_KEY_SALT, body, algorithm="sha256").digest()[:16])


def issue(bits: int | None = None) -> str:
    """A fresh challenge of `bits` leading zero bits (default: the difficulty required now)."""
    bits = required_bits() if bits is None else bits
    body = f"{VERSION}.{int(clock.now().timestamp())}.{int(bits)}.{_b64(secrets.token_bytes(16))}"
    return f"{body}.{_mac(body)}"


def challenge_bits(challenge: str) -> int:
    """The difficulty written in a challenge this server issued (0 if it is not one)."""
    m = _CHALLENGE.fullmatch(challenge or "")
    return int(m.group(2)) if m else 0


def leading_zero_bits(digest: bytes) -> int:
    """How many zero bits the digest starts with."""
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def _work(challenge: str, nonce: str) -> bytes:
    return hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()


def solve(challenge: str) -> str:
    """Find a nonce for the challenge (the reference solver: what the portal's script does in the browser)."""
    bits = challenge_bits(challenge)
    return next(str(n) for n in itertools.count() if leading_zero_bits(_work(challenge, str(n))) >= bits)


def check(proof: str | None, *, required: int) -> None:
    """Accept `proof` ("<challenge>:<nonce>") for a submission needing `required` bits, or raise ProofRefused.

    With nothing required, any proof (or none) is accepted. A valid proof is spent: the same challenge is refused
    next time. A wrong nonce does not spend the challenge, so its owner can still send the right one.
    """
    if required <= 0:
        return
    proof = (proof or "").strip()
    if not proof:
        raise ProofRefused(_("Many items are being sent right now, so each one must come with a proof of work. Ask for "
                             "a challenge at /api/v1/submissions/challenge, solve it and send the item again with the "
                             "X-Proof-Of-Work header. Nothing was recorded."), reason="missing")
    challenge, _sep, nonce = proof.rpartition(":")
    m = _CHALLENGE.fullmatch(challenge)
    if len(proof) > MAX_PROOF_LENGTH or not m or not _NONCE.fullmatch(nonce) \
            or not constant_time_compare(_mac(challenge.rsplit(".", 1)[0]), m.group(4)):
        raise ProofRefused(_("The proof of work is not valid. Ask for a new challenge, solve it and send the item "
                             "again. Nothing was recorded."), reason="invalid")
    issued, bits = int(m.group(1)), int(m.group(2))
    age = clock.now().timestamp() - issued
    if age > MAX_AGE or age < -CLOCK_SKEW:
        raise ProofRefused(_("The proof-of-work challenge has expired. Ask for a new one, solve it and send the item "
                             "again. Nothing was recorded."), reason="expired")
    if bits < required:
        raise ProofRefused(_("More items are being sent now than when this challenge was given, so it is no longer hard "
                             "enough. Ask for a new one, solve it and send the item again. Nothing was recorded."),
                           reason="too_easy")
    if leading_zero_bits(_work(challenge, nonce)) < bits:
        raise ProofRefused(_("The proof of work does not solve its challenge. Solve it and send the item again. "
                             "Nothing was recorded."), reason="wrong")
    spent_key = f"pow:spent:{m.group(3)}"
    try:
        first_use = cache.add(spent_key, 1, MAX_AGE + CLOCK_SKEW + 1)
    except Exception:  # a cache outage must not refuse a citizen who did the work
        log.warning("proof of work: cache unavailable, reuse not checked", exc_info=True)
        return
    if not first_use:
        raise ProofRefused(_("This proof of work has already been used. Ask for a new challenge, solve it and send "
                             "the item again. Nothing was recorded."), reason="reused")
