"""Open-data shapes of the published register and figures: one definition for the API, the JSON and the CSV downloads.

Only published, reviewed fields leave through here: never the sender, never the item's own text.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from minhbach.cases.models import Channel, ItemType, Status
from minhbach.transparency.models import RegisterCorrection, RegisterEntry, RegisterMonth, RegisterScope

ENTRY_FIELDS = ["number", "tracking_code", "unit_code", "unit", "month", "type", "type_label", "category", "source",
                "received_on", "summary", "state", "state_label", "deadlines_met", "deadlines_missed", "due_date",
                "overdue", "on_time", "handled", "answered_on", "days_to_answer", "result", "corrected"]
FIGURE_FIELDS = ["key", "label", "received", "handled", "on_time", "overdue", "on_time_rate", "avg_days"]
# A streamed download is sent in pieces of about this many characters.
STREAM_PIECE = 64 * 1024


def entry_labels() -> tuple[dict, dict, dict]:
    """The labels of types, sources and states in the current language, looked up once per response."""
    return ({k: str(v) for k, v in ItemType.choices}, {k: str(v) for k, v in Channel.choices},
            {k: str(v) for k, v in Status.choices})


def entry_dict(e: RegisterEntry, labels: tuple[dict, dict, dict] | None = None) -> dict:
    """One published entry as open data."""
    types, channels, states = labels or entry_labels()
    return {
        "number": e.number, "tracking_code": e.tracking_code, "unit_code": e.unit.code, "unit": e.unit_name,
        "month": f"{e.month:%Y-%m}", "type": e.type, "type_label": types.get(e.type, e.type),
        "category": e.category_name, "source": channels.get(e.channel, e.channel),
        "received_on": e.received_on.isoformat(), "summary": e.summary, "state": e.status,
        "state_label": states.get(e.status, e.status), "deadlines_met": e.deadlines_met,
        "deadlines_missed": e.deadlines_missed, "due_date": e.due_date.isoformat() if e.due_date else None,
        "overdue": e.overdue, "on_time": e.on_time, "handled": e.handled,
        "answered_on": e.answered_on.isoformat() if e.answered_on else None, "days_to_answer": e.days_to_answer,
        "result": e.result_summary, "corrected": e.corrected,
    }


def correction_dict(c: RegisterCorrection) -> dict:
    """One published correction as open data."""
    return {"entry": c.entry.number if c.entry else None, "tracking_code": c.entry.tracking_code if c.entry else None,
            "field": c.field, "before": c.old_value, "after": c.new_value, "reason": c.reason, "at": c.at.isoformat()}


def register_dict(register: RegisterMonth, entries, corrections, figures: dict) -> dict:
    """A published month with its entries, its figures and every correction made since publication."""
    labels = entry_labels()
    return {
        "unit_code": register.unit.code, "unit": register.unit.name, "month": register.month_key,
        "scope": register.scope, "published_at": register.published_at.isoformat(),
        "signed_off_by": register.signer_name, "signer_position": register.signer_position,
        "figures": {k: figures.get(k) for k in FIGURE_FIELDS if k in figures},
        "entries": [entry_dict(e, labels) for e in entries],
        "corrections": [correction_dict(c) for c in corrections],
        "units_not_published": register.missing_units if register.scope == RegisterScope.PROVINCE else [],
    }


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def register_json_stream(register: RegisterMonth, entries: Iterable[RegisterEntry],
                         corrections: Iterable[RegisterCorrection], figures: dict) -> Iterator[str]:
    """The document of `register_dict`, written piece by piece as the entries are read: a month of any size is
    downloaded without being held in memory."""
    doc = register_dict(register, (), (), figures)  # now, in the request's language; the pieces follow later
    head = {k: v for k, v in doc.items() if k not in ("entries", "corrections", "units_not_published")}
    return _json_pieces(head, entries, corrections, doc["units_not_published"], entry_labels())


def _json_pieces(head: dict, entries, corrections, missing: list, labels) -> Iterator[str]:
    out, size = [json.dumps(head, ensure_ascii=False, indent=1, default=str)[:-2], ',\n "entries": ['], 0
    for i, e in enumerate(entries):
        piece = ("\n  " if i == 0 else ",\n  ") + _dumps(entry_dict(e, labels))
        out.append(piece)
        size += len(piece)
        if size >= STREAM_PIECE:
            yield "".join(out)
            out, size = [], 0
    out.append('\n ],\n "corrections": [')
    for i, c in enumerate(corrections):
        out.append(("\n  " if i == 0 else ",\n  ") + _dumps(correction_dict(c)))
    out.append(f'\n ],\n "units_not_published": {_dumps(missing)}\n}}\n')
    yield "".join(out)


def _csv(rows: list[dict], fields: list[str]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs read UTF-8 (Vietnamese) correctly only with the BOM
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in fields})
    return buffer.getvalue()


def entries_csv(entries) -> str:
    """The register's entries as CSV (UTF-8 with BOM)."""
    return "".join(entries_csv_stream(entries))


def entries_csv_stream(entries: Iterable[RegisterEntry]) -> Iterator[str]:
    """The register's entries as CSV (UTF-8 with BOM), written piece by piece as the entries are read."""
    return _csv_pieces(entries, entry_labels())  # labels now, in the request's language


def _csv_pieces(entries: Iterable[RegisterEntry], labels) -> Iterator[str]:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs read UTF-8 (Vietnamese) correctly only with the BOM
    writer = csv.DictWriter(buffer, fieldnames=ENTRY_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for e in entries:
        row = entry_dict(e, labels)
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in ENTRY_FIELDS})
        if buffer.tell() >= STREAM_PIECE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def figures_csv(rows: list[dict], extra: list[str] | None = None) -> str:
    """Grouped figures as CSV."""
    return _csv(rows, FIGURE_FIELDS + (extra or []))
