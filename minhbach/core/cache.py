"""The Redis cache backend, with one client object per connection pool instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call; with redis-py 5+ that
rebuilds its table of response callbacks each time (~0.5 ms of CPU), and a submission makes several cache calls
(rate limits, proof-of-work difficulty). A `redis.Redis` is safe to share between threads (each command takes a
connection from the pool), so one per pool is kept.

`counters_hit` adds one to several counters and reads others with a single command (a server-side Lua script: one
request to pack and one reply to parse, where a pipeline costs two commands per counter), for the rate limiter;
other backends (the in-process cache of the embedded default) fall back to the generic cache API.
"""
from __future__ import annotations

import threading

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


# KEYS: the counters to increment, then the keys to read; ARGV[1]: how many to increment, then each counter's
# expiry in seconds (set only when it has none, like EXPIRE … NX). Returns the new counts, then the values read.
COUNTERS_LUA = """
local n = tonumber(ARGV[1])
local out = {}
for i = 1, n do
  local v = redis.call('INCR', KEYS[i])
  if redis.call('TTL', KEYS[i]) < 0 then redis.call('EXPIRE', KEYS[i], ARGV[i + 1]) end
  out[i] = v
end
for i = n + 1, #KEYS do
  out[i] = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
end
return out
"""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._local = threading.local()   # each thread's own connection for `counters_hit`
        self._sha: str | None = None

    def counters_hit(self, incr: dict[str, int], read: list[str] = ()) -> tuple[list[int], list[int]]:
        """INCR each key of `incr` (setting its expiry, in seconds, if it has none) and GET each key of `read`.

        One round trip. Returns (the incremented values, the read values, 0 for a missing key).
        """
        return self.counters_receive(self.counters_send(incr, read))

    def counters_send(self, incr: dict[str, int], read: list[str] = ()) -> tuple:
        """Send `counters_hit`'s command without waiting for the answer; `counters_receive` reads it.

        The caller does other work meanwhile (the answer travels while it runs). The same thread must receive before
        it sends again; an answer left unread (an exception in between) is read and dropped by the next send.
        """
        from redis.exceptions import ConnectionError, ResponseError, TimeoutError

        # make_key, not make_and_validate_key: the callers' keys are prefixes and hex digests (the validation is a
        # character-by-character loop for memcached's sake).
        keys = [self.make_key(k) for k in (*incr, *read)]
        command = (len(keys), *keys, len(incr), *incr.values())
        conn = self._counters_connection()
        try:
            if getattr(self._local, "unread", False):
                self._local.unread = False
                try:
                    conn.read_response(disable_decoding=True)
                except ResponseError:  # that request's answer was an error: dropped like any other
                    pass
            if self._sha is None:
                self._load_script(conn)
            conn.send_command("EVALSHA", self._sha, *command)
            self._local.unread = True
            return (conn, command, len(incr), None)
        except (ConnectionError, TimeoutError) as exc:
            self._drop_connection(conn)
            return (None, command, len(incr), exc)

    def counters_receive(self, sent: tuple) -> tuple[list[int], list[int]]:
        """The answer to `counters_send`: (the incremented values, the read values)."""
        from redis.exceptions import ConnectionError, NoScriptError, ResponseError, TimeoutError

        conn, command, n_incr, error = sent
        out = None
        if conn is not None:
            try:
                self._local.unread = False
                out = conn.read_response()
            except NoScriptError:  # the server forgot it (a restart, SCRIPT FLUSH): load it and run it again below
                self._sha = None
            except (ConnectionError, TimeoutError) as exc:
                self._drop_connection(conn)
                error = exc
        for attempt in range(2):  # the slow path: run it again, on a fresh connection if need be
            if out is not None:
                break
            conn = self._counters_connection()
            try:
                if self._sha is None:
                    self._load_script(conn)
                conn.send_command("EVALSHA", self._sha, *command)
                out = conn.read_response()
            except NoScriptError:
                self._sha = None
            except (ConnectionError, TimeoutError) as exc:
                self._drop_connection(conn)
                error = exc
        if out is None:
            raise error or ResponseError("the counters script could not be run")
        return [int(v) for v in out[:n_incr]], [int(v) for v in out[n_incr:]]

    def _load_script(self, conn) -> None:
        conn.send_command("SCRIPT", "LOAD", COUNTERS_LUA)
        sha = conn.read_response()
        self._sha = sha.decode() if isinstance(sha, bytes) else sha

    def _drop_connection(self, conn) -> None:
        conn.disconnect()  # the command may have run before the connection broke: a resend errs on the strict side
        self._local.conn = None
        self._local.unread = False

    def _counters_connection(self):
        """This thread's own connection to the write server, held for the life of the thread.

        The rate limiter runs on every submission; a command through redis-py's pool costs ~3x the CPU of the same
        command on a held connection (pool bookkeeping and a readiness poll per command).
        """
        conn = getattr(self._local, "conn", None)
        if conn is None:
            pool = self._cache._get_connection_pool(True)
            conn = self._local.conn = pool.make_connection()
        return conn
