"""The working-day calendar of 2026, built from the `holidays` package plus a province's overrides."""
import datetime as dt

import pytest

from minhbach.rules.calendar import WorkCalendar

D = dt.date
VN = WorkCalendar()


@pytest.mark.parametrize("day", [
    D(2026, 1, 1),                                    # New Year
    D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18),   # Tết: Mon 16 .. Fri 20 February
    D(2026, 2, 19), D(2026, 2, 20),
    D(2026, 4, 27),                                   # Hùng Kings (Sun 26/4) observed on Monday
    D(2026, 4, 30), D(2026, 5, 1),                    # Reunification Day, Labour Day
    D(2026, 8, 31),                                   # day off substituted from Saturday 22/8
    D(2026, 9, 1), D(2026, 9, 2),                     # National Day
    D(2026, 11, 24),                                  # Vietnam Cultural Day (new)
])
def test_public_holidays_and_substituted_days_off_are_not_working_days(day):
    assert not VN.is_working_day(day)


def test_weekends_around_tet_are_not_working_days_and_the_monday_after_is():
    assert [VN.is_working_day(D(2026, 2, d)) for d in (13, 14, 15, 21, 22, 23)] == [True, False, False, False, False, True]


def test_saturday_given_in_exchange_for_a_day_off_is_a_working_day():
    assert VN.is_working_day(D(2026, 8, 22))      # Saturday, worked in exchange for Mon 31/8
    assert not VN.is_working_day(D(2026, 8, 29))  # an ordinary Saturday


def test_working_days_skip_tet_and_do_not_count_the_start_day():
    # From Fri 13/2: 14–22/2 are weekend + Tết, so the 1st working day is Mon 23/2, the 5th Fri 27/2.
    assert VN.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert VN.add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)


def test_zero_working_days_is_the_start_day():
    assert VN.add_working_days(D(2026, 2, 13), 0) == D(2026, 2, 13)


def test_working_days_counted_backwards_skip_tet():
    # Back from Mon 23/2: 22, 21 weekend, 20..16 Tết, 15, 14 weekend; 13 Fri (1), 12 (2), 11 (3), 10 (4), Mon 9 (5).
    assert VN.add_working_days(D(2026, 2, 23), -5) == D(2026, 2, 9)


def test_calendar_days_ending_on_a_working_day_do_not_move():
    # Mon 2/3 + 30 = Wed 1/4.
    assert VN.add_calendar_days(D(2026, 3, 2), 30) == D(2026, 4, 1)


def test_calendar_days_ending_on_a_sunday_roll_to_monday():
    # Thu 5/3 + 10 = Sun 15/3 -> Mon 16/3.
    assert VN.add_calendar_days(D(2026, 3, 5), 10) == D(2026, 3, 16)


def test_calendar_days_ending_in_tet_roll_to_the_first_working_day_after():
    # Tue 10/2 + 10 = Fri 20/2 (Tết) -> Sat 21, Sun 22 -> Mon 23/2.
    assert VN.add_calendar_days(D(2026, 2, 10), 10) == D(2026, 2, 23)


def test_calendar_days_ending_on_a_working_saturday_do_not_move():
    # Wed 12/8 + 10 = Sat 22/8, a working day in exchange for 31/8.
    assert VN.add_calendar_days(D(2026, 8, 12), 10) == D(2026, 8, 22)


def test_admin_day_off_and_working_day_override_the_public_calendar():
    cal = WorkCalendar(extra_days_off={D(2026, 3, 10)}, extra_working_days={D(2026, 3, 7)})
    assert not cal.is_working_day(D(2026, 3, 10))   # a Tuesday made a day off
    assert cal.is_working_day(D(2026, 3, 7))        # a Saturday made a working day
    assert VN.is_working_day(D(2026, 3, 10)) and not VN.is_working_day(D(2026, 3, 7))


def test_a_date_cannot_be_both_an_extra_day_off_and_an_extra_working_day():
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off={D(2026, 3, 7)}, extra_working_days={D(2026, 3, 7)})


def test_calendar_is_immutable():
    with pytest.raises(AttributeError):
        VN.extra_days_off = frozenset()
