"""The periodic deadline sweep: due soon → the handler; overdue → handler and unit leader; long overdue → the office.

Idempotent: each item remembers the highest escalation level already sent, so a second run sends nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.cases.models import CLOCK_STATUSES, Case
from minhbach.cases.services.notify import notify_many
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


# What the sweep reads of an item: the level decision, the notice's text and its recipients.
SWEEP_FIELDS = ("id", "tracking_code", "due_date", "due_rule", "escalation_level", "unit_id", "assignee_id")


class _Recipients:
    """Who is told, per unit, read once per sweep (not once per item)."""

    def __init__(self):
        self._handlers: dict[int, list] = {}
        self._heads: dict[int, list] = {}
        self._office: dict[str, list] = {}
        self._units: dict[int, OrgUnit] = {}
        self._users: dict[int, object] = {}

    def attach(self, cases: list[Case]) -> None:
        """Give each item of a batch its unit and assignee, each read once per sweep (one query per batch at most)."""
        from django.contrib.auth import get_user_model

        unit_ids = {c.unit_id for c in cases} - self._units.keys()
        if unit_ids:
            self._units.update(OrgUnit.objects.in_bulk(unit_ids))
        user_ids = {c.assignee_id for c in cases if c.assignee_id} - self._users.keys()
        if user_ids:
            self._users.update(get_user_model().objects.in_bulk(user_ids))
        for case in cases:
            case.unit = self._units[case.unit_id]
            if case.assignee_id:
                case.assignee = self._users[case.assignee_id]

    def handlers(self, case: Case) -> list:
        if case.assignee_id:
            return [case.assignee]
        if case.unit_id not in self._handlers:
            self._handlers[case.unit_id] = list(unit_members(case.unit, [Role.HANDLER, Role.INSPECTOR]))
        return self._handlers[case.unit_id]

    def heads(self, unit: OrgUnit) -> list:
        if unit.pk not in self._heads:
            self._heads[unit.pk] = list(unit_heads(unit))
        return self._heads[unit.pk]

    def office(self, unit: OrgUnit) -> list:
        root = unit.root_path
        if root not in self._office:
            from django.contrib.auth import get_user_model

            self._office[root] = list(get_user_model().objects.filter(
                memberships__role=Role.PROVINCIAL_OFFICE, memberships__unit__path__startswith=root).distinct())
        return self._office[root]


def deadlines_sweep(*, today: dt.date | None = None, batch: int = 1000) -> SweepReport:
    """Notify about every running clock that is due soon or overdue, once per escalation level.

    Each batch runs in one transaction: its rows are locked (a concurrent sweep waits, then sees the levels this
    one wrote and skips them), levels are raised with one UPDATE per level, and the notices are inserted in bulk;
    the outbox's unique dedupe key keeps every notice single even if two sweeps overlap.
    """
    today = today or clock.today()
    soon = today + dt.timedelta(days=settings.DUE_SOON_DAYS)
    office_after = today - dt.timedelta(days=settings.ESCALATE_TO_OFFICE_AFTER_DAYS)
    report = SweepReport()
    recipients = _Recipients()
    last_id = 0
    while True:
        with transaction.atomic():
            # Only the columns a notice needs (not the letter's content); units and assignees from the sweep's caches.
            rows = list(
                Case.objects.filter(status__in=CLOCK_STATUSES, due_date__lte=soon, escalation_level__lt=3, id__gt=last_id)
                .only(*SWEEP_FIELDS).select_for_update().order_by("id")[:batch]
            )
            if not rows:
                return report
            last_id = rows[-1].id
            recipients.attach(rows)
            raised: dict[int, list[Case]] = {1: [], 2: [], 3: []}
            for case in rows:
                report.checked += 1
                level = 3 if case.due_date < office_after else 2 if case.due_date < today else 1
                if level > case.escalation_level:
                    raised[level].append(case)
            notices = []
            for level, cases in raised.items():
                if not cases:
                    continue
                Case.objects.filter(pk__in=[c.pk for c in cases]).update(escalation_level=level)
                for case in cases:
                    notices += _notices(case, level, recipients)
                if level == 1:
                    report.due_soon += len(cases)
                elif level == 2:
                    report.overdue += len(cases)
                else:
                    report.escalated += len(cases)
            notify_many(_digests(notices))


DIGEST_LINES = 100  # items listed in one digest; the rest are counted


def _digests(notices: list[tuple]) -> list[tuple]:
    """One message per person and kind of notice for a batch: a handler with 300 newly overdue items gets one
    e-mail listing them, not 300. A single item keeps its own message (and key); each item is still notified once,
    since its escalation level is raised in the same transaction. Texts are written only for what is sent."""
    groups: dict[tuple[str, int], list[tuple]] = {}
    people: dict[int, object] = {}
    for users, kind, case in notices:
        for user in users:
            people[user.pk] = user
            groups.setdefault((kind, user.pk), []).append(case)
    out = []
    for (kind, pk), cases in groups.items():
        user = people[pk]
        if len(cases) == 1:
            subject, body = _texts(kind, cases[0])
            out.append(([user], subject, body, _key(kind, cases[0])))
            continue
        n = len(cases)
        subject = {
            "soon": _("%(n)d items due soon") % {"n": n},
            "overdue": _("%(n)d items overdue") % {"n": n},
            "lead": _("%(n)d items of your unit overdue") % {"n": n},
            "office": _("%(n)d items long overdue") % {"n": n},
        }[kind]
        lines = [_texts(kind, case)[1] for case in cases[:DIGEST_LINES]]
        if n > DIGEST_LINES:
            lines.append(_("… and %(n)d more: see the inbox.") % {"n": n - DIGEST_LINES})
        digest = hashlib.sha256("|".join(_key(kind, case) for case in cases).encode()).hexdigest()[:20]
        out.append(([user], subject, "\n".join(lines), f"sweep:digest:{kind}:{digest}"))
    return out


_LEVEL_SUFFIX = {"soon": "1", "overdue": "", "lead": "2lead", "office": "3office"}


def _key(kind: str, case: Case) -> str:
    """The dedupe key of one item's notice (as before digests: `…:L1`, `…:L2`/`…:L3`, `…:L2lead`, `…:L3office`)."""
    suffix = _LEVEL_SUFFIX[kind] or str(case.escalation_level_new)
    return f"sweep:case{case.pk}:{case.due_date.isoformat()}:L{suffix}"


