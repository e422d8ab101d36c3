"""Every statutory clock with exact dates across 2026's holidays; expected dates are counted by hand.

2026 facts used below: 1/2 and 1/3 are Sundays; Tết is Mon 16 – Fri 20 February (with weekends
14–15 and 21–22); Hùng Kings is Sun 26/4, observed Mon 27/4; 30/4 (Thu) and 1/5 (Fri) are off;
Sat 22/8 is a working day given in exchange for Mon 31/8 off; 1/9 and 2/9 are off; Tue 24/11 is
Vietnam Cultural Day. January and March have 31 days, February 28.
"""
import datetime as dt

import pytest

from minhbach.rules.calendar import WorkCalendar
from minhbach.rules.deadlines import (
    DayType, NoClockError, Period, RuleSpec, TooManyExtensionsError, UnknownVariantError, compute_due,
)

D = dt.date
VN = WorkCalendar()
W, C = DayType.WORKING, DayType.CALENDAR

# Figures from LEGAL_RULES.md, written out here so the tests do not depend on the database.
R2 = RuleSpec(code="R2", days=10, day_type=W)
C1 = RuleSpec(code="C1", days=10, day_type=C)
C2 = RuleSpec(code="C2", days=30, day_type=C, extension_days=15, max_extensions=1, variants={
    "complex": Period(45), "remote": Period(45, 15, 1), "remote_complex": Period(60)})
C3 = RuleSpec(code="C3", days=45, day_type=C, extension_days=15, max_extensions=1, variants={
    "complex": Period(60), "remote": Period(60, 10, 1), "remote_complex": Period(70)})
D1 = RuleSpec(code="D1", days=7, day_type=W, extension_days=3, max_extensions=1,
              variants={"several_places": Period(10), "forward": Period(5)})
D2 = RuleSpec(code="D2", days=5, day_type=W)
D3 = RuleSpec(code="D3", days=30, day_type=C, extension_days=30, max_extensions=2)
A1 = RuleSpec(code="A1", days=5, day_type=W)
A2 = RuleSpec(code="A2", days=15, day_type=C, extension_days=15, max_extensions=1)
P1 = RuleSpec(code="P1", days=15, day_type=W)
G3 = RuleSpec(code="G3", days=-5, day_type=W)
T1 = RuleSpec(code="T1", days=None)


def due(rule, start, **kwargs):
    return compute_due(rule=rule, start=start, calendar=kwargs.pop("calendar", VN), **kwargs)


# --- Across Tết 2026 ---------------------------------------------------------------------------

def test_r2_processing_from_the_friday_before_tet_ends_ten_working_days_after_it():
    # Fri 13/2; 14–22 off. 23,24,25,26,27/2 (1–5), Mon 2 .. Fri 6/3 (6–10) -> 6/3.
    assert due(R2, D(2026, 2, 13)) == D(2026, 3, 6)


def test_c1_acceptance_ending_in_tet_moves_to_the_monday_after():
    # Tue 10/2 + 10 = Fri 20/2 (Tết) -> 21, 22 weekend -> Mon 23/2.
    assert due(C1, D(2026, 2, 10)) == D(2026, 2, 23)


def test_c2_first_complaint_ending_in_tet_moves_to_the_monday_after():
    # Mon 19/1 + 30: 19 + 12 = 31/1, + 18 = Wed 18/2 (Tết) -> Mon 23/2.
    assert due(C2, D(2026, 1, 19)) == D(2026, 2, 23)


def test_c2_first_complaint_in_an_ordinary_month():
    # Sun 4/1 + 30: 4 + 27 = 31/1, + 3 = Tue 3/2, a working day.
    assert due(C2, D(2026, 1, 4)) == D(2026, 2, 3)


def test_c2_complex_case_is_45_days_and_equals_one_extension():
    # Sun 4/1 + 45: 4 + 27 = 31/1, + 18 = Wed 18/2 (Tết) -> Mon 23/2.
    assert due(C2, D(2026, 1, 4), variant="complex") == D(2026, 2, 23)
    assert due(C2, D(2026, 1, 4), extensions=1) == D(2026, 2, 23)


