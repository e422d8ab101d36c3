"""Scale-out, for real: two web processes and one worker on PostgreSQL and Redis, doing everything at once.

Runs in `make test` when PostgreSQL and Redis are reachable (CI has both; set MINHBACH_SCALE_OUT_PG /
MINHBACH_SCALE_OUT_REDIS to point elsewhere); skipped with the reason otherwise. It uses a database and a Redis
db number of its own, and stops every process it starts.
"""
from __future__ import annotations

import concurrent.futures as cf
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG = os.environ.get("MINHBACH_SCALE_OUT_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("MINHBACH_SCALE_OUT_REDIS", "redis://127.0.0.1:6379/13")
DEADLINE_S = 240


def _unreachable() -> str:
    try:
        import psycopg

        psycopg.connect(f"{PG}/postgres", connect_timeout=2).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {PG} ({type(exc).__name__})"
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis not reachable at {REDIS} ({type(exc).__name__})"
    return ""


REASON = _unreachable()
pytestmark = pytest.mark.skipif(bool(REASON), reason=REASON or "reachable")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args, env, timeout=120) -> str:
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _py(code: str, env, timeout=120) -> dict:
    """Run Django code against the scale-out database in a fresh process; it prints one JSON line."""
    prelude = ("import os,sys,json;sys.path.insert(0,%r);os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');"
               "import django;django.setup()\n" % str(ROOT))
    out = _run([sys.executable, "-c", prelude + code], env, timeout)
    return json.loads(out.strip().splitlines()[-1])


def _executed(log: Path) -> str:
    """Names of the tasks the worker reports as executed (huey keeps no result for periodic tasks)."""
    text = log.read_text() if log.exists() else ""
    return " ".join(line for line in text.splitlines() if " executed in " in line)


def _post(port: int, path: str, body: dict) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    data = json.loads(resp.read() or b"{}")
    conn.close()
    return resp.status, data


