"""The Redis cache backend, with one client object per connection pool instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call; with redis-py 5+ that
rebuilds its table of response callbacks each time (~0.5 ms of CPU), and a submission makes several cache calls
(rate limits, proof-of-work difficulty). A `redis.Redis` is safe to share between threads (each command takes a
connection from the pool), so one per pool is kept.

`counters_hit` adds one to several counters and reads others in a single round trip (a pipeline), for the rate
limiter; other backends (the in-process cache of the embedded default) fall back to the generic cache API.
"""
from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def counters_hit(self, incr: dict[str, int], read: list[str] = ()) -> tuple[list[int], list[int]]:
        """INCR each key of `incr` (setting its expiry, in seconds, if it has none) and GET each key of `read`.

        One round trip. Returns (the incremented values, the read values, 0 for a missing key).
        """
        client = self._cache.get_client(write=True)
        pipe = client.pipeline(transaction=False)
        for key, keep in incr.items():
            k = self.make_and_validate_key(key)
            pipe.incr(k)
            pipe.expire(k, keep, nx=True)
        for key in read:
            pipe.get(self.make_and_validate_key(key))
        out = pipe.execute()
        counts = [int(v) for v in out[0:2 * len(incr):2]]
        reads = [int(v) if v is not None else 0 for v in out[2 * len(incr):]]
        return counts, reads
