"""`make bench`: Minh Bạch at scale, on SQLite and PostgreSQL, over HTTP against the real server.

Environment (all optional):
  BENCH_DBS=sqlite,postgresql   databases to run (default both)
  BENCH_ITEMS=1000000           dataset size (`minhbach demo generate --items`)
  BENCH_SEED=2026  BENCH_UNITS=100  BENCH_YEARS=3
  BENCH_PG=postgres://postgres@127.0.0.1:5432   server for the bench databases (one per size and seed)
  BENCH_DIR=var/bench           where SQLite datasets, server logs and results are kept
  BENCH_CLIENTS=32              concurrent HTTP clients for the write tests
  BENCH_SECONDS=20              time limit of each write round;  BENCH_MAX_REQUESTS=1500  requests per round
  BENCH_READS=40                requests per read page (after warm-up)
  BENCH_WEB_PROCS=2             waitress processes (one per core, behind a proxy in production; clients spread
                                over them as the proxy would);  BENCH_WEB_THREADS=8  threads of each (`serve --threads`)
  BENCH_ROUNDS=8                the floor and the submissions are measured in short alternating rounds, this many each,
                                and each side's rounds are pooled (all its requests over all its time): a checkpoint, an
                                autovacuum or a noisy neighbour then falls on both sides alike instead of on one
  BENCH_BUILD_ONLY=1            build (or check) the datasets and stop
  BENCH_PARTS=write,reads,register,ops   run only some parts (a quick look; the JSON line needs all four).
                                Without `register`, the submissions of `write` wait for the next run that registers

The dataset is built once per (database, size, seed) into var/bench/ (SQLite) or the database mb_bench_<items>_<seed>
(PostgreSQL) and reused. The last line printed per database is one JSON object (see README of docs/deploy.md).
"""
from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or ROOT / "var" / "bench")


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


ITEMS = env_int("BENCH_ITEMS", 1_000_000)
SEED = env_int("BENCH_SEED", 2026)
UNITS = env_int("BENCH_UNITS", 100)
YEARS = os.environ.get("BENCH_YEARS", "3")
CLIENTS = env_int("BENCH_CLIENTS", 32)
SECONDS = env_int("BENCH_SECONDS", 20)
MAX_REQUESTS = env_int("BENCH_MAX_REQUESTS", 1500)
READS = env_int("BENCH_READS", 40)
WEB_PROCS = env_int("BENCH_WEB_PROCS", 2)
WEB_THREADS = env_int("BENCH_WEB_THREADS", 8)
ROUNDS = env_int("BENCH_ROUNDS", 8)
ALL_PARTS = {"write", "reads", "register", "ops"}
PARTS = set((os.environ.get("BENCH_PARTS") or ",".join(sorted(ALL_PARTS))).split(","))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
# PostgreSQL runs the production topology: Redis-backed queue and cache, in a Redis db of its own (flushed per run).
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def log(msg: str) -> None:
    print(msg, flush=True)


# --- the database -----------------------------------------------------------------------------------


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'bench-{ITEMS}-{SEED}.sqlite3'}"
    return f"{PG}/mb_bench_{ITEMS}_{SEED}"


def bench_env(db: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url(db),
        "MINHBACH_DATA_DIR": str(BENCH_DIR / f"data-{db}"),
        "MINHBACH_BENCH_FLOOR": "1",
        "MINHBACH_DEBUG": "0",
        "MINHBACH_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # Every bench client comes from 127.0.0.1: the per-client and global submission limits (a policy, 20 per
        # client per 10 min and 600 a minute by default) are raised out of reach, so that the capacity is measured;
        # the limiter still counts every request in the cache, so its cost is included.
        "MINHBACH_SUBMIT_PER_IP": "1000000000",
        "MINHBACH_SUBMIT_GLOBAL": "1000000000",
        "MINHBACH_POW_FREE_PER_MINUTE": "1000000000",  # capacity, not the flood policy: never ask for a proof of work
        # One vault key for the dataset's sealed identities and the servers that open them.
        "MINHBACH_VAULT_KEY_FILE": str(BENCH_DIR / "vault-master.key"),
    })
    env.pop("MINHBACH_TESTING", None)
    env.pop("REDIS_URL", None)
    if db == "postgresql" and REDIS:
        env["REDIS_URL"] = REDIS
    return env


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def run(args: list[str], env: dict, *, timeout: int | None = None) -> str:
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc.stdout


