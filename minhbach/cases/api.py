"""Items over HTTP: the public submission and tracking endpoints (no account); staff operations are in api_staff."""
from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from minhbach.cases import selectors
from minhbach.cases.presenters import public_item
from minhbach.cases.schemas import CitizenMessageIn, ErrorOut, PublicItemOut, ReceiptOut, SubmissionIn
from minhbach.cases.services import SubmissionInput, SubmitterInput, case_citizen_message, case_submit
from minhbach.core import ratelimit
from minhbach.core.errors import NotFound

router = Router(tags=["submissions"])


def _by_receipt(tracking_code: str, secret: str):
    """The item of a receipt; a wrong code and a wrong secret give the very same 404."""
    case = selectors.case_find_by_receipt(tracking_code=tracking_code, secret=secret)
    if case is None:
        raise NotFound(_("No item matches this tracking code and secret."), code="not_found")
    return case


@router.post("/submissions", response={201: ReceiptOut, 400: ErrorOut}, auth=None, summary="Submit an item (no account)")
def submit(request: HttpRequest, payload: SubmissionIn):
    """Record a suggestion, report, petition, complaint, denunciation or accountability request; returns the receipt once."""
    if not ratelimit.submission_allowed(request):  # checked before anything is stored; answered 429
        raise ratelimit.Throttled(_("Too many items have been sent in the last few minutes, so this one was not "
                                    "recorded. Wait a few minutes, then send it again."))
    data = SubmissionInput(
        type=payload.type, title=payload.title, content=payload.content, category=payload.category,
        unit=payload.unit, place=payload.place, confidential=payload.confidential,
        previous_tracking_code=payload.previous_tracking_code,
        submitter=SubmitterInput(**payload.submitter.model_dump()),
        language=getattr(request, "LANGUAGE_CODE", "vi"),
    )
    receipt = case_submit(data=data, channel="api", track_url=request.build_absolute_uri("/theo-doi/"))
    return Status(201, {"tracking_code": receipt.tracking_code, "access_secret": receipt.access_secret,
                 "received_at": receipt.case.received_at})


@router.get("/submissions/{tracking_code}", response={200: PublicItemOut, 404: ErrorOut}, auth=None,
            summary="Follow an item with its receipt")
def track(request: HttpRequest, tracking_code: str, x_access_secret: str = Header("", alias="X-Access-Secret")):
    """Status, deadlines, public timeline, messages and answer; 404 alike for a wrong code or secret."""
    return public_item(_by_receipt(tracking_code, x_access_secret))


@router.post("/submissions/{tracking_code}/messages", response={201: PublicItemOut, 400: ErrorOut, 404: ErrorOut},
             auth=None, summary="Reply to the unit with the receipt")
def reply(request: HttpRequest, tracking_code: str, payload: CitizenMessageIn,
          x_access_secret: str = Header("", alias="X-Access-Secret")):
    """The citizen's message to the handling unit (a supplement resumes paused clocks); 404 alike for a wrong code or secret."""
    case = _by_receipt(tracking_code, x_access_secret)
    view = public_item(case)
    # The reply goes where the item now lives (e.g. the unit it was forwarded to); a split or closed item refuses it.
    case_citizen_message(case=view["shown"], body=payload.message)
    return Status(201, public_item(case))
