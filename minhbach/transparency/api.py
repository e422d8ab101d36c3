"""Open data over HTTP: the published monthly register and the statistics computed from it (no account)."""
from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from minhbach.cases.schemas import ErrorOut
from minhbach.core.errors import DomainError, NotFound
from minhbach.orgs.models import OrgUnit
from minhbach.transparency import exports, selectors
from minhbach.transparency.models import RegisterScope
from minhbach.transparency.schemas import RegisterOut, StatsOut

router = Router(tags=["open data"])
# Entries in one response of GET /register (its default, so that months up to this size come whole).
REGISTER_LIMIT = 1000


def _month(value: str, field: str, *, required: bool = False):
    if not value:
        if required:
            raise DomainError(_("Give the month as YYYY-MM."), field=field)
        return None
    month = selectors.month_parse(value)
    if month is None:
        raise DomainError(_("Give the month as YYYY-MM."), field=field)
    return month


@router.get("/register", response={200: RegisterOut, 400: ErrorOut, 404: ErrorOut}, auth=None,
            summary="A published month of a unit's register")
def register(request: HttpRequest, unit: str, month: str, scope: str = "unit",
             limit: int = Query(REGISTER_LIMIT, ge=1, le=REGISTER_LIMIT,
                                description=f"entries in this response, at most {REGISTER_LIMIT}"),
             offset: int = Query(0, ge=0, description="entries to skip, in register order")):
    """The items the unit received in the month with their state, deadlines met or missed and result, the month's
    figures and the corrections of those items since publication; `scope=province` gives the consolidated provincial
    month. Entries come in register order, at most `limit` (default and maximum 1,000) from `offset`:
    `entries_total` is the month's count and `next_offset` the offset of the next part (null on the last), so a
    month of up to 1,000 entries comes whole as before. The figures always cover the whole month; the whole month
    also downloads as CSV or JSON from its public page."""
    if scope not in RegisterScope.values:
        raise DomainError(_("Unknown scope."), field="scope")
    reg = selectors.register_get(unit_code=unit, month=_month(month, "month", required=True), scope=scope)
    if reg is None:
        raise NotFound(_("This register is not published."), code="not_found")
    entries, total = selectors.register_slice(register=reg, offset=offset, limit=limit)
    data = exports.register_dict(reg, entries, selectors.register_corrections(register=reg, entries=entries),
                                 selectors.figures(selectors.register_figures(register=reg)))
    following = offset + len(entries)
    return {**data, "entries_total": total, "offset": offset, "limit": limit,
            "next_offset": following if following < total else None}


@router.get("/stats", response={200: StatsOut, 400: ErrorOut, 404: ErrorOut}, auth=None,
            summary="Statistics from the published registers")
def stats(request: HttpRequest, unit: str = "", month: str = "", date_from: str = Query("", alias="from"),
          date_to: str = Query("", alias="to"), group_by: str = "unit"):
    """Received, handled, on time, overdue and average days to answer, grouped by unit, category, type or month;
    summed from the figures stored with the published entries whenever they are written, so the two always agree."""
    if group_by not in selectors.GROUP_BY:
        raise DomainError(_("group_by is one of: unit, category, type, month."), field="group_by")
    unit_obj = None
    if unit:
        unit_obj = OrgUnit.objects.filter(code=unit).first()
        if unit_obj is None:
            raise NotFound(_("Unit not found."), code="not_found")
    m, f, t = _month(month, "month"), _month(date_from, "from"), _month(date_to, "to")
    qs = selectors.stats_figures(unit=unit_obj, month=m, date_from=f, date_to=t)
    return {"filters": {"unit": unit or None, "month": month or None, "date_from": date_from or None,
                        "date_to": date_to or None, "group_by": group_by},
            "totals": selectors.figures(qs), "rows": selectors.stats_grouped(qs, group_by=group_by)}
