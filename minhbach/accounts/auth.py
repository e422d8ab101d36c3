"""Authentication of staff API calls: a bearer API token, or the Django session with its CSRF check."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from minhbach.accounts.models import ApiToken
from minhbach.core import clock
from minhbach.core.errors import PermissionDenied

# Writing last_used_at on every call would turn each read into a write; once a minute is enough to audit use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def token_authenticate(raw: str):
    """The active user of a live (not revoked) token, looked up by its SHA-256 digest; None otherwise."""
    raw = (raw or "").strip()
    if not raw:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
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
