"""Back-office pages for items: inbox, item page and its actions, staff intake, notifications."""
from __future__ import annotations

import datetime as dt
import functools
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minhbach.cases import policies, receipts, selectors
from minhbach.cases.forms import ACTION_FORMS, IntakeForm, action_form
from minhbach.cases.models import (
    Attachment, Case, Channel, ItemType, Letter, LetterClass, LetterKind, Message, Status,
)
from minhbach.cases.services import (
    SubmissionInput, SubmissionInvalid, SubmitterInput, case_accept, case_add_message, case_assign, case_classify,
    case_extend, case_forward, case_merge, case_split, case_submit, case_transition, letter_generate,
)
from minhbach.cases.services.workflow import TRANSITIONS, case_get_for_action
from minhbach.core import clock
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.core.models import OutboxMessage
from minhbach.orgs.models import OrgUnit
from minhbach.orgs.selectors import user_grants
from minhbach.rules import selectors as rule_selectors
from minhbach.rules.models import Rule
from minhbach.vault import policies as vault_policies
from minhbach.vault import selectors as vault_selectors

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INTAKE_TOKENS = "cases_intake_tokens"

INBOX_FILTER_LABELS = [
    ("open", gettext_lazy("Open")),
    ("due_soon", gettext_lazy("Due soon")),
    ("overdue", gettext_lazy("Overdue")),
    ("mine", gettext_lazy("Assigned to me")),
    ("unassigned", gettext_lazy("Unassigned")),
    ("awaiting_signoff", gettext_lazy("Awaiting sign-off")),
    ("closed", gettext_lazy("Closed")),
    ("all", gettext_lazy("All")),
]

# Every action of the item page, in the order shown, with its label and success message.
ACTIONS: list[tuple[str, str, str]] = [
    ("classify", gettext_lazy("Classify"), gettext_lazy("The classification was saved.")),
    ("accept", gettext_lazy("Accept for resolution"), gettext_lazy("The item was accepted; the resolution clock is running.")),
    ("refuse", gettext_lazy("Refuse (do not accept)"), gettext_lazy("The item was refused.")),
    ("guide", gettext_lazy("Guide to the competent body"), gettext_lazy("The sender was guided to the competent body.")),
    ("forward", gettext_lazy("Forward to the competent unit"), gettext_lazy("The item was forwarded.")),
    ("split", gettext_lazy("Split into several items"), gettext_lazy("The item was split.")),
    ("merge", gettext_lazy("Merge into another item"), gettext_lazy("The item was merged.")),
    ("archive", gettext_lazy("Archive without handling"), gettext_lazy("The item was archived.")),
    ("assign", gettext_lazy("Assign a handler"), gettext_lazy("The handler was assigned.")),
    ("request_supplement", gettext_lazy("Ask the sender to supplement"), gettext_lazy("The sender was asked to supplement; the clock is paused.")),
    ("resume", gettext_lazy("Resume handling"), gettext_lazy("Handling resumed.")),
    ("extend", gettext_lazy("Extend the deadline"), gettext_lazy("The deadline was extended.")),
    ("record_result", gettext_lazy("Record the result"), gettext_lazy("The result was recorded and waits for sign-off.")),
    ("sign_off", gettext_lazy("Sign off the result"), gettext_lazy("The result was signed off and sent to the sender.")),
    ("send_back", gettext_lazy("Send the result back"), gettext_lazy("The result was sent back to the handler.")),
    ("close", gettext_lazy("Close the item"), gettext_lazy("The item was closed.")),
    ("reopen", gettext_lazy("Reopen the item"), gettext_lazy("The item was reopened.")),
    ("note", gettext_lazy("Add an internal note"), gettext_lazy("The note was added.")),
    ("message", gettext_lazy("Write to the sender"), gettext_lazy("The message was sent.")),
    ("letter", gettext_lazy("Generate a letter"), gettext_lazy("The letter was generated.")),
]
ACTION_LABELS = {key: label for key, label, _msg in ACTIONS}
ACTION_SUCCESS = {key: msg for key, _label, msg in ACTIONS}
DANGER_ACTIONS = {"refuse", "archive"}
# States in which actions that are not plain transitions make sense (mirrors the services' checks).
EXTRA_STATES = {
    "classify": (Status.RECEIVED, Status.ACCEPTED),
    "assign": (Status.RECEIVED, Status.ACCEPTED, Status.AWAITING_CITIZEN),
    "extend": (Status.ACCEPTED, Status.RESULT_RECORDED),
}


