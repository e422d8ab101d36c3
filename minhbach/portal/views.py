"""Public pages: what Minh Bạch is, submit an item, follow it with the receipt, error pages.

The access secret never goes into a URL, a log or a stored page: it travels through the session
once, for the receipt, and a successful lookup keeps only the item's id in `session["tracked"]`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from minhbach.cases.models import Case, Deadline, Intake, ItemType
from minhbach.cases.presenters import pending_item, public_item
from minhbach.cases.selectors import case_find_by_receipt
from minhbach.cases.services import SubmissionInvalid, case_citizen_message, case_submit, submission_accept
from minhbach.cases.services.intake import intake_payload, validate_submission
from minhbach.core import clock, pow, ratelimit
from minhbach.core.errors import DomainError
from minhbach.orgs.selectors import units_for_select
from minhbach.portal.forms import (
    ACCEPT_ATTR, TYPE_HELP, ReplyForm, SubmitForm, TrackForm, attachment_rows, marked_files, read_marked_uploads,
    read_uploads,
)

TRACKED = "tracked"            # ids of the items this browser may open
CURRENT = "tracked_current"    # the item shown on the tracked-item page
RECEIPT = "receipt"            # {"case": id, "secret": "..."}: the secret is removed once shown
TRACKED_PENDING = "tracked_pending"  # tracking codes of submissions accepted but not yet registered as items
MAX_TRACKED = 20
THROTTLE_LIMIT = 10
THROTTLE_SECONDS = 15 * 60

# What happens after submission, by kind of item.
NEXT_STEPS = {
    ItemType.GOP_Y: [
        gettext_lazy("The unit reads your item and decides how to handle it within the processing time shown above."),
        gettext_lazy("It may forward it to the competent unit; you will see that here."),
        gettext_lazy("When the unit has considered your item, its reply appears on the tracking page."),
    ],
    ItemType.KHIEU_NAI: [
        gettext_lazy("The unit decides whether to accept your complaint for resolution or refuses it in writing, giving the reasons."),
        gettext_lazy("Once it is accepted, the resolution clock starts; you are told, and the new due date appears here."),
        gettext_lazy("The complaint decision is sent to you and shown on the tracking page."),
    ],
    ItemType.TO_CAO: [
        gettext_lazy("The unit records and checks your denunciation and decides whether to accept it."),
        gettext_lazy("Once it is accepted, you are notified and the resolution clock starts."),
        gettext_lazy("Your identity stays confidential throughout; the conclusion is shown on the tracking page."),
    ],
    ItemType.GIAI_TRINH: [
        gettext_lazy("The unit accepts your request or refuses it in writing, giving the reasons."),
        gettext_lazy("Once it is accepted, it must give its explanation within the time shown here."),
        gettext_lazy("The explanation is sent to you and shown on the tracking page."),
    ],
}
NEXT_STEPS[ItemType.PHAN_ANH] = NEXT_STEPS[ItemType.KIEN_NGHI] = NEXT_STEPS[ItemType.GOP_Y]

DUE_STATE_TEXT = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due soon"),
    "on_time": gettext_lazy("On time"),
}


# --- session helpers ------------------------------------------------------------------------


def _tracked_ids(request) -> list[int]:
    """The items this browser follows; a receipt whose item the worker has registered since joins them here."""
    pending = request.session.get(TRACKED_PENDING) or []
    if pending:
        found = dict(Case.objects.filter(tracking_code__in=pending).values_list("tracking_code", "pk"))
        if found:
            ids = [int(i) for i in request.session.get(TRACKED, []) if str(i).isdigit()]
            ids = [i for i in ids if i not in found.values()] + [found[c] for c in pending if c in found]
            request.session[TRACKED] = ids[-MAX_TRACKED:]
            request.session[TRACKED_PENDING] = [c for c in pending if c not in found]
            if request.session.get(CURRENT) in pending:
                request.session[CURRENT] = found.get(request.session[CURRENT])
    return [int(i) for i in request.session.get(TRACKED, []) if str(i).isdigit()]


def _track(request, case: Case) -> None:
    ids = [i for i in _tracked_ids(request) if i != case.pk] + [case.pk]
    request.session[TRACKED] = ids[-MAX_TRACKED:]
    request.session[CURRENT] = case.pk


def _tracked_cases(request) -> list[Case]:
    ids = _tracked_ids(request)
    found = {c.pk: c for c in Case.objects.select_related("unit").filter(pk__in=ids)}
    return [found[i] for i in reversed(ids) if i in found]


def _client_key(request) -> str:
    """A keyed hash of the client's address: the cache never holds the address itself."""
    ip = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:32]
    return f"portal:track-fail:{digest}"


