"""`minhbach demo generate`: bulk-written data that the services themselves would have written."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from minhbach.cases.models import Case, Deadline, ItemType, Status, Submitter
from minhbach.cases.services.clocks import _due
from minhbach.core import clock
from minhbach.core.audit import audit_verify
from minhbach.core.models import AuditEvent, AuditHead
from minhbach.demo.generate import GenerateRefused, generate
from minhbach.transparency import selectors
from minhbach.transparency.models import RegisterEntry, RegisterMonth, RegisterScope
from minhbach.transparency.services import entry_search_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def generated():
    # A fixed day: which months are complete and published "now" must not depend on the day the suite runs (on the
    # 3rd of a month the last month is not signed off yet, and fewer published entries are left to compare).
    with clock.frozen("2026-11-20T10:00:00"):
        yield generate(items=400, years=0.6, units=6, seed=11)


def test_every_item_has_its_sender_clocks_and_audit_trail(generated):
    assert Case.objects.count() == generated.items >= 400
    assert Submitter.objects.count() == generated.items
    assert set(Case.objects.values_list("type", flat=True)) == set(ItemType.values)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.ACCEPTED, Status.ANSWERED, Status.CLOSED, Status.FORWARDED} <= statuses
    assert Deadline.objects.filter(state=Deadline.State.MISSED).exists()
    assert Deadline.objects.filter(state=Deadline.State.MET).exists()
    received = AuditEvent.objects.filter(verb="received", object_type="cases.case").count()
    assert received == generated.items
    report = audit_verify()
    assert report.first_broken_id is None and report.checked == AuditEvent.objects.count()
    assert AuditHead.objects.get(pk=1).last_hash == AuditEvent.objects.order_by("-id").first().hash


def test_identities_are_sealed_and_open_with_the_vault(generated):
    sub = Submitter.objects.exclude(sealed=b"").select_related("case").first()
    assert sub.pseudonym and sub.key_wraps
    assert sub.name  # decrypts with the master key
    assert sub.name.encode() not in bytes(sub.sealed)


def test_running_clocks_are_those_the_clock_service_computes(generated):
    for d in Deadline.objects.filter(state=Deadline.State.OPEN).order_by("id")[:200]:
        assert d.due_date == _due(d.rule_code, d.start_date, extensions=d.extensions, variant=d.variant,
                                  paused_days=d.paused_days)
    for case in Case.objects.filter(status=Status.ACCEPTED)[:100]:
        running = Deadline.objects.filter(case=case, state=Deadline.State.OPEN).order_by("due_date").first()
        assert case.due_date == (running.due_date if running else None)


def test_the_published_register_is_what_register_publish_would_have_frozen(generated):
    registers = RegisterMonth.objects.filter(scope=RegisterScope.UNIT)
    assert registers.exists()
    checked = 0
    for register in registers.order_by("-month")[:12]:
        cases = selectors.month_cases(unit=register.unit, month=register.month)
        entries = {e.case_id: e for e in register.entries.all()}
        assert set(entries) == set(cases.values_list("id", flat=True))
        as_of = clock.local_date(register.published_at)
        for row in selectors.register_draft(unit=register.unit, month=register.month, as_of=as_of):
            e = entries[row.case.pk]
            assert not row.problems
            assert e.summary == row.summary
            if row.case.updated_at <= register.published_at:  # unchanged since: every figure agrees
                assert e.result_summary == row.result_summary
                for field, value in row.values.items():
                    assert getattr(e, field) == value, (field, row.case.pk)
                checked += 1
    assert checked > 50
    for entry in RegisterEntry.objects.order_by("?")[:200]:  # searched by the same text the service would store
        assert entry.search_text == entry_search_text(entry)
    # The statistics are computed from the same entries: they agree with the register.
    figures = selectors.figures(selectors.stats_entries())
    assert figures["received"] == RegisterEntry.objects.filter(register__scope=RegisterScope.UNIT).count()
    assert RegisterMonth.objects.filter(scope=RegisterScope.PROVINCE).exists()


def test_a_second_generation_is_refused_unless_appended(generated, monkeypatch):
    monkeypatch.setattr("minhbach.demo.generate.DEMO_MAX_ITEMS", 100)
    with pytest.raises(GenerateRefused):
        generate(items=10, years=0.2, units=6, seed=12)
    with pytest.raises(CommandError):
        call_command("demo", "generate", "--items", "10", "--units", "6", "--years", "0.2")
    before = Case.objects.count()
    more = generate(items=50, years=0.2, units=6, seed=12, append=True)
    assert Case.objects.count() == before + more.items
    assert audit_verify().first_broken_id is None
    assert Case.objects.values("tracking_code").distinct().count() == Case.objects.count()


def test_the_generated_open_backlog_sits_mostly_with_the_largest_unit(generated):
    largest = generated.largest_unit
    open_by_unit = {}
    for code in Case.objects.filter(status__in=[Status.RECEIVED, Status.ACCEPTED]).values_list("unit__code", flat=True):
        open_by_unit[code] = open_by_unit.get(code, 0) + 1
    assert max(open_by_unit, key=open_by_unit.get) == largest
    assert Case.objects.filter(received_at__gt=clock.now()).count() == 0
    assert Case.objects.filter(received_at__lt=clock.now() - dt.timedelta(days=int(0.6 * 366) + 40)).count() == 0
