"""`make bench` end to end on a tiny province: it builds the dataset, serves it, measures, and ends with the JSON line.

The figures themselves are machine-dependent and never asserted; what is asserted is that every figure the
comparison over time needs is there with a measured value, and that the run made no errors.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _vendor_env() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return {"BENCH_DBS": "postgresql", "BENCH_PG": url.rsplit("/", 1)[0]}
    return {"BENCH_DBS": "sqlite"}


def test_make_bench_ends_with_one_json_line_holding_every_figure(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in {"MINHBACH_TESTING", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(_vendor_env())
    env.update({"BENCH_DIR": str(tmp_path), "BENCH_ITEMS": "400", "BENCH_UNITS": "6", "BENCH_YEARS": "0.4",
                "BENCH_SEED": str(os.getpid()), "BENCH_ROUNDS": "2", "BENCH_MAX_REQUESTS": "40", "BENCH_READS": "3",
                "BENCH_CLIENTS": "4"})
    try:
        proc = subprocess.run([sys.executable, "scripts/bench.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=600)
    finally:
        if env["BENCH_DBS"] == "postgresql":  # the dataset's own database, named by size and seed
            import psycopg

            with psycopg.connect(f"{env['BENCH_PG']}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "mb_bench_400_{env["BENCH_SEED"]}" WITH (FORCE)')
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    figures = json.loads(lines[-1])

    assert set(figures) == {"bench", "db", "items", "submit_rps", "floor_rps", "submit_ratio", "submit_p95_ms",
                            "register_rps", "p95_ms", "sweep_s", "publish_s", "province_register_s"}
    assert figures["bench"] == "minhbach" and figures["db"] == env["BENCH_DBS"] and figures["items"] == 400
    assert set(figures["p95_ms"]) == {"inbox", "item", "register", "stats", "league", "search"}
    assert all(v > 0 for v in figures["p95_ms"].values())
    assert figures["submit_rps"] > 0 and figures["floor_rps"] > 0 and figures["submit_p95_ms"] > 0
    assert figures["submit_ratio"] == round(figures["submit_rps"] / figures["floor_rps"], 3)
    assert figures["register_rps"] > 0
    assert all(figures[k] >= 0 for k in ("sweep_s", "publish_s", "province_register_s"))
    table = "\n".join(lines)
    assert "80 ok, 0 errors" in table  # both sides: 2 rounds of 40 requests, every one answered 201
    assert "0 failed" in table         # every submission registered by the worker
