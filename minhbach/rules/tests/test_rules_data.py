"""Rules loaded by the data migration, their versions in force, the calendar with overrides, the services."""
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from minhbach.rules import services
from minhbach.rules.deadlines import compute_due
from minhbach.rules.models import CalendarOverride, Rule
from minhbach.rules.selectors import calendar_get, rule_get_in_force, rule_spec, rules_in_force

D = dt.date
pytestmark = pytest.mark.django_db

EVERY_CODE = {
    "R1", "R2", "R3", "R4", "R5", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "D4", "A1", "A2", "A3",
    "T1", "T2", "T3", "T4", "T5", "T6", "K1", "K2", "K3", "K4", "V1", "G1", "G2", "G3", "S1", "F1", "O1", "P1",
}


def test_every_row_of_the_legal_rules_table_is_loaded_with_its_basis():
    assert set(Rule.objects.values_list("code", flat=True)) == EVERY_CODE
    assert all(rule.legal_basis and rule.title_vi and rule.title_en for rule in Rule.objects.all())


def test_clock_figures_are_loaded_as_in_the_table():
    figures = {r.code: (r.days, r.day_type) for r in rules_in_force(on=D(2026, 3, 1)) if r.days is not None}
    assert figures == {
        "R2": (10, "working"), "C1": (10, "calendar"), "C2": (30, "calendar"), "C3": (45, "calendar"),
        "C4": (90, "calendar"), "C5": (15, "calendar"), "D1": (7, "working"), "D2": (5, "working"),
        "D3": (30, "calendar"), "A1": (5, "working"), "A2": (15, "calendar"), "K3": (5, "calendar"),
        "G3": (-5, "working"), "P1": (15, "working"),
    }


def test_unverified_figures_and_the_administrator_default_say_so_in_their_note():
    assert "unverified" in Rule.objects.get(code="R2").note
    assert "unverified" in Rule.objects.get(code="D1").note
    p1 = Rule.objects.get(code="P1")
    assert "not a statut" in p1.note and sorted(p1.applies_to) == ["gop_y", "kien_nghi", "phan_anh"]


def test_k2_threshold_changes_on_1_july_2026():
    assert "300 million" in rule_get_in_force(code="K2", on=D(2026, 6, 30)).figure_text
    assert "1 billion" in rule_get_in_force(code="K2", on=D(2026, 7, 1)).figure_text


def test_district_reception_rule_is_not_in_force_after_districts_were_abolished():
    assert rule_get_in_force(code="T4", on=D(2025, 6, 30)).figure_text == "≥ 2 days a month"
    with pytest.raises(Rule.DoesNotExist):
        rule_get_in_force(code="T4", on=D(2025, 7, 1))


def test_rule_spec_from_the_database_gives_the_statutory_dates():
    c3 = rule_spec(rule_get_in_force(code="C3", on=D(2026, 3, 2)))
    cal = calendar_get()
    # Mon 2/3 + 45 = Thu 16/4; + 60 = Fri 1/5 (off) -> Mon 4/5; remote + 1 extension = 70 -> Mon 11/5.
    assert compute_due(rule=c3, start=D(2026, 3, 2), calendar=cal) == D(2026, 4, 16)
    assert compute_due(rule=c3, start=D(2026, 3, 2), calendar=cal, variant="complex") == D(2026, 5, 4)
    assert compute_due(rule=c3, start=D(2026, 3, 2), calendar=cal, variant="remote", extensions=1) == D(2026, 5, 11)


def test_end_of_validity_before_start_is_refused_by_the_database():
    rule = Rule.objects.get(code="C1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.filter(pk=rule.pk).update(effective_to=D(2000, 1, 1))


def test_two_versions_of_a_rule_cannot_start_on_the_same_day():
    c1 = Rule.objects.get(code="C1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(code="C1", title_vi="x", title_en="x", stage="accept", legal_basis="x",
                            effective_from=c1.effective_from)


def test_overlapping_versions_of_a_rule_are_refused_on_validation():
    rule = Rule(code="C1", title_vi="x", title_en="x", stage="accept", legal_basis="x",
                days=10, day_type="calendar", effective_from=D(2026, 1, 1))
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_admin_day_off_is_used_by_the_calendar_and_dropped_when_deleted():
    # P1 from Fri 13/2: 15th working day is Fri 13/3; with Tue 10/3 off it is Mon 16/3.
    p1 = rule_spec(rule_get_in_force(code="P1", on=D(2026, 2, 13)))
    assert compute_due(rule=p1, start=D(2026, 2, 13), calendar=calendar_get()) == D(2026, 3, 13)
    override = services.calendar_override_create(date=D(2026, 3, 10), kind="day_off", name="Provincial day")
    assert compute_due(rule=p1, start=D(2026, 2, 13), calendar=calendar_get()) == D(2026, 3, 16)
    services.calendar_override_delete(override=override)
    assert compute_due(rule=p1, start=D(2026, 2, 13), calendar=calendar_get()) == D(2026, 3, 13)


def test_admin_working_day_is_used_by_the_calendar():
    services.calendar_override_create(date=D(2026, 3, 7), kind="working_day", name="Make-up Saturday")
    assert calendar_get().is_working_day(D(2026, 3, 7))


def test_one_override_per_date():
    services.calendar_override_create(date=D(2026, 3, 10), kind="day_off", name="A")
    with pytest.raises(ValidationError):
        services.calendar_override_create(date=D(2026, 3, 10), kind="working_day", name="B")
    assert CalendarOverride.objects.count() == 1


def test_calendar_is_served_from_cache_until_overrides_change(django_assert_num_queries):
    calendar_get()
    with django_assert_num_queries(0):  # served from this process's cache
        calendar_get()
    services.calendar_override_create(date=D(2026, 3, 10), kind="day_off", name="Provincial day")
    assert not calendar_get().is_working_day(D(2026, 3, 10))  # a save clears the cache at once


def test_rule_update_changes_the_figure_and_is_audited():
    from minhbach.core.models import AuditEvent

    user = get_user_model().objects.create_user(username="admin1", password="x" * 12)
    p1 = Rule.objects.get(code="P1")
    services.rule_update(rule=p1, data={"days": 10, "note": "Changed by the province."}, actor=user)
    p1.refresh_from_db()
    assert (p1.days, p1.note) == (10, "Changed by the province.")
    event = AuditEvent.objects.get(verb="rules.rule_updated")
    assert event.data["after"] == {"days": 10, "note": "Changed by the province."}


def test_rule_update_refuses_the_identity_fields():
    with pytest.raises(ValueError):
        services.rule_update(rule=Rule.objects.get(code="P1"), data={"code": "P2"})
