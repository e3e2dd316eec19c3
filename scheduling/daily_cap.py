"""The daily cap: at most DAILY_CAP non-essential messages a person's day; what is left goes as one.

Essential messages (a meeting tomorrow, a proposal to answer, dispute handling) are never held
back and do not count. Messages whose buttons are later rewritten in place (a meeting proposal, a
check-in) are sent on their own, so they do not count either. When a delivery pass has more
non-essential rows for a person than their day has room for, the last slot carries all the rest
grouped in one message; once the cap is reached, further rows wait for the next morning, where
they are grouped the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from bot.i18n import t, tn
from bot.notify import Button, Message, Rich, Section, Strong, as_rich
from bot.services.meeting_messages import TRACKED_KINDS
from bot.services.timing import next_good_moment, start_of_day
from storage.models import Person, Reminder, ReminderStatus

DAILY_CAP = 3
MAX_BUTTONS = 20  # Slack holds 25 elements in one actions block; keep room


@dataclass(frozen=True)
class CapPlan:
    alone: list[int]  # sent one by one, in order
    grouped: list[int]  # sent together in one message (empty, or two rows and more)
    deferred: list[int]  # the cap is reached: tomorrow morning
    resume_at: datetime | None = None


def counts_toward_cap(reminder: Reminder) -> bool:
    return not reminder.essential and reminder.kind not in TRACKED_KINDS


def _day_start(now: datetime, tz: str) -> datetime:
    return start_of_day(now.astimezone(ZoneInfo(tz)).date(), tz)


def sent_today(session: Session, person: Person, now: datetime, tz: str) -> int:
    # The status as a literal, like ix_reminders_sent_to's WHERE: a prepared statement's generic
    # plan could not use that partial index with status = $1.
    return session.scalar(select(func.count(Reminder.id)).where(
        Reminder.recipient_id == person.id, Reminder.status == literal_column(f"'{ReminderStatus.SENT.value}'"),
        Reminder.essential.is_(False), Reminder.kind.not_in(TRACKED_KINDS),
        Reminder.sent_at >= _day_start(now, tz))) or 0


def plan_batch(session: Session, person: Person, ids: list[int], now: datetime, tz: str, hour: int = 9) -> CapPlan:
    """Split one person's claimed rows (in due order) into alone / grouped / deferred."""
    rows = {r.id: r for r in session.scalars(select(Reminder).where(Reminder.id.in_(ids)))}
    capped = [i for i in ids if i in rows and counts_toward_cap(rows[i])]
    room = DAILY_CAP - sent_today(session, person, now, tz)
    if len(capped) <= room:
        return CapPlan(alone=list(ids), grouped=[], deferred=[])
    free = [i for i in ids if i not in capped]
    if room <= 0:
        tomorrow = _day_start(now, tz) + timedelta(days=1, hours=1)  # 01:00: clear of a DST gap at midnight
        return CapPlan(alone=free, grouped=[], deferred=capped, resume_at=next_good_moment(tomorrow, tz, hour))
    alone = set(free) | set(capped[: room - 1])
    return CapPlan(alone=[i for i in ids if i in alone], grouped=capped[room - 1:], deferred=[])


def bundle(messages: list[Message], lang: str) -> Message:
    """Several reminders as one message: each keeps its words and its buttons."""
    sections: list[Section] = []
    buttons: list[Button] = []
    seen: set[tuple[str, str]] = set()
    for message in messages:
        text = as_rich(message.text)
        sections.append(Section(None, Rich((Strong(text),)) if message.headline else text))
        sections.extend(message.sections)
        for button in message.buttons:
            if (button.action, button.value) not in seen and len(buttons) < MAX_BUTTONS:
                seen.add((button.action, button.value))
                buttons.append(button)
    return Message(text=tn(lang, "cap.grouped.title", "cap.grouped.title.plural", len(messages)), sections=tuple(sections),
                   buttons=tuple(buttons), context=t(lang, "cap.grouped.context", cap=DAILY_CAP))
