"""Staff pages for publishing: review and sign off a month, correct it, consolidate and urge, publish documents,
keep the directory, reception days and disclosures. Forbidden and missing look alike (404)."""
from __future__ import annotations

import datetime as dt
import functools

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minhbach.core import clock
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.core.uploads import check_upload
from minhbach.orgs.models import OrgUnit
from minhbach.transparency import policies, selectors, services
from minhbach.transparency.forms import CorrectionForm, DisclosureForm, PublicationForm, ScheduleForm, UrgeForm
from minhbach.transparency.models import (
    DirectoryEntry, ReceptionSchedule, RegisterEntry, RegisterMonth, RegisterScope,
)

NS = "transparency"


def _url(name: str, *args) -> str:
    return reverse(f"{NS}:{name}", args=args)


def staff_view(view):
    """Login required; the view itself answers 404 for anything beyond the user's reach."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (PermissionDenied, NotFound):
            raise Http404(_("Not found.")) from None

    return login_required(wrapped)


def _unit(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise Http404(_("Unit not found."))
    return unit


def _month(value: str) -> dt.date:
    month = selectors.month_parse(value)
    if month is None:
        raise Http404(_("Month not found."))
    return month


def _recent_months(n: int = 12) -> list[dt.date]:
    m = selectors.month_start(clock.today())
    out = []
    for _i in range(n):
        m = selectors.month_start(m - dt.timedelta(days=1))
        out.append(m)
    return out


def _ctx(**kw) -> dict:
    return {"nav_current": "transparency", **kw}


@staff_view
def home(request):
    """What the user may publish: their units' months, the provincial overview, documents, the directory."""
    user = request.user
    signable = list(OrgUnit.objects.filter(pk__in=policies.signable_units(user)).order_by("path"))
    months = _recent_months(6)
    published = set(RegisterMonth.objects.filter(scope=RegisterScope.UNIT, unit__in=signable, month__in=months)
                    .values_list("unit_id", "month"))
    rows = [{"unit": u, "months": [{"month": m, "key": f"{m:%Y-%m}", "published": (u.pk, m) in published} for m in months]}
            for u in signable]
    offices = OrgUnit.objects.filter(path__in=[p[:5] for p in policies.oversight_paths(user)])
    led = policies.led_paths(user, roles=policies.DRAFTING_ROLES)
    if not rows and not offices and not led:
        raise Http404(_("Not found."))
    lead_units = OrgUnit.objects.none()
    if policies.led_paths(user):
        cond = Q()
        for p in policies.led_paths(user):
            cond |= Q(path__startswith=p)
        lead_units = OrgUnit.objects.filter(cond).exclude(kind="front").order_by("path")
    return render(request, "transparency/home.html", _ctx(rows=rows, offices=offices, can_draft=bool(led),
                                                          lead_units=lead_units))


@staff_view
def review(request, unit_code: str, month: str):
    """The month's items with their proposed public wording; save the review, or save and sign the month off."""
    unit, month_date = _unit(unit_code), _month(month)
    if not policies.can_sign_register(request.user, unit):
        raise Http404(_("Not found."))
    register = RegisterMonth.objects.filter(unit=unit, scope=RegisterScope.UNIT, month=month_date).first()
    if register is not None:
        return render(request, "transparency/published.html", _ctx(
            register=register, unit=unit, entries=register.entries.order_by("number"),
            corrections=register.corrections.select_related("entry"), form=CorrectionForm()))
    rows = selectors.register_draft(unit=unit, month=month_date)
    errors = []
    if request.method == "POST":
        reviews = {}
        for row in rows:
            pk = row.case.pk
            if f"summary_{pk}" in request.POST:
                reviews[pk] = (request.POST.get(f"summary_{pk}", ""), request.POST.get(f"result_{pk}", ""))
        try:
            if request.POST.get("action") == "publish":
                services.register_publish(unit=unit, month=month_date, actor=request.user, reviews=reviews)
                messages.success(request, _("The month is signed off and published."))
                return redirect(reverse("portal:register_month", args=[unit.code, month]))
            for row in rows:
                if row.case.pk in reviews:
                    services.review_save(case=row.case, actor=request.user, summary=reviews[row.case.pk][0],
                                         result_summary=reviews[row.case.pk][1])
            messages.success(request, _("The public wording was saved."))
            return redirect(_url("review", unit.code, month))
        except DomainError as e:
            errors.append(e.message)
            for row in rows:
                if row.case.pk in reviews:
                    row.summary, row.result_summary = reviews[row.case.pk]
    return render(request, "transparency/review.html", _ctx(
        unit=unit, month=month_date, month_key=month, rows=rows, errors=errors,
        month_over=selectors.month_is_over(month_date)), status=400 if errors else 200)