def _deadline_rows(item: dict) -> list[dict]:
    states = dict(Deadline.State.choices)
    return [{**d, "state_label": states.get(d["state"], d["state"])} for d in item["deadlines"]]


# --- pages ----------------------------------------------------------------------------------


def home(request):
    """What Minh Bạch does for a citizen, the six kinds of item, and the units with this year's count."""
    year = clock.today().year
    since = dt.datetime(year, 1, 1, tzinfo=clock.LOCAL_TZ)
    units = units_for_select().annotate(received=Count("cases", filter=Q(cases__received_at__gte=since))) \
        .only("name", "depth", "kind")
    kinds = [{"value": v, "label": label, "help": TYPE_HELP[v]} for v, label in ItemType.choices]
    return render(request, "portal/home.html", {"kinds": kinds, "units": units, "year": year})


@never_cache
def submit(request):
    """The submission form: no account; on success, redirect to the one-time receipt."""
    if request.method != "POST":
        initial = {"type": request.GET.get("loai")} if request.GET.get("loai") in ItemType.values else {}
        form = SubmitForm(initial=initial)
        form.wire_aria()
        return render(request, "portal/submit.html", _submit_context(form))

    form = SubmitForm(request.POST)
    form.is_valid()  # every field is optional here: the intake service applies the law's checks
    sent_files = marked_files(request)
    # Under a flood, the proof of work first (a request that did not pay does not use up the shared budget), then
    # the limits: both before anything is stored.
    try:
        pow.check(_proof(request), required=pow.required_bits())
    except pow.ProofRefused:
        form.add_error(None, _("Many items are being sent right now, so this page must do a short check in your "
                               "browser before sending; it was missing or is no longer valid, so your item was not "
                               "recorded. What you typed is kept below: send it again (JavaScript must be on)."))
        form.wire_aria()
        return render(request, "portal/submit.html", _submit_context(form, files_dropped=bool(sent_files)), status=428)
    if not ratelimit.submission_allowed(request):
        # Nothing is stored; what was typed stays in the form so it can be sent again a little later.
        form.add_error(None, _("Too many items have been sent from here in the last few minutes, so this one was not "
                               "recorded. What you typed is kept below: wait a few minutes, then send it again."))
        form.wire_aria()
        return render(request, "portal/submit.html", _submit_context(form, files_dropped=bool(sent_files)), status=429)
    uploads, file_problems = read_marked_uploads(sent_files)
    data = form.to_input()
    receipt = None
    if form.errors or file_problems:
        # Show every problem at once: the law's checks too, not only the form's or the files'.
        errors, _category, _unit = validate_submission(data)
        form.add_service_errors(errors)
    else:
        track_url = request.build_absolute_uri(reverse("portal:track"))
        try:
            if uploads:  # files are stored with the item at once
                receipt = case_submit(data=data, channel="web", files=uploads, track_url=track_url)
            else:  # one INSERT; the worker registers the item within moments
                receipt = submission_accept(data=data, channel="web", track_url=track_url)
        except SubmissionInvalid as e:
            form.add_service_errors(e.errors)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
    if receipt is not None:
        request.session[RECEIPT] = {"case": receipt.case.pk if receipt.case else None, "code": receipt.tracking_code,
                                    "secret": receipt.access_secret}
        if receipt.case:
            _track(request, receipt.case)
        else:
            pending = [c for c in request.session.get(TRACKED_PENDING, []) if c != receipt.tracking_code]
            request.session[TRACKED_PENDING] = (pending + [receipt.tracking_code])[-MAX_TRACKED:]
            request.session[CURRENT] = receipt.tracking_code
        return redirect("portal:receipt")
    form.wire_aria()
    ctx = _submit_context(form, file_problems=file_problems, files_dropped=bool(sent_files))
    return render(request, "portal/submit.html", ctx, status=400)


def _error_summary(form, *, file_problems=(), anchors: dict[str, str] | None = None) -> list[dict]:
    """Every message of the form, each linking to its field, for the box at the top of the page."""
    summary = []
    for name in ["__all__", *form.fields]:  # in the order the fields appear on the page
        anchor = "" if name == "__all__" else (anchors or {}).get(name, f"id_{name}")
        summary += [{"anchor": anchor, "message": m} for m in form.errors.get(name, [])]
    summary += [{"anchor": (anchors or {}).get("attachments", "id_attachments"), "message": m} for m in file_problems]
    return summary


