"""API shapes for items."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class InputSchema(BaseModel):
    """A request body: only a JSON object validates (ninja's Schema would read a string's attributes as an empty object)."""

    model_config = ConfigDict(extra="ignore")


class SubmitterIn(InputSchema):
    name: str = Field("", max_length=150)
    address: str = Field("", max_length=255)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    id_number: str = Field("", max_length=32)


class SubmissionIn(InputSchema):
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


class ChallengeOut(Schema):
    challenge: str = Field(..., description="find a nonce (letters, digits, - or _, at most 64) such that "
                                            "sha256(challenge + ':' + nonce) starts with `difficulty` zero bits; "
                                            "send 'challenge:nonce' in the X-Proof-Of-Work header")
    difficulty: int = Field(..., ge=0, description="leading zero bits required now; 0: no proof is needed")
    expires_in: int = Field(..., description="seconds the challenge stays valid; each challenge is accepted once")


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
    type_label: str = ""
    title: str
    status: str
    status_label: str
    unit: str
    received_at: dt.datetime
    due_date: dt.date | None
    due_state: str = Field("", description="overdue | due_soon | on_time | empty when no clock runs")
    awaiting_citizen: bool = Field(False, description="the unit asked for a supplement; reply with a message")
    can_reply: bool = True
    refusal_reason: str = ""
    deadlines: list[DeadlineOut]
    timeline: list[TimelineEntryOut]
    messages: list[MessageOut]
    answer: str | None
    related: list[str] = Field(default_factory=list, description="items this one became (forwarded, split, merged)")


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, str] | None = None


class CitizenMessageIn(InputSchema):
    message: str = Field(..., min_length=1, max_length=10000)


# --- staff API -----------------------------------------------------------------------------------

ITEM_TYPES = Literal["gop_y", "phan_anh", "kien_nghi", "khieu_nai", "to_cao", "giai_trinh"]
CHANNELS = Literal["web", "paper", "box", "reception", "email", "phone", "front", "voters", "api"]
LETTER_CLASSES = Literal["complaint", "denunciation", "petition_report", "several"]
LETTER_KINDS = Literal["acceptance", "refusal", "guidance", "forwarding", "extension", "result", "supplement"]
INBOX_FILTER = Literal["open", "due_soon", "overdue", "mine", "unassigned", "awaiting_signoff", "closed", "all"]


class StaffSubmitterIn(SubmitterIn):
    organisation: str = Field("", max_length=255)
    people_count: int = Field(1, ge=1, le=100000)


class StaffIntakeIn(InputSchema):
    channel: CHANNELS = Field(..., description="how the item came in")
    type: ITEM_TYPES
    title: str = Field(..., max_length=1000)
    content: str = Field(..., max_length=50000)
    category: str = Field("", max_length=64, description="category code")
    unit: str = Field("", max_length=64, description="receiving unit code; default: the caller's own unit")
    place: str = Field("", max_length=1000)
    confidential: bool = False
    verifiable_evidence: bool = Field(False, description="R3: an anonymous letter names the violator with verifiable evidence")
    previous_tracking_code: str = Field("", max_length=32)
    submitter: StaffSubmitterIn = Field(default_factory=StaffSubmitterIn, description="may be empty (anonymous letter)")


class ReasonIn(InputSchema):
    reason: str = Field("", max_length=5000)


class RequiredReasonIn(InputSchema):
    reason: str = Field(..., max_length=5000)


class ClassifyIn(InputSchema):
    type: ITEM_TYPES = Field(..., description="the legal type by content (R1)")
    letter_class: LETTER_CLASSES | Literal[""] = ""
    category: str | None = Field(None, max_length=64, description="category code; empty clears it; omitted keeps it")
    complex: bool | None = None
    verifiable_evidence: bool | None = None
    reason: str = Field("", max_length=5000)


class GuideIn(RequiredReasonIn):
    guided_to: str = Field(..., max_length=255, description="the competent body the citizen is guided to")


class ForwardIn(InputSchema):
    to_unit: str = Field(..., max_length=64, description="unit code")
    reason: str = Field("", max_length=5000)


class SplitPartIn(InputSchema):
    title: str = Field(..., max_length=255)
    content: str = Field(..., max_length=50000)
    type: ITEM_TYPES | None = None


class SplitIn(InputSchema):
    parts: list[SplitPartIn] = Field(..., min_length=2, max_length=50)
    reason: str = Field("", max_length=5000)


class MergeIn(InputSchema):
    into: int = Field(..., description="id of the item this duplicate is merged into")
    reason: str = Field("", max_length=5000)


class AssignIn(InputSchema):
    assignee: str = Field(..., max_length=150, description="username of a handler of the item's unit")


class ResultIn(InputSchema):
    result: str = Field(..., max_length=50000)


class MessageIn(InputSchema):
    body: str = Field(..., max_length=10000)


class LetterIn(InputSchema):
    kind: LETTER_KINDS


class UnitRefOut(Schema):
    id: int
    code: str
    name: str


class ItemSummaryOut(Schema):
    id: int
    tracking_code: str
    type: str
    type_label: str
    title: str
    status: str
    status_label: str
    unit: UnitRefOut
    category: str | None
    channel: str
    assignee: str | None = Field(None, description="username of the handler")
    received_at: dt.datetime
    due_date: dt.date | None
    due_rule: str
    due_state: str
    anonymous: bool
    confidential: bool


class SubmitterOut(Schema):
    protected: Literal[False] = False
    name: str
    address: str
    phone: str
    email: str
    id_number: str
    organisation: str
    people_count: int


class ProtectedSubmitterOut(Schema):
    protected: Literal[True] = Field(True, description="a denunciation or a confidential item: the identity is not given")


class StaffDeadlineOut(DeadlineOut):
    variant: str
    paused_days: int
    completed_on: dt.date | None


class StaffTimelineEntryOut(TimelineEntryOut):
    actor: str
    reason: str
    public: bool


class StaffMessageOut(Schema):
    id: int
    at: dt.datetime
    kind: str = Field(..., description="note | to_citizen | from_citizen")
    author: str | None
    body: str


class LetterOut(Schema):
    id: int
    kind: str
    number: str
    created_at: dt.datetime
    download_url: str


class RelatedItemOut(Schema):
    id: int
    tracking_code: str
    relation: str = Field(..., description="forwarded_to | forwarded_from | split_into | split_from | merged_into | "
                                           "merged_from | previous_complaint")
    unit: str
    status: str


class StaffItemOut(ItemSummaryOut):
    type_claimed: str
    letter_class: str
    classified_at: dt.datetime | None
    content: str
    place: str
    addressed_unit: str | None
    verifiable_evidence: bool
    complex: bool
    complaint_round: int
    accepted_at: dt.datetime | None
    result_at: dt.datetime | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    result: str
    result_by: str | None
    signed_off_by: str | None
    refusal_reason: str
    guided_to: str
    reopened_count: int
    submitter: Annotated[SubmitterOut | ProtectedSubmitterOut, Field(discriminator="protected")] | None
    deadlines: list[StaffDeadlineOut]
    timeline: list[StaffTimelineEntryOut]
    messages: list[StaffMessageOut]
    letters: list[LetterOut]
    related: list[RelatedItemOut]
    allowed_actions: list[str] = Field(..., description="what the caller may do on this item")


class StaffReceiptOut(ReceiptOut):
    item: StaffItemOut


class UnitNodeOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    remote_area: bool
    active: bool = Field(..., description="false for units that no longer exist (e.g. districts after 1/7/2025)")
    children: list["UnitNodeOut"]


UnitNodeOut.model_rebuild()


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str


class RuleOut(Schema):
    code: str
    title_vi: str
    title_en: str
    stage: str
    applies_to: list[str]
    legal_basis: str
    citation: str
    days: int | None
    day_type: str
    extension_days: int
    max_extensions: int
    variant_days: dict[str, Any]
    figure_text: str
    note: str
    effective_from: dt.date
    effective_to: dt.date | None


class SweepOut(Schema):
    checked: int
    due_soon: int
    overdue: int
    escalated: int
