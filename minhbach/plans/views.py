"""Pages of plan tracking: plans, follow-up, obligations and reports, review queue, review documents, import."""
from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minhbach.core import clock
from minhbach.core.errors import DomainError, NotFound
from minhbach.orgs.models import OrgUnit, Role
from minhbach.orgs.selectors import user_grants
from minhbach.plans import policies, selectors, services
from minhbach.plans.forms import (
    ImportUploadForm, PlanMetaForm, ReportForm, ReviewDecisionForm, ReviewGenerateForm, TaskRowFormSet, UrgeForm,
)
from minhbach.plans.models import (
    AssignmentRole, PlanImport, PlanReview, PlanStatus, ProgressReport, ReportObligation, Task, TaskAssignment,
)
from minhbach.plans.selectors import STATES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _nav(request, current: str) -> dict:
    user = request.user
    grants = user_grants(user)
    return {
        "nav_current": current,
        "can_import": policies.can_import(user),
        "can_review": any(g.role in policies.OVERSIGHT or g.role == Role.LEADER for g in grants),
        "has_own_units": bool(policies.member_paths(user)),
    }


def plans_staff(view):
    """Login required and a role in some unit; others see a page saying they have no role (403)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_grants(request.user):
            return render(request, "plans/forbidden.html", _nav(request, ""), status=403)
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404(_("Not found.")) from None

    return login_required(wrapped)


def _error(request, exc: DomainError) -> None:
    messages.error(request, str(exc.message))


# --- plans ----------------------------------------------------------------------------------------


@plans_staff
@require_GET
def plan_list(request):
    """Plans the user may open."""
    plans = selectors.plans_with_counts(request.user, clock.today())
    return render(request, "plans/plan_list.html", {"plans": plans, **_nav(request, "plans")})


@plans_staff
@require_GET
def plan_detail(request, pk: int):
    """A plan with its tasks, their units, timings and the state of each lead unit."""
    plan = selectors.plan_get_for_user(request.user, pk)
    today = clock.today()
    rows = selectors.plan_task_rows(request.user, plan, today)
    sub_plans = selectors.plans_for_user(request.user).filter(parent_task__plan=plan).select_related("parent_task")
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "rows": rows, "today": today, "sub_plans": sub_plans,
        "can_manage": policies.can(request.user, "manage", plan),
        "whole": policies.can_view_whole_plan(request.user, plan),
        "implements_plans": plan.implements_plans.all(),
        **_nav(request, "plans"),
    })


@plans_staff
@require_POST
def plan_status(request, pk: int):
    """Close or reopen a plan."""
    plan = selectors.plan_get_for_user(request.user, pk, "manage")
    status = request.POST.get("status", "")
    try:
        services.plan_set_status(plan=plan, actor=request.user, status=status)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The plan is closed.") if status == PlanStatus.CLOSED else _("The plan is active again."))
    return redirect("plans:detail", pk=plan.pk)


@plans_staff
@require_http_methods(["GET", "POST"])
def follow_up(request, pk: int):
    """Follow-up of a plan for Home Affairs / the office: counts by unit and task, drill-down, urge form."""
    plan = selectors.plan_get_for_user(request.user, pk, "follow_up")
    today = clock.today()
    unit_ids = TaskAssignment.objects.filter(task__plan=plan).values("unit_id")
    units = OrgUnit.objects.filter(pk__in=unit_ids).order_by("path")
    tasks = Task.objects.filter(plan=plan).order_by("order")
    form = UrgeForm(request.POST or None, units=units, tasks=tasks,
                    initial={"unit": request.GET.get("unit") or None, "task": request.GET.get("task") or None})
    if request.method == "POST" and form.is_valid():
        try:
            services.urge_send(plan=plan, unit=form.cleaned_data["unit"], task=form.cleaned_data["task"],
                               actor=request.user, text=form.cleaned_data["text"])
        except DomainError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The urge was recorded and sent to %(unit)s.") % {"unit": form.cleaned_data["unit"].name})
            return redirect(reverse("plans:follow_up", args=[plan.pk]) + "#urges")
    by_unit, by_task, total = selectors.plan_dashboard(plan, today)
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    drill = None
    unit_id = _int(request.GET.get("unit"))
    task_id = _int(request.GET.get("task"))
    if state or unit_id or task_id:
        drill = [ob for ob in selectors.obligations_for_user(request.user, plan=plan, state=state, unit_id=unit_id,
                                                             task_id=task_id, today=today) if ob.period_start <= today]
    return render(request, "plans/follow_up.html", {
        "plan": plan, "by_unit": by_unit, "by_task": by_task, "total": total, "states": STATES, "form": form,
        "drill": drill, "state": state, "unit_id": unit_id, "task_id": task_id,
        "urges": plan.urges.select_related("unit", "task", "by")[:50], **_nav(request, "plans"),
    })


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@plans_staff
@require_http_methods(["GET", "POST"])
def review_generate(request, pk: int):
    """Generate the sơ kết / tổng kết document of a plan and list the ones generated before."""
    plan = selectors.plan_get_for_user(request.user, pk, "generate_review")
    form = ReviewGenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_document_generate(plan=plan, kind=form.cleaned_data["kind"],
                                                       period=form.cleaned_data["period"] or None, actor=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("The review document was generated."))
            return redirect("plans:review_download", pk=plan.pk, review_id=review.pk)
    return render(request, "plans/review_generate.html", {
        "plan": plan, "form": form, "reviews": plan.reviews.select_related("created_by")[:50], **_nav(request, "plans"),
    })


@plans_staff
@require_GET
def review_download(request, pk: int, review_id: int):
    """Download a generated review document (.docx)."""
    plan = selectors.plan_get_for_user(request.user, pk, "generate_review")
    review = PlanReview.objects.filter(plan=plan, pk=review_id).first()
    if review is None:
        raise Http404(_("Not found."))
    name = f"{review.get_kind_display()}-{plan.number or plan.pk}-{review.period_label}".replace("/", "-")
    response = HttpResponse(bytes(review.content), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{_safe(name)}.docx")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name)[:120]


# --- obligations and reports ----------------------------------------------------------------------


@plans_staff
@require_GET
def my_obligations(request):
    """Obligations of the user's units and their descendants, nearest due first."""
    today = clock.today()
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    obs = selectors.obligations_for_user(request.user, state=state, today=today, only_own=True)
    obs = [ob for ob in obs if ob.period_start <= today or ob.current_state in ("submitted", "accepted")]
    drafts = ProgressReport.objects.filter(review_state=ProgressReport.Review.DRAFT,
                                           obligation__in=[ob.pk for ob in obs]).values_list("obligation_id", flat=True)
    return render(request, "plans/my_obligations.html", {
        "obligations": obs, "state": state, "states": STATES, "drafts": set(drafts), **_nav(request, "mine"),
    })


