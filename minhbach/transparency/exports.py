"""Open-data shapes of the published register and figures: one definition for the API, the JSON and the CSV downloads.

Only published, reviewed fields leave through here: never the sender, never the item's own text.
"""
from __future__ import annotations

import csv
import io

from minhbach.cases.models import Channel, ItemType, Status
from minhbach.transparency.models import RegisterEntry, RegisterMonth, RegisterScope

ENTRY_FIELDS = ["number", "tracking_code", "unit_code", "unit", "month", "type", "type_label", "category", "source",
                "received_on", "summary", "state", "state_label", "deadlines_met", "deadlines_missed", "due_date",
                "overdue", "on_time", "handled", "answered_on", "days_to_answer", "result", "corrected"]
FIGURE_FIELDS = ["key", "label", "received", "handled", "on_time", "overdue", "on_time_rate", "avg_days"]


def entry_dict(e: RegisterEntry) -> dict:
    """One published entry as open data."""
    return {
        "number": e.number, "tracking_code": e.tracking_code, "unit_code": e.unit.code, "unit": e.unit_name,
        "month": f"{e.month:%Y-%m}", "type": e.type, "type_label": str(dict(ItemType.choices).get(e.type, e.type)),
        "category": e.category_name, "source": str(dict(Channel.choices).get(e.channel, e.channel)),
        "received_on": e.received_on.isoformat(), "summary": e.summary, "state": e.status,
        "state_label": str(dict(Status.choices).get(e.status, e.status)), "deadlines_met": e.deadlines_met,
        "deadlines_missed": e.deadlines_missed, "due_date": e.due_date.isoformat() if e.due_date else None,
        "overdue": e.overdue, "on_time": e.on_time, "handled": e.handled,
        "answered_on": e.answered_on.isoformat() if e.answered_on else None, "days_to_answer": e.days_to_answer,
        "result": e.result_summary, "corrected": e.corrected,
    }


def register_dict(register: RegisterMonth, entries, corrections, figures: dict) -> dict:
    """A published month with its entries, its figures and every correction made since publication."""
    return {
        "unit_code": register.unit.code, "unit": register.unit.name, "month": register.month_key,
        "scope": register.scope, "published_at": register.published_at.isoformat(),
        "signed_off_by": register.signer_name, "signer_position": register.signer_position,
        "figures": {k: figures.get(k) for k in FIGURE_FIELDS if k in figures},
        "entries": [entry_dict(e) for e in entries],
        "corrections": [
            {"entry": c.entry.number if c.entry else None, "tracking_code": c.entry.tracking_code if c.entry else None,
             "field": c.field, "before": c.old_value, "after": c.new_value, "reason": c.reason, "at": c.at.isoformat()}
            for c in corrections
        ],
        "units_not_published": register.missing_units if register.scope == RegisterScope.PROVINCE else [],
    }


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
    return _csv([entry_dict(e) for e in entries], ENTRY_FIELDS)


def figures_csv(rows: list[dict], extra: list[str] | None = None) -> str:
    """Grouped figures as CSV."""
    return _csv(rows, FIGURE_FIELDS + (extra or []))
