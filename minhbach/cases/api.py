"""Items over HTTP: the public submission and tracking endpoints (no account) and the staff operations."""
from __future__ import annotations

from django.http import HttpRequest
from ninja import Header, Router

from minhbach.cases import selectors
from minhbach.cases.presenters import public_item
from minhbach.cases.schemas import ErrorOut, PublicItemOut, ReceiptOut, SubmissionIn
from minhbach.cases.services import SubmissionInput, SubmitterInput, case_submit
from minhbach.core.errors import NotFound

router = Router(tags=["submissions"])


@router.post("/submissions", response={201: ReceiptOut, 400: ErrorOut}, auth=None, summary="Submit an item (no account)")
def submit(request: HttpRequest, payload: SubmissionIn):
    """Record a suggestion, report, petition, complaint, denunciation or accountability request; returns the receipt once."""
    data = SubmissionInput(
        type=payload.type, title=payload.title, content=payload.content, category=payload.category,
        unit=payload.unit, place=payload.place, confidential=payload.confidential,
        previous_tracking_code=payload.previous_tracking_code,
        submitter=SubmitterInput(**payload.submitter.dict()),
        language=getattr(request, "LANGUAGE_CODE", "vi"),
    )
    receipt = case_submit(data=data, channel="api", track_url=request.build_absolute_uri("/theo-doi/"))
    return 201, {"tracking_code": receipt.tracking_code, "access_secret": receipt.access_secret,
                 "received_at": receipt.case.received_at}


@router.get("/submissions/{tracking_code}", response={200: PublicItemOut, 404: ErrorOut}, auth=None,
            summary="Follow an item with its receipt")
def track(request: HttpRequest, tracking_code: str, x_access_secret: str = Header("", alias="X-Access-Secret")):
    """Status, deadlines, public timeline, messages and answer; 404 alike for a wrong code or secret."""
    case = selectors.case_find_by_receipt(tracking_code=tracking_code, secret=x_access_secret)
    if case is None:
        from django.utils.translation import gettext as _

        raise NotFound(_("No item matches this tracking code and secret."))
    return 200, public_item(case)
