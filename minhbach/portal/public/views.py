"""Public pages of what is published: the monthly register, publications, the officials' directory, statistics, search.

Read-only; everything shown comes from published rows (register snapshots, published documents, the directory).
Nothing here reads a sender's identity or an item's own text.
"""
from __future__ import annotations

import datetime as dt
import json

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from minhbach.cases.models import ItemType, Status
from minhbach.core import clock
from minhbach.orgs.models import OrgUnit
from minhbach.portal.public import charts
from minhbach.transparency import exports, selectors
from minhbach.transparency.models import DisclosureKind, PublicationKind, RegisterFigure, RegisterScope

PAGE_SIZE = 100
GROUP_LABELS = {
    "unit": gettext_lazy("Agency"),
    "category": gettext_lazy("Category"),
    "type": gettext_lazy("Type"),
    "month": gettext_lazy("Month"),
}
TREND_SERIES = [
    ("received", "bar-received", gettext_lazy("Received")),
    ("handled", "bar-handled", gettext_lazy("Handled")),
    ("overdue", "bar-overdue", gettext_lazy("Overdue")),
]


def _unit_or_404(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).exclude(kind="front").first()
    if unit is None:
        raise Http404(_("Unit not found."))
    return unit


def _month_or_404(value: str) -> dt.date:
    month = selectors.month_parse(value)
    if month is None:
        raise Http404(_("Month not found."))
    return month


