"""Helpers around the extractor: read an uploaded plan, turn the extraction into an editable draft.

The draft is plain JSON (kept in PlanImport.draft between the import steps) with, per task, the ids
of the units proposed for it and the agency names no unit was found for.
"""
from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from minhbach.core.errors import DomainError
from minhbach.core.uploads import sniff
from minhbach.plans import conf
from minhbach.plans.extract import extract_plan
from minhbach.plans.extract.structure import split_paragraphs
from minhbach.plans.extract.textutil import clean, fold
from minhbach.plans.matching import COLLECTIVES, UnitIndex, map_agencies

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TIMING_KINDS = ("ongoing", "deadline", "recurring", "window", "event", "none")
CADENCE_WORDS = [
    (r"(?:hằng|hàng|mỗi)\s+tháng|định kỳ\s+tháng", "monthly"),
    (r"(?:hằng|hàng|mỗi)\s+quý|định kỳ\s+(?:theo\s+)?quý|\bquý\b(?!\s+(?:i|ii|iii|iv|[1-4])\b)", "quarterly"),
    (r"0?6\s+tháng", "semiannual"),
    (r"(?:hằng|hàng|mỗi)\s+năm|(?:và|,)\s+(?:cả\s+)?năm\b|định kỳ\s+năm|báo cáo\s+năm", "yearly"),
]