def test_c2_remote_area_is_45_days():
    # Same count as the complex case: Sun 4/1 + 45 = 18/2 -> Mon 23/2.
    assert due(C2, D(2026, 1, 4), variant="remote") == D(2026, 2, 23)


def test_c2_remote_complex_case_is_60_days():
    # Sat 20/12/2025 + 60: 20 + 11 = 31/12, + 31 = 31/1 (42), + 18 = Wed 18/2 (60) -> Mon 23/2.
    assert due(C2, D(2025, 12, 20), variant="remote_complex") == D(2026, 2, 23)
    assert due(C2, D(2025, 12, 20), variant="remote", extensions=1) == D(2026, 2, 23)


def test_c3_second_complaint_figures_across_tet():
    # 45: Sun 4/1 + 45 = 18/2 -> 23/2 (as C2 complex).
    assert due(C3, D(2026, 1, 4)) == D(2026, 2, 23)
    # 60 (complex, and remote): Sat 20/12/2025 + 60 = 18/2 -> 23/2.
    assert due(C3, D(2025, 12, 20), variant="complex") == D(2026, 2, 23)
    assert due(C3, D(2025, 12, 20), variant="remote") == D(2026, 2, 23)
    # 70 (remote complex = remote + one extension of 10): Wed 10/12/2025 + 70:
    # 10 + 21 = 31/12, + 31 = 31/1 (52), + 18 = Wed 18/2 (70) -> 23/2.
    assert due(C3, D(2025, 12, 10), variant="remote_complex") == D(2026, 2, 23)
    assert due(C3, D(2025, 12, 10), variant="remote", extensions=1) == D(2026, 2, 23)


def test_c3_remote_complex_is_70_not_75_days():
    # Mon 2/3 + 70: 2 + 29 = 31/3, + 30 = 30/4 (59), + 11 = Mon 11/5 (70), a working day.
    assert due(C3, D(2026, 3, 2), variant="remote_complex") == D(2026, 5, 11)


def test_d1_initial_handling_from_the_friday_before_tet():
    # Fri 13/2: 23,24,25,26,27/2 (1–5), Mon 2/3 (6), Tue 3/3 (7).
    assert due(D1, D(2026, 2, 13)) == D(2026, 3, 3)


def test_d1_several_places_to_verify_is_10_working_days_or_one_extension_of_3():
    # ... continuing: Wed 4/3 (8), Thu 5/3 (9), Fri 6/3 (10).
    assert due(D1, D(2026, 2, 13), variant="several_places") == D(2026, 3, 6)
    assert due(D1, D(2026, 2, 13), extensions=1) == D(2026, 3, 6)


def test_d1_forwarding_outside_competence_is_5_working_days():
    # Fri 13/2: 23, 24, 25, 26, Fri 27/2 (5).
    assert due(D1, D(2026, 2, 13), variant="forward") == D(2026, 2, 27)


def test_d2_notification_counts_the_friday_before_tet_then_resumes_after_it():
    # Thu 12/2: Fri 13/2 (1), [14–22 off], 23 (2), 24 (3), 25 (4), Thu 26/2 (5).
    assert due(D2, D(2026, 2, 12)) == D(2026, 2, 26)


def test_d3_denunciation_with_zero_one_and_two_extensions_across_tet():
    # 30: Mon 19/1 + 30 = 18/2 -> 23/2.
    assert due(D3, D(2026, 1, 19)) == D(2026, 2, 23)
    # 60: Sat 20/12/2025 + 60 = 18/2 -> 23/2.
    assert due(D3, D(2025, 12, 20), extensions=1) == D(2026, 2, 23)
    # 90: Thu 20/11/2025 + 90: 20 + 10 = 30/11, + 31 = 31/12 (41), + 31 = 31/1 (72), + 18 = 18/2 (90) -> 23/2.
    assert due(D3, D(2025, 11, 20), extensions=2) == D(2026, 2, 23)


