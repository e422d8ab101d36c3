"""Staff API authentication: bearer tokens (by digest, revocable, last use recorded once a minute) or the session with CSRF."""
import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from minhbach.accounts.models import ApiToken
from minhbach.core import clock
from minhbach.core.models import AuditEvent

ITEMS = "/api/v1/staff/items"
UNAUTHENTICATED = {"detail": "Log in or give a valid API token.", "code": "unauthenticated"}


def get(client, path=ITEMS, **headers):
    return client.get(path, headers={"Accept-Language": "en", **headers})


def test_a_valid_token_authenticates_and_only_its_digest_is_stored(client, province):
    token, raw = ApiToken.issue(user=province.users.handler, name="integration")
    r = get(client, Authorization=f"Bearer {raw}")
    assert r.status_code == 200 and r.json() == {"items": [], "count": 0}
    assert not ApiToken.objects.filter(digest=raw).exists() and token.digest == ApiToken.digest_of(raw)


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer mb_not-a-real-token", "Token abc", "Basic aGFuZGxlcjp4"])
def test_a_missing_or_unknown_token_is_a_401_in_json(client, province, header):
    r = get(client, **({"Authorization": header} if header is not None else {}))
    assert r.status_code == 401 and r.json() == UNAUTHENTICATED


def test_a_revoked_token_is_refused_even_with_a_session_cookie(client, province):
    token, raw = ApiToken.issue(user=province.users.handler, name="old")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    client.force_login(province.users.handler)
    r = get(client, Authorization=f"Bearer {raw}")
    assert r.status_code == 401 and r.json() == UNAUTHENTICATED
    assert get(client).status_code == 200  # the session alone still works


def test_a_token_of_a_deactivated_user_is_refused(client, province):
    _token, raw = ApiToken.issue(user=province.users.handler, name="x")
    province.users.handler.is_active = False
    province.users.handler.save(update_fields=["is_active"])
    assert get(client, Authorization=f"Bearer {raw}").status_code == 401


def test_last_used_is_written_at_most_once_a_minute(client, province):
    token, raw = ApiToken.issue(user=province.users.handler, name="x")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.LOCAL_TZ)
    with clock.frozen(start):
        get(client, Authorization=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == start
    with clock.frozen(start + dt.timedelta(seconds=59)):
        get(client, Authorization=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == start
    with clock.frozen(start + dt.timedelta(seconds=61)):
        get(client, Authorization=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == start + dt.timedelta(seconds=61)


def test_a_session_needs_the_csrf_token_to_write(province, submit):
    case = submit().case
    browser = Client(enforce_csrf_checks=True)
    browser.get("/accounts/login/")  # the login page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    browser.force_login(province.users.handler)
    assert browser.get(f"{ITEMS}/{case.pk}").status_code == 200  # reads need no CSRF token
    url = f"{ITEMS}/{case.pk}/notes"
    refused = browser.post(url, data=json.dumps({"body": "Ghi chú"}), content_type="application/json",
                           headers={"Accept-Language": "en"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed" and refused.json()["detail"].startswith("The CSRF check failed")
    ok = browser.post(url, data=json.dumps({"body": "Ghi chú"}), content_type="application/json",
                      headers={"X-CSRFToken": csrf})
    assert ok.status_code == 200 and ok.json()["messages"][0]["body"] == "Ghi chú"


def test_a_token_needs_no_csrf_token_to_write(province, submit):
    case = submit().case
    _token, raw = ApiToken.issue(user=province.users.handler, name="x")
    api = Client(enforce_csrf_checks=True)
    r = api.post(f"{ITEMS}/{case.pk}/notes", data=json.dumps({"body": "Ghi chú"}), content_type="application/json",
                 headers={"Authorization": f"Bearer {raw}"})
    assert r.status_code == 200


def test_the_command_prints_a_token_once_and_revokes_it_by_prefix(client, province, capsys):
    call_command("api_token", "create", "handler", "--name", "Cổng dịch vụ công")
    out = capsys.readouterr()
    raw = out.out.strip()
    assert raw.startswith("mb_") and "shown only this once" in out.err
    token = ApiToken.objects.get(name="Cổng dịch vụ công")
    assert token.user == province.users.handler and token.digest == ApiToken.digest_of(raw) and token.prefix == raw[:8]
    assert get(client, Authorization=f"Bearer {raw}").status_code == 200

    call_command("api_token", "revoke", raw[:8])
    assert "Revoked token" in capsys.readouterr().out
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert get(client, Authorization=f"Bearer {raw}").status_code == 401
    assert list(AuditEvent.objects.filter(object_type="accounts.apitoken").values_list("verb", flat=True)) == [
        "api_token_create", "api_token_revoke"]
    assert raw not in json.dumps(list(AuditEvent.objects.values("data")), default=str)


def test_the_command_refuses_unknown_users_and_prefixes(province):
    with pytest.raises(CommandError, match="No active user"):
        call_command("api_token", "create", "nobody", "--name", "x")
    with pytest.raises(CommandError, match="No live token"):
        call_command("api_token", "revoke", "mb_zzzzz")
    with pytest.raises(CommandError, match="No live token"):
        call_command("api_token", "revoke", "mb_")
