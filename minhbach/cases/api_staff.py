"""Staff operations over HTTP under /api/v1/staff: the inbox, the full item view and every workflow action.

Each endpoint loads the item through `case_get_for_action` (an item outside the caller's scope is a 404
identical to a missing one; an action the role may not take is a 403) and then calls the same service
the back office calls, so permissions, audit, clocks and notices behave identically.
"""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from minhbach.accounts.auth import staff_auth
from minhbach.cases import policies, selectors
from minhbach.cases.models import Case, Category, Letter, Message, Submitter
from minhbach.cases.presenters import timeline_text
from minhbach.cases.schemas import (
    INBOX_FILTER, ITEM_TYPES, AssignIn, CategoryOut, ClassifyIn, ErrorOut, ForwardIn, GuideIn, ItemSummaryOut, LetterIn,
    LetterOut, MergeIn, MessageIn, ReasonIn, RequiredReasonIn, ResultIn, RuleOut, SplitIn, StaffIntakeIn,
    StaffItemOut, StaffReceiptOut, SweepOut, UnitNodeOut,
)
from minhbach.cases.services import (
    SubmissionInput, SubmitterInput, case_accept, case_add_message, case_assign, case_classify, case_extend,
    case_forward, case_get_for_action, case_merge, case_split, case_submit, case_transition, deadlines_sweep,
    letter_generate,
)
from minhbach.core import clock
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.orgs.models import Membership, OrgUnit, Role
from minhbach.orgs.selectors import user_grants
from minhbach.rules.selectors import rules_in_force

router = Router(tags=["staff"], auth=staff_auth)

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
READ_ERRORS = {401: ErrorOut}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_PAGE = 200
MAX_OFFSET = 10**9  # far beyond any inbox; larger numbers do not fit the databases' 64-bit OFFSET

# Staff-only events, which the citizen's timeline leaves out.
STAFF_VERB_TEXT = {
    "classify": lambda d: _("Classified as %(type)s") % {"type": d.get("type", "")},
    "assign": lambda d: _("Assigned to %(name)s") % {"name": d.get("assignee", "")},
    "record_result": lambda d: _("Result recorded, awaiting sign-off"),
    "send_back": lambda d: _("Sent back for revision"),
    "note": lambda d: _("Internal note added"),
    "message": lambda d: _("Message sent to the citizen"),
    "letter": lambda d: _("Letter %(number)s generated") % {"number": d.get("number", "")},
    "merged_in": lambda d: _("Item %(code)s was merged into this one") % {"code": d.get("from", "")},
}


# --- presenters ----------------------------------------------------------------------------------


def _username(user) -> str | None:
    return user.username if user is not None else None


def item_summary(case: Case) -> dict:
    """One inbox row; uses only the relations `selectors.case_list` already joins."""
    return {
        "id": case.pk, "tracking_code": case.tracking_code, "type": case.type, "type_label": case.get_type_display(),
        "title": case.title, "status": case.status, "status_label": case.get_status_display(),
        "unit": {"id": case.unit.pk, "code": case.unit.code, "name": case.unit.name},
        "category": case.category.code if case.category else None, "channel": case.channel,
        "assignee": _username(case.assignee), "received_at": case.received_at, "due_date": case.due_date,
        "due_rule": case.due_rule, "due_state": case.due_state(), "anonymous": case.anonymous,
        "confidential": case.confidential,
    }


def _submitter(case: Case) -> dict | None:
    # D4: a denouncer's identity (and a sender who asked for confidentiality) never leaves through this API;
    # an approved requester reads it through the vault's reveal page, where each view is audited.
    from minhbach.vault import policies as vault_policies

    if vault_policies.is_protected(case):
        return {"protected": True}
    sub = Submitter.objects.filter(case_id=case.pk).first()
    if sub is None:
        return None
    return {"protected": False, "name": sub.name, "address": sub.address, "phone": sub.phone, "email": sub.email,
            "id_number": sub.id_number, "organisation": sub.organisation, "people_count": sub.people_count}