def test_d3_denunciation_with_zero_one_and_two_extensions_in_spring():
    # 30: Mon 2/3 + 30 = Wed 1/4.
    assert due(D3, D(2026, 3, 2)) == D(2026, 4, 1)
    # 60: 1/4 + 30 = Fri 1/5 (Labour Day) -> Sat 2, Sun 3 -> Mon 4/5.
    assert due(D3, D(2026, 3, 2), extensions=1) == D(2026, 5, 4)
    # 90: 1/5 + 30 = Sun 31/5 -> Mon 1/6.
    assert due(D3, D(2026, 3, 2), extensions=2) == D(2026, 6, 1)


def test_a1_accountability_acceptance_across_tet():
    # Fri 13/2: 23, 24, 25, 26, Fri 27/2 (5).
    assert due(A1, D(2026, 2, 13)) == D(2026, 2, 27)


def test_a2_explanation_with_and_without_its_extension_across_tet():
    # 15: Thu 5/2 + 15 = Fri 20/2 (Tết) -> Mon 23/2.
    assert due(A2, D(2026, 2, 5)) == D(2026, 2, 23)
    # 30: Wed 21/1 + 30: 21 + 10 = 31/1, + 20 = Fri 20/2 -> Mon 23/2.
    assert due(A2, D(2026, 1, 21), extensions=1) == D(2026, 2, 23)


def test_p1_default_for_suggestions_is_15_working_days_across_tet():
    # Fri 13/2: 23–27/2 (1–5), 2–6/3 (6–10), Mon 9 .. Fri 13/3 (11–15).
    assert due(P1, D(2026, 2, 13)) == D(2026, 3, 13)


def test_g3_supervision_plan_is_due_5_working_days_before_and_skips_tet():
    # Back from Mon 23/2: Fri 13 (1), 12 (2), 11 (3), 10 (4), Mon 9/2 (5).
    assert due(G3, D(2026, 2, 23)) == D(2026, 2, 9)


# --- Hùng Kings, 30/4 and 1/5 ------------------------------------------------------------------

def test_r2_across_hung_kings_observed_monday_and_30_4_1_5():
    # Fri 24/4: 25–26 weekend, Mon 27 observed; Tue 28 (1), Wed 29 (2); 30/4, 1/5 off, 2–3 weekend;
    # Mon 4/5 (3), 5 (4), 6 (5), 7 (6), Fri 8 (7), Mon 11 (8), 12 (9), Wed 13/5 (10).
    assert due(R2, D(2026, 4, 24)) == D(2026, 5, 13)


def test_d2_across_hung_kings_and_30_4_1_5():
    # Fri 24/4: Tue 28 (1), Wed 29 (2), Mon 4/5 (3), Tue 5 (4), Wed 6/5 (5).
    assert due(D2, D(2026, 4, 24)) == D(2026, 5, 6)


def test_c1_ending_on_hung_kings_sunday_or_its_observed_monday_moves_to_tuesday():
    # Thu 16/4 + 10 = Sun 26/4 -> Mon 27 (observed) -> Tue 28/4.
    assert due(C1, D(2026, 4, 16)) == D(2026, 4, 28)
    # Fri 17/4 + 10 = Mon 27/4 (observed) -> Tue 28/4.
    assert due(C1, D(2026, 4, 17)) == D(2026, 4, 28)


def test_c1_ending_on_30_4_moves_past_1_5_and_the_weekend():
    # Mon 20/4 + 10 = Thu 30/4 -> Fri 1/5, Sat 2, Sun 3 -> Mon 4/5.
    assert due(C1, D(2026, 4, 20)) == D(2026, 5, 4)


# --- The compensatory pair 22/8 (working Saturday) and 31/8 (day off), and 2/9 -----------------

def test_a1_counts_the_working_saturday_22_8():
    # Thu 20/8: Fri 21 (1), Sat 22 (2, working), Mon 24 (3), Tue 25 (4), Wed 26/8 (5).
    assert due(A1, D(2026, 8, 20)) == D(2026, 8, 26)


def test_r2_skips_31_8_and_national_day():
    # Mon 24/8: 25 (1), 26 (2), 27 (3), 28 (4); 29–30 weekend, 31/8, 1/9, 2/9 off;
    # Thu 3/9 (5), Fri 4 (6), Mon 7 (7), 8 (8), 9 (9), Thu 10/9 (10).
    assert due(R2, D(2026, 8, 24)) == D(2026, 9, 10)


