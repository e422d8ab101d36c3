"""Test helpers: a logged-in session that has passed the second step, as after a real login with a code."""
from __future__ import annotations

from minhbach.accounts import totp


def login_verified(client, user) -> None:
    """`client.force_login(user)` plus the mark a valid TOTP code leaves on the session (see `SecondFactorMiddleware`)."""
    client.force_login(user)
    session = client.session
    totp.session_mark_verified(session, user)
    session.save()
