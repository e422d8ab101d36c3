"""Writes on accounts: API tokens (the only way one is created or revoked, for the command and any future page)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.accounts import throttling, totp
from minhbach.accounts.models import ApiToken, User
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError


def api_token_create(*, user: User, name: str, code: str = "", actor=None, actor_label: str = "cli") -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with its raw value (shown once).

    The token rule: a user whose roles require TOTP (custodian, inspector, administrator, superuser) gets a token only
    with a valid code from their own authenticator app, checked here (used once, throttled like the login step); the
    token records when (`second_factor_at`). Anyone else may give a code too, which keeps their token valid if they
    are later given such a role; a token created without one is refused from then on (`auth.token_authenticate`).
    """
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DomainError(_("Give the token a name of 1 to 100 characters."), field="name")
    second_factor_at = None
    code = (code or "").strip()
    if totp.required_for(user) or code:
        device = totp.confirmed_device(user)
        if device is None:
            raise DomainError(_("%(username)s must first set up an authenticator app (at their next login); a token "
                                "for this account needs a code from it.") % {"username": user.username},
                              field="code", code="second_factor_required")
        if not code:
            raise DomainError(_("A token for %(username)s needs a current code from their authenticator app.")
                              % {"username": user.username}, field="code", code="second_factor_required")
        if throttling.totp_blocked(user.pk):
            raise DomainError(_("Too many wrong codes. Wait %(minutes)d minutes and try again.")
                              % {"minutes": throttling.WINDOW_SECONDS // 60}, field="code", code="throttled")
        if not totp.verify(device=device, code=code):
            throttling.totp_failed(user.pk)
            raise DomainError(_("This code is not valid. Enter the code your authenticator app shows now."),
                              field="code", code="second_factor_invalid")
        throttling.totp_succeeded(user.pk)
        second_factor_at = clock.now()
    with transaction.atomic():
        token, raw = ApiToken.issue(user=user, name=name, second_factor_at=second_factor_at)
        audit_append(actor=actor, actor_label=actor_label, verb="api_token_create", obj=token,
                     data={"user": user.username, "name": name, "prefix": token.prefix,
                           "second_factor": second_factor_at is not None})
    return token, raw
