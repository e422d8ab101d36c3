"""Staff login: the password (throttled; a throttled attempt answers HTTP 429), then — for custodians, inspectors,
administrators and anyone who enrolled — a code from an authenticator app.

Between the two steps the user is not logged in: the session holds only the pending user's id, the backend, where
to go next and when the password was given; the second step must follow within `PENDING_SECONDS`. A valid code marks
the session (`totp.SESSION_KEY`). A session opened without one, whose user's roles now require it, is sent back to
the same code step (or to enrolment) by `middleware.SecondFactorMiddleware`, and returns to the page it asked for.
"""
from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from minhbach.accounts import throttling, totp
from minhbach.accounts.forms import CodeForm, LoginForm

PENDING = "accounts_totp_pending"
PENDING_SECONDS = 5 * 60


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not totp.second_step_needed(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {"user": user.pk, "backend": user.backend, "next": self.get_success_url(),
                                         "at": time.time()}
        return redirect("accounts:totp_enrol" if totp.confirmed_device(user) is None else "accounts:totp_verify")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


def _pending_user(request):
    """The user who gave the right password in the last few minutes, or None (the pending state is then cleared)."""
    pending = request.session.get(PENDING)
    if not pending:
        return None
    if time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def _finish_login(request, user):
    pending = request.session.pop(PENDING)
    auth_login(request, user, backend=pending["backend"])
    totp.session_mark_verified(request.session, user)
    return redirect(pending["next"])


def _step_up_user(request):
    """A logged-in user whose session has not given a code yet and has one to give (their roles require it, or they
    enrolled), as `SecondFactorMiddleware` sends them here; or None."""
    user = request.user
    if not user.is_authenticated or totp.session_is_verified(request.session, user):
        return None
    return user if totp.required_by_roles(user) or totp.confirmed_device(user) is not None else None


def _safe_next(request) -> str:
    """Where to go after the code: the page the middleware held back, if it is one of ours; else the inbox."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _finish_step_up(request, user):
    # A session that gains the second factor gets a new key, as at login (no fixation of the stronger session).
    request.session.cycle_key()
    totp.session_mark_verified(request.session, user)
    return redirect(_safe_next(request))


def _throttled(request, template: str, ctx: dict):
    ctx["form"].add_error(None, _("Too many wrong codes. Wait %(minutes)d minutes and try again.")
                          % {"minutes": throttling.WINDOW_SECONDS // 60})
    return render(request, template, ctx, status=429)


@never_cache
@sensitive_post_parameters("code")
def totp_verify(request):
    """The second step: a code from the authenticator app the user enrolled — after the password, or, for a session
    opened before the user's roles required it, before anything else (see `middleware.SecondFactorMiddleware`)."""
    pending_user = _pending_user(request)
    user = pending_user or _step_up_user(request)
    if user is None:
        if request.user.is_authenticated:
            return redirect(_safe_next(request))
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("accounts:login")
    device = totp.confirmed_device(user)
    if device is None:
        if pending_user is None and request.GET.get("next"):
            return redirect(f"{reverse('accounts:totp_enrol')}?{urlencode({'next': request.GET['next']})}")
        return redirect("accounts:totp_enrol")
    form = CodeForm(request.POST or None)
    ctx = {"form": form}
    if request.method != "POST":
        return render(request, "accounts/totp_verify.html", ctx)
    if throttling.totp_blocked(user.pk):
        return _throttled(request, "accounts/totp_verify.html", ctx)
    if form.is_valid() and totp.verify(device=device, code=form.cleaned_data["code"]):
        throttling.totp_succeeded(user.pk)
        if pending_user is None:
            return _finish_step_up(request, user)
        return _finish_login(request, user)
    throttling.totp_failed(user.pk)
    form.add_error("code" if "code" not in form.errors else None,
                   _("This code is not valid. Enter the code your authenticator app shows now."))
    return render(request, "accounts/totp_verify.html", ctx, status=400)


@never_cache
@sensitive_post_parameters("code")
def totp_enrol(request):
    """Set up an authenticator app: right after the password (required for some roles), or when logged in."""
    pending_user = _pending_user(request)
    user = pending_user or (request.user if request.user.is_authenticated else None)
    if user is None:
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("accounts:login")
    if totp.confirmed_device(user) is not None:
        if pending_user is not None:
            return redirect("accounts:totp_verify")
        if _step_up_user(request) is not None:
            return redirect(f"{reverse('accounts:totp_verify')}?{urlencode({'next': _safe_next(request)})}")
        messages.info(request, _("Your authenticator app is already set up. To replace it, ask your unit's "
                                 "administrator to remove the old one."))
        return redirect("cases:inbox")
    device, secret = totp.enrolment_start(user=user)
    form = CodeForm(request.POST or None)
    ctx = {"form": form, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
           "uri": totp.provisioning_uri(user=user, secret=secret), "required": totp.required_for(user)}
    if request.method != "POST":
        return render(request, "accounts/totp_enrol.html", ctx)
    if throttling.totp_blocked(user.pk):
        return _throttled(request, "accounts/totp_enrol.html", ctx)
    if form.is_valid() and totp.verify(device=device, code=form.cleaned_data["code"]):
        throttling.totp_succeeded(user.pk)
        messages.success(request, _("Your authenticator app is set up. From now on, logging in asks for its code."))
        if pending_user is not None:
            return _finish_login(request, user)
        return _finish_step_up(request, user)
    throttling.totp_failed(user.pk)
    form.add_error("code" if "code" not in form.errors else None,
                   _("This code is not valid. Enter the code your authenticator app shows now."))
    return render(request, "accounts/totp_enrol.html", ctx, status=400)
