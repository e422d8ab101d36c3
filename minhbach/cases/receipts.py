"""Tracking codes and access secrets: the secret is shown once and stored only as a one-way hash.

The access secret is 100 bits drawn by `secrets` (not chosen by a person), so the hash needs no work factor: a
guess costs the attacker one hash, and 2**99 guesses on average are out of reach with any hash, fast or slow.
A slow password hash (Argon2id) exists for human-chosen passwords; here it would only spend ~40 ms of CPU per
submission — the whole cost of a submission under a flood. New receipts are therefore stored as salted SHA-256
(`sha256$<salt>$<digest>`, compared in constant time); `settings.RECEIPT_HASH = "argon2id"` keeps Argon2id, and
receipts hashed with Argon2id before are still verified. See docs/security.md.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

# Crockford's base32: no I, L, O, U — nothing to misread on a printed receipt.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
if len(ALPHABET) != 32:  # `_random` takes 5 bits a character: 256 is a multiple of 32, so `byte & 31` is uniform
    raise ImportError("the receipt alphabet must have 32 characters")


def _random(n: int) -> str:
    """`n` characters of ALPHABET, 5 uniform random bits each: one call to the system's generator, not `n`."""
    return "".join(ALPHABET[b & 31] for b in secrets.token_bytes(n))


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


SHA256_PREFIX = "sha256$"


def _sha256(salt: str, secret: str) -> str:
    return hashlib.sha256(f"minhbach-receipt-v1:{salt}:{normalise(secret)}".encode()).hexdigest()


def hash_secret(secret: str) -> str:
    """The stored form of a receipt secret: salted SHA-256 by default, Argon2id if configured."""
    if getattr(settings, "RECEIPT_HASH", "sha256") == "argon2id":
        return _hasher().hash(normalise(secret))
    salt = secrets.token_hex(16)
    return f"{SHA256_PREFIX}{salt}${_sha256(salt, secret)}"


_DUMMY: dict[str, str] = {}


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """Check a secret; with no hash (unknown code) spend the same time on a dummy so both look alike."""
    if not secret_hash:
        dummy = _DUMMY.setdefault(getattr(settings, "RECEIPT_HASH", "sha256"), hash_secret("dummy-secret"))
        verify_secret(dummy, secret or "x")
        return False
    if secret_hash.startswith(SHA256_PREFIX):
        salt, _sep, digest = secret_hash[len(SHA256_PREFIX):].partition("$")
        return hmac.compare_digest(digest, _sha256(salt, secret or "x"))
    try:
        return _hasher().verify(secret_hash, normalise(secret) or "x")
    except (VerificationError, InvalidHashError):
        return False


def normalise_code(value: str) -> str:
    """Canonical form of a tracking code as typed ('mb26 7k3f9qxa' → 'MB26-7K3F9QXA')."""
    raw = normalise(value)
    if raw.startswith("MB") and len(raw) == 12:
        return f"{raw[:4]}-{raw[4:]}"
    return (value or "").strip().upper()