@plans_staff
@require_http_methods(["GET", "POST"])
def obligation_detail(request, pk: int):
    """One obligation: its reports and, for the unit's staff, the report form (a leader signs and submits)."""
    ob = selectors.obligation_get_for_user(request.user, pk)
    can_prepare = policies.can(request.user, "prepare", ob)
    can_sign = policies.can(request.user, "submit", ob)
    tasks = []
    if ob.task_id is None:
        tasks = list(Task.objects.filter(plan=ob.plan, assignments__unit=ob.unit,
                                         assignments__role=AssignmentRole.LEAD).order_by("order"))
    open_for_report = ob.review_state in ("none", "returned") and ob.plan.status == PlanStatus.ACTIVE
    form = None
    if can_prepare and open_for_report:
        form = ReportForm(request.POST or None, request.FILES or None, tasks=tasks)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data.get("attachment")
            attachment = (upload.name, upload.read()) if upload else None
            try:
                services.report_submit(obligation=ob, actor=request.user, status=form.cleaned_data["status"],
                                       text=form.cleaned_data["text"], figures=form.figures(), attachment=attachment,
                                       sign="sign" in request.POST)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("The report was signed and submitted.") if can_sign and "sign" in request.POST
                                 else _("The draft was saved; the unit's leader signs and submits it."))
                return redirect("plans:obligation", pk=ob.pk)
    elif request.method == "POST":
        raise Http404(_("Not found."))
    reports = list(ob.reports.select_related("submitted_by", "prepared_by", "reviewer"))
    task_names = {str(t.pk): t for t in Task.objects.filter(plan=ob.plan)} if ob.task_id is None else {}
    for rep in reports:
        rep.task_lines = [(task_names.get(k), v) for k, v in (rep.figures or {}).get("tasks", {}).items()
                          if task_names.get(k)]
    return render(request, "plans/obligation.html", {
        "ob": ob, "state": selectors.obligation_state(ob, clock.today()), "form": form, "reports": reports,
        "can_sign": can_sign, "can_prepare": can_prepare, "urges": ob.plan.urges.filter(unit=ob.unit)[:10],
        **_nav(request, "mine"),
    })


