"""Offline, deterministic extractor of tasks from Vietnamese administrative plans (Kế hoạch).

Public API: extract_plan(text), extract_plan_file(path), normalize_timing(text), match_agencies(text).
The output follows the gold annotation guide (tests/fixtures/plans/GUIDE.md).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from . import fields
from .agencies import match_agencies
from .document import extract_document, latest_cited_date
from .structure import body_bounds, build_tree, split_paragraphs, walk
from .tasks import Context, Unit, collect_units, compute_coordinate, compute_lead, compute_timing, \
    document_default, excluded_attributes
from .textutil import clean, first_words, fold, is_upper_text, sentences
from .timing import normalize_timing

__all__ = ["extract_plan", "extract_plan_file", "normalize_timing", "match_agencies", "read_plan_text"]


def read_plan_text(path: str | Path) -> str:
    """Read a plan as text: .txt as UTF-8, .docx paragraphs joined by blank lines."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        import docx  # python-docx, imported lazily
        document = docx.Document(str(path))
        return "\n\n".join(p.text for p in document.paragraphs)
    return path.read_text(encoding="utf-8-sig")


def extract_plan_file(path: str | Path, *, extra_names=None) -> dict:
    """Extract a plan from a .txt or .docx file."""
    result = extract_plan(read_plan_text(path), extra_names=extra_names)
    result["source"] = Path(path).name
    return result


def extract_plan(text: str, *, extra_names=None) -> dict:
    """Extract document metadata and structured tasks from the text of a plan."""
    paras = split_paragraphs(text)
    start, end = body_bounds(paras)
    document = extract_document(paras, start)
    root = build_tree(paras[start:end])
    ctx = _context(document, text, extra_names)
    closing = next((p.content for p in paras[end:end + 1] if p.kind is None and not fold(p.content).startswith("nơi nhận")
                    and not is_upper_text(p.content)), None)
    ctx.default_lead = document_default(root, closing, ctx)
    units, excluded = collect_units(root, ctx)
    tasks = [_task(u, ctx) for u in units]
    excluded += excluded_attributes(root)
    if closing:
        cp = next(p for p in paras if p.content == closing)
        excluded.append({"path": "(closing)", "line": cp.line, "text_start": first_words(cp.content),
                         "reason": "closing paragraph (non-operative)"})
    noi = next((p for p in paras[end:] if fold(p.content).startswith("nơi nhận")), None)
    if noi:
        excluded.append({"path": "Nơi nhận", "line": noi.line, "text_start": "Nơi nhận:", "reason": "recipients list"})
    excluded.sort(key=lambda e: e["line"] or 0)
    return {"source": None, "document": document, "tasks": tasks, "excluded_candidates": excluded, "notes": []}


def _context(document: dict, text: str, extra_names) -> Context:
    """Document-level context: province, reference date for recurring deadlines."""
    body = document.get("issuing_body") or ""
    province = body.split(" ", 2)[2] if body.startswith(("UBND tỉnh ", "Tỉnh ủy ")) and body.count(" ") >= 2 else None
    if body.startswith("Tỉnh ủy "):
        province = body[len("Tỉnh ủy "):]
    ref = None
    if document.get("issue_date"):
        ref = date.fromisoformat(document["issue_date"])
    else:
        latest = latest_cited_date(clean(text))
        if latest:
            ref = date.fromisoformat(latest)
    year = ref.year if ref else None
    period = document.get("plan_period")
    if period and period.get("start"):
        year = int(period["start"][:4])
    return Context(province=province, extra_names=extra_names, context_year=year, reference_date=ref)


def _task(u: Unit, ctx: Context) -> dict:
    """Compute every field of one task, in the GUIDE's order."""
    text = u.text
    lead, lead_source = compute_lead(u, ctx)
    timing_text, timing, timing_source, secondary = compute_timing(u, ctx)
    kw = {"extra_names": ctx.extra_names, "province": ctx.province}
    first = sentences(text)[0] if text else ""
    return {
        "path": u.path,
        "line": u.anchor.line,
        "text_start": first_words(u.anchor.first_content),
        "summary": " ".join(first.split()[:45]),
        "requested": bool(re.match(r"^đề nghị\b", fold(text))),
        "lead": lead,
        "lead_source": lead_source,
        "coordinate": compute_coordinate(u, lead, ctx),
        "timing_text": timing_text,
        "timing": timing,
        "timing_source": timing_source,
        "timing_secondary": secondary,
        "reports_to": fields.reports_to(text, **kw),
        "periodic_report": fields.periodic_report(text, timing),
        "publish": fields.publish(text),
        "quotas": fields.quotas(text),
    }