def _download(body: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _stream(pieces, *, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(pieces, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


# --- the register ------------------------------------------------------------------------------


@require_GET
def register_index(request):
    """Every unit with a published register, and the consolidated provincial months."""
    units = selectors.registered_units()
    provincial = selectors.published_registers(scope=RegisterScope.PROVINCE)[:24]
    return render(request, "portal/register/index.html", {"units": units, "provincial": provincial,
                                                          "nav_current": "register"})


@require_GET
def register_unit(request, unit_code: str):
    """One unit's published months with their figures, and the urgings it received."""
    unit = _unit_or_404(unit_code)
    registers = list(selectors.published_registers(unit=unit))
    by_month = {r["key"]: r for r in selectors.stats_grouped(selectors.stats_figures(unit=unit), group_by="month")}
    for reg in registers:
        reg.figures = by_month.get(reg.month_key)
    provincial = selectors.published_registers(unit=unit, scope=RegisterScope.PROVINCE) if unit.parent_id is None else []
    if not registers and not provincial:
        raise Http404(_("This unit has not published a register yet."))
    return render(request, "portal/register/unit.html", {
        "unit": unit, "registers": registers, "provincial": provincial, "urges": selectors.unit_urges(unit=unit),
        "nav_current": "register",
    })


def _register_context(request, register) -> dict:
    """A page of the month's entries (at most 100), the month's figures from the stored figures, the corrections
    of the entries on the page and how many the month has in all."""
    type_filter = request.GET.get("loai", "")
    if type_filter not in ItemType.values:
        type_filter = ""
    page = selectors.register_page(register=register, page=request.GET.get("trang"), type=type_filter)
    _label_rows(page.entries, month_key=register.month_key)
    stored = selectors.register_figures(register=register)
    return {"register": register, "unit": register.unit, "page": page, "entries": page.entries,
            "figures": selectors.figures(stored, type=type_filter), "stored": stored,
            "corrections": selectors.register_corrections(register=register, entries=page.entries),
            "corrections_total": selectors.register_corrections(register=register).count(), "types": ItemType.choices,
            "type_filter": type_filter, "urges": selectors.unit_urges(unit=register.unit)[:5], "nav_current": "register"}


def _label_rows(entries, *, month_key: str) -> None:
    """The words, dates and links of each row, worked out once per page rather than cell by cell in the template:
    they were most of the page's time (a translation, a date format or a URL reversal per cell)."""
    types = {k: str(v) for k, v in ItemType.choices}
    states = {k: str(v) for k, v in Status.choices}
    item, deadlines = _("Item %(n)s (%(code)s)"), _("%(met)s met, %(missed)s missed")
    links: dict[str, str] = {}  # per unit: the entry URL up to its number (`…/muc/<number>/`)
    for e in entries:
        code = e.unit.code
        if code not in links:
            links[code] = reverse("portal:register_entry", args=[code, month_key, 0]).removesuffix("0/")
        e.link = f"{links[code]}{e.number}/"
        e.link_label = item % {"n": e.number, "code": e.tracking_code}
        e.type_label, e.state_label = types.get(e.type, e.type), states.get(e.status, e.status)
        e.deadlines_text = deadlines % {"met": e.deadlines_met, "missed": e.deadlines_missed}
        e.received_iso, e.received_text = e.received_on.isoformat(), f"{e.received_on:%d/%m/%Y}"
        e.answered_text = f"{e.answered_on:%d/%m/%Y}" if e.answered_on else ""


def _published(unit_code: str, month: str, scope: str = RegisterScope.UNIT):
    register = selectors.register_get(unit_code=unit_code, month=_month_or_404(month), scope=scope)
    if register is None:
        raise Http404(_("This register is not published."))
    return register


@require_GET
def register_month(request, unit_code: str, month: str):
    """A unit's published month: every item, its state, deadlines and result, and every correction since."""
    ctx = _register_context(request, _published(unit_code, month))
    return render(request, "portal/register/month.html", ctx)


@require_GET
def register_province(request, unit_code: str, month: str):
    """The consolidated provincial month: all units' published entries, and units that had not published."""
    ctx = _register_context(request, _published(unit_code, month, RegisterScope.PROVINCE))
    ctx["per_unit"] = selectors.stats_grouped(ctx["stored"], group_by="unit", type=ctx["type_filter"])
    return render(request, "portal/register/month.html", ctx)


def _export_register(request, unit_code: str, month: str, scope: str, fmt: str):
    """The whole month, streamed: entries are read a chunk at a time while the download is being sent."""
    register = _published(unit_code, month, scope)
    entries = selectors.register_entries_stream(register=register)
    suffix = "-tong-hop" if scope == RegisterScope.PROVINCE else ""
    name = f"so-theo-doi-{register.unit.code}{suffix}-{register.month_key}"
    if fmt == "csv":
        return _stream(exports.entries_csv_stream(entries), filename=f"{name}.csv", content_type="text/csv; charset=utf-8")
    pieces = exports.register_json_stream(register, entries, selectors.register_corrections(register=register),
                                          selectors.figures(selectors.register_figures(register=register)))
    return _stream(pieces, filename=f"{name}.json", content_type="application/json; charset=utf-8")


@require_GET
def register_month_csv(request, unit_code: str, month: str):
    """The month as CSV."""
    return _export_register(request, unit_code, month, RegisterScope.UNIT, "csv")


@require_GET
def register_month_json(request, unit_code: str, month: str):
    """The month as JSON, with its figures and corrections."""
    return _export_register(request, unit_code, month, RegisterScope.UNIT, "json")


@require_GET
def register_province_csv(request, unit_code: str, month: str):
    """The consolidated month as CSV."""
    return _export_register(request, unit_code, month, RegisterScope.PROVINCE, "csv")


@require_GET
def register_province_json(request, unit_code: str, month: str):
    """The consolidated month as JSON."""
    return _export_register(request, unit_code, month, RegisterScope.PROVINCE, "json")


@require_GET
def register_entry(request, unit_code: str, month: str, number: int):
    """One published entry with its corrections."""
    register = _published(unit_code, month)
    entry = register.entries.select_related("unit").filter(number=number).first()
    if entry is None:
        raise Http404(_("Entry not found."))
    return render(request, "portal/register/entry.html", {
        "register": register, "unit": register.unit, "entry": entry, "corrections": entry.corrections.order_by("at", "id"),
        "nav_current": "register",
    })


# --- publications ------------------------------------------------------------------------------


@require_GET
def publications(request):
    """Documents online now (or the archive), filtered by kind, issuing unit and year."""
    kind = request.GET.get("loai", "")
    unit = OrgUnit.objects.filter(code=request.GET.get("don-vi", "")).first() if request.GET.get("don-vi") else None
    year = request.GET.get("nam", "")
    archive = request.GET.get("luu-tru") == "1"
    qs = selectors.publications_public(kind=kind, unit=unit, year=int(year) if year.isdigit() else None, archive=archive)
    page = Paginator(qs, 30).get_page(request.GET.get("trang"))
    units = OrgUnit.objects.filter(publications__isnull=False).distinct().order_by("path")
    this_year = clock.today().year
    return render(request, "portal/publications/list.html", {
        "page": page, "kinds": PublicationKind.choices, "kind": kind, "units": units, "unit": unit, "year": year,
        "years": list(range(this_year, this_year - 6, -1)), "archive": archive, "nav_current": "publications",
    })


@require_GET
def publication_detail(request, pk: int):
    """One published document with its posting window."""
    pub = selectors.publication_public_get(pk=pk)
    if pub is None:
        raise Http404(_("Publication not found."))
    today = clock.today()
    return render(request, "portal/publications/detail.html", {
        "pub": pub, "online": pub.state == "published" and pub.posted_until >= today, "nav_current": "publications",
    })


@require_GET
def publication_document(request, pk: int):
    """The published document itself (download)."""
    pub = selectors.publication_public_get(pk=pk)
    if pub is None or not pub.document:
        raise Http404(_("Publication not found."))
    try:
        fh = pub.document.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Publication not found.")) from None
    return FileResponse(fh, as_attachment=True, filename=pub.document_name, content_type=pub.content_type)


# --- the directory -----------------------------------------------------------------------------


@require_GET
def directory(request):
    """Leaders and officials who handle citizens' business, unit by unit, with contact and reception days."""
    code = request.GET.get("don-vi", "")
    unit = OrgUnit.objects.filter(code=code).exclude(kind="front").first() if code else None
    units = OrgUnit.objects.exclude(kind="front").filter(active_to__isnull=True).order_by("path")
    return render(request, "portal/directory/index.html", {
        "groups": selectors.directory_units(unit=unit), "units": units, "unit": unit,
        "disclosures": selectors.disclosures_public(unit=unit), "nav_current": "directory",
    })


@require_GET
def directory_unit(request, unit_code: str):
    """One unit's directory page."""
    unit = _unit_or_404(unit_code)
    groups = selectors.directory_units(unit=unit)
    return render(request, "portal/directory/unit.html", {
        "unit": unit, "group": groups[0] if groups else None, "disclosures": selectors.disclosures_public(unit=unit),
        "nav_current": "directory",
    })


@require_GET
def disclosure_document(request, pk: int):
    """A disclosed document, only inside its disclosure window (K3)."""
    d = selectors.disclosures_public().filter(pk=pk).first()
    if d is None:
        raise Http404(_("This document is not disclosed now."))
    try:
        fh = d.document.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("This document is not disclosed now.")) from None
    return FileResponse(fh, as_attachment=True, filename=d.document_name, content_type=d.content_type)


# --- statistics --------------------------------------------------------------------------------


def _stats_query(request) -> dict:
    """The statistics filters from the query string: unit, month or from–to, grouping."""
    unit = OrgUnit.objects.filter(code=request.GET.get("unit", "")).first() if request.GET.get("unit") else None
    month = selectors.month_parse(request.GET.get("month", ""))
    date_from = selectors.month_parse(request.GET.get("from", ""))
    date_to = selectors.month_parse(request.GET.get("to", ""))
    group_by = request.GET.get("group_by", "unit")
    if group_by not in selectors.GROUP_BY:
        group_by = "unit"
    return {"unit": unit, "month": month, "date_from": date_from, "date_to": date_to, "group_by": group_by}


def stats_data(q: dict) -> dict:
    """Totals and grouped rows for the filters (also the CSV/JSON downloads), summed from the stored figures."""
    qs = selectors.stats_figures(unit=q["unit"], month=q["month"], date_from=q["date_from"], date_to=q["date_to"])
    return {"totals": selectors.figures(qs), "rows": selectors.stats_grouped(qs, group_by=q["group_by"]), "qs": qs}


@require_GET
def stats(request):
    """Open statistics: figures per agency, category, type or month; the agencies' league table; monthly trend charts."""
    q = _stats_query(request)
    data = stats_data(q)
    trend = selectors.stats_grouped(data["qs"], group_by="month")[-12:]
    for r in trend:
        r["short_label"] = f"{r['key'][5:7]}/{r['key'][2:4]}"
    league = selectors.league_table(data["qs"])
    # Units with published entries: EXISTS over the stored figures (their unit index), not over every entry.
    units = OrgUnit.objects.filter(Exists(RegisterFigure.objects.filter(unit=OuterRef("pk")))).order_by("path")
    return render(request, "portal/stats/index.html", {
        **q, "totals": data["totals"], "rows": data["rows"], "trend": trend, "league": league, "units": units,
        "trend_chart": charts.grouped_bars(trend, TREND_SERIES) if trend else None,
        "league_chart": charts.horizontal_bars([r for r in league if r["on_time_rate"] is not None], "on_time_rate"),
        "group_label": GROUP_LABELS[q["group_by"]], "groupings": list(GROUP_LABELS.items()),
        "query": request.GET.urlencode(), "nav_current": "stats",
        "month_value": f"{q['month']:%Y-%m}" if q["month"] else "",
        "from_value": f"{q['date_from']:%Y-%m}" if q["date_from"] else "",
        "to_value": f"{q['date_to']:%Y-%m}" if q["date_to"] else "",
    })


def _stats_payload(q: dict, data: dict) -> dict:
    return {"filters": {"unit": q["unit"].code if q["unit"] else None,
                        "month": f"{q['month']:%Y-%m}" if q["month"] else None,
                        "date_from": f"{q['date_from']:%Y-%m}" if q["date_from"] else None,
                        "date_to": f"{q['date_to']:%Y-%m}" if q["date_to"] else None, "group_by": q["group_by"]},
            "totals": {k: data["totals"].get(k) for k in exports.FIGURE_FIELDS if k in data["totals"]},
            "rows": data["rows"]}


@require_GET
def stats_csv(request):
    """The grouped figures as CSV."""
    q = _stats_query(request)
    return _download(exports.figures_csv(stats_data(q)["rows"]), filename=f"thong-ke-{q['group_by']}.csv",
                     content_type="text/csv; charset=utf-8")


@require_GET
def stats_json(request):
    """The grouped figures and totals as JSON."""
    q = _stats_query(request)
    return _download(_json(_stats_payload(q, stats_data(q))), filename=f"thong-ke-{q['group_by']}.json",
                     content_type="application/json; charset=utf-8")


# --- search ------------------------------------------------------------------------------------


@require_GET
def search(request):
    """Search everything published, ignoring diacritics and case."""
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search_published(query=query) if query else None
    return render(request, "portal/search/results.html", {"query": query, "results": results, "nav_current": "search",
                                                          "kinds": dict(DisclosureKind.choices)})

