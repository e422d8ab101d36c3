"""The second login step: required for custodians, inspectors and administrators, open to anyone; codes used once."""
import re
import time

import pyotp
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from minhbach.accounts import throttling, totp
from minhbach.accounts.models import TotpDevice

PASSWORD = "Mat-khau-thu-2026"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _password(client, username, next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _enrolled(user) -> pyotp.TOTP:
    device, secret = totp.enrolment_start(user=user)
    otp = pyotp.TOTP(secret)
    assert totp.verify(device=device, code=otp.at(time.time() - 30))  # confirm with the previous step's code
    return otp


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("username", ["custodian", "inspector", "admin"])
def test_sensitive_roles_must_enrol_before_they_are_logged_in(province, username):
    client = Client()
    r = _password(client, username, next_url="/staff/intake/")
    assert r.status_code == 302 and r.url == reverse("accounts:totp_enrol")
    assert not _logged_in(client)
    assert client.get(reverse("cases:inbox")).status_code == 302  # still anonymous
    page = client.get(reverse("accounts:totp_enrol")).content.decode()
    uri = re.search(r"<code>(otpauth://[^<]+)</code>", page).group(1).replace("&amp;", "&")
    secret = pyotp.parse_uri(uri).secret
    assert client.post(reverse("accounts:totp_enrol"), {"code": "000000"}).status_code == 400
    r = client.post(reverse("accounts:totp_enrol"), {"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302 and r.url == "/staff/intake/"
    assert _logged_in(client)
    assert TotpDevice.objects.get(user=getattr(province.users, username)).confirmed_at is not None


def test_enrolled_user_gives_a_code_and_a_code_works_once(province):
    otp = _enrolled(province.users.inspector)
    client = Client()
    r = _password(client, "inspector")
    assert r.url == reverse("accounts:totp_verify") and not _logged_in(client)
    assert client.get(reverse("accounts:totp_enrol")).url == reverse("accounts:totp_verify")  # no re-enrolment
    r = client.post(reverse("accounts:totp_verify"), {"code": "123456" if otp.now() != "123456" else "654321"})
    assert r.status_code == 400 and "This code is not valid" in r.content.decode() and not _logged_in(client)
    code = otp.now()
    assert client.post(reverse("accounts:totp_verify"), {"code": code}).status_code == 302
    assert _logged_in(client)
    other = Client()
    _password(other, "inspector")
    assert other.post(reverse("accounts:totp_verify"), {"code": code}).status_code == 400  # replayed
    assert not _logged_in(other)


def test_other_staff_log_in_with_the_password_only_unless_they_enrolled(province):
    client = Client()
    assert _password(client, "handler").url == reverse("cases:inbox")
    assert _logged_in(client)
    # A logged-in handler may set up an app voluntarily; from then on the login asks for its code.
    page = client.get(reverse("accounts:totp_enrol")).content.decode()
    secret = pyotp.parse_uri(re.search(r"<code>(otpauth://[^<]+)</code>", page).group(1).replace("&amp;", "&")).secret
    assert client.post(reverse("accounts:totp_enrol"), {"code": pyotp.TOTP(secret).now()}).url == reverse("cases:inbox")
    fresh = Client()
    assert _password(fresh, "handler").url == reverse("accounts:totp_verify")
    assert not _logged_in(fresh)


def test_wrong_codes_are_throttled_per_account(province):
    otp = _enrolled(province.users.custodian)
    client = Client()
    _password(client, "custodian")
    for _ in range(throttling.TOTP_LIMIT):
        assert client.post(reverse("accounts:totp_verify"), {"code": "000000"}).status_code in (400, 302)
    r = client.post(reverse("accounts:totp_verify"), {"code": otp.now()})
    assert r.status_code == 429 and "Too many wrong codes" in r.content.decode()
    assert not _logged_in(client)


def test_the_second_step_expires(province, monkeypatch):
    otp = _enrolled(province.users.inspector)
    client = Client()
    _password(client, "inspector")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 6 * 60)
    r = client.post(reverse("accounts:totp_verify"), {"code": otp.now()})
    assert r.status_code == 302 and r.url == reverse("accounts:login")
    assert not _logged_in(client)


def test_second_step_pages_need_the_password_first(client, province):
    assert client.get(reverse("accounts:totp_verify")).url == reverse("accounts:login")
    assert client.get(reverse("accounts:totp_enrol")).url == reverse("accounts:login")


def test_admin_site_login_is_closed_to_accounts_with_a_second_step(province):
    admin_user = province.users.admin
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    r = client.post(reverse("admin:login"), {"username": "admin", "password": PASSWORD, "next": "/admin/"})
    assert r.status_code == 200 and "log in through the staff login page" in r.content.decode()
    assert not _logged_in(client)


def test_secret_is_not_stored_in_clear(province):
    device, secret = totp.enrolment_start(user=province.users.handler)
    assert secret not in TotpDevice.objects.get(pk=device.pk).secret_encrypted