# --- helpers -------------------------------------------------------------------------------------


def _forbidden(request, message):
    return render(request, "cases/forbidden.html", {"message": message}, status=403)


def staff_required(view):
    """Login required, and a role in some unit; anyone else gets a 403 page saying they have no role."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policies.is_staff_member(request.user):
            return _forbidden(request, _("Your account has no role in any unit, so you cannot use the back office. "
                                         "Ask an administrator to give you a role."))
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _nav(request) -> dict:
    """Context for the staff navigation: unread notices and whether the user may key in items."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "unread_count": OutboxMessage.objects.filter(recipient_user=user, read_at__isnull=True).count(),
        "can_intake": any("intake" in policies.ROLE_ACTIONS.get(g.role, ()) for g in user_grants(user)),
        "can_retention": policies.can_view_retention(user),
    }


def _get_case(user, case_id: int, action: str = "view") -> Case:
    """The item if the user may see it (404 otherwise, alike for missing); PermissionDenied if not this action."""
    try:
        return case_get_for_action(user=user, case_id=case_id, action=action)
    except NotFound:
        raise Http404(_("Item not found.")) from None


def _protected(case: Case) -> bool:
    """A denunciation, or a sender who asked for confidentiality: the identity is never shown (D4)."""
    return case.type == ItemType.TO_CAO or case.type_claimed == ItemType.TO_CAO or case.confidential


def _state_allows(action: str, case: Case) -> bool:
    if action in TRANSITIONS:
        return case.status in TRANSITIONS[action][0]
    if action in EXTRA_STATES:
        return case.status in EXTRA_STATES[action]
    return True  # notes, messages and letters at any time


