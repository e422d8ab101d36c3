"""The fixed-window limiter, and submission flood resistance on the portal form and the API: 429, nothing stored,
the typed text kept, and every accepted submission stored with its receipt."""
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from minhbach.cases.models import Case
from minhbach.core import ratelimit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def form(**over):
    data = {"type": "phan_anh", "title": "Nước thải xả ra kênh", "content": "Nhà máy xả nước thải chưa xử lý ra kênh.",
            "category": "moi-truong", "unit": "so-tnmt", "place": "Thôn 3", "name": "Nguyễn Văn An",
            "address": "Thôn 3, xã An Phú", "phone": "0912 345 678", "email": "", "id_number": "",
            "previous_tracking_code": ""}
    return {**data, **over}


def api_body(**over):
    body = {"type": "phan_anh", "title": "Đèn đường hỏng", "content": "Đèn đường thôn 3 hỏng đã một tháng.",
            "unit": "so-tnmt", "category": "moi-truong",
            "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú", "email": "an@example.test"}}
    return {**body, **over}


def web_post(client, ip, **over):
    return client.post(reverse("portal:submit"), form(**over), REMOTE_ADDR=ip)


def api_post(client, ip, **over):
    return client.post("/api/v1/submissions", data=json.dumps(api_body(**over)), content_type="application/json",
                       REMOTE_ADDR=ip, headers={"Accept-Language": "en"})


def test_hit_counts_within_a_fixed_window(monkeypatch):
    import time

    now = 1_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    assert [ratelimit.hit("k", 3, 60) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.count("k", 60) == 4
    now += 60
    assert ratelimit.hit("k", 3, 60)
    ratelimit.reset("k", 60)
    assert ratelimit.count("k", 60) == 0
    assert all(ratelimit.hit("off", 0, 60) for _ in range(5))


def test_cache_outage_lets_requests_through(monkeypatch):
    def broken(*a, **kw):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "get", broken)
    assert ratelimit.hit("k", 1, 60) and ratelimit.hit("k", 1, 60)
    assert ratelimit.count("k", 60) == 0


def test_portal_per_client_limit_keeps_the_text_and_stores_nothing(settings, province, categories):
    settings.MINHBACH_SUBMIT_PER_IP = 2
    web = Client(headers={"accept-language": "en"})
    for i in range(2):
        r = web_post(web, "203.0.113.9", title=f"Nước thải lần {i}")
        assert r.status_code == 302 and r.url == reverse("portal:receipt")
    assert Case.objects.count() == 2
    r = web_post(web, "203.0.113.9", title="Tiêu đề thứ ba")
    assert r.status_code == 429
    page = r.content.decode()
    assert "Too many items have been sent from here" in page
    assert 'value="Tiêu đề thứ ba"' in page and "Nhà máy xả nước thải chưa xử lý ra kênh." in page
    assert Case.objects.count() == 2
    # another client is not affected
    assert web_post(Client(), "198.51.100.1").status_code == 302
    assert Case.objects.count() == 3


def test_portal_global_limit(settings, province, categories):
    settings.MINHBACH_SUBMIT_GLOBAL = 3
    web = Client()
    assert [web_post(web, f"203.0.113.{i}").status_code for i in range(5)] == [302, 302, 302, 429, 429]
    assert Case.objects.count() == 3


def test_api_limits_answer_429_json_and_store_nothing(settings, province, categories):
    settings.MINHBACH_SUBMIT_PER_IP = 2
    settings.MINHBACH_SUBMIT_GLOBAL = 3
    c = Client()
    codes = [api_post(c, "203.0.113.20").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    r = api_post(c, "203.0.113.20")
    assert r.status_code == 429
    assert r.json()["code"] == "throttled" and "not recorded" in r.json()["detail"]
    assert api_post(c, "203.0.113.21").status_code == 201  # third overall
    assert api_post(c, "203.0.113.22").status_code == 429  # global limit
    assert Case.objects.count() == 3


def test_web_and_api_share_the_client_budget_and_every_accepted_item_is_stored(settings, province, categories):
    settings.MINHBACH_SUBMIT_PER_IP = 4
    c = Client()
    accepted = 0
    for i in range(6):
        r = web_post(c, "203.0.113.30") if i % 2 else api_post(c, "203.0.113.30")
        accepted += r.status_code in (201, 302)
    assert accepted == 4 == Case.objects.count()
