"""Items over HTTP: the public submission and tracking endpoints (no account); staff operations are in api_staff."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from minhbach.cases import selectors
from minhbach.cases.models import Case
from minhbach.cases.presenters import pending_item, public_item
from minhbach.cases.schemas import ChallengeOut, CitizenMessageIn, ErrorOut, PublicItemOut, ReceiptOut, SubmissionIn
from minhbach.cases.services import (
    SubmissionInput, SubmitterInput, case_citizen_message, submission_prepare, submission_store,
)
from minhbach.core import pow, ratelimit
from minhbach.core.api_errors import InvalidFields, nul_message
from minhbach.core.errors import DomainError, NotFound

router = Router(tags=["submissions"])
CHALLENGES_PER_SUBMISSION = 5  # challenges a client may ask for per submission its rate limit allows


def _by_receipt(tracking_code: str, secret: str):
    """The item of a receipt, or the submission still being registered; a wrong code or secret: the same 404."""
    case = selectors.case_find_by_receipt(tracking_code=tracking_code, secret=secret)
    if case is None:
        intake = selectors.intake_find_by_receipt(tracking_code=tracking_code, secret=secret)
        if intake is not None:
            return intake
        raise NotFound(_("No item matches this tracking code and secret."), code="not_found")
    return case


def _view(found) -> dict:
    return public_item(found) if isinstance(found, Case) else pending_item(found)


_POW_DESCRIPTION = ("'challenge:nonce' solving a challenge from GET /api/v1/submissions/challenge; needed only while "
                    "its difficulty is above 0, else 428")
# The proof-of-work header is read from request.META and declared here for the OpenAPI document, as django-ninja
# would declare a Header() parameter: resolving one through its parameter models cost 71 us of CPU per submission,
# more than validating the whole body.
_POW_PARAMETER = {"in": "header", "name": pow.HEADER, "required": False, "description": _POW_DESCRIPTION,
                  "schema": {"default": "", "description": _POW_DESCRIPTION, "title": pow.HEADER, "type": "string"}}
_POW_META = "HTTP_" + pow.HEADER.upper().replace("-", "_")


@router.post("/submissions", response={201: ReceiptOut, 400: ErrorOut, 428: ErrorOut, 429: ErrorOut}, auth=None,
             summary="Submit an item (no account)", openapi_extra={"parameters": [_POW_PARAMETER]})
def submit(request: HttpRequest, payload: SubmissionIn):
    """Record a suggestion, report, petition, complaint, denunciation or accountability request; returns the receipt once.

    Under a flood, a proof of work is required (428 without a valid one) and the rate limits apply (429); both are
    checked before anything is stored, and an item once stored is always answered with its receipt.
    """
    # The proof first: a request that did not pay is refused without using up the shared submission budget.
    x_proof_of_work = request.META.get(_POW_META, "")
    if "\x00" in x_proof_of_work:  # as reject_nul_characters does for declared parameters
        raise InvalidFields({pow.HEADER: nul_message()})
    pow.check(x_proof_of_work, required=pow.required_bits())
    # Counted before anything is stored (answered 429 when over): the count is sent now and its answer read once the
    # submission is checked and sealed, so that the round trip to the shared cache overlaps that work.
    count = ratelimit.submission_count_start(request)
    refused: DomainError | None = None
    try:
        prepared = submission_prepare(
            data=SubmissionInput(
                type=payload.type, title=payload.title, content=payload.content, category=payload.category,
                unit=payload.unit, place=payload.place, confidential=payload.confidential,
                previous_tracking_code=payload.previous_tracking_code,
                submitter=SubmitterInput(**payload.submitter.model_dump()),
                language=getattr(request, "LANGUAGE_CODE", "vi"),
            ),
            channel="api", track_url=request.build_absolute_uri("/theo-doi/"))
    except DomainError as exc:  # the limit is answered first, as if checked first
        refused = exc
    finally:
        allowed = count.allowed()
    if not allowed:
        raise ratelimit.Throttled(_("Too many items have been sent in the last few minutes, so this one was not "
                                    "recorded. Wait a few minutes, then send it again."))
    if refused is not None:
        raise refused
    receipt = submission_store(prepared)
    # ReceiptOut, written directly (the same JSON Django's encoder makes for it): this endpoint takes the bursts.
    return JsonResponse({"tracking_code": receipt.tracking_code, "access_secret": receipt.access_secret,
                         "received_at": receipt.received_at}, status=201)


@router.get("/submissions/challenge", response={200: ChallengeOut, 429: ErrorOut}, auth=None,
            summary="Get a proof-of-work challenge for a submission")
def challenge(request: HttpRequest):
    """A fresh challenge and the difficulty required now (0 while submissions arrive at a normal rate: no proof needed).

    Challenges are stateless and cost nothing to give; each client may ask for a few times as many as it may submit.
    """
    per_ip = getattr(settings, "MINHBACH_SUBMIT_PER_IP", 20) * CHALLENGES_PER_SUBMISSION
    if not ratelimit.hit(f"pow:challenge:{ratelimit.client_digest(ratelimit.client_ip(request))}", per_ip,
                         ratelimit.SUBMIT_PER_IP_WINDOW):
        raise ratelimit.Throttled(_("Too many challenges have been asked for from here in the last few minutes. "
                                    "Wait a few minutes, then ask again."))
    bits = pow.required_bits()
    return {"challenge": pow.issue(bits), "difficulty": bits, "expires_in": pow.MAX_AGE}


@router.get("/submissions/{tracking_code}", response={200: PublicItemOut, 400: ErrorOut, 404: ErrorOut}, auth=None,
            summary="Follow an item with its receipt")
def track(request: HttpRequest, tracking_code: str, x_access_secret: str = Header("", alias="X-Access-Secret")):
    """Status, deadlines, public timeline, messages and answer; 404 alike for a wrong code or secret."""
    return _view(_by_receipt(tracking_code, x_access_secret))


@router.post("/submissions/{tracking_code}/messages", response={201: PublicItemOut, 400: ErrorOut, 404: ErrorOut},
             auth=None, summary="Reply to the unit with the receipt")
def reply(request: HttpRequest, tracking_code: str, payload: CitizenMessageIn,
          x_access_secret: str = Header("", alias="X-Access-Secret")):
    """The citizen's message to the handling unit (a supplement resumes paused clocks); 404 alike for a wrong code or secret."""
    case = _by_receipt(tracking_code, x_access_secret)
    if not isinstance(case, Case):
        raise DomainError(_("Your item is still being entered in the register; send your message again in a minute."),
                          code="pending")
    view = public_item(case)
    # The reply goes where the item now lives (e.g. the unit it was forwarded to); a split or closed item refuses it.
    case_citizen_message(case=view["shown"], body=payload.message)
    return Status(201, public_item(case))