def _fmt_iso_date(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")


def _event_text(event) -> str:
    """What happened, in the staff's words, from an audit event."""
    d = event.data or {}
    v = event.verb
    if v == "received":
        if d.get("channel") == "forwarded":
            return _("Received, forwarded by %(unit)s from item %(code)s") % {"unit": d.get("from_unit", ""), "code": d.get("from", "")}
        if d.get("channel") == "split":
            return _("Created by splitting item %(code)s") % {"code": d.get("from", "")}
        channel = dict(Channel.choices).get(d.get("channel"), d.get("channel", ""))
        return _("Received by %(unit)s through: %(channel)s") % {"unit": d.get("unit", ""), "channel": channel}
    if v == "classify":
        text = _("Classified as %(type)s (%(class)s)") % {
            "type": dict(ItemType.choices).get(d.get("type"), d.get("type", "")),
            "class": dict(LetterClass.choices).get(d.get("letter_class"), d.get("letter_class", "")),
        }
        if d.get("category"):
            text += " — " + d["category"]
        return text
    simple = {
        "accept": _("Accepted for resolution"),
        "refuse": _("Refused"),
        "archive": _("Archived without handling"),
        "request_supplement": _("The sender was asked to supplement the file"),
        "resume": _("Handling resumed"),
        "record_result": _("Result recorded"),
        "sign_off": _("Result signed off; the sender was answered"),
        "send_back": _("Result sent back to the handler"),
        "close": _("Closed"),
        "reopen": _("Reopened"),
        "note": _("Internal note added"),
        "message": _("Message sent to the sender"),
        "citizen_message": _("The sender wrote a message"),
        "urge": _("Urged"),
        "register_review": _("Public summary reviewed for the monthly register"),
        "vault.masked": _("Part of the text was masked before sharing"),
        "vault.redacted": _("Part of the text was permanently redacted"),
        "vault.unmasked": _("A masked part of the text was restored"),
        "vault.denounced_recorded": _("The denounced unit or official was recorded"),
        "retention.archive": _("Moved to the archive: kept one year after the decision (R4)"),
    }
    if v in simple:
        return simple[v]
    if v == "guide":
        return _("Guided to the competent body: %(body)s") % {"body": d.get("guided_to", "")}
    if v == "forward":
        return _("Forwarded to %(unit)s") % {"unit": d.get("to_unit", "")}
    if v == "split":
        return _("Split into %(n)s items") % {"n": d.get("parts", "")}
    if v == "merge":
        return _("Merged into item %(code)s") % {"code": d.get("into", "")}
    if v == "merged_in":
        return _("Item %(code)s was merged into this one") % {"code": d.get("from", "")}
    if v == "extend":
        return _("Deadline %(rule)s extended to %(due)s (%(basis)s)") % {
            "rule": d.get("rule", ""), "due": _fmt_iso_date(d.get("due_date")), "basis": d.get("legal_basis", "")}
    if v == "assign":
        return _("Assigned to %(name)s") % {"name": d.get("assignee", "")}
    if v == "letter":
        return _("Letter generated: %(kind)s no. %(number)s") % {
            "kind": dict(LetterKind.choices).get(d.get("kind"), d.get("kind", "")), "number": d.get("number", "")}
    return v


def _actor_name(event) -> str:
    if event.actor_id:
        return event.actor.display_name
    return {"citizen": _("The sender"), "system": _("System"), "api": _("API")}.get(event.actor_label, event.actor_label)


def _extension_info(deadlines) -> dict | None:
    """The running resolution clock with its legal basis and how many extensions its rule allows."""
    d = next((x for x in reversed(deadlines) if x.stage == "resolve" and x.state == "open"), None)
    if d is None:
        return None
    try:
        rule = rule_selectors.rule_get_in_force(code=d.rule_code, on=d.start_date)
        allowed = rule_selectors.rule_spec(rule).period(d.variant).max_extensions
    except Rule.DoesNotExist:
        allowed = None
    return {"deadline": d, "allowed": allowed}


def _related(user, case: Case) -> list[dict]:
    """Items linked to this one (first complaint, split, merge, forward), each with whether the user may open it."""
    fks = {"previous": case.previous_case_id, "split_from": case.split_from_id,
           "merged_into": case.merged_into_id, "forwarded_from": case.forwarded_from_id}
    ids = [i for i in fks.values() if i]
    cond = Q(split_from=case) | Q(merged_into=case) | Q(forwarded_from=case)
    if ids:
        cond |= Q(pk__in=ids)
    labels = {
        "previous": gettext_lazy("First complaint"), "split_from": gettext_lazy("Split from"), "merged_into": gettext_lazy("Merged into"),
        "forwarded_from": gettext_lazy("Forwarded from"), "split_item": gettext_lazy("Split into"), "merged_item": gettext_lazy("Merged here"),
        "forward": gettext_lazy("Forwarded as"),
    }
    out = []
    for other in Case.objects.filter(cond).exclude(pk=case.pk).select_related("unit").order_by("id"):
        for key, fk in fks.items():
            if fk == other.pk:
                out.append({"label": labels[key], "case": other})
        for key, attr in (("split_item", "split_from_id"), ("merged_item", "merged_into_id"), ("forward", "forwarded_from_id")):
            if getattr(other, attr) == case.pk:
                out.append({"label": labels[key], "case": other})
    for item in out:
        item["viewable"] = policies.can(user, "view", item["case"])
    return out


def _item_context(request, case: Case, bound=None) -> dict:
    user = request.user
    protected = _protected(case)
    allowed = policies.allowed_actions(user, case)
    actions = []
    for key, label, _msg in ACTIONS:
        is_bound = bound is not None and bound.action == key
        if not is_bound and not (key in allowed and _state_allows(key, case)):
            continue
        form = bound if is_bound else action_form(key, case=case, user=user)
        actions.append({"key": key, "label": label, "form": form, "open": is_bound,
                        "danger": key in DANGER_ACTIONS, "multipart": key == "message"})
    deadlines = selectors.case_deadlines(case=case)
    attachments = [a for a in case.attachments.order_by("uploaded_at", "id") if not (protected and a.identifying)]
    msgs = selectors.case_messages(case=case, include_notes=True)
    for m in msgs:
        m.shown_attachments = [a for a in m.attachments.all() if not (protected and a.identifying)]
    timeline = [
        {"at": e.at, "actor": _actor_name(e), "text": _event_text(e), "reason": e.reason,
         "public": bool((e.data or {}).get("public"))}
        for e in selectors.case_timeline(case=case, public_only=False)
    ]
    sender = vault_selectors.sender_for_viewer(case=case, user=user)
    return {
        "case": case,
        "protected": protected,
        "submitter": sender.identity,  # read through the vault: None for a protected sender
        "sender": sender,
        "vault_links": {"redact": vault_policies.can_mask(user, case),
                        "denounced": vault_policies.can_record_denounced(user, case)},
        "received_by": case.received_by if case.received_by_id else None,
        "related": _related(user, case),
        "deadlines": deadlines,
        "extension": _extension_info(deadlines) if any(a["key"] == "extend" for a in actions) else None,
        "attachments": attachments,
        "messages_list": msgs,
        "timeline": timeline,
        "letters": list(case.letters.defer("content").select_related("created_by").order_by("created_at", "id")),
        "actions": actions,
        "failed": bound,
        "failed_label": ACTION_LABELS.get(bound.action, "") if bound is not None else "",
        **_nav(request),
    }


def _render_item(request, case: Case, *, bound=None, status: int = 200):
    return render(request, "cases/item.html", _item_context(request, case, bound), status=status)


# --- pages ---------------------------------------------------------------------------------------


@staff_required
@require_GET
def inbox(request):
    """The items in the user's units, filtered and searched, oldest deadline first, 50 a page."""
    flt = request.GET.get("filter", "open")
    if flt not in selectors.INBOX_FILTERS:
        flt = "open"
    type_ = request.GET.get("type", "")
    if type_ not in ItemType.values:
        type_ = ""
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.case_list(user=request.user, filter=flt, q=q, type=type_)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/inbox.html", {
        "page": page, "filter": flt, "filters": INBOX_FILTER_LABELS, "type": type_, "types": ItemType.choices,
        "q": q, "nav_current": "inbox", **_nav(request),
    })