@staff_view
@require_POST
def correct(request, entry_id: int):
    """Correct a published entry's wording with a published reason."""
    entry = RegisterEntry.objects.select_related("register__unit").filter(pk=entry_id).first()
    if entry is None or not policies.can_sign_register(request.user, entry.register.unit):
        raise Http404(_("Not found."))
    form = CorrectionForm(request.POST)
    back = _url("review", entry.register.unit.code, entry.register.month_key)
    if not form.is_valid():
        messages.error(request, _("Give the part to correct, the text and the reason."))
        return redirect(back)
    try:
        services.register_correct(entry=entry, actor=request.user, field=form.cleaned_data["field"],
                                  value=form.cleaned_data["value"], reason=form.cleaned_data["reason"])
        messages.success(request, _("The correction is published."))
    except DomainError as e:
        messages.error(request, e.message)
    return redirect(back)


@staff_view
@require_POST
def refresh(request, register_id: int):
    """Update a published month's handling results; each change becomes a published correction."""
    register = RegisterMonth.objects.select_related("unit").filter(pk=register_id, scope=RegisterScope.UNIT).first()
    if register is None or not policies.can_sign_register(request.user, register.unit):
        raise Http404(_("Not found."))
    made = services.register_refresh(register=register, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("%(n)d changes were published as corrections.") % {"n": len(made)})
    return redirect(_url("review", register.unit.code, register.month_key))


@staff_view
def office(request, root_code: str):
    """The provincial office: every agency's live figures, overdue items, urging, the consolidated month."""
    root = _unit(root_code)
    if root.parent_id is not None or not policies.can_publish_province(request.user, root):
        raise Http404(_("Not found."))
    month = selectors.month_parse(request.GET.get("month", "")) or _recent_months(1)[0]
    if request.method == "POST":
        try:
            services.province_publish(root=root, month=month, actor=request.user)
            messages.success(request, _("The consolidated provincial register is published."))
            return redirect(reverse("portal:register_province", args=[root.code, f"{month:%Y-%m}"]))
        except DomainError as e:
            messages.error(request, e.message)
    consolidated = RegisterMonth.objects.filter(unit=root, scope=RegisterScope.PROVINCE, month=month).first()
    return render(request, "transparency/office.html", _ctx(
        root=root, month=month, month_key=f"{month:%Y-%m}", months=_recent_months(12),
        overview=selectors.office_overview(root=root, month=month), overdue=selectors.overdue_items(root=root, limit=100),
        consolidated=consolidated, urge_form=UrgeForm(), month_over=selectors.month_is_over(month)))


@staff_view
@require_POST
def urge(request, unit_code: str):
    """Urge an agency (provincial office)."""
    unit = _unit(unit_code)
    if not policies.can_oversee(request.user, unit):
        raise Http404(_("Not found."))
    form = UrgeForm(request.POST)
    month = selectors.month_parse(request.POST.get("month", ""))
    if form.is_valid():
        try:
            services.unit_urge(unit=unit, actor=request.user, text=form.cleaned_data["text"], month=month)
            messages.success(request, _("%(unit)s was urged; its leaders are notified.") % {"unit": unit.name})
        except DomainError as e:
            messages.error(request, e.message)
    else:
        messages.error(request, _("Write what the agency is urged to do."))
    root = OrgUnit.objects.get(path=unit.root_path)
    return redirect(_url("office", root.code) + (f"?month={month:%Y-%m}" if month else ""))


# --- publications -------------------------------------------------------------------------------


def _draft_units(user):
    paths = policies.led_paths(user, roles=policies.DRAFTING_ROLES)
    cond = Q()
    for p in paths:
        cond |= Q(path__startswith=p)
    return OrgUnit.objects.filter(cond).exclude(kind="front").order_by("path") if paths else OrgUnit.objects.none()


@staff_view
def publications(request):
    """The user's units' publications, and a form to prepare a new one."""
    units = list(_draft_units(request.user))
    if not units:
        raise Http404(_("Not found."))
    form = PublicationForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            try:
                upload = cd["document"]
                checked = check_upload(name=upload.name, content=upload.read())
                pub = services.publication_create(
                    actor=request.user, unit=_unit(cd["unit"]), kind=cd["kind"], title=cd["title"], number=cd["number"],
                    issued_on=cd["issued_on"], summary=cd["summary"], posted_from=cd["posted_from"],
                    posted_until=cd["posted_until"], upload=checked, no_denouncer_confirmed=cd["no_denouncer_confirmed"])
                messages.success(request, _("The draft is saved; a leader publishes it."))
                return redirect(_url("publications") + f"#pub-{pub.pk}")
            except DomainError as e:
                form.add_error(e.field if e.field in form.fields else None, e.message)
        status = 400
    return render(request, "transparency/publications.html", _ctx(
        form=form, items=selectors.publications_staff(user=request.user)[:100], today=clock.today()), status=status)


