"""Authentication of staff API calls: a bearer API token, or the Django session with its CSRF check."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from minhbach.accounts import totp
from minhbach.accounts.models import ApiToken
from minhbach.core import clock
from minhbach.core.errors import PermissionDenied

# Writing last_used_at on every call would turn each read into a write; once a minute is enough to audit use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def token_authenticate(raw: str):
    """The active user of a live (not revoked) token, looked up by its SHA-256 digest; None otherwise.

    The token rule: if the owner's roles require TOTP, the token must have been created with their code
    (`second_factor_at`, see `services.api_token_create`); otherwise it is refused with 403 — whether it predates the
    rule or the owner was given such a role after it was created. The roles are read in the same query.
    """
    from minhbach.orgs.models import Membership  # same layer; imported late to keep the modules independent

    raw = (raw or "").strip()
    if not raw:
        return None
    token = (ApiToken.objects.select_related("user")
             .annotate(owner_needs_code=Exists(Membership.objects.filter(user=OuterRef("user"), role__in=totp.TOTP_ROLES)))
             .filter(digest=ApiToken.digest_of(raw), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    if token.second_factor_at is None and (token.owner_needs_code or token.user.is_superuser):
        raise PermissionDenied(_("This token was created without a code from its owner's authenticator app, which the "
                                 "owner's role requires. Create a new token with the code (minhbach api_token create "
                                 "--code) and revoke this one."), code="second_factor_required")
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional UPDATE: concurrent calls in the same minute write at most once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
    return token.user


class StaffAuth(AuthBase):
    """`Authorization: Bearer <token>` if the header is present, otherwise the session (CSRF-checked for writes).

    A request that carries an Authorization header is judged by it alone: a revoked or wrong token
    is refused even if a session cookie rides along, so a leaked cookie cannot mask a bad token.
    """

    openapi_type = "http"
    openapi_scheme = "bearer"
    openapi_description = ("An API token (`minhbach api_token create USERNAME --name NAME`) as `Authorization: Bearer "
                           "<token>`; or, from the back office, the session cookie with the `X-CSRFToken` header "
                           "on POST.")

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header is not None:
            scheme, _sep, raw = header.strip().partition(" ")
            if scheme.lower() != "bearer":
                raise AuthenticationError()
            return token_authenticate(raw)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise PermissionDenied(_("The CSRF check failed: send the X-CSRFToken header with the session."),
                                       code="csrf_failed")
        return user


staff_auth = StaffAuth()
