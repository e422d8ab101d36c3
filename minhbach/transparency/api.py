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
def register(request: HttpRequest, unit: str, month: str, scope: str = "unit"):
    """Every item the unit received in the month with its state, deadlines met or missed and result, the month's
    figures and every correction since publication; `scope=province` gives the consolidated provincial month."""
    if scope not in RegisterScope.values:
        raise DomainError(_("Unknown scope."), field="scope")
    reg = selectors.register_get(unit_code=unit, month=_month(month, "month", required=True), scope=scope)
    if reg is None:
        raise NotFound(_("This register is not published."), code="not_found")
    entries = selectors.register_entries(register=reg)
    return exports.register_dict(reg, entries, selectors.register_corrections(register=reg), selectors.figures(entries))


@router.get("/stats", response={200: StatsOut, 400: ErrorOut, 404: ErrorOut}, auth=None,
            summary="Statistics from the published registers")
def stats(request: HttpRequest, unit: str = "", month: str = "", date_from: str = Query("", alias="from"),
          date_to: str = Query("", alias="to"), group_by: str = "unit"):
    """Received, handled, on time, overdue and average days to answer, grouped by unit, category, type or month;
    computed from the same published entries as the register, so the two always agree."""
    if group_by not in selectors.GROUP_BY:
        raise DomainError(_("group_by is one of: unit, category, type, month."), field="group_by")
    unit_obj = None
    if unit:
        unit_obj = OrgUnit.objects.filter(code=unit).first()
        if unit_obj is None:
            raise NotFound(_("Unit not found."), code="not_found")
    m, f, t = _month(month, "month"), _month(date_from, "from"), _month(date_to, "to")
    qs = selectors.stats_entries(unit=unit_obj, month=m, date_from=f, date_to=t)
    return {"filters": {"unit": unit or None, "month": month or None, "date_from": date_from or None,
                        "date_to": date_to or None, "group_by": group_by},
            "totals": selectors.figures(qs), "rows": selectors.stats_grouped(qs, group_by=group_by)}
