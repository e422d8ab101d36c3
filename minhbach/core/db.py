"""Database connection helpers for the hot paths."""
from __future__ import annotations

import select


def ensure_live_connection(connection) -> None:
    """Open `connection`, or make sure a persistent one is still alive, without a round trip when it is.

    Django's health check (CONN_HEALTH_CHECKS) sends `SELECT 1` before a request's first query: a whole round trip,
    as much as the one INSERT that accepts a submission. A connection the server has closed (a restart, an idle
    timeout, `pg_terminate_backend`) has a readable socket: the server's goodbye, then end of file. Polling the socket
    with a zero timeout sees that for the cost of one system call, and only then is Django's full check run (which
    reconnects). A connection that merely has a notice waiting passes the full check and is kept.
    """
    if connection.vendor == "postgresql" and connection.connection is not None and not connection.health_check_done:
        raw = connection.connection
        if raw.closed or _readable(raw.pgconn.socket):
            connection.close_if_health_check_failed()
        else:
            connection.health_check_done = True
    connection.ensure_connection()


def _readable(fd: int) -> bool:
    try:
        ready, _w, _x = select.select([fd], [], [], 0)
    except (OSError, ValueError):  # a socket already gone
        return True
    return bool(ready)