def _related(case: Case) -> list[dict]:
    links = [(c, "forwarded_to") for c in Case.objects.filter(forwarded_from=case)]
    links += [(c, "split_into") for c in Case.objects.filter(split_from=case)]
    links += [(c, "merged_from") for c in Case.objects.filter(merged_into=case)]
    for fk, relation in (("forwarded_from_id", "forwarded_from"), ("split_from_id", "split_from"),
                         ("merged_into_id", "merged_into"), ("previous_case_id", "previous_complaint")):
        pk = getattr(case, fk)
        if pk:
            links.append((Case.objects.get(pk=pk), relation))
    units = {u.pk: u.name for u in OrgUnit.objects.filter(pk__in={c.unit_id for c, _r in links})}
    return [{"id": c.pk, "tracking_code": c.tracking_code, "relation": r, "unit": units[c.unit_id], "status": c.status}
            for c, r in sorted(links, key=lambda x: x[0].pk)]


def _staff_text(event) -> str:
    fn = STAFF_VERB_TEXT.get(event.verb)
    return fn(event.data) if fn else timeline_text(event)


def item_detail(case: Case, user) -> dict:
    """The full staff view of an item; the submitter block is `{"protected": true}` for denunciations."""
    out = item_summary(case)
    out.update({
        "type_claimed": case.type_claimed, "letter_class": case.letter_class, "classified_at": case.classified_at,
        "content": case.content, "place": case.place,
        "addressed_unit": case.addressed_unit.name if case.addressed_unit_id else None,
        "verifiable_evidence": case.verifiable_evidence, "complex": case.complex,
        "complaint_round": case.complaint_round, "accepted_at": case.accepted_at, "result_at": case.result_at,
        "answered_at": case.answered_at, "closed_at": case.closed_at, "result": case.result,
        "result_by": _username(case.result_by), "signed_off_by": _username(case.signed_off_by),
        "refusal_reason": case.refusal_reason, "guided_to": case.guided_to, "reopened_count": case.reopened_count,
        "submitter": _submitter(case),
        "deadlines": [
            {"stage": d.stage, "rule": d.rule_code, "title": d.rule_title, "legal_basis": d.legal_basis,
             "start_date": d.start_date, "due_date": d.due_date, "extensions": d.extensions, "state": d.state,
             "variant": d.variant, "paused_days": d.paused_days, "completed_on": d.completed_on}
            for d in selectors.case_deadlines(case=case)
        ],
        "timeline": [
            {"at": e.at, "action": e.verb, "text": _staff_text(e), "reason": e.reason,
             "actor": e.actor.username if e.actor else e.actor_label, "public": bool(e.data.get("public"))}
            for e in selectors.case_timeline(case=case, public_only=False)
        ],
        "messages": [
            {"id": m.pk, "at": m.at, "kind": m.kind, "author": _username(m.author), "body": m.body}
            for m in selectors.case_messages(case=case, include_notes=True)
        ],
        "letters": [_letter_out(letter) for letter in case.letters.defer("content").order_by("created_at", "id")],
        "related": _related(case),
        "allowed_actions": sorted(policies.allowed_actions(user, case)),
    })
    return out


def _letter_out(letter: Letter) -> dict:
    return {"id": letter.pk, "kind": letter.kind, "number": letter.number, "created_at": letter.created_at,
            "download_url": reverse("api:staff_letter_download", kwargs={"id": letter.case_id, "letter_id": letter.pk})}


# --- helpers -------------------------------------------------------------------------------------


def _load(request: HttpRequest, id: int, action: str) -> Case:
    try:
        return case_get_for_action(user=request.auth, case_id=id, action=action)
    except NotFound as exc:  # the service's NotFound carries the generic code; the API says "not_found"
        raise NotFound(exc.message, code="not_found") from None


