"""`minhbach rules due RULE_CODE YYYY-MM-DD [--extensions K] [--variant V]` and `minhbach rules list`."""
from __future__ import annotations

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minhbach.core import clock
from minhbach.rules.deadlines import DeadlineError, compute_due
from minhbach.rules.models import Rule
from minhbach.rules.selectors import calendar_get, rule_get_in_force, rule_spec, rules_in_force

USAGE_ERROR = 2


def _fail(message_vi: str, message_en: str) -> CommandError:
    # Both languages on one line: the command is used by staff and by integrators alike.
    return CommandError(f"{message_vi} / {message_en}", returncode=USAGE_ERROR)


def _parse_date(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"Ngày không hợp lệ: {value!r} (cần YYYY-MM-DD)",
                    f"invalid date: {value!r} (expected YYYY-MM-DD)") from None


def _parse_count(value: str) -> int:
    if not re.fullmatch(r"\d{1,3}", value):
        raise _fail(f"Số lần gia hạn không hợp lệ: {value!r}",
                    f"invalid number of extensions: {value!r}")
    return int(value)


class Command(BaseCommand):
    help = _("Statutory rules: compute a due date, or list the rules in force.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        due = sub.add_parser("due", help=_("Print the due date (YYYY-MM-DD) of a rule counted from a start date."))
        due.add_argument("code", help=_("Rule code, e.g. C2 or D1"))
        due.add_argument("start", help=_("Day the period starts from, YYYY-MM-DD (not counted)"))
        due.add_argument("--extensions", default="0", help=_("Number of extensions granted"))
        due.add_argument("--variant", default="", help=_("complex, remote, remote_complex, several_places, …"))
        listing = sub.add_parser("list", help=_("Print the rules in force."))
        listing.add_argument("--on", default="", help=_("Date, YYYY-MM-DD (default: today)"))

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "due":
            self._due(options["code"], options["start"], options["extensions"], options["variant"])
        else:
            self._list(options["on"])

    def _due(self, code: str, start_text: str, extensions_text: str, variant: str) -> None:
        start = _parse_date(start_text)
        extensions = _parse_count(str(extensions_text))
        code = code.strip().upper()
        if not Rule.objects.filter(code=code).exists():
            raise _fail(f"Không có quy tắc mã {code!r}", f"unknown rule code {code!r}")
        try:
            rule = rule_get_in_force(code=code, on=start)
        except Rule.DoesNotExist:
            raise _fail(f"Quy tắc {code} không có hiệu lực ngày {start:%Y-%m-%d}",
                        f"rule {code} is not in force on {start:%Y-%m-%d}") from None
        try:
            due = compute_due(rule=rule_spec(rule), start=start, extensions=extensions,
                              calendar=calendar_get(), variant=variant.strip())
        except DeadlineError as error:
            raise _fail(error.message_vi, error.message_en) from None
        self.stdout.write(f"{due:%Y-%m-%d}")

    def _list(self, on_text: str) -> None:
        on = _parse_date(on_text) if on_text else clock.today()
        rows = [(_("Code"), _("Days"), _("Day type"), _("Legal basis"), _("In force"))]
        for rule in rules_in_force(on=on):
            in_force = f"{rule.effective_from:%Y-%m-%d}–{rule.effective_to:%Y-%m-%d}" if rule.effective_to \
                else f"{rule.effective_from:%Y-%m-%d}–"
            figure = str(rule.days) if rule.days is not None else "–"
            day_type = rule.get_day_type_display() if rule.day_type else "–"
            rows.append((rule.code, figure, str(day_type), rule.legal_basis, in_force))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths)]
            self.stdout.write("  ".join([*cells, row[-1]]).rstrip())
