"""The periodic deadline sweep: due soon → the handler; overdue → handler and unit leader; long overdue → the office.

Idempotent: each item remembers the highest escalation level already sent, so a second run sends nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases.models import CLOCK_STATUSES, Case
from minhbach.cases.services.notify import notify_users
from minhbach.core import clock
from minhbach.orgs.models import OrgUnit, Role
from minhbach.orgs.selectors import unit_heads, unit_members


@dataclass
class SweepReport:
    checked: int = 0
    due_soon: int = 0
    overdue: int = 0
    escalated: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _office_users(unit: OrgUnit):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__role=Role.PROVINCIAL_OFFICE,
                                           memberships__unit__path__startswith=unit.root_path).distinct()


def deadlines_sweep(*, today: dt.date | None = None, batch: int = 1000) -> SweepReport:
    """Notify about every running clock that is due soon or overdue, once per escalation level."""
    today = today or clock.today()
    soon = today + dt.timedelta(days=settings.DUE_SOON_DAYS)
    office_after = today - dt.timedelta(days=settings.ESCALATE_TO_OFFICE_AFTER_DAYS)
    report = SweepReport()
    last_id = 0
    while True:
        rows = list(
            Case.objects.filter(status__in=CLOCK_STATUSES, due_date__lte=soon, escalation_level__lt=3, id__gt=last_id)
            .select_related("unit", "assignee").order_by("id")[:batch]
        )
        if not rows:
            return report
        for case in rows:
            last_id = case.id
            report.checked += 1
            level = 3 if case.due_date < office_after else 2 if case.due_date < today else 1
            if level <= case.escalation_level:
                continue
            with transaction.atomic():
                updated = Case.objects.filter(pk=case.pk, escalation_level__lt=level).update(escalation_level=level)
                if not updated:  # another sweep got there first
                    continue
                _send(case, level)
            if level == 1:
                report.due_soon += 1
            elif level == 2:
                report.overdue += 1
            else:
                report.escalated += 1


def _send(case: Case, level: int) -> None:
    code = case.tracking_code
    due = case.due_date.strftime("%d/%m/%Y")
    handlers = [case.assignee] if case.assignee else list(unit_members(case.unit, [Role.HANDLER, Role.INSPECTOR]))
    key = f"sweep:case{case.pk}:{case.due_date.isoformat()}:L"
    if level >= 1:
        notify_users(users=handlers, subject=_("Due soon: %(code)s (%(due)s)") % {"code": code, "due": due} if level == 1
                     else _("Overdue: %(code)s (due %(due)s)") % {"code": code, "due": due},
                     body=_("Item %(code)s is due on %(due)s under rule %(rule)s.") % {"code": code, "due": due, "rule": case.due_rule},
                     dedupe_key=key + str(level))
    if level >= 2:
        notify_users(users=unit_heads(case.unit), subject=_("Overdue: %(code)s (due %(due)s)") % {"code": code, "due": due},
                     body=_("Item %(code)s of your unit is overdue since %(due)s (rule %(rule)s).") % {"code": code, "due": due, "rule": case.due_rule},
                     dedupe_key=key + "2lead")
    if level >= 3:
        notify_users(users=_office_users(case.unit),
                     subject=_("Long overdue at %(unit)s: %(code)s") % {"unit": case.unit.name, "code": code},
                     body=_("Item %(code)s at %(unit)s has been overdue since %(due)s (rule %(rule)s).")
                     % {"code": code, "unit": case.unit.name, "due": due, "rule": case.due_rule},
                     dedupe_key=key + "3office")
