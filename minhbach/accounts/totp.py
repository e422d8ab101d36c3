"""The second login step for staff who reach sensitive data: a TOTP code from an authenticator app (RFC 6238).

Custodians, inspectors and administrators (and Django superusers) must use it; any other staff member may
enrol. The secret is encrypted with a key derived from SECRET_KEY, so a database copy alone does not give it
away (rotating SECRET_KEY means re-enrolling). A code is accepted once: the accepted time step is recorded
with a conditional UPDATE, so two requests racing with the same code cannot both pass.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from minhbach.accounts.models import TotpDevice, User
from minhbach.core import clock

ISSUER = "Minh Bạch"
STEP_SECONDS = 30
DRIFT_STEPS = 1  # accept the previous and the next code too (clock drift)


def _fernet(secret_key: str) -> Fernet:
    key = hashlib.sha256(b"minhbach.accounts.totp:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _encrypt(secret: str) -> str:
    return _fernet(settings.SECRET_KEY).encrypt(secret.encode()).decode()


def _decrypt(token: str) -> str:
    for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            return _fernet(key).decrypt(token.encode()).decode()
        except InvalidToken:
            continue
    raise InvalidToken("TOTP secret cannot be decrypted with the current keys")


# Roles whose holders reach sensitive data (identities, inspections, the whole configuration).
TOTP_ROLES = ("custodian", "inspector", "admin")  # orgs.models.Role values; orgs is not imported at module load


def required_for(user: User) -> bool:
    """True for users whose role reaches sensitive data: custodian, inspector, administrator, or a superuser."""
    return user.is_superuser or user.memberships.filter(role__in=TOTP_ROLES).exists()


# The session of a user who gave a code (at login, or later when asked): {"user": id, "at": unix time}. Only such a
# session passes `SecondFactorMiddleware` for a user whose roles require the second step.
SESSION_KEY = "accounts_second_factor"


def session_mark_verified(session, user: User) -> None:
    """Record in the session that `user` gave a valid code (after `login()`, which may cycle the session)."""
    session[SESSION_KEY] = {"user": user.pk, "at": int(time.time())}


def session_is_verified(session, user: User) -> bool:
    """True if this session's user gave a valid code in it."""
    mark = session.get(SESSION_KEY) or {}
    return isinstance(mark, dict) and mark.get("user") == user.pk


def required_by_roles(user) -> bool:
    """`required_for`, read from the user's grants memoised for the request (no extra query in a page that uses them)."""
    from minhbach.orgs.selectors import user_grants  # same layer; imported late to keep the modules independent

    return user.is_superuser or any(g.role in TOTP_ROLES for g in user_grants(user))


def confirmed_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def second_step_needed(user: User) -> bool:
    """The login needs a code (or enrolment) after the password."""
    return confirmed_device(user) is not None or required_for(user)


def enrolment_start(*, user: User) -> tuple[TotpDevice, str]:
    """The user's unconfirmed device and its secret, created on first call (the same secret until confirmed)."""
    device = TotpDevice.objects.filter(user=user).first()
    if device is not None and device.confirmed_at is not None:
        raise ValueError("already enrolled")
    if device is None:
        device = TotpDevice.objects.create(user=user, secret_encrypted=_encrypt(pyotp.random_base32()))
    return device, _decrypt(device.secret_encrypted)


def provisioning_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def verify(*, device: TotpDevice, code: str) -> bool:
    """Check a code against the device and use it up; confirms an unconfirmed device. False if wrong or reused."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(_decrypt(device.secret_encrypted))
    current = int(time.time() // STEP_SECONDS)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step <= device.last_step or not hmac.compare_digest(totp.generate_otp(step), code):
            continue
        fields = {"last_step": step}
        if device.confirmed_at is None:
            fields["confirmed_at"] = clock.now()
        used = TotpDevice.objects.filter(pk=device.pk, last_step__lt=step).update(**fields)
        if used:
            for k, v in fields.items():
                setattr(device, k, v)
        return bool(used)
    return False