def bench_json(out: str) -> dict:
    line = next(ln for ln in out.splitlines()[::-1] if ln.startswith("BENCH-JSON "))
    return json.loads(line[len("BENCH-JSON "):])


def ensure_dataset(db: str, env: dict) -> dict:
    """Build the dataset once (migrate + demo generate); reuse it when built with the same size and seed."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker = BENCH_DIR / f"dataset-{db}-{ITEMS}-{SEED}.json"
    wanted = {"items": ITEMS, "seed": SEED, "units": UNITS, "years": YEARS}
    if marker.exists():
        built = json.loads(marker.read_text())
        if {k: built.get(k) for k in wanted} == wanted:
            log(f"[{db}] dataset reused ({marker.name}, built {built.get('built_at')}, {built.get('rows_per_s')} rows/s)")
            return built
    log(f"[{db}] building the dataset: {ITEMS} items, {UNITS} units, {YEARS} years, seed {SEED} …")
    if db == "postgresql":
        name = database_url(db).rsplit("/", 1)[1]
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(database_url(db)[len("sqlite:///"):] + suffix).unlink(missing_ok=True)
    run([str(VENV_BIN / "minhbach"), "migrate", "--no-input", "-v0"], env)
    started = time.monotonic()
    out = run([str(VENV_BIN / "minhbach"), "demo", "generate", "--items", str(ITEMS), "--units", str(UNITS),
               "--years", YEARS, "--seed", str(SEED)], env)
    seconds = time.monotonic() - started
    rate = next((ln for ln in out.splitlines() if "rows/s" in ln), "")
    built = {**wanted, "built_at": time.strftime("%Y-%m-%d %H:%M"), "seconds": round(seconds, 1),
             "rows_per_s": rate.strip(), "load": os.getloadavg()}
    marker.write_text(json.dumps(built))
    log(f"[{db}] built in {seconds:.0f} s — {rate.strip()}")
    return built


# --- the servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """`minhbach serve --no-worker` ×N on free loopback ports."""

    def __init__(self, env: dict, n: int):
        self.env, self.n = env, n
        self.ports: list[int] = []
        self.procs: list[subprocess.Popen] = []
        self.logs: list = []

    def __enter__(self):
        for _ in range(self.n):
            port = free_port()
            # The log goes to a file: an unread pipe fills up and blocks the server's logging threads.
            logfile = (BENCH_DIR / f"server-{port}.log").open("w")
            proc = subprocess.Popen([str(VENV_BIN / "minhbach"), "serve", "--no-worker", "--host", "127.0.0.1",
                                     "--port", str(port), "--threads", str(WEB_THREADS)], env=self.env, cwd=ROOT, stdout=logfile,
                                    stderr=subprocess.STDOUT, text=True)
            self.logs.append(logfile)
            self.ports.append(port)
            self.procs.append(proc)
        deadline = time.monotonic() + 60
        for port, proc in zip(self.ports, self.procs):
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server on {port} exited: {(BENCH_DIR / f'server-{port}.log').read_text()[-3000:]}")
                try:
                    status, _body, _ms = request(port, "GET", "/healthz")
                    if status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server on {port} did not start")
                time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        for f in self.logs:
            f.close()


# --- HTTP -------------------------------------------------------------------------------------------


def request(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes, float]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    hdrs = {"Content-Type": "application/json"} if data is not None else {}
    hdrs.update(headers or {})
    started = time.perf_counter()
    conn.request(method, path, body=data, headers=hdrs)
    resp = conn.getresponse()
    payload = resp.read()
    ms = (time.perf_counter() - started) * 1000
    if own:
        conn.close()
    return resp.status, payload, ms


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def load_test(ports: list[int], path: str, make_body, *, expect: int, clients: int = CLIENTS) -> dict:
    """`clients` threads with keep-alive connections POST until the count or the time limit is reached."""
    lock = threading.Lock()
    state = {"sent": 0}
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + SECONDS

    def worker(i: int):
        rng = random.Random(i)
        port = ports[i % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if state["sent"] >= MAX_REQUESTS or time.monotonic() > deadline:
                    break
                state["sent"] += 1
            try:
                status, payload, ms = request(port, "POST", path, make_body(rng), conn=conn)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            with lock:
                if status == expect:
                    latencies.append(ms)
                else:
                    errors.append(f"{status}: {payload[:200]!r}")
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return _figures(latencies, errors, elapsed)


def _figures(latencies: list[float], errors: list[str], elapsed: float) -> dict:
    return {"ok": len(latencies), "errors": len(errors), "error_sample": errors[:3], "seconds": round(elapsed, 2),
            "rps": round(len(latencies) / elapsed, 1), "p50_ms": round(pct(latencies, 50), 1),
            "p95_ms": round(pct(latencies, 95), 1), "p99_ms": round(pct(latencies, 99), 1), "_latencies": latencies,
            "_elapsed": elapsed}


def pooled(runs: list[dict]) -> dict:
    """Several rounds as one: every request over the time of all the rounds, latencies taken together."""
    latencies = [ms for r in runs for ms in r["_latencies"]]
    errors = [e for r in runs for e in r["error_sample"]]
    figures = _figures(latencies, errors, sum(r["_elapsed"] for r in runs))
    figures["errors"] = sum(r["errors"] for r in runs)
    return public(figures)


def public(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if not k.startswith("_")}


def read_test(port: int, paths: list[str], headers: dict | None = None) -> dict:
    """Sequential GETs (after 3 warm-ups), cycling through `paths`: the latency of the page itself."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for p in paths[:3]:
        request(port, "GET", p, headers=headers, conn=conn)
    latencies, bad = [], []
    for i in range(READS):
        status, payload, ms = request(port, "GET", paths[i % len(paths)], headers=headers, conn=conn)
        (latencies if status == 200 else bad).append(ms if status == 200 else f"{status} {payload[:120]!r}")
    conn.close()
    if bad:
        raise RuntimeError(f"GET {paths[0]} failed: {bad[:2]}")
    return {"n": len(latencies), "p50_ms": round(pct(latencies, 50), 1), "p95_ms": round(pct(latencies, 95), 1),
            "max_ms": round(max(latencies), 1)}