@plans_staff
@require_POST
def report_sign(request, pk: int):
    """A leader signs and submits a draft report."""
    rep = selectors.report_get_for_user(request.user, pk)
    if not policies.can(request.user, "submit", rep.obligation):
        raise Http404(_("Not found."))
    try:
        services.report_sign(report=rep, actor=request.user)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The report was signed and submitted."))
    return redirect("plans:obligation", pk=rep.obligation_id)


@plans_staff
@require_GET
def report_attachment(request, pk: int):
    """Download a report's attachment."""
    rep = selectors.report_get_for_user(request.user, pk)
    if not rep.attachment:
        raise Http404(_("Not found."))
    try:
        fh = rep.attachment.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Not found.")) from None
    response = FileResponse(fh, as_attachment=True, filename=rep.attachment_name or "bao-cao",
                            content_type=rep.attachment_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@plans_staff
@require_GET
def review_queue(request):
    """Submitted reports waiting for the user's review."""
    reports = list(selectors.review_queue(request.user)[:300])
    return render(request, "plans/review_queue.html", {"reports": reports, **_nav(request, "review")})


@plans_staff
@require_http_methods(["GET", "POST"])
def report_review(request, pk: int):
    """Accept a report or return it with a comment."""
    rep = selectors.report_get_for_user(request.user, pk)
    can_review = policies.can(request.user, "review", rep) and rep.review_state == ProgressReport.Review.SUBMITTED
    form = ReviewDecisionForm(request.POST or None) if can_review else None
    if request.method == "POST":
        if form is None:
            raise Http404(_("Not found."))
        if form.is_valid():
            try:
                services.report_review(report=rep, actor=request.user, decision=form.cleaned_data["decision"],
                                       comment=form.cleaned_data["comment"])
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("The report was accepted.") if form.cleaned_data["decision"] == "accept"
                                 else _("The report was returned to the unit."))
                return redirect("plans:review_queue")
    task_names = {str(t.pk): t for t in Task.objects.filter(plan=rep.obligation.plan)}
    rep.task_lines = [(task_names.get(k), v) for k, v in (rep.figures or {}).get("tasks", {}).items() if task_names.get(k)]
    return render(request, "plans/report_review.html", {"rep": rep, "ob": rep.obligation, "form": form,
                                                        **_nav(request, "review")})


# --- import ---------------------------------------------------------------------------------------


def _import_units(user):
    """Units the user may import plans for."""
    cond = Q(pk__in=[])
    for g in user_grants(user):
        if g.role in policies.OVERSIGHT or g.role == Role.LEADER:
            cond |= Q(path__startswith=g.path)
    return OrgUnit.objects.filter(cond, active_to__isnull=True).exclude(kind="front").order_by("path")


