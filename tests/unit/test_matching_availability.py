"""Local weekdays and windows as UTC hours of the week, with the zone's offset on the day (DST)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.matching import WINDOWS, weekly_hours

MONDAY, TUESDAY = 0, 1
JULY, JANUARY = date(2026, 7, 6), date(2026, 1, 5)
# Montreal moves to summer time on 8 March 2026, Paris only on 29 March: for three weeks they are 5 hours apart.
BETWEEN_THE_CHANGES = date(2026, 3, 10)


def test_the_windows_the_forms_list() -> None:
    assert WINDOWS == {"morning": (8, 12), "afternoon": (13, 17), "evening": (17, 20)}


def test_a_montreal_morning_and_a_paris_afternoon_overlap_three_hours_in_summer() -> None:
    # Montreal is UTC-4 in July: 8:00-12:00 is 12:00-16:00 UTC. Paris is UTC+2: 13:00-17:00 is 11:00-15:00 UTC.
    montreal = weekly_hours([MONDAY], ["morning"], "America/Montreal", JULY)
    paris = weekly_hours([MONDAY], ["afternoon"], "Europe/Paris", JULY)
    assert montreal == {12, 13, 14, 15}
    assert paris == {11, 12, 13, 14}
    assert montreal & paris == {12, 13, 14}


def test_dst_changes_the_utc_hours() -> None:
    # In January Montreal is UTC-5 and Paris UTC+1: both windows move an hour later in UTC.
    assert weekly_hours([MONDAY], ["morning"], "America/Montreal", JANUARY) == {13, 14, 15, 16}
    assert weekly_hours([MONDAY], ["afternoon"], "Europe/Paris", JANUARY) == {12, 13, 14, 15}
    # Between the two changes Montreal is on summer time (UTC-4), Paris not yet (UTC+1): the windows coincide.
    assert weekly_hours([MONDAY], ["morning"], "America/Montreal", BETWEEN_THE_CHANGES) == {12, 13, 14, 15}
    assert weekly_hours([MONDAY], ["afternoon"], "Europe/Paris", BETWEEN_THE_CHANGES) == {12, 13, 14, 15}


def test_days_and_windows_combine() -> None:
    # Paris in January (UTC+1): afternoon and evening are 13:00-20:00 local, 12:00-19:00 UTC; Tuesday is 24 hours on.
    hours = weekly_hours([MONDAY, TUESDAY], ["evening", "afternoon"], "Europe/Paris", JANUARY)
    assert hours == set(range(12, 19)) | set(range(36, 43))


def test_a_window_straddling_the_start_of_the_week_wraps_around() -> None:
    # Tokyo is UTC+9: Monday 8:00-12:00 there is Sunday 23:00 to Monday 3:00 UTC.
    assert weekly_hours([MONDAY], ["morning"], "Asia/Tokyo", JANUARY) == {167, 0, 1, 2}


def test_a_half_hour_zone_keeps_the_whole_utc_hours_inside_the_window() -> None:
    # Kolkata is UTC+5:30: Monday 8:00-12:00 is 2:30-6:30 UTC, which holds 3:00-6:00 whole.
    assert weekly_hours([MONDAY], ["morning"], "Asia/Kolkata", JANUARY) == {3, 4, 5}


def test_nothing_chosen_is_no_hours() -> None:
    assert weekly_hours([], ["morning"], "Europe/Paris", JANUARY) == frozenset()
    assert weekly_hours([MONDAY], [], "Europe/Paris", JANUARY) == frozenset()


@pytest.mark.parametrize(("days", "windows"), [([7], ["morning"]), ([-1], ["morning"]), ([MONDAY], ["night"])])
def test_unknown_days_and_windows_are_refused(days: list[int], windows: list[str]) -> None:
    with pytest.raises(ValueError):
        weekly_hours(days, windows, "Europe/Paris", JANUARY)
