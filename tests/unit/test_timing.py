"""Reminders land at the local hour on working days, across zones and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.timing import next_good_moment

TORONTO = ZoneInfo("America/Toronto")


def local(moment: datetime, tz: str = "America/Toronto") -> datetime:
    return moment.astimezone(ZoneInfo(tz))


@pytest.mark.parametrize(
    ("now_local", "expected_local"),
    [
        (datetime(2027, 3, 2, 10, 15), datetime(2027, 3, 2, 10, 15)),  # Tuesday morning: now
        (datetime(2027, 3, 2, 3, 0), datetime(2027, 3, 2, 9, 0)),  # night: this morning at 9
        (datetime(2027, 3, 2, 19, 0), datetime(2027, 3, 3, 9, 0)),  # evening: tomorrow at 9
        (datetime(2027, 3, 5, 18, 30), datetime(2027, 3, 8, 9, 0)),  # Friday evening: Monday
        (datetime(2027, 3, 6, 12, 0), datetime(2027, 3, 8, 9, 0)),  # Saturday: Monday
        # Toronto springs forward on Sunday 14 March 2027: Monday 9:00 is EDT (13:00 UTC).
        (datetime(2027, 3, 13, 22, 0), datetime(2027, 3, 15, 9, 0)),
        # and falls back on Sunday 7 November 2027: Monday 9:00 is EST (14:00 UTC).
        (datetime(2027, 11, 7, 1, 30), datetime(2027, 11, 8, 9, 0)),
    ],
)
def test_next_good_moment_in_toronto(now_local: datetime, expected_local: datetime) -> None:
    now = now_local.replace(tzinfo=TORONTO)
    assert local(next_good_moment(now, "America/Toronto")) == expected_local.replace(tzinfo=TORONTO)


def test_dst_keeps_nine_oclock_local() -> None:
    before = next_good_moment(datetime(2027, 3, 11, 23, 0, tzinfo=UTC), "America/Toronto")
    after = next_good_moment(datetime(2027, 3, 14, 23, 0, tzinfo=UTC), "America/Toronto")
    assert before.hour == 14 and after.hour == 13  # 9:00 EST, then 9:00 EDT
    assert local(before).hour == local(after).hour == 9


def test_other_zone_and_hour() -> None:
    now = datetime(2027, 3, 2, 5, 0, tzinfo=UTC)  # 6:00 in Paris
    assert local(next_good_moment(now, "Europe/Paris", hour=8), "Europe/Paris") == datetime(
        2027, 3, 2, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
       st.sampled_from(["America/Toronto", "America/Vancouver", "Europe/Paris", "Asia/Tokyo"]),
       st.integers(min_value=7, max_value=11))
def test_never_at_night_never_on_weekends_never_early(now: datetime, tz: str, hour: int) -> None:
    moment = next_good_moment(now, tz, hour)
    assert moment >= now
    wall = local(moment, tz)
    assert wall.weekday() < 5 and hour <= wall.hour < 18
    assert (moment - now).days <= 3