@pytest.fixture
def stack(tmp_path):
    """A migrated database with a small generated province, two `serve --no-worker` and one `run_huey`."""
    import psycopg
    import redis

    name = f"mb_scaleout_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS).flushdb()
    env = {k: v for k, v in os.environ.items() if k not in {"MINHBACH_TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DATABASE_URL": f"{PG}/{name}", "REDIS_URL": REDIS, "MINHBACH_DATA_DIR": str(tmp_path),
                "MINHBACH_DEBUG": "0", "MINHBACH_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
                # All submissions come from 127.0.0.1: the per-client limit (a policy, tested elsewhere) is lifted.
                "MINHBACH_SUBMIT_PER_IP": "100000", "MINHBACH_SUBMIT_GLOBAL": "100000",
                "MINHBACH_POW_FREE_PER_MINUTE": "100000",  # nor is a proof of work asked for (a policy, tested elsewhere)
                # Documented cost parameters, lowered for speed: this test is about concurrency, not hashing.
                "MINHBACH_RECEIPT_ARGON2_TIME": "1", "MINHBACH_RECEIPT_ARGON2_MEMORY_KIB": "1024"})
    procs: list[subprocess.Popen] = []
    try:
        _run([str(BIN / "minhbach"), "migrate", "--no-input", "-v0"], env, 180)
        _run([str(BIN / "minhbach"), "demo", "generate", "--items", "400", "--units", "6", "--years", "0.4"], env, 180)
        ports = [_free_port(), _free_port()]
        for port in ports:
            procs.append(subprocess.Popen([str(BIN / "minhbach"), "serve", "--no-worker", "--port", str(port)], env=env,
                                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        worker_log = tmp_path / "worker.log"
        procs.append(subprocess.Popen([str(BIN / "minhbach"), "run_huey"], env=env, cwd=ROOT,
                                      stdout=worker_log.open("w"), stderr=subprocess.STDOUT))
        for port in ports:
            until = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < until, f"web process on {port} did not start"
                time.sleep(0.3)
        yield {"env": env, "ports": ports, "outbox": tmp_path / "outbox", "worker_log": worker_log}
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis.Redis.from_url(REDIS).flushdb()


def test_two_web_processes_and_a_worker_do_everything_exactly_once(stack):
    started = time.monotonic()
    env, ports = stack["env"], stack["ports"]
    units = _py("from minhbach.orgs.models import OrgUnit\n"
                "print(json.dumps(list(OrgUnit.objects.filter(cases__isnull=False).distinct().values_list('code', flat=True))))",
                env)

    # 1. Submissions through both web processes at once.
    def submit(i: int):
        return _post(ports[i % 2], "/api/v1/submissions", {
            "type": "phan_anh", "unit": units[i % len(units)], "title": f"Đèn đường hỏng số {i}",
            "content": "Đèn đường trước nhà văn hóa thôn hỏng nhiều ngày.",
            "submitter": {"name": "Người dân", "address": "Thôn Đông"}})

    with cf.ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(submit, range(48)))
    assert [s for s, _ in answers] == [201] * 48
    codes = [a["tracking_code"] for _, a in answers]
    assert len(set(codes)) == 48
    # Each was answered by one INSERT; the worker (two threads, woken by both web processes) registers each once.
    until = time.monotonic() + 90
    while True:
        counts = _py("from minhbach.cases.models import Case, Intake\nfrom minhbach.core.models import AuditEvent\n"
                     f"codes={codes!r}\nids=[str(i) for i in Case.objects.filter(tracking_code__in=codes).values_list('id', flat=True)]\n"
                     "print(json.dumps({'cases': len(ids), 'received': AuditEvent.objects.filter(verb='received', "
                     "object_type='cases.case', object_id__in=ids).count(), 'waiting': Intake.objects.count()}))", env)
        if counts["cases"] == 48 or time.monotonic() > until:
            break
        time.sleep(0.5)
    assert counts == {"cases": 48, "received": 48, "waiting": 0}

    # 2. The sweep twice at the same time: once by the worker (the periodic task, enqueued), once by hand.
    due = _py("import datetime as dt\nfrom django.conf import settings\nfrom minhbach.core import clock\n"
              "from minhbach.cases.models import Case, CLOCK_STATUSES\n"
              "soon=clock.today()+dt.timedelta(days=settings.DUE_SOON_DAYS)\n"
              "print(json.dumps(Case.objects.filter(status__in=CLOCK_STATUSES, due_date__lte=soon).count()))", env)
    enqueue = "from minhbach.cases.tasks import sweep_deadlines_periodic as t\nt()\nprint(json.dumps('queued'))"
    with cf.ThreadPoolExecutor(2) as pool:
        queued = pool.submit(_py, enqueue, env, 60)
        by_hand = pool.submit(_run, [str(BIN / "minhbach"), "sweep"], env, 180)
        queued.result()
        hand = json.loads(by_hand.result().strip().splitlines()[-1])
    until = time.monotonic() + 120
    while "sweep_deadlines_periodic" not in _executed(stack["worker_log"]):
        assert time.monotonic() < until, "the worker did not run the sweep"
        time.sleep(0.5)
    state = _py("from minhbach.cases.models import Case\nfrom minhbach.core.models import OutboxMessage\n"
                "qs=OutboxMessage.objects.filter(dedupe_key__startswith='sweep:')\n"
                "print(json.dumps({'escalated_items': Case.objects.filter(escalation_level__gt=0).count(),"
                "'notices': qs.count(), 'keys': qs.values('dedupe_key').distinct().count(),"
                "'to_mail': qs.exclude(to_address='').count()}))", env)
    assert state["escalated_items"] == due > 0, (hand, state)        # every due item raised, by one sweep or the other
    assert hand["due_soon"] + hand["overdue"] + hand["escalated"] <= due
    assert state["notices"] == state["keys"] > 0                     # one row per notice

    # The worker delivers each e-mail notice exactly once (one file per sent message in the local outbox).
    until = time.monotonic() + 90
    while True:
        sent = _py("from minhbach.core.models import OutboxMessage\nqs=OutboxMessage.objects.exclude(to_address='')\n"
                   "print(json.dumps({'sent': qs.filter(sent_at__isnull=False).count(), 'all': qs.count()}))", env)
        if sent["sent"] == sent["all"] or time.monotonic() > until:
            break
        time.sleep(1)
    assert sent["sent"] == sent["all"] >= state["to_mail"] > 0
    files = list(stack["outbox"].glob("*.log")) if stack["outbox"].exists() else []
    mails = sum(1 for f in files for line in f.read_text().splitlines() if line.startswith("Message-ID:"))
    assert mails == sent["sent"]

    # 3. Two concurrent publications of the same unit-month: exactly one register, with every item once.
    prepare = ("import datetime as dt\nfrom minhbach.core import clock\nfrom minhbach.orgs.models import OrgUnit\n"
               "from minhbach.transparency.models import RegisterMonth\n"
               "from minhbach.transparency import selectors as tx\n"
               "month=tx.month_start(clock.today().replace(day=1)-dt.timedelta(days=1))\n"
               "unit=max(OrgUnit.objects.filter(cases__isnull=False).distinct(), key=lambda u: tx.month_cases(unit=u, month=month).count())\n"
               "RegisterMonth.objects.filter(month=month).delete()  # withdrawn, so that this test publishes it\n"
               "print(json.dumps({'unit': unit.code, 'month': month.isoformat(), "
               "'items': tx.month_cases(unit=unit, month=month).count()}))")
    target = _py(prepare, env)
    gate = Path(stack["outbox"]).parent / "go"
    publish = ("import datetime as dt,time,pathlib\nfrom django.db import IntegrityError\n"
               "from minhbach.core.errors import DomainError\nfrom minhbach.orgs.models import OrgUnit\n"
               "from minhbach.accounts.models import User\nfrom minhbach.transparency.services import register_publish\n"
               f"unit=OrgUnit.objects.get(code={target['unit']!r})\n"
               "leader=User.objects.filter(memberships__unit=unit, memberships__role='leader', memberships__is_head=True).first()\n"
               f"while not pathlib.Path({str(gate)!r}).exists(): time.sleep(0.01)\n"
               "try:\n"
               f"    r=register_publish(unit=unit, month=dt.date.fromisoformat({target['month']!r}), actor=leader)\n"
               "    print(json.dumps({'ok': r.pk}))\n"
               "except (DomainError, IntegrityError) as e:\n"
               "    print(json.dumps({'refused': type(e).__name__}))")
    with cf.ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(_py, publish, env, 120) for _ in range(2)]
        time.sleep(3)  # both processes are up and waiting at the gate
        gate.write_text("go")
        outcomes = [f.result() for f in futures]
    assert sorted("ok" in o for o in outcomes) == [False, True], outcomes
    published = _py("from minhbach.transparency.models import RegisterMonth, RegisterEntry\n"
                    f"qs=RegisterMonth.objects.filter(unit__code={target['unit']!r}, month={target['month']!r}, scope='unit')\n"
                    "print(json.dumps({'registers': qs.count(), 'entries': RegisterEntry.objects.filter(register__in=qs).count(),"
                    "'distinct': RegisterEntry.objects.filter(register__in=qs).values('case').distinct().count()}))", env)
    assert published == {"registers": 1, "entries": target["items"], "distinct": target["items"]}

    # 4. The audit chain written by five processes at once is one unbroken chain.
    assert "OK" in _run([str(BIN / "minhbach"), "audit", "verify"], env)
    assert time.monotonic() - started < DEADLINE_S
