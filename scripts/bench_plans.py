#!/usr/bin/env python3
"""Score the plan extractor against annotated plans (*.txt + gold *.json).

Usage: bench_plans.py [DIR]   (default: ../shared/plans if present, else tests/fixtures/plans)

Metrics (per document and overall, micro-averaged over tasks):
  recall / precision  tasks matched on `path` (GUIDE 9: the structural key)
  lead_f1             F1 of canonical lead names, summed over matched tasks
  timing_acc          share of matched tasks whose timing.kind equals gold
  due_acc             share of matched tasks with a gold or predicted due date whose timing.due equals gold
The last line printed is one JSON object with the overall figures. Exit code 0.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minhbach.plans.extract import extract_plan_file  # noqa: E402


def default_dir() -> Path:
    """../shared/plans next to the repository if it exists, else the bundled fixtures."""
    shared = ROOT.parent / "shared" / "plans"
    return shared if shared.is_dir() else ROOT / "tests" / "fixtures" / "plans"


def score_pair(gold: dict, pred: dict) -> dict:
    """Raw counts comparing one predicted plan with its gold annotation."""
    g = {t["path"]: t for t in gold["tasks"]}
    p = {t["path"]: t for t in pred["tasks"]}
    matched = [k for k in g if k in p]
    c = {"gold": len(g), "pred": len(p), "matched": len(matched), "lead_tp": 0, "lead_pred": 0, "lead_gold": 0,
         "kind_ok": 0, "due_n": 0, "due_ok": 0, "missing": [k for k in g if k not in p],
         "extra": [k for k in p if k not in g], "lead_err": [], "kind_err": []}
    for k in matched:
        gl, pl = set(g[k]["lead"]), set(p[k]["lead"])
        c["lead_tp"] += len(gl & pl)
        c["lead_gold"] += len(gl)
        c["lead_pred"] += len(pl)
        if gl != pl:
            c["lead_err"].append(k)
        gt, pt = g[k]["timing"], p[k]["timing"]
        if gt["kind"] == pt["kind"]:
            c["kind_ok"] += 1
        else:
            c["kind_err"].append(k)
        if gt.get("due") or pt.get("due"):
            c["due_n"] += 1
            c["due_ok"] += gt.get("due") == pt.get("due")
    return c


def metrics(c: dict) -> dict:
    """Ratios from raw counts."""
    div = lambda a, b: round(a / b, 4) if b else 1.0
    lp, lr = div(c["lead_tp"], c["lead_pred"]), div(c["lead_tp"], c["lead_gold"])
    return {"tasks_gold": c["gold"], "tasks_pred": c["pred"], "recall": div(c["matched"], c["gold"]),
            "precision": div(c["matched"], c["pred"]), "lead_f1": round(2 * lp * lr / (lp + lr), 4) if lp + lr else 0.0,
            "timing_acc": div(c["kind_ok"], c["matched"]), "due_acc": div(c["due_ok"], c["due_n"])}


def run(directory: Path, verbose: bool = False) -> dict:
    """Score every annotated pair in directory; print the table; return overall metrics."""
    keys = ("gold", "pred", "matched", "lead_tp", "lead_pred", "lead_gold", "kind_ok", "due_n", "due_ok")
    total = dict.fromkeys(keys, 0)
    rows = []
    for gold_path in sorted(directory.glob("*.json")):
        txt = gold_path.with_suffix(".txt")
        docx = gold_path.with_suffix(".docx")
        src = txt if txt.exists() else docx if docx.exists() else None
        if src is None:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "tasks" not in gold:
            continue
        c = score_pair(gold, extract_plan_file(src))
        for k in keys:
            total[k] += c[k]
        rows.append((gold_path.stem, metrics(c), c))
    header = f"{'document':<28} {'gold':>5} {'pred':>5} {'recall':>7} {'prec':>7} {'leadF1':>7} {'timing':>7} {'due':>7}"
    print(header)
    print("-" * len(header))
    for name, m, c in rows:
        print(f"{name[:28]:<28} {m['tasks_gold']:>5} {m['tasks_pred']:>5} {m['recall']:>7.3f} {m['precision']:>7.3f} "
              f"{m['lead_f1']:>7.3f} {m['timing_acc']:>7.3f} {m['due_acc']:>7.3f}")
        if verbose:
            for label in ("missing", "extra", "lead_err", "kind_err"):
                if c[label]:
                    print(f"    {label}: {', '.join(c[label])}")
    overall = metrics(total)
    print("-" * len(header))
    print(f"{'OVERALL':<28} {overall['tasks_gold']:>5} {overall['tasks_pred']:>5} {overall['recall']:>7.3f} "
          f"{overall['precision']:>7.3f} {overall['lead_f1']:>7.3f} {overall['timing_acc']:>7.3f} {overall['due_acc']:>7.3f}")
    overall["documents"] = len(rows)
    print(json.dumps(overall, ensure_ascii=False))
    return overall


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    directory = Path(args[0]) if args else default_dir()
    run(directory, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