def _view(request: HttpRequest, id: int) -> dict:
    case = Case.objects.select_related(
        "unit", "category", "assignee", "addressed_unit", "result_by", "signed_off_by", "submitter"
    ).get(pk=id)
    return item_detail(case, request.auth)


def _reason(payload: ReasonIn | None) -> str:
    """The optional reason of an action whose body may be left out."""
    return payload.reason if payload is not None else ""


def _transition(request: HttpRequest, id: int, action: str, reason: str = "", data: dict | None = None) -> dict:
    case = _load(request, id, action)
    case_transition(case=case, action=action, actor=request.auth, reason=reason, data=data)
    return _view(request, id)


class ItemPagination(LimitOffsetPagination):
    """Limit/offset over the inbox, at most 200 items a page; rows are presented as inbox summaries."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [item_summary(c) for c in page["items"]]
        return page


# --- reads ---------------------------------------------------------------------------------------


@router.get("/items", response={200: list[ItemSummaryOut], 400: ErrorOut, **READ_ERRORS}, summary="List items (the inbox)")
@paginate(ItemPagination)
def items_list(request: HttpRequest, filter: INBOX_FILTER = "open", type: ITEM_TYPES | None = None, q: str = "",
               unit: str = Query("", description="unit code: only items of that unit")):
    """Items in the caller's scope, filtered like the inbox, earliest deadline first; paginated."""
    unit_id = None
    if unit:
        found = OrgUnit.objects.filter(code=unit).only("pk").first()
        if found is None:
            raise DomainError(_("Unknown unit."), field="unit")
        unit_id = found.pk
    return selectors.case_list(user=request.auth, filter=filter, q=q[:100], type=type or "", unit_id=unit_id)


@router.get("/items/{id}", response={200: StaffItemOut, 400: ErrorOut, 404: ErrorOut, **READ_ERRORS},
            summary="Get one item (staff view)")
def item_get(request: HttpRequest, id: int):
    """Facts, deadlines with rule and legal basis, timeline, messages and notes; a denouncer's identity is never shown."""
    _load(request, id, "view")
    return _view(request, id)


