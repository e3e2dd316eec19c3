"""What the demo's outbox says about timing: when non-essential messages landed, and how many a week.

Read from the rows marked sent, on each recipient's own wall clock: the humane-hours promise
(weekdays 8:00-18:00, at most WEEKLY_CAP a person's calendar week) checked on what really went out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.people import timezone_of
from bot.services.timing import WEEKEND
from scheduling.weekly_cap import WEEKLY_CAP, counts_toward_cap
from storage.models import Person, Reminder, ReminderStatus

DAY_START, DAY_END = time(8, 0), time(18, 0)
DEFAULT_TZ = "America/Toronto"


@dataclass(frozen=True)
class SentRow:
    user: str  # the recipient's platform id
    kind: str
    local: datetime  # when it was sent, on the recipient's clock
    capped: bool  # non-essential, and counted by the weekly cap


@dataclass(frozen=True)
class HumaneFigures:
    outside_hours: int  # non-essential messages sent before 8:00 or from 18:00, local time
    on_weekends: int  # non-essential messages sent on a Saturday or a Sunday
    busiest_week: int  # the most capped messages one person received in one calendar week

    def lines(self) -> list[str]:
        return [f"non-essential messages outside 8:00-18:00 local time: {self.outside_hours}",
                f"non-essential messages on a weekend: {self.on_weekends}",
                f"most non-essential messages in one person's week: {self.busiest_week} (cap {WEEKLY_CAP})"]


def sent_rows(session: Session) -> list[SentRow]:
    """Every non-essential row sent, in order. Rows sent together in one grouped message share their moment."""
    found = session.execute(select(Reminder, Person).join(Person, Person.id == Reminder.recipient_id)
                            .where(Reminder.status == ReminderStatus.SENT, Reminder.essential.is_(False))
                            .order_by(Reminder.sent_at, Reminder.id)).all()
    rows = []
    for reminder, person in found:
        assert reminder.sent_at is not None
        local = reminder.sent_at.astimezone(ZoneInfo(timezone_of(person, DEFAULT_TZ)))
        rows.append(SentRow(person.external_id, reminder.kind, local, counts_toward_cap(reminder)))
    return rows


def humane_figures(rows: list[SentRow]) -> HumaneFigures:
    outside = sum(1 for r in rows if not DAY_START <= r.local.time() < DAY_END)
    weekend = sum(1 for r in rows if r.local.weekday() in WEEKEND)
    # One message a moment: the rows grouped past the cap went out together, as one.
    messages = {(r.user, r.local) for r in rows if r.capped}
    weeks = Counter((user, at.isocalendar()[:2]) for user, at in messages)
    return HumaneFigures(outside, weekend, max(weeks.values(), default=0))