@staff_required
@require_GET
def item(request, case_id: int):
    """One item with everything staff need, and the forms of the actions the user may take now."""
    case = _get_case(request.user, case_id)
    return _render_item(request, case)


def _perform(action: str, case: Case, user, data: dict):
    """Call the service of `action`; return a response to send instead of the usual redirect, if any."""
    reason = (data.get("reason") or "").strip()
    if action == "classify":
        case_classify(case=case, actor=user, type=data["type"], letter_class=data["letter_class"],
                      category=data["category"], complex=data["complex"],
                      verifiable_evidence=data["verifiable_evidence"], reason=reason)
    elif action == "accept":
        case_accept(case=case, actor=user)
    elif action == "guide":
        case_transition(case=case, action="guide", actor=user, reason=reason,
                        data={"guided_to": data["guided_to"].strip()})
    elif action == "forward":
        case_forward(case=case, actor=user, to_unit=data["to_unit"], reason=reason)
    elif action == "split":
        case_split(case=case, actor=user, parts=data["parts"], reason=reason)
    elif action == "merge":
        code = receipts.normalise_code(data["into"])
        into = (policies.scope_cases(user, Case.objects.select_related("unit"), "merge")
                .filter(tracking_code=code).first())
        if into is None:
            raise DomainError(_("No item with this tracking code in your units."), field="into")
        case_merge(case=case, actor=user, into=into, reason=reason)
    elif action == "assign":
        case_assign(case=case, actor=user, assignee=data["assignee"])
    elif action == "extend":
        case_extend(case=case, actor=user, reason=reason)
    elif action == "record_result":
        case_transition(case=case, action="record_result", actor=user, data={"result": data["result"]})
    elif action == "note":
        case_add_message(case=case, actor=user, body=data["body"], kind=Message.Kind.NOTE)
    elif action == "message":
        case_add_message(case=case, actor=user, body=data["body"], kind=Message.Kind.TO_CITIZEN,
                         files=data["attachments"])
    elif action == "letter":
        letter = letter_generate(case=case, actor=user, kind=data["kind"])
        return redirect("cases:letter", case_id=case.pk, letter_id=letter.pk)
    else:
        case_transition(case=case, action=action, actor=user, reason=reason)
    return None


@staff_required
@require_POST
def act(request, case_id: int, action: str):
    """Run one action on an item and redirect (PRG); a refused action re-renders the page with the message (400)."""
    if action not in ACTION_FORMS:
        raise Http404(_("Unknown action."))
    try:
        case = _get_case(request.user, case_id, action)
    except PermissionDenied as exc:
        return _forbidden(request, exc.message)
    form = action_form(action, request.POST, request.FILES, case=case, user=request.user)
    if form.is_valid():
        try:
            response = _perform(action, case, request.user, form.cleaned_data)
        except PermissionDenied as exc:
            return _forbidden(request, exc.message)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            if response is not None:
                return response
            messages.success(request, ACTION_SUCCESS[action])
            return redirect("cases:item", case_id=case.pk)
    return _render_item(request, case, bound=form, status=400)


