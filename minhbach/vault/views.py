"""Vault pages: the handler's request, the custodian's queue and decision, the reveal page, masking, the denounced party."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minhbach.cases.models import Attachment, Case, Message
from minhbach.cases.services.workflow import case_get_for_action
from minhbach.cases.views import _forbidden, _nav, staff_required
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.vault import policies, selectors, services
from minhbach.vault.forms import DenouncedForm
from minhbach.vault.models import RevealRequest, TextMask



def _case(user, case_id: int) -> Case:
    try:
        return case_get_for_action(user=user, case_id=case_id)
    except NotFound:
        raise Http404(_("Item not found.")) from None


def _trail_label(verb: str) -> str:
    labels = {
        "vault.requested": _("Access requested"), "vault.approved": _("Approved"), "vault.denied": _("Denied"),
        "vault.viewed": _("Identity viewed"), "vault.document_viewed": _("Sealed document opened"),
    }
    return labels.get(verb, verb)


@staff_required
@require_POST
def request_access(request, case_id: int):
    """File a request to see a protected sender's identity, from the item page."""
    case = _case(request.user, case_id)
    try:
        services.reveal_request(case=case, actor=request.user, reason=request.POST.get("reason", ""))
    except PermissionDenied as exc:
        return _forbidden(request, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your request was sent to the identity custodian."))
    return redirect("cases:item", case_id=case.pk)


@staff_required
@require_GET
def queue(request):
    """The custodian's queue of identity requests in their province: waiting, or decided."""
    if not policies.custodian_roots(request.user):
        return _forbidden(request, _("Only an identity custodian sees this page."))
    state = "decided" if request.GET.get("state") == "decided" else "pending"
    page = Paginator(selectors.requests_for_custodian(user=request.user, state=state), 50).get_page(request.GET.get("page"))
    return render(request, "vault/queue.html", {"page": page, "state": state, **_nav(request)})


def _request_for(user, request_id: int) -> tuple[RevealRequest, bool]:
    req = RevealRequest.objects.select_related("case__unit", "requester", "decided_by").filter(pk=request_id).first()
    if req is None:
        raise Http404(_("Request not found."))
    is_custodian = policies.is_custodian_for(user, req.case)
    if not (is_custodian or req.requester_id == user.pk):
        raise Http404(_("Request not found."))
    return req, is_custodian


def _render_request(request, req: RevealRequest, is_custodian: bool, error: str = "", status: int = 200):
    trail = [{"at": e.at, "label": _trail_label(e.verb), "actor": e.actor.display_name if e.actor else e.actor_label,
              "reason": e.reason} for e in selectors.request_trail(request=req)] if is_custodian else []
    return render(request, "vault/request_detail.html", {
        "req": req, "is_custodian": is_custodian, "trail": trail, "error": error,
        "pseudonym": selectors.pseudonym_label(req.case),
        "can_decide": req.state == RevealRequest.State.PENDING and policies.can_decide(request.user, req),
        "default_hours": settings.VAULT_REVEAL_HOURS, **_nav(request),
    }, status=status)


@staff_required
@require_GET
def request_detail(request, request_id: int):
    """One request: for the custodian with its decision form and the audit trail of views; for the requester, its state."""
    req, is_custodian = _request_for(request.user, request_id)
    return _render_request(request, req, is_custodian)


@staff_required
@require_POST
def decide(request, request_id: int):
    """The custodian approves or denies a request, with a reason."""
    req, is_custodian = _request_for(request.user, request_id)
    decision = request.POST.get("decision")
    try:
        hours = int(request.POST.get("hours") or settings.VAULT_REVEAL_HOURS)
    except ValueError:
        hours = settings.VAULT_REVEAL_HOURS
    try:
        if decision not in ("approve", "deny"):
            raise DomainError(_("Approve or deny."))
        services.reveal_decide(request=req, actor=request.user, approve=decision == "approve",
                               reason=request.POST.get("reason", ""), hours=hours)
    except PermissionDenied as exc:
        return _forbidden(request, exc.message)
    except DomainError as exc:
        return _render_request(request, req, is_custodian, error=exc.message, status=400)
    messages.success(request, _("The decision was recorded."))
    return redirect("vault:queue")


@staff_required
@never_cache
@require_GET
def reveal(request, case_id: int):
    """The identity of a protected sender, for the approved requester during the window only (every view audited)."""
    case = _case(request.user, case_id)
    try:
        identity = services.identity_reveal(case=case, actor=request.user)
    except (PermissionDenied, DomainError) as exc:
        return _forbidden(request, exc.message)
    response = render(request, "vault/reveal.html", {
        "case": case, "identity": identity, "grant": policies.active_grant(request.user, case),
        "pseudonym": selectors.pseudonym_label(case),
        "documents": list(Attachment.objects.filter(case=case, identifying=True).order_by("id")), **_nav(request),
    })
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def document(request, case_id: int, attachment_id: int):
    """A sealed document, decrypted for someone allowed to see the sender (audited on protected items)."""
    case = _case(request.user, case_id)
    att = Attachment.objects.filter(case=case, pk=attachment_id, identifying=True).select_related("case__unit").first()
    if att is None:
        raise Http404(_("Document not found."))
    try:
        name, content = services.attachment_read(attachment=att, actor=request.user)
    except (PermissionDenied, DomainError, OSError):
        raise Http404(_("Document not found.")) from None
    response = HttpResponse(content, content_type=att.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _int_or_none(value):
    try:
        return int(value) if str(value).strip() != "" else None
    except (TypeError, ValueError):
        return None


@staff_required
@require_http_methods(["GET", "POST"])
def redact(request, case_id: int):
    """Mask (reversible) or redact (permanent) a span of the content or a message; lists what is hidden."""
    case = _case(request.user, case_id)
    if not (policies.can_mask(request.user, case) or policies.can_unmask(request.user, case)):
        return _forbidden(request, _("You may not mask or redact text on this item."))
    error, form, status = "", {}, 200
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("target", "match", "start", "end", "mode", "reason")}
        target = form["target"] or "content"
        message = None
        if target.startswith("message:"):
            message = Message.objects.filter(case=case, pk=_int_or_none(target.split(":", 1)[1])).first()
            if message is None:
                raise Http404(_("Message not found."))
        try:
            services.text_mask(case=case, actor=request.user, field="message" if message else "content", message=message,
                               start=_int_or_none(form["start"]), end=_int_or_none(form["end"]), match=form["match"],
                               reason=form["reason"], permanent=form["mode"] == "redact")
        except PermissionDenied as exc:
            return _forbidden(request, exc.message)
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            messages.success(request, _("The text was hidden."))
            return redirect("vault:redact", case_id=case.pk)
        case.refresh_from_db(fields=["content"])
    return render(request, "vault/redact.html", {
        "case": case, "form": form, "error": error, "masks": selectors.masks_for_case(case=case),
        "messages_list": list(Message.objects.filter(case=case).order_by("at", "id")),
        "can_unmask": policies.can_unmask(request.user, case), **_nav(request),
    }, status=status)


@staff_required
@require_POST
def unmask(request, case_id: int, mask_id: int):
    """Restore a masked span (custodian for protected items)."""
    case = _case(request.user, case_id)
    mask = TextMask.objects.filter(case=case, pk=mask_id).first()
    if mask is None:
        raise Http404(_("Not found."))
    try:
        services.text_unmask(mask=mask, actor=request.user, reason=request.POST.get("reason", ""))
    except PermissionDenied as exc:
        return _forbidden(request, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The text was restored."))
    return redirect("vault:redact", case_id=case.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def denounced(request, case_id: int):
    """Record the unit and/or official a denunciation concerns; shows the conflict and the competent body."""
    case = _case(request.user, case_id)
    if not policies.can_record_denounced(request.user, case):
        return _forbidden(request, _("You may not do this on this item."))
    from minhbach.cases.services.routing import denunciation_conflict

    status = 200
    if request.method == "POST":
        form = DenouncedForm(request.POST, case=case)
        if form.is_valid():
            try:
                case = services.case_set_denounced(case=case, actor=request.user, unit=form.cleaned_data["denounced_unit"],
                                                   person=form.cleaned_data["denounced_person"],
                                                   reason=form.cleaned_data["reason"])
            except PermissionDenied as exc:
                return _forbidden(request, exc.message)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 400
            else:
                messages.success(request, _("Saved."))
                return redirect("vault:denounced", case_id=case.pk)
        else:
            status = 400
    else:
        form = DenouncedForm(case=case)
    return render(request, "vault/denounced.html", {
        "case": case, "form": form, "conflict": denunciation_conflict(case=case, unit=case.unit),
        "competent": selectors.denunciation_competent_unit(case=case), **_nav(request),
    }, status=status)
