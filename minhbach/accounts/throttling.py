"""Login throttling: failed logins are counted per (user name, client) and per client, in the shared cache.

After `PER_USER_LIMIT` failures for one user name from one client, or `PER_CLIENT_LIMIT` failures from one
client, within `WINDOW_SECONDS`, every login from there is refused — the same answer whether or not the
user name exists, and before any password is checked. A successful login clears the user name's counter.
"""
from __future__ import annotations

from minhbach.core import ratelimit

PER_USER_LIMIT = 5
PER_CLIENT_LIMIT = 20
WINDOW_SECONDS = 15 * 60


def _keys(request, username: str) -> tuple[str, str]:
    ip = ratelimit.client_ip(request)
    name = (username or "").strip().casefold()
    return f"login-fail:user:{ratelimit.client_digest(name, ip)}", f"login-fail:ip:{ratelimit.client_digest(ip)}"


def login_blocked(request, username: str) -> bool:
    """True when this client may not try to log in (as this user name) for now."""
    user_key, ip_key = _keys(request, username)
    return (ratelimit.count(user_key, WINDOW_SECONDS) >= PER_USER_LIMIT
            or ratelimit.count(ip_key, WINDOW_SECONDS) >= PER_CLIENT_LIMIT)


def login_failed(request, username: str) -> None:
    """Count one failed login against the user name (from this client) and against the client."""
    user_key, ip_key = _keys(request, username)
    ratelimit.hit(user_key, PER_USER_LIMIT, WINDOW_SECONDS)
    ratelimit.hit(ip_key, PER_CLIENT_LIMIT, WINDOW_SECONDS)


def login_succeeded(request, username: str) -> None:
    """Clear the user name's failures from this client (the client's own count stays)."""
    user_key, _ip_key = _keys(request, username)
    ratelimit.reset(user_key, WINDOW_SECONDS)


# The second step: the password is already known, so failures are counted per account, whatever the client.
TOTP_LIMIT = 5


def _totp_key(user_id: int) -> str:
    return f"totp-fail:{user_id}"


def totp_blocked(user_id: int) -> bool:
    return ratelimit.count(_totp_key(user_id), WINDOW_SECONDS) >= TOTP_LIMIT


def totp_failed(user_id: int) -> None:
    ratelimit.hit(_totp_key(user_id), TOTP_LIMIT, WINDOW_SECONDS)


def totp_succeeded(user_id: int) -> None:
    ratelimit.reset(_totp_key(user_id), WINDOW_SECONDS)
