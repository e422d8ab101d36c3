"""The staff login forms, throttled (see `throttling`), and the second-step code form."""
from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from minhbach.accounts import throttling, totp

THROTTLED = "throttled"
THROTTLED_MESSAGE = _("Too many failed login attempts. Wait %(minutes)d minutes and try again; if you have forgotten "
                      "your password, ask your unit's administrator to reset it.")


class ThrottledLoginMixin:
    """Refuses before any password check once a client has failed too often; the same answer for any user name."""

    def clean(self):
        username = self.data.get("username", "")
        if throttling.login_blocked(self.request, username):
            raise forms.ValidationError(THROTTLED_MESSAGE, code=THROTTLED,
                                        params={"minutes": throttling.WINDOW_SECONDS // 60})
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.login_failed(self.request, username)
            raise
        if self.get_user() is not None:
            throttling.login_succeeded(self.request, username)
        return cleaned

    @property
    def throttled(self) -> bool:
        return any(e.code == THROTTLED for e in self.errors.as_data().get("__all__", []))


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """The staff login page's form."""


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin site's login: throttled too, and closed to accounts that need the second step."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if totp.second_step_needed(user):
            raise forms.ValidationError(_("Your account uses an authenticator app: log in through the staff login "
                                          "page first, then open the administration."), code="second_step")


class CodeForm(forms.Form):
    code = forms.CharField(label=_("6-digit code"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