def _texts(kind: str, case: Case) -> tuple[str, str]:
    code, due, rule = case.tracking_code, case.due_date.strftime("%d/%m/%Y"), case.due_rule
    if kind == "soon":
        return (_("Due soon: %(code)s (%(due)s)") % {"code": code, "due": due},
                _("Item %(code)s is due on %(due)s under rule %(rule)s.") % {"code": code, "due": due, "rule": rule})
    if kind == "overdue":
        return (_("Overdue: %(code)s (due %(due)s)") % {"code": code, "due": due},
                _("Item %(code)s is due on %(due)s under rule %(rule)s.") % {"code": code, "due": due, "rule": rule})
    if kind == "lead":
        return (_("Overdue: %(code)s (due %(due)s)") % {"code": code, "due": due},
                _("Item %(code)s of your unit is overdue since %(due)s (rule %(rule)s).")
                % {"code": code, "due": due, "rule": rule})
    return (_("Long overdue at %(unit)s: %(code)s") % {"unit": case.unit.name, "code": code},
            _("Item %(code)s at %(unit)s has been overdue since %(due)s (rule %(rule)s).")
            % {"code": code, "unit": case.unit.name, "due": due, "rule": rule})


def _notices(case: Case, level: int, recipients: _Recipients) -> list[tuple]:
    """(users, kind, item) of every notice an item's new escalation level calls for; texts come later."""
    case.escalation_level_new = level
    out = [(recipients.handlers(case), "soon" if level == 1 else "overdue", case)]
    if level >= 2:
        out.append((recipients.heads(case.unit), "lead", case))
    if level >= 3:
        out.append((recipients.office(case.unit), "office", case))
    return out
