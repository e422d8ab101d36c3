"""API shapes for items."""
from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class SubmitterIn(Schema):
    name: str = Field("", max_length=150)
    address: str = Field("", max_length=255)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=32)


class SubmissionIn(Schema):
    type: str = Field(..., description="gop_y | phan_anh | kien_nghi | khieu_nai | to_cao | giai_trinh")
    title: str = Field(..., max_length=1000)
    content: str = Field(..., max_length=50000)
    category: str = Field("", max_length=64, description="category code")
    unit: str = Field("", max_length=64, description="unit code")
    place: str = Field("", max_length=1000)
    confidential: bool = False
    previous_tracking_code: str = Field("", max_length=32, description="for a second complaint: the first one's code")
    submitter: SubmitterIn = SubmitterIn()


class ReceiptOut(Schema):
    tracking_code: str
    access_secret: str = Field(..., description="shown once; keep it to follow the item")
    received_at: dt.datetime


class DeadlineOut(Schema):
    stage: str
    rule: str
    title: str
    legal_basis: str
    start_date: dt.date
    due_date: dt.date
    extensions: int
    state: str


class TimelineEntryOut(Schema):
    at: dt.datetime
    action: str
    text: str


class MessageOut(Schema):
    at: dt.datetime
    from_citizen: bool
    body: str


class PublicItemOut(Schema):
    tracking_code: str
    type: str
    title: str
    status: str
    status_label: str
    unit: str
    received_at: dt.datetime
    due_date: dt.date | None
    deadlines: list[DeadlineOut]
    timeline: list[TimelineEntryOut]
    messages: list[MessageOut]
    answer: str | None
    related: list[str] = Field(default_factory=list, description="items this one became (forwarded, split, merged)")


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, str] | None = None
