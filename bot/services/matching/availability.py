"""Availability as UTC hours of the week, so people in different zones can be compared by set intersection.

An hour of the week is 0..167, 0 being Monday 00:00-01:00 UTC. People give local weekdays and named
windows; the zone's offset on a given date (so DST counts) turns them into UTC hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

HOURS_IN_WEEK = 168
# Local wall-clock windows, [start, end) in hours; the forms list these names.
WINDOWS: dict[str, tuple[int, int]] = {"morning": (8, 12), "afternoon": (13, 17), "evening": (17, 20)}

_MINUTES_IN_WEEK = HOURS_IN_WEEK * 60


def utc_offset_minutes(zone: str, on: date) -> int:
    """The zone's offset from UTC on `on`, in minutes (east positive). Noon, so a night-time DST change counts."""
    offset = datetime.combine(on, time(12, 0), tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return int(offset.total_seconds()) // 60


def weekly_hours(days: Iterable[int], windows: Iterable[str], zone: str, on: date) -> frozenset[int]:
    """The UTC hours of the week covered by every window on every local weekday (0 = Monday).

    One offset, the zone's on `on`, serves the whole week: a profile is recomputed when it is used, not
    kept across a DST change. With a zone whose offset is not whole hours (Asia/Kolkata), only the UTC
    hours lying entirely inside a window are kept. Raises ValueError for a weekday outside 0..6 or an
    unknown window name, and zoneinfo.ZoneInfoNotFoundError for an unknown zone.
    """
    day_list = sorted(set(days))
    if any(not 0 <= day <= 6 for day in day_list):
        raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), got {day_list}")
    spans = []
    for name in sorted(set(windows)):
        if name not in WINDOWS:
            raise ValueError(f"unknown window {name!r}; known: {', '.join(WINDOWS)}")
        spans.append(WINDOWS[name])
    offset = utc_offset_minutes(zone, on)
    hours: set[int] = set()
    for day in day_list:
        for start, end in spans:
            # In UTC minutes from Monday 00:00; a window may straddle the week's end, hence the modulo.
            first = day * 24 * 60 + start * 60 - offset
            last = day * 24 * 60 + end * 60 - offset
            hour = -(-first // 60)  # the first whole UTC hour starting inside the window
            while (hour + 1) * 60 <= last:
                hours.add((hour * 60 % _MINUTES_IN_WEEK) // 60)
                hour += 1
    return frozenset(hours)
