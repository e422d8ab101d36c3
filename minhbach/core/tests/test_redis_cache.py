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