def read_upload(*, name: str, content: bytes) -> str:
    """The text of an uploaded plan: .txt must be UTF-8 text, .docx a real Word document; size is limited."""
    short = (name or "")[:80]
    if not content:
        raise DomainError(_("The file “%(name)s” is empty.") % {"name": short}, field="file")
    if len(content) > conf.import_max_bytes():
        raise DomainError(_("The file “%(name)s” is larger than %(mb)d MB.")
                          % {"name": short, "mb": max(1, conf.import_max_bytes() // 2**20)}, field="file")
    ext = short.rsplit(".", 1)[-1].lower() if "." in short else ""
    if ext == "docx":
        if sniff(content) != DOCX_MIME:
            raise DomainError(_("The file “%(name)s” is not a Word (.docx) document.") % {"name": short}, field="file")
        try:
            import docx

            document = docx.Document(io.BytesIO(content))
        except Exception:  # any failure of the third-party parser means the file cannot be read
            raise DomainError(_("The Word document “%(name)s” could not be read.") % {"name": short}, field="file") from None
        text = "\n\n".join(p.text for p in document.paragraphs)
    elif ext == "txt":
        if b"\x00" in content or sniff(content) is not None:
            raise DomainError(_("The file “%(name)s” is not plain text.") % {"name": short}, field="file")
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError(_("The file “%(name)s” is not UTF-8 text. Save it as UTF-8 and try again.")
                              % {"name": short}, field="file") from None
    else:
        raise DomainError(_("Only .txt (UTF-8) and .docx plan documents can be imported."), field="file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if sum(ch.isalpha() for ch in text) < 20:
        raise DomainError(_("The file “%(name)s” contains no readable text.") % {"name": short}, field="file")
    return text


def extract(text: str, index: UnitIndex) -> dict:
    """Run the extractor, teaching it the province's unit names it does not know."""
    return extract_plan(text, extra_names=index.extra_names or None)


def task_texts(text: str, tasks: list[dict]) -> dict[int, str]:
    """Full text of each task, by anchor line: its paragraph plus following unmarked body paragraphs."""
    paras = split_paragraphs(text)
    anchors = sorted({t["line"] for t in tasks if t.get("line")})
    out: dict[int, str] = {}
    for line in anchors:
        idx = next((i for i, p in enumerate(paras) if line in p.lines), None)
        if idx is None:
            continue
        nxt_anchor = next((a for a in anchors if a > line), None)
        parts = [paras[idx].content]
        for p in paras[idx + 1:]:
            if p.kind is not None or p.attr is not None or p.is_intro or (nxt_anchor and p.line >= nxt_anchor):
                break
            if re.match(r"^(?:trên đây|nơi nhận)", fold(p.content)) or p.content.isupper():
                break
            parts.append(p.content)
        out[line] = clean(" ".join(parts))
    return out


def reporting_clause(extraction: dict, texts: dict[int, str], index: UnitIndex) -> dict:
    """The plan-wide reporting clause: cadences, due day, yearly due date and the unit reports go to."""
    cadences: list[str] = []
    day = None
    yearly_due = ""
    reports_to_name = ""
    unspecified = False
    for task in extraction.get("tasks", []):
        leads = task.get("lead") or []
        if not any(n in COLLECTIVES or n.startswith("Các ") for n in leads):
            continue
        text = fold(texts.get(task.get("line"), "") or task.get("summary") or "")
        found = _clause_cadences(text)
        if not task.get("periodic_report") and not found:
            continue
        if not found:
            unspecified = True
        cadences += [c for c in found if c not in cadences]
        m = re.search(r"trước ngày\s+(\d{1,2})\s+(?:của\s+)?(?:tháng cuối (?:quý|kỳ)|hằng tháng|hàng tháng)", text)
        if m and day is None:
            day = int(m.group(1))
        m = re.search(r"trước ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s+(?:hằng|hàng)\s+năm", text)
        if m and not yearly_due:
            yearly_due = f"{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        if not reports_to_name and task.get("reports_to"):
            reports_to_name = task["reports_to"][0]
    unit = index.channel(reports_to_name) if reports_to_name else None
    order = ["monthly", "quarterly", "semiannual", "yearly"]
    return {"cadences": sorted(cadences, key=order.index), "day": day, "yearly_due": yearly_due,
            "reports_to_unit": unit.pk if unit else None, "reports_to_text": reports_to_name,
            "unspecified": unspecified and not cadences}


def _clause_cadences(folded: str) -> list[str]:
    """Cadences named in the clauses of a text that speak of a report."""
    out = []
    for clause in re.split(r";|\.\s", folded):
        if not re.search(r"báo cáo|sơ kết|tổng kết", clause):
            continue
        for rx, name in CADENCE_WORDS:
            if re.search(rx, clause) and name not in out:
                out.append(name)
    return out


def draft_from_extraction(extraction: dict, text: str, index: UnitIndex) -> dict:
    """The editable draft of a plan: metadata, reporting clause and tasks with the units proposed for them."""
    doc = extraction.get("document") or {}
    texts = task_texts(text, extraction.get("tasks", [])) if text else {}
    period = doc.get("plan_period") or {}
    tasks = []
    for t in extraction.get("tasks", []):
        lead_units, lead_unmatched = map_agencies(t.get("lead"), index)
        coord_units, coord_unmatched = map_agencies(t.get("coordinate"), index)
        coord_units = [u for u in coord_units if u not in lead_units]
        timing = t.get("timing") or {}
        kind = timing.get("kind") if timing.get("kind") in TIMING_KINDS else "none"
        quota = (t.get("quotas") or [None])[0]
        tasks.append({
            "path": t.get("path") or "",
            "line": t.get("line"),
            "text": texts.get(t.get("line")) or t.get("summary") or t.get("text_start") or "",
            "lead_ids": [u.pk for u in lead_units],
            "coordinate_ids": [u.pk for u in coord_units],
            "lead_names": list(t.get("lead") or []),
            "coordinate_names": list(t.get("coordinate") or []),
            "unmatched": lead_unmatched + [n for n in coord_unmatched if n not in lead_unmatched],
            "timing_text": t.get("timing_text") or "",
            "timing_kind": kind,
            "timing": timing,
            "due_date": timing.get("due") or "",
            "publish": bool(t.get("publish")),
            "quota_text": quota["text"] if quota else "",
            "quota_value": quota["value"] if quota else None,
        })
    return {
        "document": {
            "number": doc.get("number") or "",
            "doc_type": doc.get("doc_type") or "Kế hoạch",
            "issuing_body": doc.get("issuing_body") or "",
            "issue_date": doc.get("issue_date") or "",
            "title": doc.get("title") or "",
            "implements": list(doc.get("implements") or []),
            "period_start": period.get("start") or "",
            "period_end": period.get("end") or "",
        },
        "reporting": reporting_clause(extraction, texts, index),
        "parent_task": None,
        "tasks": tasks,
    }
