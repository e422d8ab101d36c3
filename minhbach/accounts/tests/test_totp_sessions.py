"""A session or a token that never gave a code cannot serve a user whose roles require one."""
import io
import time

import pyotp
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from minhbach.accounts import totp
from minhbach.accounts.models import ApiToken
from minhbach.accounts.services import api_token_create
from minhbach.accounts.testing import login_verified
from minhbach.core.errors import DomainError
from minhbach.orgs.models import Membership, Role

PASSWORD = "Mat-khau-thu-2026"
STAFF_API = "/api/v1/staff/items"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _enrolled(user) -> pyotp.TOTP:
    device, secret = totp.enrolment_start(user=user)
    otp = pyotp.TOTP(secret)
    assert totp.verify(device=device, code=otp.at(time.time() - 30))
    return otp


def _password_login(client, username):
    r = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert r.status_code == 302
    return r


def test_the_roles_that_require_the_code_are_the_sensitive_ones():
    assert set(totp.TOTP_ROLES) == {Role.CUSTODIAN, Role.INSPECTOR, Role.ADMIN}


def test_a_session_opened_before_the_role_was_given_is_sent_to_the_code_step(province):
    handler = province.users.handler
    otp = _enrolled(handler)  # enrolled voluntarily, but logged in before that: no code in this session
    client = Client()
    client.force_login(handler)
    assert client.get(reverse("cases:inbox")).status_code == 200  # a handler needs no code
    Membership.objects.create(user=handler, unit=province.units.inspectorate, role=Role.INSPECTOR)
    r = client.get(reverse("cases:inbox") + "?filter=all")
    assert r.status_code == 302 and r.url == reverse("accounts:totp_verify") + "?next=%2Fstaff%2F%3Ffilter%3Dall"
    for url in ("/staff/intake/", "/staff/vault/requests/", "/plans/", "/admin/", "/"):
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith(reverse("accounts:totp_verify")), url
    assert client.post(reverse("cases:notifications")).status_code == 302
    # The code step answers, takes a wrong code badly, a right one well, and returns to the page asked for.
    step = reverse("accounts:totp_verify") + "?next=%2Fstaff%2F%3Ffilter%3Dall"
    assert client.get(step).status_code == 200
    assert client.post(step, {"code": "000000" if otp.now() != "000000" else "111111"}).status_code == 400
    old_key = client.session.session_key
    r = client.post(step, {"code": otp.now()})
    assert r.status_code == 302 and r.url == "/staff/?filter=all"
    assert client.session.session_key != old_key  # a new session key with the stronger session
    assert client.get(reverse("cases:inbox")).status_code == 200