# --- one database -----------------------------------------------------------------------------------

TYPES = ["gop_y", "phan_anh", "kien_nghi", "khieu_nai", "to_cao", "giai_trinh"]


def submission_body(targets: dict):
    def make(rng: random.Random) -> dict:
        n = rng.randrange(10**6)
        return {
            "type": rng.choice(TYPES), "unit": rng.choice(targets["units"]), "category": rng.choice(targets["categories"]),
            "title": f"Phản ánh tình trạng xuống cấp của tuyến đường liên thôn số {n % 97}",
            "content": "Mặt đường nhiều ổ gà, trời mưa ngập nước, người dân đi lại khó khăn. Đề nghị kiểm tra, sửa chữa.",
            "place": "Thôn Đông", "submitter": {"name": "Người dân thử tải", "address": "Thôn Đông, xã An Phú",
                                               "email": f"nguoidan{n}@example.test" if rng.random() < 0.5 else ""},
        }
    return make


def bench_db(db: str) -> dict:
    env = bench_env(db)
    Path(env["MINHBACH_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    built = ensure_dataset(db, env)
    # A reused dataset follows the code's migrations; as in production (DEBUG off), static files are collected.
    run([str(VENV_BIN / "minhbach"), "migrate", "--no-input", "-v0"], env)
    run([str(VENV_BIN / "minhbach"), "collectstatic", "--no-input", "-v0"], env)
    if env.get("REDIS_URL"):
        flush_redis(env["REDIS_URL"])  # the bench queue has no worker: start each run empty
    targets = bench_json(run([sys.executable, "scripts/bench/ops.py", "targets"], env))
    log(f"[{db}] {targets['items']} items; unit {targets['unit']}: {targets['unit_open']} open, {targets['due_soon']} "
        f"due soon; register {targets['register_month']} ({targets['register_entries']} entries); search «{targets['search']}»")
    auth = {"Authorization": f"Bearer {targets['token']}"}
    results: dict = {"db": db, "items": ITEMS, "dataset": built, "targets": {k: v for k, v in targets.items()
                                                                              if k not in ("token", "units", "categories", "item_ids")}}
    with Servers(env, WEB_PROCS) as servers:
        ports = servers.ports
        log(f"[{db}] {WEB_PROCS} web process(es) on {ports}; {CLIENTS} clients, ≤{SECONDS} s / ≤{MAX_REQUESTS} requests each test")
        # Warm every process (imports, connections, caches) on both paths.
        for port in ports:
            request(port, "POST", "/bench/floor", {"warm": True})
            request(port, "POST", "/api/v1/submissions", submission_body(targets)(random.Random(port)))
        if "write" in PARTS:
            floors, submits = [], []
            for i in range(ROUNDS):  # alternately, so that both meet the same disturbances
                floors.append(load_test(ports, "/bench/floor", submission_body(targets), expect=201))
                log(f"[{db}] floor   {i + 1}/{ROUNDS} {public(floors[-1])}")
                submits.append(load_test(ports, "/api/v1/submissions", submission_body(targets), expect=201))
                log(f"[{db}] submit  {i + 1}/{ROUNDS} {public(submits[-1])}")
            results["floor"], results["submit"] = pooled(floors), pooled(submits)
            results["rounds"] = {"floor_rps": [r["rps"] for r in floors], "submit_rps": [r["rps"] for r in submits]}
            log(f"[{db}] submit / floor = {results['submit']['rps'] / results['floor']['rps']:.1%} "
                f"({ROUNDS} alternating rounds each, pooled)")
        unit, month = targets["unit"], targets["register_month"]
        reads = {
            "inbox": (["/api/v1/staff/items?filter=due_soon&unit=%s&limit=50" % unit], auth),
            "item": (["/api/v1/staff/items/%d" % i for i in targets["item_ids"]], auth),
            "register": (["/so-theo-doi/%s/%s/" % (unit, month)], None),
            "stats": (["/api/v1/stats?group_by=category", "/api/v1/stats?group_by=month"], None),
            "league": (["/thong-ke/"], None),
            "search": (["/tim-kiem/?q=%s" % targets["search"].replace(" ", "+")], None),
        }
        results["reads"] = {}
        for name, (paths, headers) in reads.items() if "reads" in PARTS else ():
            results["reads"][name] = read_test(ports[0], paths, headers)
            log(f"[{db}] {name:<8} {results['reads'][name]}")
    # The submissions above were answered with one INSERT each and wait for the worker (none runs here): register
    # them all now, as the worker does, and time it — the sustained rate at which items enter the register.
    if "register" in PARTS:
        started = time.monotonic()
        drained = json.loads(run([str(VENV_BIN / "minhbach"), "intake", "register"], env,
                                 timeout=3600).strip().splitlines()[-1])
        seconds = time.monotonic() - started
        results["register"] = {**drained, "seconds": round(seconds, 1),
                               "rps": round(drained["registered"] / seconds, 1) if seconds else None}
        log(f"[{db}] register {results['register']}")
    if "ops" in PARTS:
        ops = bench_json(run([sys.executable, "scripts/bench/ops.py", "ops"], env, timeout=3600))
        results["ops"] = ops
        log(f"[{db}] ops     {ops}")
    return results


def summary(r: dict) -> dict:
    submit, floor = r["submit"], r["floor"]
    return {
        "bench": "minhbach", "db": r["db"], "items": r["items"], "submit_rps": submit["rps"], "floor_rps": floor["rps"],
        "submit_ratio": round(submit["rps"] / floor["rps"], 3) if floor["rps"] else None,
        "submit_p95_ms": submit["p95_ms"], "register_rps": r["register"]["rps"],
        "p95_ms": {k: v["p95_ms"] for k, v in r["reads"].items()},
        "sweep_s": round(r["ops"]["sweep_s"], 2), "publish_s": round(r["ops"]["publish_s"], 2),
        "province_register_s": round(r["ops"]["province_register_s"], 2),
    }


def print_table(r: dict) -> None:
    s, f = r["submit"], r["floor"]
    rows = [
        ("submissions (POST /api/v1/submissions)", f"{s['rps']} req/s", f"p50 {s['p50_ms']} / p95 {s['p95_ms']} / p99 {s['p99_ms']} ms",
         f"{s['ok']} ok, {s['errors']} errors"),
        ("framework floor (one INSERT)", f"{f['rps']} req/s", f"p50 {f['p50_ms']} / p95 {f['p95_ms']} / p99 {f['p99_ms']} ms",
         f"{f['ok']} ok, {f['errors']} errors"),
        ("submit / floor", f"{s['rps'] / f['rps']:.1%}" if f["rps"] else "–", "rounds pooled",
         f"floor {r.get('rounds', {}).get('floor_rps')}, submit {r.get('rounds', {}).get('submit_rps')}"),
        ("registration by the worker (intake → item)", f"{r['register']['rps']} items/s",
         f"{r['register']['registered']} in {r['register']['seconds']} s", f"{r['register']['failed']} failed"),
    ]
    for name, v in r["reads"].items():
        rows.append((f"read: {name}", f"p50 {v['p50_ms']} ms", f"p95 {v['p95_ms']} ms", f"max {v['max_ms']} ms, n={v['n']}"))
    o = r["ops"]
    rows += [
        ("deadline sweep (cold, all open clocks)", f"{o['sweep_s']:.2f} s", f"{o['open_clock_items']} running clocks", json.dumps(o["sweep_report"])),
        ("deadline sweep (warm, idempotent rerun)", f"{o['sweep_warm_s']:.2f} s", "", json.dumps(o["sweep_warm_report"])),
        (f"publish largest unit's month {o['publish_month']}", f"{o['publish_s']:.2f} s", f"{o['publish_items']} items", ""),
        ("consolidated provincial register", f"{o['province_register_s']:.2f} s", f"{o['province_units']} units",
         f"{o['province_entries']} entries"),
    ]
    width = max(len(x[0]) for x in rows)
    log("")
    log(f"== Minh Bạch bench — {r['db']}, {r['items']} items — load average {os.getloadavg()[0]:.2f} "
        f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} — {time.strftime('%Y-%m-%d %H:%M')} ==")
    for row in rows:
        log(f"  {row[0]:<{width}}  {row[1]:<16} {row[2]:<40} {row[3]}")


def main() -> int:
    dbs = [d.strip() for d in os.environ.get("BENCH_DBS", "sqlite,postgresql").split(",") if d.strip()]
    for db in dbs:
        if db not in ("sqlite", "postgresql"):
            raise SystemExit(f"unknown database {db!r} (sqlite, postgresql)")
    key = BENCH_DIR / "vault-master.key"
    if not key.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        run([str(VENV_BIN / "minhbach"), "vault", "generate-key", "--out", str(key)], dict(os.environ))
    if os.environ.get("BENCH_BUILD_ONLY") == "1":
        for db in dbs:
            env = bench_env(db)
            Path(env["MINHBACH_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
            ensure_dataset(db, env)
        return 0
    for db in dbs:
        log(f"load average before {db}: {os.getloadavg()}")
        r = bench_db(db)
        if PARTS != ALL_PARTS:
            continue
        (BENCH_DIR / f"result-{db}-{ITEMS}.json").write_text(json.dumps(r, indent=1, default=str))
        print_table(r)
        log(json.dumps(summary(r), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
