"""In-database part of the benchmark, run by scripts/bench.py in a subprocess with the bench database's settings.

    python scripts/bench/ops.py targets   → JSON: what the HTTP part reads (token, unit, items, month, search term)
    python scripts/bench/ops.py ops       → JSON: timed sweep, publication of a unit-month, provincial register

Everything is chosen from the data (the unit with the most open items, its latest published month, a term taken
from a published summary); nothing is hard-coded.
"""
from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from minhbach.accounts.models import ApiToken, User  # noqa: E402
from minhbach.cases.models import CLOCK_STATUSES, OPEN_STATUSES, Case, Category  # noqa: E402
from minhbach.core import clock  # noqa: E402
from minhbach.core.models import OutboxMessage  # noqa: E402
from minhbach.orgs.models import Membership, OrgUnit, Role  # noqa: E402
from minhbach.transparency import selectors as tx  # noqa: E402
from minhbach.transparency.models import RegisterEntry, RegisterMonth, RegisterScope  # noqa: E402
from minhbach.transparency.search import fold  # noqa: E402


def largest_unit() -> OrgUnit:
    row = (Case.objects.filter(status__in=OPEN_STATUSES).values("unit").annotate(n=Count("id")).order_by("-n").first())
    return OrgUnit.objects.get(pk=row["unit"])


def targets() -> dict:
    unit = largest_unit()
    handler = (User.objects.filter(memberships__unit=unit, memberships__role__in=[Role.HANDLER, Role.INSPECTOR])
               .order_by("pk").first())
    _token, raw = ApiToken.issue(user=handler, name=f"bench {clock.now():%Y-%m-%d %H:%M}")
    rng = random.Random(7)
    open_ids = list(Case.objects.filter(unit=unit, status__in=OPEN_STATUSES).order_by("?").values_list("id", flat=True)[:40])
    reg = RegisterMonth.objects.filter(unit=unit, scope=RegisterScope.UNIT).order_by("-month").first()
    summaries = list(RegisterEntry.objects.filter(register=reg).values_list("summary", flat=True)[:200])
    words = [w for w in fold(rng.choice(summaries)).split() if len(w) >= 3 and w.isalpha()]
    i = rng.randrange(max(len(words) - 1, 1))
    term = " ".join(words[i:i + 2])
    units = list(OrgUnit.objects.filter(path__startswith=unit.root_path, active_to__isnull=True)
                 .exclude(kind__in=["front", "province"]).values_list("code", flat=True))
    return {
        "token": raw, "unit": unit.code, "unit_open": Case.objects.filter(unit=unit, status__in=OPEN_STATUSES).count(),
        "due_soon": tx_count_due_soon(unit), "item_ids": open_ids, "register_month": f"{reg.month:%Y-%m}" if reg else "",
        "register_entries": len(RegisterEntry.objects.filter(register=reg).values_list("id", flat=True)) if reg else 0,
        "search": term, "units": units, "categories": list(Category.objects.values_list("code", flat=True)),
        "items": Case.objects.count(), "vendor": connection.vendor,
    }


def tx_count_due_soon(unit: OrgUnit) -> int:
    import datetime as dt

    from django.conf import settings

    today = clock.today()
    return Case.objects.filter(unit=unit, status__in=CLOCK_STATUSES, due_date__gte=today,
                               due_date__lte=today + dt.timedelta(days=settings.DUE_SOON_DAYS)).count()


def timed(fn):
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def consolidated_month():
    """The latest month that most units have signed off (early in a month, last month is still being signed off)."""
    import datetime as dt

    last = tx.month_start(clock.today().replace(day=1) - dt.timedelta(days=1))
    candidates = [last]
    for _ in range(2):
        candidates.append(tx.month_start(candidates[-1] - dt.timedelta(days=1)))
    signed = dict(RegisterMonth.objects.filter(scope=RegisterScope.UNIT, month__in=candidates).values("month")
                  .annotate(n=Count("id")).values_list("month", "n"))
    most = max(signed.values(), default=0)
    return next((m for m in candidates if signed.get(m, 0) >= 0.9 * most), last)


def ops() -> dict:
    from minhbach.cases.services.sweep import deadlines_sweep
    from minhbach.transparency.services import province_publish, register_publish

    out: dict = {}
    # The sweep, cold: as on the first run over this data, every running clock's notices are still to be sent.
    # (Earlier bench runs sent them; their outbox rows and levels are reset so every run measures the same work.)
    with transaction.atomic():
        OutboxMessage.objects.filter(dedupe_key__startswith="sweep:").delete()
        Case.objects.filter(status__in=CLOCK_STATUSES, escalation_level__gt=0).update(escalation_level=0)
    out["open_clock_items"] = Case.objects.filter(status__in=CLOCK_STATUSES, due_date__isnull=False).count()
    out["sweep_s"], report = timed(deadlines_sweep)
    out["sweep_report"] = report.as_dict()
    out["sweep_warm_s"], report2 = timed(deadlines_sweep)
    out["sweep_warm_report"] = report2.as_dict()

    unit = largest_unit()
    root = OrgUnit.objects.get(path=unit.root_path)
    month = consolidated_month()
    leader = User.objects.filter(memberships__unit=unit, memberships__role=Role.LEADER).order_by("-memberships__is_head", "pk").first()
    office = User.objects.filter(memberships__role=Role.PROVINCIAL_OFFICE,
                                 memberships__unit__path__startswith=root.path).order_by("pk").first()
    # Re-measurable: a month this bench published before is withdrawn first (bench database only).
    with transaction.atomic():
        RegisterMonth.objects.filter(unit=root, scope=RegisterScope.PROVINCE, month=month).delete()
        RegisterMonth.objects.filter(unit=unit, scope=RegisterScope.UNIT, month=month).delete()
    out["publish_month"] = f"{month:%Y-%m}"
    out["publish_items"] = tx.month_cases(unit=unit, month=month).count()
    out["publish_s"], register = timed(lambda: register_publish(unit=unit, month=month, actor=leader))
    if office is None:
        office = User.objects.create(username=f"bench-office-{root.pk}", full_name="Bench office")
        Membership.objects.create(user=office, unit=root, role=Role.PROVINCIAL_OFFICE)
    out["province_register_s"], prov = timed(lambda: province_publish(root=root, month=month, actor=office))
    out["province_units"] = prov.included.count()
    out["province_entries"] = RegisterEntry.objects.filter(register__in=prov.included.all()).count()
    return out


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "targets"
    result = {"targets": targets, "ops": ops}[command]()
    print("BENCH-JSON " + json.dumps(result, default=str))