def test_d1_counts_22_8_and_skips_31_8_to_2_9():
    # Fri 21/8: Sat 22 (1), Mon 24 (2), 25 (3), 26 (4), 27 (5), Fri 28 (6), [31, 1, 2 off] Thu 3/9 (7).
    assert due(D1, D(2026, 8, 21)) == D(2026, 9, 3)


def test_c1_ending_on_the_working_saturday_stays_and_ending_on_31_8_rolls_to_3_9():
    # Wed 12/8 + 10 = Sat 22/8, a working day: no roll.
    assert due(C1, D(2026, 8, 12)) == D(2026, 8, 22)
    # Fri 21/8 + 10 = Mon 31/8 (off) -> 1/9, 2/9 off -> Thu 3/9.
    assert due(C1, D(2026, 8, 21)) == D(2026, 9, 3)


# --- Vietnam Cultural Day 24/11 ----------------------------------------------------------------

def test_d2_skips_vietnam_cultural_day():
    # Fri 20/11: Mon 23 (1), [Tue 24 off], Wed 25 (2), Thu 26 (3), Fri 27 (4), Mon 30/11 (5).
    assert due(D2, D(2026, 11, 20)) == D(2026, 11, 30)


def test_c1_ending_on_vietnam_cultural_day_moves_to_wednesday():
    # Sat 14/11 + 10 = Tue 24/11 (off) -> Wed 25/11.
    assert due(C1, D(2026, 11, 14)) == D(2026, 11, 25)


# --- Administrator overrides, rolling forward ---------------------------------------------------

def test_admin_day_off_pushes_a_working_day_deadline():
    cal = WorkCalendar(extra_days_off={D(2026, 3, 10)})
    # Fri 13/2: 23–27/2 (1–5), 2–6/3 (6–10), Mon 9 (11), [Tue 10 off], 11 (12), 12 (13), 13 (14), Mon 16/3 (15).
    assert due(P1, D(2026, 2, 13), calendar=cal) == D(2026, 3, 16)


def test_admin_working_saturday_pulls_a_working_day_deadline():
    cal = WorkCalendar(extra_working_days={D(2026, 3, 7)})
    # Fri 13/2: 23–27/2 (1–5), 2–6/3 (6–10), Sat 7 (11), Mon 9 (12), 10 (13), 11 (14), Thu 12/3 (15).
    assert due(P1, D(2026, 2, 13), calendar=cal) == D(2026, 3, 12)


def test_admin_day_off_moves_a_calendar_day_deadline():
    cal = WorkCalendar(extra_days_off={D(2026, 3, 16)})
    # Thu 5/3 + 10 = Sun 15/3 -> Mon 16/3 (admin day off) -> Tue 17/3.
    assert due(C1, D(2026, 3, 5), calendar=cal) == D(2026, 3, 17)


def test_calendar_day_deadline_ending_on_sunday_rolls_to_monday():
    # Thu 5/3 + 10 = Sun 15/3 -> Mon 16/3.
    assert due(C1, D(2026, 3, 5)) == D(2026, 3, 16)


# --- Refusals -----------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, extensions", [(D3, 3), (A2, 2), (D1, 2), (R2, 1), (C2, 2)])
def test_more_extensions_than_the_law_allows_are_refused_in_both_languages(rule, extensions):
    with pytest.raises(TooManyExtensionsError) as error:
        due(rule, D(2026, 3, 2), extensions=extensions)
    assert "gia hạn" in error.value.message_vi and "extension" in error.value.message_en
    assert " / " in str(error.value)


def test_an_extension_on_top_of_the_complex_figure_is_refused():
    with pytest.raises(TooManyExtensionsError):
        due(C2, D(2026, 3, 2), variant="complex", extensions=1)


def test_negative_extensions_are_refused():
    with pytest.raises(TooManyExtensionsError):
        due(D3, D(2026, 3, 2), extensions=-1)


def test_unknown_variant_is_refused():
    with pytest.raises(UnknownVariantError):
        due(C2, D(2026, 3, 2), variant="urgent")


def test_rule_without_a_clock_has_no_due_date():
    with pytest.raises(NoClockError):
        due(T1, D(2026, 3, 2))