@plans_staff
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Step 1: upload a plan document; its extraction is kept as a draft for review."""
    units = _import_units(request.user)
    if not units.exists():
        raise Http404(_("Not found."))
    initial_unit = units.filter(kind="province").first() or units.first()
    form = ImportUploadForm(request.POST or None, request.FILES or None, units=units,
                            initial={"issuing_unit": initial_unit})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imp = services.plan_import_start(actor=request.user, issuing_unit=form.cleaned_data["issuing_unit"],
                                             name=upload.name, content=upload.read())
        except DomainError as exc:
            form.add_error("file", str(exc.message))
        else:
            return redirect("plans:import_review", pk=imp.pk)
    drafts = PlanImport.objects.filter(created_by=request.user, status=PlanImport.Status.DRAFT)[:20]
    return render(request, "plans/import_upload.html", {"form": form, "drafts": drafts, **_nav(request, "import")})


def _province_units(unit: OrgUnit):
    return OrgUnit.objects.filter(path__startswith=unit.root_path, active_to__isnull=True).exclude(kind="front").order_by("path")


def _meta_initial(draft: dict) -> dict:
    doc, rep = draft.get("document", {}), draft.get("reporting", {})
    yearly = rep.get("yearly_due") or ""
    return {
        **{k: doc.get(k) or None for k in ("number", "doc_type", "issuing_body", "issue_date", "title", "period_start",
                                           "period_end")},
        "implements": "; ".join(doc.get("implements") or []),
        "cadences": rep.get("cadences") or [],
        "report_day": rep.get("day"),
        "yearly_due": f"{int(yearly[3:])}/{int(yearly[:2])}" if len(yearly) == 5 else "",
        "reports_to": rep.get("reports_to_unit"),
        "parent_task": draft.get("parent_task"),
    }


def _rows_initial(draft: dict) -> list[dict]:
    return [{"src": i, "path": t.get("path"), "text": t.get("text"), "lead": t.get("lead_ids") or [],
             "coordinate": t.get("coordinate_ids") or [], "timing_text": t.get("timing_text"),
             "timing_kind": t.get("timing_kind") or "none", "due_date": t.get("due_date") or None}
            for i, t in enumerate(draft.get("tasks") or [])]


def _draft_from_forms(draft: dict, meta: PlanMetaForm, rows) -> dict:
    """Merge the reviewed metadata and task table into the stored draft (keeping the extractor's extra fields)."""
    from minhbach.plans.extract import normalize_timing

    m = meta.cleaned_data
    old_tasks = draft.get("tasks") or []
    issue = m.get("issue_date")
    tasks = []
    for form in rows.forms:
        c = getattr(form, "cleaned_data", None) or {}
        if not c or c.get("DELETE") or not (c.get("text") or "").strip():
            continue
        src = c.get("src")
        base = dict(old_tasks[src]) if isinstance(src, int) and 0 <= src < len(old_tasks) else {}
        timing = dict(base.get("timing") or {})
        if (c.get("timing_text") or "") != (base.get("timing_text") or ""):
            timing = normalize_timing(c.get("timing_text") or "", reference_date=issue,
                                      context_year=issue.year if issue else None)
        lead_ids = [u.pk for u in c.get("lead") or []]
        coord_ids = [u.pk for u in c.get("coordinate") or [] if u.pk not in lead_ids]
        base.update({
            "path": c.get("path") or "", "text": c["text"].strip(), "lead_ids": lead_ids, "coordinate_ids": coord_ids,
            "timing_text": c.get("timing_text") or "", "timing_kind": c.get("timing_kind") or "none", "timing": timing,
            "due_date": c["due_date"].isoformat() if c.get("due_date") else "",
        })
        tasks.append(base)
    return {
        **draft,
        "document": {
            "number": m.get("number") or "", "doc_type": m.get("doc_type") or "Kế hoạch",
            "issuing_body": m.get("issuing_body") or "", "issue_date": issue.isoformat() if issue else "",
            "title": m.get("title") or "",
            "implements": [s.strip() for s in (m.get("implements") or "").replace(",", ";").split(";") if s.strip()],
            "period_start": m["period_start"].isoformat() if m.get("period_start") else "",
            "period_end": m["period_end"].isoformat() if m.get("period_end") else "",
        },
        "reporting": {
            **(draft.get("reporting") or {}),
            "cadences": m.get("cadences") or [], "day": m.get("report_day"), "yearly_due": m.get("yearly_due") or "",
            "reports_to_unit": m["reports_to"].pk if m.get("reports_to") else None,
        },
        "parent_task": m["parent_task"].pk if m.get("parent_task") else None,
        "tasks": tasks,
    }


@plans_staff
@require_http_methods(["GET", "POST"])
def import_review(request, pk: int):
    """Step 2: the extracted plan beside the document text; correct the metadata and the task table, then save."""
    imp = PlanImport.objects.select_related("issuing_unit").filter(pk=pk, status=PlanImport.Status.DRAFT).first()
    if imp is None or not (imp.created_by_id == request.user.pk or policies.can_import_for(request.user, imp.issuing_unit)):
        raise Http404(_("Not found."))
    units = _province_units(imp.issuing_unit)
    parent_tasks = selectors.plan_choices_for_parent(request.user)
    if request.method == "POST" and "discard" in request.POST:
        services.plan_import_discard(plan_import=imp, actor=request.user)
        messages.success(request, _("The import was discarded."))
        return redirect("plans:list")
    if request.method == "POST":
        meta = PlanMetaForm(request.POST, units=units, parent_tasks=parent_tasks)
        rows = TaskRowFormSet(request.POST, units=units, prefix="t")
        if meta.is_valid() and rows.is_valid():
            draft = _draft_from_forms(imp.draft, meta, rows)
            try:
                services.plan_import_update(plan_import=imp, actor=request.user, draft=draft)
                if "save_plan" in request.POST:
                    plan = services.plan_import_save(plan_import=imp, actor=request.user)
                    messages.success(request, _("The plan was saved with %(n)d tasks; %(o)d report obligations were created.")
                                     % {"n": plan.tasks.count(), "o": plan.obligations.count()})
                    return redirect("plans:detail", pk=plan.pk)
            except DomainError as exc:
                meta.add_error(exc.field if exc.field in meta.fields else None, str(exc.message))
            else:
                messages.success(request, _("Your corrections were saved."))
                return redirect("plans:import_review", pk=imp.pk)
        else:
            messages.error(request, _("Some entries need correcting; they are marked below."))
    else:
        meta = PlanMetaForm(initial=_meta_initial(imp.draft), units=units, parent_tasks=parent_tasks)
        rows = TaskRowFormSet(initial=_rows_initial(imp.draft), units=units, prefix="t")
    draft_tasks = imp.draft.get("tasks") or []
    row_info = []
    for form in rows.forms:
        src = form.initial.get("src") if not form.is_bound else _int(form.data.get(form.add_prefix("src")))
        info = draft_tasks[src] if isinstance(src, int) and 0 <= src < len(draft_tasks) else {}
        row_info.append((form, info))
    task_lines = {t.get("line"): t.get("path") for t in draft_tasks if t.get("line")}
    lines = [(n, text, task_lines.get(n)) for n, text in enumerate(imp.text.split("\n"), start=1)]
    return render(request, "plans/import_review.html", {
        "imp": imp, "meta": meta, "rows": rows, "row_info": row_info, "lines": lines,
        "reporting": imp.draft.get("reporting") or {}, "task_count": len(draft_tasks), **_nav(request, "import"),
    })