def test_a_user_without_an_app_is_sent_to_enrolment_and_then_back(province):
    import re

    custodian = province.users.custodian
    client = Client()
    client.force_login(custodian)  # a session from before TOTP was required
    r = client.get("/staff/vault/requests/")
    assert r.status_code == 302 and r.url == reverse("accounts:totp_enrol") + "?next=%2Fstaff%2Fvault%2Frequests%2F"
    page = client.get(r.url).content.decode()
    secret = pyotp.parse_uri(re.search(r"<code>(otpauth://[^<]+)</code>", page).group(1).replace("&amp;", "&")).secret
    r = client.post(reverse("accounts:totp_enrol") + "?next=%2Fstaff%2Fvault%2Frequests%2F",
                    {"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302 and r.url == "/staff/vault/requests/"
    assert client.get("/staff/vault/requests/").status_code == 200


def test_the_api_answers_403_in_its_error_shape_to_such_a_session(province):
    client = Client()
    client.force_login(province.users.inspector)
    r = client.get(STAFF_API, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 403 and r["Content-Type"].startswith("application/json")
    assert r.json()["code"] == "second_factor_required" and "authenticator app" in r.json()["detail"]
    login_verified(client, province.users.inspector)
    assert client.get(STAFF_API).status_code == 200


def test_a_full_login_with_the_code_marks_the_session(province):
    otp = _enrolled(province.users.admin)
    client = Client()
    assert _password_login(client, "admin").url == reverse("accounts:totp_verify")
    assert client.post(reverse("accounts:totp_verify"), {"code": otp.now()}).status_code == 302
    assert totp.session_is_verified(client.session, province.users.admin)
    assert client.get(reverse("cases:inbox")).status_code == 200


def test_the_exit_stays_open_and_the_next_target_is_only_ever_ours(province):
    otp = _enrolled(province.users.inspector)
    client = Client()
    client.force_login(province.users.inspector)
    r = client.post(reverse("accounts:totp_verify") + "?next=https://evil.example/steal", {"code": otp.now()})
    assert r.status_code == 302 and r.url == reverse("cases:inbox")
    other = Client()
    other.force_login(province.users.inspector)
    assert other.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in other.session


def test_other_staff_and_anonymous_visitors_are_not_affected(province, client):
    assert client.get("/").status_code == 200
    assert client.get(STAFF_API).status_code == 401
    handler = Client()
    handler.force_login(province.users.handler)
    assert handler.get(reverse("cases:inbox")).status_code == 200
    assert handler.get(STAFF_API).status_code == 200
    # A logged-in user who needs no code is sent on from the code step, not held there.
    assert handler.get(reverse("accounts:totp_verify")).url == reverse("cases:inbox")


def test_a_superuser_needs_the_code_too(province):
    user = province.users.home
    user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    r = client.get(reverse("cases:inbox"))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:totp_enrol"))


# --- API tokens -------------------------------------------------------------------------------------------------


def _api(raw):
    return Client().get(STAFF_API, HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def test_a_token_of_such_a_user_needs_the_code_to_be_created(province):
    inspector = province.users.inspector
    with pytest.raises(DomainError) as exc:
        api_token_create(user=inspector, name="báo cáo")  # no app yet
    assert exc.value.code == "second_factor_required"
    otp = _enrolled(inspector)
    with pytest.raises(DomainError):
        api_token_create(user=inspector, name="báo cáo")  # no code
    with pytest.raises(DomainError) as exc:
        api_token_create(user=inspector, name="báo cáo", code="000000" if otp.now() != "000000" else "111111")
    assert exc.value.code == "second_factor_invalid"
    code = otp.now()
    token, raw = api_token_create(user=inspector, name="báo cáo", code=code)
    assert token.second_factor_at is not None and _api(raw).status_code == 200
    with pytest.raises(DomainError):
        api_token_create(user=inspector, name="lần nữa", code=code)  # a code is used once


def test_a_token_created_without_the_code_is_refused_once_the_owner_holds_such_a_role(province):
    handler = province.users.handler
    token, raw = api_token_create(user=handler, name="tích hợp")
    assert token.second_factor_at is None and _api(raw).status_code == 200
    Membership.objects.create(user=handler, unit=province.units.inspectorate, role=Role.INSPECTOR)
    r = _api(raw)
    assert r.status_code == 403 and r.json()["code"] == "second_factor_required"
    # A token issued before the rule (no record of a code) of a custodian is refused the same way.
    _legacy, legacy_raw = ApiToken.issue(user=province.users.custodian, name="cũ")
    assert _api(legacy_raw).status_code == 403
    # A handler who gives a code keeps a token that survives a later promotion.
    leader = province.users.leader
    otp = _enrolled(leader)
    _t, kept = api_token_create(user=leader, name="có mã", code=otp.now())
    Membership.objects.create(user=leader, unit=province.units.root, role=Role.ADMIN)
    assert _api(kept).status_code == 200


def test_the_token_check_costs_no_extra_query(province, django_assert_max_num_queries):
    _t, raw = api_token_create(user=province.users.handler, name="đếm truy vấn")
    _api(raw)
    with django_assert_max_num_queries(8):
        assert _api(raw).status_code == 200


def test_a_token_session_mix_is_judged_by_the_token(province):
    otp = _enrolled(province.users.inspector)
    _t, raw = api_token_create(user=province.users.inspector, name="có mã", code=otp.now())
    client = Client()
    client.force_login(province.users.inspector)  # an unverified session rides along
    assert client.get(STAFF_API, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert client.get(STAFF_API, HTTP_AUTHORIZATION="Bearer mb_wrong").status_code == 401


def test_the_command_asks_for_the_code_of_such_a_user(province):
    inspector = province.users.inspector
    otp = _enrolled(inspector)
    with pytest.raises(CommandError, match="needs a current code"):
        call_command("api_token", "create", "inspector", "--name", "báo cáo", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("api_token", "create", "inspector", "--name", "báo cáo", "--code", otp.now(), stdout=out,
                 stderr=io.StringIO())
    raw = out.getvalue().strip()
    assert raw.startswith("mb_") and _api(raw).status_code == 200
    assert ApiToken.objects.get(digest=ApiToken.digest_of(raw)).second_factor_at is not None
    # Other staff need no code.
    out = io.StringIO()
    call_command("api_token", "create", "handler", "--name", "tích hợp", stdout=out, stderr=io.StringIO())
    assert _api(out.getvalue().strip()).status_code == 200