@router.get("/items/{id}/letters/{letter_id}", response={400: ErrorOut, 403: ErrorOut, 404: ErrorOut, **READ_ERRORS},
            url_name="staff_letter_download",
            summary="Download a generated letter (.docx)",
            openapi_extra={"responses": {200: {"description": "the letter as a Word document",
                                               "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}}}}})
def letter_download(request: HttpRequest, id: int, letter_id: int):
    """The .docx bytes of a letter generated for the item."""
    case = _load(request, id, "view")
    if not policies.can(request.auth, "letter", case):
        raise PermissionDenied(_("You may not do this on this item."))
    letter = Letter.objects.filter(pk=letter_id, case=case).first()
    if letter is None:
        raise NotFound(_("Letter not found."), code="not_found")
    response = HttpResponse(bytes(letter.content), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{case.tracking_code}-{letter.kind}-{letter.pk}.docx"'
    return response


@router.get("/units", response={200: list[UnitNodeOut], **READ_ERRORS}, summary="The organisation tree")
def units_tree(request: HttpRequest):
    """The trees (province → department | commune → unit) of the provinces the caller holds a role in."""
    roots = sorted({g.path[:5] for g in user_grants(request.auth)})
    if not roots:
        return []
    cond = Q()
    for root in roots:
        cond |= Q(path__startswith=root)
    nodes: dict[int, dict] = {}
    top: list[dict] = []
    for u in OrgUnit.objects.filter(cond).order_by("path"):
        node = {"id": u.pk, "code": u.code, "name": u.name, "short_name": u.short_name, "kind": u.kind,
                "remote_area": u.remote_area, "active": u.active_to is None, "children": []}
        nodes[u.pk] = node
        (nodes[u.parent_id]["children"] if u.parent_id in nodes else top).append(node)
    return top


@router.get("/categories", response={200: list[CategoryOut], **READ_ERRORS}, summary="Categories")
def categories_list(request: HttpRequest):
    """Active categories, by name."""
    return list(Category.objects.filter(active=True).order_by("name"))


@router.get("/rules", response={200: list[RuleOut], **READ_ERRORS}, summary="Statutory rules in force today")
def rules_list(request: HttpRequest):
    """Every rule in force today with its figures and legal basis."""
    return [{**{f: getattr(r, f) for f in RuleOut.model_fields if f != "citation"}, "citation": r.citation,
             "applies_to": list(r.applies_to or []), "variant_days": dict(r.variant_days or {})}
            for r in rules_in_force(on=clock.today())]


# --- intake --------------------------------------------------------------------------------------


def _intake_unit(user, code: str) -> str:
    """The unit code to receive at: the one given (if the caller may receive there) or the caller's own unit."""
    if code:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None and not policies.can_in_unit(user, "intake", unit):
            raise PermissionDenied(_("You may not receive items for this unit."), field="unit")
        return code  # an unknown code is reported by the submission's validation
    for g in user_grants(user):
        if "intake" in policies.ROLE_ACTIONS.get(g.role, ()):
            return OrgUnit.objects.get(pk=g.unit_id).code
    raise PermissionDenied(_("You may not receive items."), field="unit")


@router.post("/items", response={201: StaffReceiptOut, **ERRORS}, summary="Record an item (staff intake)")
def item_create(request: HttpRequest, payload: StaffIntakeIn):
    """Key in a letter, slip, reception minute or e-mail (anonymous allowed, R3); returns the receipt once."""
    user = request.auth
    unit = _intake_unit(user, payload.unit)
    s = payload.submitter
    data = SubmissionInput(
        type=payload.type, title=payload.title, content=payload.content, category=payload.category, unit=unit,
        place=payload.place, confidential=payload.confidential, verifiable_evidence=payload.verifiable_evidence,
        previous_tracking_code=payload.previous_tracking_code,
        submitter=SubmitterInput(name=s.name, address=s.address, phone=s.phone, email=s.email, id_number=s.id_number,
                                 organisation=s.organisation, people_count=s.people_count),
        language=getattr(request, "LANGUAGE_CODE", "vi"),
    )
    receipt = case_submit(data=data, channel=payload.channel, actor=user, require_identity=False,
                          track_url=request.build_absolute_uri("/theo-doi/"))
    return Status(201, {"tracking_code": receipt.tracking_code, "access_secret": receipt.access_secret,
                 "received_at": receipt.case.received_at, "item": _view(request, receipt.case.pk)})


# --- workflow actions ----------------------------------------------------------------------------


@router.post("/items/{id}/classify", response={200: StaffItemOut, **ERRORS}, summary="Classify an item (R1)")
def item_classify(request: HttpRequest, id: int, payload: ClassifyIn):
    """Set the legal type by content, the class, category, complexity and R3 evidence; a new type restarts the processing clock."""
    case = _load(request, id, "classify")
    if payload.category and not Category.objects.filter(code=payload.category, active=True).exists():
        raise DomainError(_("Unknown category."), field="category")
    case_classify(case=case, actor=request.auth, type=payload.type, letter_class=payload.letter_class,
                  category=payload.category, complex=payload.complex,
                  verifiable_evidence=payload.verifiable_evidence, reason=payload.reason)
    return _view(request, id)


@router.post("/items/{id}/accept", response={200: StaffItemOut, **ERRORS}, summary="Accept an item (thụ lý)")
def item_accept(request: HttpRequest, id: int, payload: ReasonIn | None = Body(None)):
    """Accept for resolution: starts the resolution clock (and D2 for a denunciation); R3 refuses anonymous letters without evidence."""
    case_accept(case=_load(request, id, "accept"), actor=request.auth, reason=_reason(payload))
    return _view(request, id)


@router.post("/items/{id}/refuse", response={200: StaffItemOut, **ERRORS}, summary="Refuse an item, with reasons")
def item_refuse(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Refuse to accept, in writing with the reasons; the citizen is told."""
    return _transition(request, id, "refuse", reason=payload.reason)


@router.post("/items/{id}/guide", response={200: StaffItemOut, **ERRORS}, summary="Guide the citizen to the competent body")
def item_guide(request: HttpRequest, id: int, payload: GuideIn):
    """Guide the citizen (once) to the competent body for a matter outside the unit's competence."""
    if not payload.guided_to.strip():
        raise DomainError(_("Name the competent body."), field="guided_to")
    return _transition(request, id, "guide", reason=payload.reason, data={"guided_to": payload.guided_to.strip()})


@router.post("/items/{id}/forward", response={200: StaffItemOut, **ERRORS}, summary="Forward to the competent unit")
def item_forward(request: HttpRequest, id: int, payload: ForwardIn):
    """Forward: a new item at the other unit with its own clock; the receipt follows it (see `related`)."""
    case = _load(request, id, "forward")
    to_unit = OrgUnit.objects.filter(code=payload.to_unit).first()
    if to_unit is None:
        raise DomainError(_("Unknown unit."), field="to_unit")
    case_forward(case=case, actor=request.auth, to_unit=to_unit, reason=payload.reason)
    return _view(request, id)


@router.post("/items/{id}/split", response={200: StaffItemOut, **ERRORS}, summary="Split a letter with several contents")
def item_split(request: HttpRequest, id: int, payload: SplitIn):
    """Split into linked items, each with its own type and clock; the sender's receipt follows them all."""
    case = _load(request, id, "split")
    case_split(case=case, actor=request.auth, reason=payload.reason,
               parts=[{k: v for k, v in p.model_dump().items() if v is not None} for p in payload.parts])
    return _view(request, id)


@router.post("/items/{id}/merge", response={200: StaffItemOut, **ERRORS}, summary="Merge a duplicate into another item")
def item_merge(request: HttpRequest, id: int, payload: MergeIn):
    """Merge this item into `into`; its sender keeps the receipt and gets the same answer."""
    case = _load(request, id, "merge")
    try:
        into = _load(request, payload.into, "merge")
    except NotFound:
        raise NotFound(_("The target item was not found."), field="into", code="not_found") from None
    case_merge(case=case, actor=request.auth, into=into, reason=payload.reason)
    return _view(request, id)


@router.post("/items/{id}/archive", response={200: StaffItemOut, **ERRORS}, summary="Archive an item without handling")
def item_archive(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Archive an ineligible letter or an anonymous one without evidence (R3, R4), with the reason."""
    return _transition(request, id, "archive", reason=payload.reason)


@router.post("/items/{id}/assign", response={200: StaffItemOut, **ERRORS}, summary="Assign a handler")
def item_assign(request: HttpRequest, id: int, payload: AssignIn):
    """Assign a handler of the item's unit (or a unit under it); never the official a denunciation names."""
    from django.contrib.auth import get_user_model

    case = _load(request, id, "assign")
    assignee = get_user_model().objects.filter(username=payload.assignee, is_active=True).first()
    if assignee is None:
        # Same message as a person outside the unit: the API does not tell which usernames exist.
        raise DomainError(_("The person must be a handler of this unit."), field="assignee")
    case_assign(case=case, actor=request.auth, assignee=assignee)
    return _view(request, id)


@router.post("/items/{id}/request-supplement", response={200: StaffItemOut, **ERRORS},
             summary="Ask the citizen to supplement the file")
def item_request_supplement(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Ask for a supplement; clocks that the law lets stop are paused until the citizen replies or staff resume."""
    return _transition(request, id, "request_supplement", reason=payload.reason)


@router.post("/items/{id}/resume", response={200: StaffItemOut, **ERRORS}, summary="Resume handling after a supplement")
def item_resume(request: HttpRequest, id: int, payload: ReasonIn | None = Body(None)):
    """Resume: paused clocks restart, pushed back by the days waited."""
    return _transition(request, id, "resume", reason=_reason(payload))


@router.post("/items/{id}/extend", response={200: StaffItemOut, **ERRORS}, summary="Extend the resolution deadline")
def item_extend(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Extend once more within what the rule allows (C2, C3, D3, A2); refused with the rule's basis beyond it."""
    case_extend(case=_load(request, id, "extend"), actor=request.auth, reason=payload.reason)
    return _view(request, id)


@router.post("/items/{id}/result", response={200: StaffItemOut, **ERRORS}, summary="Record the result")
def item_result(request: HttpRequest, id: int, payload: ResultIn):
    """Record the result or answer; it waits for the unit leader's sign-off."""
    return _transition(request, id, "record_result", data={"result": payload.result})


@router.post("/items/{id}/sign-off", response={200: StaffItemOut, **ERRORS}, summary="Sign off the result")
def item_sign_off(request: HttpRequest, id: int, payload: ReasonIn | None = Body(None)):
    """Sign off the recorded result: the item is answered and the citizen is told."""
    return _transition(request, id, "sign_off", reason=_reason(payload))


@router.post("/items/{id}/send-back", response={200: StaffItemOut, **ERRORS}, summary="Send the result back for revision")
def item_send_back(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Send the recorded result back to the handler, with the reason."""
    return _transition(request, id, "send_back", reason=payload.reason)


@router.post("/items/{id}/close", response={200: StaffItemOut, **ERRORS}, summary="Close an answered item")
def item_close(request: HttpRequest, id: int, payload: ReasonIn | None = Body(None)):
    """Close an answered item."""
    return _transition(request, id, "close", reason=_reason(payload))


@router.post("/items/{id}/reopen", response={200: StaffItemOut, **ERRORS}, summary="Reopen an item")
def item_reopen(request: HttpRequest, id: int, payload: RequiredReasonIn):
    """Reopen an answered, closed, refused, guided or archived item; a new resolution clock starts."""
    return _transition(request, id, "reopen", reason=payload.reason)


@router.post("/items/{id}/notes", response={200: StaffItemOut, **ERRORS}, summary="Add an internal note")
def item_note(request: HttpRequest, id: int, payload: MessageIn):
    """Add an internal note, never shown to the citizen."""
    case_add_message(case=_load(request, id, "note"), actor=request.auth, body=payload.body, kind=Message.Kind.NOTE)
    return _view(request, id)


@router.post("/items/{id}/messages", response={200: StaffItemOut, **ERRORS}, summary="Send a message to the citizen")
def item_message(request: HttpRequest, id: int, payload: MessageIn):
    """Write to the citizen; they are e-mailed a notice and read it with their receipt."""
    case_add_message(case=_load(request, id, "message"), actor=request.auth, body=payload.body,
                     kind=Message.Kind.TO_CITIZEN)
    return _view(request, id)


@router.post("/items/{id}/letters", response={201: LetterOut, **ERRORS}, summary="Generate a statutory letter")
def item_letter(request: HttpRequest, id: int, payload: LetterIn):
    """Render the letter of `kind` (F1 format) and keep it with the item; returns its id and download URL."""
    letter = letter_generate(case=_load(request, id, "letter"), actor=request.auth, kind=payload.kind)
    return Status(201, _letter_out(letter))


# --- supervision ---------------------------------------------------------------------------------


@router.post("/sweep", response={200: SweepOut, 403: ErrorOut, **READ_ERRORS}, summary="Run the deadline sweep now")
def sweep(request: HttpRequest):
    """Notify about due-soon and overdue clocks (idempotent); leaders of the province root only."""
    is_root_leader = Membership.objects.filter(user=request.auth, role=Role.LEADER, unit__parent__isnull=True).exists()
    if not is_root_leader:
        raise PermissionDenied(_("Only the leaders of the provincial People's Committee may run the sweep."))
    return deadlines_sweep().as_dict()
