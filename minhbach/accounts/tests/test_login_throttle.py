"""Login throttling: per (user name, client) and per client, the same answer for unknown user names, HTTP 429."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from minhbach.accounts import throttling

PASSWORD = "Mat-khau-thu-2026"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, ip="203.0.113.5"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_then_429_even_with_the_right_password(client, province):
    for _ in range(throttling.PER_USER_LIMIT):
        r = _login(client, "handler", "wrong")
        assert r.status_code == 200
        assert "Too many failed" not in r.content.decode()
    r = _login(client, "handler", PASSWORD)
    assert r.status_code == 429
    assert "Too many failed login attempts" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_name_gets_the_very_same_answer(client, province):
    for name in ("handler", "no-such-user"):
        for _ in range(throttling.PER_USER_LIMIT):
            _login(client, name, "wrong")
    known, unknown = _login(client, "handler", "wrong"), _login(client, "no-such-user", "wrong")
    assert known.status_code == unknown.status_code == 429
    assert known.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_other_client_and_other_user_name_are_not_blocked_by_one_user_limit(client, province):
    for _ in range(throttling.PER_USER_LIMIT):
        _login(client, "handler", "wrong")
    assert _login(client, "handler", "wrong").status_code == 429
    assert _login(client, "leader", PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "handler", PASSWORD, ip="198.51.100.7").status_code == 302


def test_success_clears_the_user_name_counter(client, province):
    for _ in range(throttling.PER_USER_LIMIT - 1):
        _login(client, "handler", "wrong")
    assert _login(client, "handler", PASSWORD).status_code == 302
    client.logout()
    for _ in range(throttling.PER_USER_LIMIT - 1):
        assert _login(client, "handler", "wrong").status_code == 200
    assert _login(client, "handler", PASSWORD).status_code == 302


def test_per_client_limit_across_user_names(client, province):
    for i in range(throttling.PER_CLIENT_LIMIT):
        assert _login(client, f"guess-{i}", "wrong").status_code == 200
    r = _login(client, "handler", PASSWORD)
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session
    assert _login(client, "handler", PASSWORD, ip="198.51.100.7").status_code == 302


def test_window_expiry_lifts_the_block(client, province, monkeypatch):
    import time

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    for _ in range(throttling.PER_USER_LIMIT):
        _login(client, "handler", "wrong")
    assert _login(client, "handler", PASSWORD).status_code == 429
    monkeypatch.setattr(time, "time", lambda: now + throttling.WINDOW_SECONDS + 1)
    assert _login(client, "handler", PASSWORD).status_code == 302


@pytest.mark.vietnamese
def test_throttle_message_in_vietnamese(client, province):
    for _ in range(throttling.PER_USER_LIMIT):
        _login(client, "handler", "wrong")
    r = client.post(reverse("accounts:login"), {"username": "handler", "password": "x"}, REMOTE_ADDR="203.0.113.5",
                    HTTP_ACCEPT_LANGUAGE="vi")
    assert r.status_code == 429
    assert "Đăng nhập sai quá nhiều lần. Vui lòng chờ 15 phút" in r.content.decode()
