"""`minhbach retention run [--dry-run] [--today YYYY-MM-DD]`: move to the archive the ineligible letters kept a year (R4).

It also runs daily in the worker. Prints the report: the counts per unit, per reason and per type (never an identity).
"""
from __future__ import annotations

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minhbach.cases.models import ItemType, RetentionReason, RetentionRun
from minhbach.cases.services.retention import RetentionReport, retention_run

USAGE_ERROR = 2


def _parse_date(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (cần YYYY-MM-DD) / invalid date: {value!r} (expected YYYY-MM-DD)",
                           returncode=USAGE_ERROR) from None


def report_lines(report: RetentionReport) -> list[str]:
    """The report as aligned text lines: a heading, then one table per unit, reason and type."""
    head = (_("Dry run: nothing was changed. Would move to the archive %(n)d items decided on or before %(date)s (%(basis)s).")
            if report.dry_run else
            _("Moved to the archive %(n)d items decided on or before %(date)s (%(basis)s)."))
    lines = [head % {"n": report.archived, "date": f"{report.decided_on_or_before:%Y-%m-%d}", "basis": report.legal_basis}]
    if report.run_id:
        lines.append(_("Run %(id)d for %(day)s.") % {"id": report.run_id, "day": f"{report.as_of:%Y-%m-%d}"})
    reasons = dict(RetentionReason.choices)
    types = dict(ItemType.choices)
    tables = [
        (_("Unit"), [(f"{code} — {report.unit_names.get(code, '')}", n)
                     for code, n in sorted(report.by_unit.items(), key=lambda kv: (-kv[1], kv[0]))]),
        (_("Reason"), [(str(reasons.get(key, key)), n) for key, n in sorted(report.by_reason.items())]),
        (_("Type"), [(str(types.get(key, key)), n) for key, n in sorted(report.by_type.items())]),
    ]
    for title, rows in tables:
        if not rows:
            continue
        width = max(len(title), *(len(label) for label, _n in rows))
        lines.append("")
        lines.append(f"{title.ljust(width)}  {_('Items'):>7}")
        lines += [f"{label.ljust(width)}  {n:>7}" for label, n in rows]
        lines.append(f"{_('Total').ljust(width)}  {sum(n for _label, n in rows):>7}")
    return lines


class Command(BaseCommand):
    help = _("R4 retention: move to the archive the letters not eligible for handling whose year has ended.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        run = sub.add_parser("run", help=_("Run the retention job now and print its report."))
        run.add_argument("--dry-run", action="store_true", help=_("Count what would be moved; change nothing."))
        run.add_argument("--today", default="", help=_("Run as on this day, YYYY-MM-DD (default: today)"))

    def handle(self, *args, subcommand: str, **options):
        today = _parse_date(options["today"]) if options["today"] else None
        report = retention_run(today=today, dry_run=options["dry_run"], trigger=RetentionRun.Trigger.COMMAND)
        for line in report_lines(report):
            self.stdout.write(line)
