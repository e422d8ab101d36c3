"""Tracking codes and access secrets: the secret is shown once and stored only as an Argon2id hash."""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

# Crockford's base32: no I, L, O, U — nothing to misread on a printed receipt.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_tracking_code(year: int) -> str:
    """A short public code, e.g. 'MB26-7K3F9QXA' (40 random bits)."""
    return f"MB{year % 100:02d}-{_random(8)}"


def new_access_secret() -> str:
    """A 100-bit secret in five-letter groups, e.g. 'K7F3Q-9XA2M-PQ4RT-ZZ81C'."""
    raw = _random(20)
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def normalise(value: str) -> str:
    """Upper-case, drop spaces and dashes, and map look-alikes (O→0, I/L→1) as Crockford does."""
    value = (value or "").upper().replace(" ", "").replace("-", "")
    return value.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))


def _hasher() -> PasswordHasher:
    p = settings.RECEIPT_ARGON2
    return PasswordHasher(time_cost=p["time_cost"], memory_cost=p["memory_cost"], parallelism=p["parallelism"], type=Type.ID)


def hash_secret(secret: str) -> str:
    """Argon2id hash of the normalised secret."""
    return _hasher().hash(normalise(secret))


_DUMMY: dict[str, str] = {}


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """Check a secret; with no hash (unknown code) spend the same time on a dummy so both look alike."""
    hasher = _hasher()
    if not secret_hash:
        dummy = _DUMMY.setdefault("h", hasher.hash("dummy-secret"))
        try:
            hasher.verify(dummy, normalise(secret) or "x")
        except (VerificationError, InvalidHashError):
            pass
        return False
    try:
        return hasher.verify(secret_hash, normalise(secret) or "x")
    except (VerificationError, InvalidHashError):
        return False


def normalise_code(value: str) -> str:
    """Canonical form of a tracking code as typed ('mb26 7k3f9qxa' → 'MB26-7K3F9QXA')."""
    raw = normalise(value)
    if raw.startswith("MB") and len(raw) == 12:
        return f"{raw[:4]}-{raw[4:]}"
    return (value or "").strip().upper()
