"""End-to-end: every annotated fixture meets the benchmark thresholds; .docx input; CLI."""
import importlib.util
import json
from pathlib import Path

import pytest

from minhbach.plans.extract import extract_plan, extract_plan_file
from minhbach.plans.extract.__main__ import main

ROOT = Path(__file__).resolve().parents[4]
FIXTURES = ROOT / "tests" / "fixtures" / "plans"
PAIRS = sorted(p for p in FIXTURES.glob("*.json") if p.with_suffix(".txt").exists())


def _bench():
    """Import scripts/bench_plans.py as a module."""
    spec = importlib.util.spec_from_file_location("bench_plans", ROOT / "scripts" / "bench_plans.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("gold_path", PAIRS, ids=lambda p: p.stem)
def test_fixture_meets_thresholds(gold_path):
    bench = _bench()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = extract_plan_file(gold_path.with_suffix(".txt"))
    m = bench.metrics(bench.score_pair(gold, pred))
    assert m["recall"] >= 0.95 and m["precision"] >= 0.95
    assert m["lead_f1"] >= 0.90
    assert m["timing_acc"] >= 0.90 and m["due_acc"] >= 0.90


@pytest.mark.parametrize("gold_path", PAIRS, ids=lambda p: p.stem)
def test_fixture_identity_and_document(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = extract_plan_file(gold_path.with_suffix(".txt"))
    assert [(t["path"], t["line"], t["text_start"]) for t in pred["tasks"]] == \
           [(t["path"], t["line"], t["text_start"]) for t in gold["tasks"]]
    for key in ("number", "doc_type", "issuing_body", "place", "issue_date", "title", "implements",
                "implements_upstream", "plan_period"):
        assert pred["document"][key] == gold["document"][key], key


def test_task_field_order_and_schema():
    pred = extract_plan_file(PAIRS[0].with_suffix(".txt"))
    assert list(pred) == ["source", "document", "tasks", "excluded_candidates", "notes"]
    assert list(pred["tasks"][0]) == ["path", "line", "text_start", "summary", "requested", "lead", "lead_source",
                                      "coordinate", "timing_text", "timing", "timing_source", "timing_secondary",
                                      "reports_to", "periodic_report", "publish", "quotas"]
    assert list(pred["tasks"][0]["timing"]) == ["kind", "due", "start", "recurrence", "event"]


def test_docx_input_matches_txt(tmp_path):
    docx = pytest.importorskip("docx")
    txt = FIXTURES / "synthetic_nghean_ubnd.txt"
    document = docx.Document()
    for line in txt.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    a, b = extract_plan_file(txt), extract_plan_file(path)
    strip = lambda r: [(t["path"], t["lead"], t["timing"]) for t in r["tasks"]]
    assert strip(a) == strip(b)


def test_plan_without_roman_sections():
    text = "\n".join(["KẾ HOẠCH", "Tuyên truyền năm 2024", "1. Sở Tư pháp chủ trì tổ chức tuyên truyền trong quý II/2024.",
                      "2. Sở Y tế", "- Tổ chức khám sàng lọc.", "- Báo cáo UBND tỉnh hằng quý."])
    tasks = extract_plan(text)["tasks"]
    assert [(t["path"], t["lead"]) for t in tasks] == [("1", ["Sở Tư pháp"]), ("2.-1", ["Sở Y tế"]), ("2.-2", ["Sở Y tế"])]
    assert tasks[0]["timing"]["due"] == "2024-06-30"
    assert tasks[2]["reports_to"] == ["UBND tỉnh"] and tasks[2]["periodic_report"] == "quarterly"


def test_cli_json(capsys):
    assert main([str(PAIRS[0].with_suffix(".txt")), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tasks"]


def test_bench_script_output(capsys):
    assert _bench().main([str(FIXTURES)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    overall = json.loads(last)
    assert overall["recall"] >= 0.95 and overall["lead_f1"] >= 0.90
