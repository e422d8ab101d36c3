"""API shapes of what is published (open data)."""
from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel


class FiguresOut(Schema):
    received: int
    handled: int
    on_time: int
    overdue: int
    on_time_rate: float | None = None
    avg_days: float | None = None


# Plain pydantic models (not `Schema`) for the rows of a month: a response holds up to 1,000 entries built as dicts,
# and the ORM attribute lookup `Schema` wraps every row in cost more than the rest of the response together.
class EntryOut(BaseModel):
    number: int
    tracking_code: str
    unit_code: str
    unit: str
    month: str
    type: str
    type_label: str
    category: str
    source: str
    received_on: str
    summary: str
    state: str
    state_label: str
    deadlines_met: int
    deadlines_missed: int
    due_date: str | None = None
    overdue: bool
    on_time: bool
    handled: bool
    answered_on: str | None = None
    days_to_answer: int | None = None
    result: str
    corrected: bool


class CorrectionOut(BaseModel):
    entry: int | None = None
    tracking_code: str | None = None
    field: str
    before: str
    after: str
    reason: str
    at: str


class MissingUnitOut(Schema):
    code: str
    name: str
    received: int


class RegisterOut(Schema):
    unit_code: str
    unit: str
    month: str
    scope: str
    published_at: str
    signed_off_by: str
    signer_position: str
    figures: FiguresOut
    entries: list[EntryOut]
    corrections: list[CorrectionOut]
    units_not_published: list[MissingUnitOut]
    entries_total: int
    offset: int
    limit: int
    next_offset: int | None = None


class StatsRowOut(FiguresOut):
    key: str
    label: str


class StatsFiltersOut(Schema):
    unit: str | None = None
    month: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    group_by: str


class StatsOut(Schema):
    filters: StatsFiltersOut
    totals: FiguresOut
    rows: list[StatsRowOut]