@staff_required
@require_GET
def attachment_download(request, case_id: int, attachment_id: int):
    """Serve an item's document to someone who may see the item, always as a download."""
    case = _get_case(request.user, case_id)
    att = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if att is None or (_protected(case) and att.identifying):
        raise Http404(_("Document not found."))
    if att.identifying:  # sealed by the vault: decrypted for someone who may see the sender's identity
        from minhbach.vault.services import attachment_read

        try:
            name, content = attachment_read(attachment=att, actor=request.user)
        except (PermissionDenied, DomainError, FileNotFoundError, OSError):
            raise Http404(_("Document not found.")) from None
        response = HttpResponse(content, content_type=att.content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        fh = att.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Document not found.")) from None
    response = FileResponse(fh, as_attachment=True, filename=att.name, content_type=att.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def letter_download(request, case_id: int, letter_id: int):
    """Serve a generated letter (.docx) of an item the user may see."""
    case = _get_case(request.user, case_id)
    letter = Letter.objects.filter(case=case, pk=letter_id).first()
    if letter is None:
        raise Http404(_("Letter not found."))
    number = "".join(ch if ch.isalnum() else "-" for ch in letter.number) or str(letter.pk)
    response = HttpResponse(bytes(letter.content), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{case.tracking_code}-{letter.kind}-{number}.docx")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _intake_units(user) -> list[OrgUnit]:
    """Active units (not Front bodies) where the user may key in items."""
    grants = user_grants(user)
    if not grants:
        return []
    cond = Q()
    for g in grants:
        cond |= Q(path__startswith=g.path)
    qs = OrgUnit.objects.filter(cond, active_to__isnull=True).exclude(kind="front").order_by("path")
    return [u for u in qs if policies.can_in_unit(user, "intake", u)]


def _track_url(request) -> str:
    try:
        return request.build_absolute_uri(reverse("portal:track"))
    except NoReverseMatch:
        return request.build_absolute_uri("/")


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def intake(request):
    """Key in an item received on paper, in a box, at a reception, by e-mail, phone or from the Front; print its receipt."""
    units = _intake_units(request.user)
    if not units:
        return _forbidden(request, _("You may not record items in any unit."))
    done: dict = request.session.get(INTAKE_TOKENS, {})
    if request.method == "POST":
        token = request.POST.get("form_token", "")
        if token and token in done:
            code, case_id = done[token]
            messages.info(request, _("This form was already recorded as item %(code)s. The access secret was shown "
                                     "only once.") % {"code": code})
            return redirect("cases:item", case_id=case_id)
        form = IntakeForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            d = form.cleaned_data
            data = SubmissionInput(
                type=d["type"], title=d["title"], content=d["content"],
                category=d["category"].code if d["category"] else "", unit=d["unit"].code, place=d["place"],
                submitter=SubmitterInput(
                    name=d["submitter_name"], address=d["submitter_address"], phone=d["submitter_phone"],
                    email=d["submitter_email"], id_number=d["submitter_id_number"], organisation=d["organisation"],
                    people_count=d["people_count"],
                ),
                confidential=d["confidential"], verifiable_evidence=d["verifiable_evidence"],
                previous_tracking_code=d["previous_tracking_code"], language=request.LANGUAGE_CODE,
            )
            try:
                receipt = case_submit(data=data, channel=d["channel"], actor=request.user, files=d["attachments"],
                                      require_identity=False, track_url=_track_url(request))
            except SubmissionInvalid as exc:
                for key, msg in exc.errors.items():
                    name = key.replace(".", "_")
                    form.add_error(name if name in form.fields else None, msg)
            else:
                if token:
                    done[token] = [receipt.tracking_code, receipt.case.pk]
                    request.session[INTAKE_TOKENS] = dict(list(done.items())[-20:])
                return render(request, "cases/intake_receipt.html", {
                    "receipt": receipt, "case": receipt.case, "track_url": _track_url(request), **_nav(request),
                })
        return render(request, "cases/intake.html", {
            "form": form, "files_dropped": bool(request.FILES.getlist("attachments")), "nav_current": "intake",
            **_nav(request),
        }, status=400)
    form = IntakeForm(units=units, initial={"form_token": secrets.token_urlsafe(16)})
    return render(request, "cases/intake.html", {"form": form, "nav_current": "intake", **_nav(request)})


@staff_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's notices, newest first; POST marks them all read."""
    mine = OutboxMessage.objects.filter(recipient_user=request.user)
    if request.method == "POST":
        # Marking one's own notices read is a per-user display flag, not a domain change: no audit entry.
        n = mine.filter(read_at__isnull=True).update(read_at=clock.now())
        if n:
            messages.success(request, ngettext("%(n)d notice marked as read.", "%(n)d notices marked as read.", n) % {"n": n})
        else:
            messages.info(request, _("There was nothing unread."))
        return redirect("cases:notifications")
    page = Paginator(mine.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/notifications.html", {"page": page, "nav_current": "notifications", **_nav(request)})


# --- R4 retention reports ------------------------------------------------------------------------------------------


def retention_reader_required(view):
    """Staff with a provincial office, inspector or administrator role; anyone else gets the 403 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policies.can_view_retention(request.user):
            return _forbidden(request, _("Only the provincial office, inspectors and administrators read the retention "
                                         "reports."))
        return view(request, *args, **kwargs)

    return staff_required(wrapped)


def _retention_run_or_404(run_id: int):
    from minhbach.cases.models import RetentionRun

    run = RetentionRun.objects.filter(pk=run_id).first()
    if run is None:
        raise Http404(_("Retention run not found."))
    return run


@retention_reader_required
@require_GET
def retention_runs(request):
    """The runs of the R4 retention job, newest first, with how many items of the reader's province each moved."""
    from minhbach.cases.services.retention import retention_runs_for

    page = Paginator(retention_runs_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/retention_runs.html", {"page": page, "nav_current": "retention", **_nav(request)})


@retention_reader_required
@require_GET
def retention_run(request, run_id: int):
    """One run's report within the reader's province: counts per unit, reason and type, then the items, 100 a page."""
    from minhbach.cases.services.retention import retention_counts_for, retention_records_for

    run = _retention_run_or_404(run_id)
    page = Paginator(retention_records_for(user=request.user, run=run), 100).get_page(request.GET.get("page"))
    ids = [r.case_id for r in page.object_list]
    viewable = set(policies.scope_cases(request.user, Case.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return render(request, "cases/retention_run.html", {
        "run": run, "counts": retention_counts_for(user=request.user, run=run), "page": page, "viewable": viewable,
        "nav_current": "retention", **_nav(request),
    })


RETENTION_CSV_FIELDS = ["tracking_code", "type", "type_label", "unit_code", "unit", "decision", "decision_label",
                        "decided_on", "reason", "reason_label", "run", "run_day"]


@retention_reader_required
@require_GET
def retention_run_csv(request, run_id: int):
    """One run's report within the reader's province as CSV (UTF-8 with BOM): codes, units, dates, reasons — no identity."""
    import csv

    from django.http import StreamingHttpResponse

    from minhbach.cases.models import RetentionReason
    from minhbach.cases.services.retention import retention_records_for

    run = _retention_run_or_404(run_id)
    types, statuses, reasons = dict(ItemType.choices), dict(Status.choices), dict(RetentionReason.choices)

    class _Echo:
        def write(self, value):
            return value

    def _cell(value) -> str:
        text = str(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas in spreadsheets

    def rows():
        writer = csv.writer(_Echo(), lineterminator="\r\n")
        yield "\ufeff" + writer.writerow(RETENTION_CSV_FIELDS)
        for r in retention_records_for(user=request.user, run=run).iterator(chunk_size=2000):
            yield writer.writerow([_cell(v) for v in (
                r.tracking_code, r.type, types.get(r.type, r.type), r.unit.code, r.unit.name, r.decision,
                statuses.get(r.decision, r.decision), r.decided_on.isoformat(), r.reason, reasons.get(r.reason, r.reason),
                run.pk, run.as_of.isoformat())])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"luu-tru-R4-{run.as_of:%Y-%m-%d}-{run.pk}.csv")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
