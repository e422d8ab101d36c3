"""The hot path's connection check: a live connection costs no query, one the server closed is reopened."""
import json
import select
import time

import pytest
from django.db import connection
from django.test import Client

from minhbach.cases.models import Case, Intake
from minhbach.core.db import ensure_live_connection

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no server to lose")
    connection.ensure_connection()


def _terminate_backend() -> int:
    """Have the server end this process's connection, as a restart or an idle timeout would; its old pid."""
    import psycopg

    pid = connection.connection.info.backend_pid
    params = {k: v for k, v in connection.get_connection_params().items()
              if k in ("dbname", "host", "port", "user", "password")}
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    fd = connection.connection.pgconn.socket
    select.select([fd], [], [], 10)  # the server's goodbye reaches the socket
    return pid


def _traced(fn) -> str:
    """The client–server messages of `fn()` on this process's connection (libpq's own trace)."""
    import tempfile

    with tempfile.TemporaryFile() as f:
        connection.connection.pgconn.trace(f.fileno())
        try:
            fn()
        finally:
            connection.connection.pgconn.untrace()
        f.seek(0)
        return f.read().decode(errors="replace")


def test_a_live_connection_is_checked_without_a_round_trip(postgresql):
    connection.health_check_done = False  # as at the start of a request
    trace = _traced(lambda: ensure_live_connection(connection))
    assert trace == ""
    assert connection.health_check_done


def test_django_would_have_sent_a_query(postgresql):
    """What the check above saves: Django's own health check is a round trip."""
    connection.health_check_done = False
    trace = _traced(connection.close_if_health_check_failed)
    assert "SELECT 1" in trace


def test_a_connection_the_server_closed_is_reopened(postgresql):
    old = _terminate_backend()
    connection.health_check_done = False
    ensure_live_connection(connection)
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        assert cur.fetchone()[0] != old


def test_a_submission_after_the_database_dropped_the_connection_is_accepted(postgresql, province, categories, settings):
    settings.INTAKE_INLINE = False
    client = Client()
    body = {"type": "phan_anh", "unit": "so-tnmt", "category": "moi-truong", "title": "Đèn đường hỏng",
            "content": "Đèn đường trước nhà văn hóa thôn hỏng nhiều ngày.", "submitter": {"name": "Nguyễn Văn A"}}
    first = client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json")
    assert first.status_code == 201, first.content
    connection.ensure_connection()
    _terminate_backend()
    time.sleep(0.05)
    # What Django does as a request starts (the test client leaves it out so as to keep the test's connection).
    connection.close_if_unusable_or_obsolete()
    second = client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json")
    assert second.status_code == 201, second.content
    stored = {*Intake.objects.values_list("tracking_code", flat=True), *Case.objects.values_list("tracking_code", flat=True)}
    assert stored == {first.json()["tracking_code"], second.json()["tracking_code"]}  # registered or still waiting