def _proof(request) -> str:
    """The proof of work the page's script added to the form ("<challenge>:<nonce>"), or "" without one."""
    challenge = request.POST.get("pow_challenge", "")
    return f"{challenge}:{request.POST.get('pow_nonce', '')}" if challenge else ""


def _submit_context(form: SubmitForm, *, file_problems=(), files_dropped: bool = False) -> dict:
    summary = _error_summary(form, file_problems=file_problems,
                             anchors={"type": f"id_type_{ItemType.values[0]}", "attachments": "id_attachment_1"})
    # A fresh challenge on every rendering while a proof is required; none (and no work for the browser) otherwise.
    bits = pow.required_bits()
    return {"form": form, "type_options": form.type_options(), "summary": summary, "file_problems": file_problems,
            "files_dropped": files_dropped and bool(summary), "max_files": settings.UPLOAD_MAX_FILES,
            "max_mb": settings.UPLOAD_MAX_BYTES // 2**20, "accept": ACCEPT_ATTR,
            "attachment_rows": attachment_rows(form), "pow_challenge": pow.issue(bits) if bits else ""}


@never_cache
def receipt(request):
    """The receipt: tracking code, the access secret (shown once only), the clocks now running and what comes next."""
    stored = request.session.get(RECEIPT) or {}
    tracked = _tracked_ids(request)
    case_id = stored.get("case")
    if not case_id and stored.get("code"):  # accepted; registered by the worker since?
        case_id = Case.objects.filter(tracking_code=stored["code"]).values_list("pk", flat=True).first()
        if case_id is None:
            return _receipt_pending(request, stored)
        stored["case"] = case_id
    if not case_id or case_id not in tracked:
        return redirect("portal:submit")
    case = Case.objects.select_related("unit").filter(pk=case_id).first()
    if case is None:
        request.session.pop(RECEIPT, None)
        return redirect("portal:submit")
    secret = stored.pop("secret", None)
    request.session[RECEIPT] = stored  # the secret leaves the session the moment it is shown
    item = public_item(case)
    return render(request, "portal/receipt.html", {
        "case": case, "item": item, "secret": secret, "deadlines": _deadline_rows(item),
        "next_steps": NEXT_STEPS[case.type], "has_email": bool(case.submitter.email),
    })


def _receipt_pending(request, stored: dict):
    """The receipt of a submission accepted but not yet registered: code, secret, what was sent, what comes next."""
    intake = Intake.objects.select_related("unit").filter(tracking_code=stored["code"]).first()
    if intake is None or stored["code"] not in (request.session.get(TRACKED_PENDING) or []):
        request.session.pop(RECEIPT, None)
        return redirect("portal:submit")
    secret = stored.pop("secret", None)
    request.session[RECEIPT] = stored
    item = pending_item(intake)
    data = intake_payload(intake)
    return render(request, "portal/receipt.html", {
        "case": {"tracking_code": intake.tracking_code, "title": item["title"], "received_at": intake.received_at,
                 "confidential": intake.type == ItemType.TO_CAO or data.confidential, "pk": ""},
        "item": item, "secret": secret, "deadlines": [], "pending": True,
        "next_steps": NEXT_STEPS[intake.type], "has_email": bool(data.submitter.email),
    })