@staff_view
@require_POST
def publication_action(request, pk: int, action: str):
    """Publish or archive a publication (a leader of the issuing unit)."""
    pub = services.publication_get_for_staff(user=request.user, pk=pk)
    try:
        if action == "publish":
            services.publication_publish(publication=pub, actor=request.user)
            messages.success(request, _("The document is published."))
        elif action == "archive":
            services.publication_archive(publication=pub, actor=request.user)
            messages.success(request, _("The document is archived."))
        else:
            raise Http404(_("Not found."))
    except DomainError as e:
        if isinstance(e, PermissionDenied):
            raise
        messages.error(request, e.message)
    return redirect(_url("publications") + f"#pub-{pub.pk}")


# --- directory, reception days, disclosures -----------------------------------------------------


@staff_view
def directory(request, unit_code: str):
    """A unit's directory rows, reception schedules and disclosures (a leader of the unit)."""
    unit = _unit(unit_code)
    if not policies.can_lead(request.user, unit):
        raise Http404(_("Not found."))
    services.directory_sync(unit=unit)
    people = list(get_user_model().objects.filter(memberships__unit=unit).distinct().order_by("full_name"))
    schedule_form = ScheduleForm(people=people, prefix="s")
    disclosure_form = DisclosureForm(people=people, prefix="d")
    status = 200
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "entry":
                entry = DirectoryEntry.objects.filter(pk=request.POST.get("entry"), unit=unit).first()
                if entry is None:
                    raise Http404(_("Not found."))
                services.directory_entry_update(entry=entry, actor=request.user,
                                                responsibilities=request.POST.get("responsibilities", ""),
                                                listed=request.POST.get("listed") == "on")
                messages.success(request, _("The directory is updated."))
                return redirect(_url("directory", unit.code))
            if what == "schedule":
                schedule_form = ScheduleForm(request.POST, people=people, prefix="s")
                if schedule_form.is_valid():
                    cd = schedule_form.cleaned_data
                    person = next((p for p in people if str(p.pk) == cd["person"]), None)
                    services.reception_schedule_save(actor=request.user, unit=unit, days=cd["days"], hours=cd["hours"],
                                                     place=cd["place"], person=person, rule_code=cd["rule_code"],
                                                     note=cd["note"])
                    messages.success(request, _("The reception schedule is published."))
                    return redirect(_url("directory", unit.code))
            if what == "schedule_delete":
                s = ReceptionSchedule.objects.filter(pk=request.POST.get("schedule"), unit=unit).first()
                if s is None:
                    raise Http404(_("Not found."))
                services.reception_schedule_delete(actor=request.user, schedule=s)
                messages.success(request, _("The reception schedule is withdrawn."))
                return redirect(_url("directory", unit.code))
            if what == "disclosure":
                disclosure_form = DisclosureForm(request.POST, request.FILES, people=people, prefix="d")
                if disclosure_form.is_valid():
                    cd = disclosure_form.cleaned_data
                    upload = disclosure_form.cleaned_data["document"]
                    checked = check_upload(name=upload.name, content=upload.read())
                    person = next(p for p in people if str(p.pk) == cd["person"])
                    services.disclosure_create(actor=request.user, person=person, unit=unit, kind=cd["kind"],
                                               title=cd["title"], upload=checked, window_start=cd["window_start"],
                                               window_end=cd["window_end"])
                    messages.success(request, _("The disclosure is published for its window."))
                    return redirect(_url("directory", unit.code))
        except PermissionDenied:
            raise
        except DomainError as e:
            messages.error(request, e.message)
        status = 400
    return render(request, "transparency/directory.html", _ctx(
        unit=unit, entries=DirectoryEntry.objects.filter(unit=unit).select_related("user").order_by("user__full_name"),
        schedules=ReceptionSchedule.objects.filter(unit=unit).select_related("person"),
        disclosures=unit.disclosures.select_related("person").order_by("-window_start"),
        schedule_form=schedule_form, disclosure_form=disclosure_form, today=clock.today()), status=status)
