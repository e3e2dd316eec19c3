"""When a reminder may land: a set local hour, on a working day, never at night.

All arithmetic is done on the recipient's wall clock with zoneinfo, so DST changes
(America/Toronto in March and November) keep 9:00 at 9:00.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_END = time(18, 0)  # after this local time, wait for the next working morning
WEEKEND = (5, 6)  # Saturday, Sunday


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_of_day(day: date, tz: str) -> datetime:
    """Midnight at the start of `day` in zone `tz` (an aware datetime)."""
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(tz))


def _at(day: datetime, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day.date(), time(hour, 0), tzinfo=zone)


def next_good_moment(after: datetime, tz: str, hour: int = 9) -> datetime:
    """The first instant at or after `after` when a reminder may be delivered, in UTC.

    Inside working hours (from `hour` to 18:00 on a weekday) that is `after` itself; otherwise
    the next working day at `hour` local time.
    """
    zone = ZoneInfo(tz)
    local = after.astimezone(zone)
    start = _at(local, hour, zone)
    end = datetime.combine(local.date(), DAY_END, tzinfo=zone)
    if local.weekday() not in WEEKEND and start <= local < end:
        return after.astimezone(UTC)
    day = local if local < start else local + timedelta(days=1)
    while day.weekday() in WEEKEND:
        day += timedelta(days=1)
    return _at(day, hour, zone).astimezone(UTC)


def working_day_before(moment: datetime, tz: str, hour: int = 9, days: int = 1) -> datetime:
    """`hour` local time, `days` days before `moment`'s local date, moved back off a weekend, in UTC.

    The day before a Monday meeting is the Friday before it: nobody reads a reminder on Sunday.
    """
    zone = ZoneInfo(tz)
    day = moment.astimezone(zone) - timedelta(days=days)
    while day.weekday() in WEEKEND:
        day -= timedelta(days=1)
    return _at(day, hour, zone).astimezone(UTC)


def working_days_after(moment: datetime, tz: str, days: int, hour: int = 9) -> datetime:
    """The same local time of day `days` working days after `moment`, in UTC (weekends skipped).

    A différend raised on Friday at 15:00 has "two working days" until Tuesday at 15:00; one raised
    on a Saturday counts from the next Monday at `hour`.
    """
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    if local.weekday() in WEEKEND:
        local = next_good_moment(moment, tz, hour).astimezone(zone)
    for _ in range(days):
        local += timedelta(days=1)
        while local.weekday() in WEEKEND:
            local += timedelta(days=1)
    # Wall-clock arithmetic: rebuild the local time so a DST change keeps the hour.
    return datetime.combine(local.date(), local.time(), tzinfo=zone).astimezone(UTC)