@never_cache
def track(request):
    """Look an item up with its tracking code and access secret (POST only; throttled per client)."""
    tracked = _tracked_cases(request)
    if request.method != "POST":
        form = TrackForm()
        form.wire_aria()
        return render(request, "portal/track.html", {"form": form, "tracked": tracked})
    key = _client_key(request)
    if (cache.get(key) or 0) >= THROTTLE_LIMIT:
        form = TrackForm()
        form.wire_aria()
        return render(request, "portal/track.html", {"form": form, "tracked": tracked, "throttled": True,
                                                     "minutes": THROTTLE_SECONDS // 60}, status=429)
    form = TrackForm(request.POST)
    if form.is_valid():
        case = case_find_by_receipt(tracking_code=form.cleaned_data["tracking_code"], secret=form.cleaned_data["secret"])
        if case is not None:
            _track(request, case)
            return redirect("portal:item")
        cache.add(key, 0, THROTTLE_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, THROTTLE_SECONDS)
        form.add_error(None, _("No item matches this tracking code and access secret. Check both against your receipt "
                               "and try again."))
    form.wire_aria()
    return render(request, "portal/track.html", {"form": form, "tracked": tracked, "summary": _error_summary(form)},
                  status=400)


@never_cache
def item(request):
    """The tracked item as the citizen sees it, with the reply form; a list when several are tracked."""
    tracked = _tracked_cases(request)
    if not tracked:
        messages.info(request, _("Enter your tracking code and access secret to follow an item."))
        return redirect("portal:track")
    by_id = {c.pk: c for c in tracked}
    wanted = request.POST.get("case") if request.method == "POST" else request.GET.get("item")
    if wanted is not None:
        case = by_id.get(int(wanted)) if str(wanted).isdigit() else None
        if case is None:
            # Not (or no longer) followed on this device: the same answer as for an unknown item.
            messages.info(request, _("This item is not followed on this device. Enter its receipt to open it."))
            return redirect("portal:track")
        request.session[CURRENT] = case.pk
    else:
        case = by_id.get(request.session.get(CURRENT)) or (tracked[0] if len(tracked) == 1 else None)
        if case is None:
            return render(request, "portal/item_list.html", {"tracked": tracked})

    form = ReplyForm(request.POST if request.method == "POST" else None)
    file_problems: list[str] = []
    status = 200
    if request.method == "POST":
        form.is_valid()
        sent_files = [f for f in request.FILES.getlist("attachments") if f.name]
        uploads, file_problems = read_uploads(sent_files)
        if not file_problems:
            try:
                case_citizen_message(case=case, body=form.cleaned_data.get("body", ""), files=uploads)
            except DomainError as e:
                form.add_error("body" if e.field == "body" else None, e.message)
            else:
                messages.success(request, _("Your message was sent to the handling unit."))
                return redirect("portal:item")
        status = 400
    form.wire_aria()
    data = public_item(case)
    supplement_reason = ""
    if data["awaiting_citizen"]:
        asks = [e["text"] for e in data["timeline"] if e["action"] == "request_supplement"]
        supplement_reason = asks[-1] if asks else ""
    return render(request, "portal/item.html", {
        "case": case, "item": data, "deadlines": _deadline_rows(data), "form": form, "file_problems": file_problems,
        "summary": _error_summary(form, file_problems=file_problems),
        "files_dropped": status == 400 and bool(request.FILES), "tracked": tracked,
        "due_state_text": DUE_STATE_TEXT.get(data["due_state"], ""),
        "supplement_reason": supplement_reason, "max_files": settings.UPLOAD_MAX_FILES,
        "max_mb": settings.UPLOAD_MAX_BYTES // 2**20, "accept": ACCEPT_ATTR,
        "live_items": data["live"] if data["related"] else [],
    }, status=status)


@require_POST
def forget(request):
    """Forget one item on this device: it can be opened again only with its receipt."""
    ids = _tracked_ids(request)
    wanted = request.POST.get("case", "")
    case_id = int(wanted) if wanted.isdigit() else None
    if case_id in ids:
        ids.remove(case_id)
        request.session[TRACKED] = ids
        if request.session.get(CURRENT) == case_id:
            request.session.pop(CURRENT, None)
        if (request.session.get(RECEIPT) or {}).get("case") == case_id:
            request.session.pop(RECEIPT, None)
    messages.success(request, _("The item was forgotten on this device. To open it again, enter its receipt."))
    return redirect("portal:track")


# --- error pages ----------------------------------------------------------------------------


def _error(request, status: int, template: str):
    return render(request, template, {"status": status}, status=status)


def error_400(request, exception=None):
    """Bad request: a friendly page without technical detail."""
    return _error(request, 400, "errors/400.html")


def error_403(request, exception=None):
    """Forbidden: a friendly page without technical detail."""
    return _error(request, 403, "errors/403.html")


def error_404(request, exception=None):
    """Not found: a friendly page with the ways back."""
    return _error(request, 404, "errors/404.html")


def error_500(request):
    """Server error: rendered without the request, so no context processor or database is touched."""
    try:
        body = loader.get_template("errors/500.html").render({})
    except Exception:  # the last line of defence must not fail in turn
        return HttpResponseServerError("<h1>500</h1>", content_type="text/html")
    return HttpResponse(body, status=500)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (e.g. an expired page): the friendly 403 page, no detail."""
    return _error(request, 403, "errors/403.html")
