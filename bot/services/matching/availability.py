"""Availability: local weekdays and time windows, as the hours of the week in UTC both people can meet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Local hours [start, end) of each window a profile offers.
WINDOWS: dict[str, tuple[int, int]] = {"morning": (8, 12), "afternoon": (13, 17), "evening": (17, 20)}
HOURS_A_WEEK = 168


def weekly_hours(days: Iterable[int], windows: Iterable[str], zone: str, on: date) -> frozenset[int]:
    """The hours of the week (0 = Monday 00:00 UTC) covered by the local days and windows, with the zone's
    offset of the week of `on` (so summer and winter time give different UTC hours)."""
    tz = ZoneInfo(zone)
    monday = on - timedelta(days=on.weekday())
    hours: set[int] = set()
    chosen = [WINDOWS[w] for w in windows if w in WINDOWS]
    for day in days:
        if not 0 <= day <= 6:
            continue
        local_day = monday + timedelta(days=day)
        for start, end in chosen:
            for hour in range(start, end):
                at = datetime.combine(local_day, time(hour), tz).astimezone(UTC)
                hours.add((at.weekday() * 24 + at.hour) % HOURS_A_WEEK)
    return frozenset(hours)
