"""The Redis cache backend (production and scale-out): one client per pool, counters in one round trip.

Runs against the Redis on 127.0.0.1:6379 (database 13, flushed), as CI machines have it.
"""
import pytest
from django.test import RequestFactory, override_settings

from minhbach.core import pow, ratelimit

REDIS = "redis://127.0.0.1:6379/13"
CACHES = {"default": {"BACKEND": "minhbach.core.cache.RedisCache", "LOCATION": REDIS}}


@pytest.fixture
def redis_cache():
    """The default cache switched to Redis (Django rebuilds its cache handlers when CACHES changes)."""
    import redis
    from django.core.cache import cache

    redis.Redis.from_url(REDIS).flushdb()
    with override_settings(CACHES=CACHES):
        assert hasattr(cache, "counters_hit")
        yield cache
    redis.Redis.from_url(REDIS).flushdb()


def test_one_client_object_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("a", 1)
    assert redis_cache.get("a") == 1
    assert redis_cache._cache.get_client(write=True) is client


def test_counters_are_incremented_with_an_expiry_and_read_in_one_round_trip(redis_cache):
    counts, reads = redis_cache.counters_hit({"x": 100, "y": 100}, ["x", "missing"])
    assert counts == [1, 1] and reads == [1, 0]
    counts, _ = redis_cache.counters_hit({"x": 100})
    assert counts == [2]
    assert redis_cache.get("x") == 2  # readable through the ordinary cache API
    ttl = redis_cache._cache.get_client().ttl(redis_cache.make_and_validate_key("x"))
    assert 0 < ttl <= 100


def test_a_counter_keeps_its_first_expiry_and_the_script_survives_a_server_flush(redis_cache):
    client = redis_cache._cache.get_client()
    key = redis_cache.make_and_validate_key("z")
    redis_cache.counters_hit({"z": 100})
    client.expire(key, 50)
    redis_cache.counters_hit({"z": 100})          # an expiry already set is kept (a fixed window ends on time)
    assert 0 < client.ttl(key) <= 50
    client.script_flush()                          # a Redis restart forgets loaded scripts
    counts, reads = redis_cache.counters_hit({"z": 100}, ["z"])
    assert counts == [3] and reads == [3]


@override_settings(MINHBACH_SUBMIT_PER_IP=2, MINHBACH_SUBMIT_GLOBAL=3)
def test_submission_limits_per_client_and_for_everyone_on_redis(redis_cache):
    rf = RequestFactory()
    a, b = rf.post("/", REMOTE_ADDR="10.0.0.1"), rf.post("/", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.submission_allowed(a) and ratelimit.submission_allowed(a)
    assert not ratelimit.submission_allowed(a)            # over its own limit …
    assert ratelimit.count("submit:all", ratelimit.SUBMIT_GLOBAL_WINDOW) == 2  # … without using up everyone's
    assert ratelimit.submission_allowed(b)
    assert not ratelimit.submission_allowed(b)            # everyone's limit (3) reached
    assert pow.recent_submissions() >= 3


def test_an_answer_left_unread_is_dropped_before_the_next_count(redis_cache):
    redis_cache.counters_send({"u": 100})            # e.g. the request failed before reading the verdict
    counts, _ = redis_cache.counters_receive(redis_cache.counters_send({"u": 100}))
    assert counts == [2]                              # its own answer, not the one left behind
    assert redis_cache.counters_hit({"u": 100}) == ([3], [])


def test_an_error_left_unread_is_dropped_too(redis_cache):
    redis_cache.counters_hit({"w": 100})               # the script is loaded …
    redis_cache._cache.get_client().script_flush()     # … and forgotten by the server
    redis_cache.counters_send({"w": 100})              # its answer (NOSCRIPT) is left unread: nothing was counted
    counts, _ = redis_cache.counters_receive(redis_cache.counters_send({"w": 100}))
    assert counts == [2]

@override_settings(MINHBACH_SUBMIT_PER_IP=1, MINHBACH_SUBMIT_GLOBAL=100)
def test_over_the_limit_the_api_says_so_before_it_checks_the_fields(redis_cache, province, categories):
    import json

    from django.test import Client

    from minhbach.cases.models import Case, Intake

    client = Client(REMOTE_ADDR="10.9.9.9")
    body = {"type": "phan_anh", "unit": "so-tnmt", "category": "moi-truong", "title": "Đèn đường hỏng",
            "content": "Đèn đường trước nhà văn hóa thôn hỏng nhiều ngày.", "submitter": {"name": "A", "address": "B"}}
    first = client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json")
    assert first.status_code == 201, first.content
    invalid = client.post("/api/v1/submissions", data=json.dumps({**body, "content": "ngắn"}),
                          content_type="application/json")
    assert invalid.status_code == 429 and invalid.json()["code"] == "throttled"
    again = client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json")
    assert again.status_code == 429
    # only the first was stored (waiting for the worker, or registered already when tasks run inline)
    assert Intake.objects.count() + Case.objects.filter(title="Đèn đường hỏng").count() == 1
