"""The second step for sessions that never passed it: a user whose roles now require TOTP must give a code first.

The login asks for the code when the roles already require it (`views.LoginView`). A session opened before that —
the user was given a custodian, inspector or administrator role later, or was made a superuser, or logged in before
TOTP was required — carries no mark of a code (`totp.SESSION_KEY`). Such a session reaches nothing until the user
gives one: pages redirect to the code step (or to enrolment for a user without an authenticator app yet), and the API
answers 403 in its JSON error shape. The roles are read on every request, so a role given mid-session counts at once.

API calls that carry an `Authorization` header are judged by their token alone (`auth.StaffAuth`); the token rule
(a token of such a user must have been created with a code) is in `auth.token_authenticate`.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from minhbach.accounts import totp

API_PREFIX = "/api/"
# Reachable without the code: the code and enrolment steps themselves, logging out, the language switch, health.
EXEMPT_URLS = ("accounts:totp_verify", "accounts:totp_enrol", "accounts:logout", "set_language", "healthz")


class SecondFactorMiddleware:
    """Holds back a session-authenticated user whose roles require TOTP until the session has passed it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt: frozenset[str] | None = None

    def exempt_paths(self) -> frozenset[str]:
        if self._exempt is None:
            self._exempt = frozenset(reverse(name) for name in EXEMPT_URLS)
        return self._exempt

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self.held_back(request, user):
            return self.refuse(request, user)
        return self.get_response(request)

    def held_back(self, request, user) -> bool:
        """True if this request needs a code first: the roles require one and the session never gave it."""
        if request.path in self.exempt_paths():
            return False
        if request.path.startswith(API_PREFIX) and "Authorization" in request.headers:
            return False  # the token decides, not the session cookie riding along
        if totp.session_is_verified(request.session, user):
            return False
        return totp.required_by_roles(user)

    def refuse(self, request, user):
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": _("Your role requires a code from an authenticator app: log in again in the "
                                             "back office and give the code, or use an API token created with one."),
                                 "code": "second_factor_required"}, status=403)
        step = "accounts:totp_verify" if totp.confirmed_device(user) is not None else "accounts:totp_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
