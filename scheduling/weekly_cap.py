"""Humane timing at delivery: good hours, and at most WEEKLY_CAP non-essential messages a person's week.

Essential messages (a meeting tomorrow, a proposal to answer, dispute handling) are never held
back and do not count; nor do messages whose buttons are later rewritten in place (a meeting
proposal, a check-in, planned at a good moment already), sent on their own. Every other row waits
for the recipient's good hours, whatever caused it (another person's edit at their own 10:00 is 6:10
three zones west): weekdays from EARLIEST, or the programme's earlier reminder hour, to 18:00 on the
recipient's clock; held rows resume at the reminder hour. The counted rows a delivery pass has for a
person go out as one message; once the person's week has had WEEKLY_CAP of them, the rest wait for
next Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, literal_column, select
from sqlalchemy.orm import Session

from bot.i18n import t, tn
from bot.notify import Button, Message, Rich, Section, Strong, as_rich
from bot.services.meeting_messages import TRACKED_KINDS
from bot.services.timing import next_good_moment, start_of_day
from storage.models import Convention, Person, Reminder, ReminderStatus

WEEKLY_CAP = 2
EARLIEST = 8  # a message nobody asked for lands from 8:00 at the earliest
DEFAULT_HOUR = 9  # the reminder hour of rows outside any programme (a coordinator's digest)
MAX_BUTTONS = 20  # Slack holds 25 elements in one actions block; keep room


@dataclass(frozen=True)
class CapPlan:
    alone: list[int]  # sent one by one, in order
    grouped: list[int]  # sent together in one message (empty, or two rows and more)
    deferred: list[int]  # outside good hours, or the week's cap is reached: later
    resume_at: datetime | None = None


def counts_toward_cap(reminder: Reminder) -> bool:
    return not reminder.essential and reminder.kind not in TRACKED_KINDS


def _week_start(now: datetime, tz: str) -> datetime:
    local = now.astimezone(ZoneInfo(tz)).date()
    return start_of_day(local - timedelta(days=local.weekday()), tz)


def sent_this_week(session: Session, person: Person, now: datetime, tz: str) -> int:
    """Counted messages since Monday 0:00 on the person's clock: the rows of one message share their sent_at."""
    # The status as a literal, like ix_reminders_sent_to's WHERE: a prepared statement's generic
    # plan could not use that partial index with status = $1.
    return session.scalar(select(func.count(distinct(Reminder.sent_at))).where(
        Reminder.recipient_id == person.id, Reminder.status == literal_column(f"'{ReminderStatus.SENT.value}'"),
        Reminder.essential.is_(False), Reminder.kind.not_in(TRACKED_KINDS),
        Reminder.sent_at >= _week_start(now, tz))) or 0


def reminder_hour(session: Session, rows: list[Reminder]) -> int:
    """The programme's reminder hour of the first row that belongs to a convention."""
    convention_id = next((r.convention_id for r in rows if r.convention_id is not None), None)
    convention = session.get(Convention, convention_id) if convention_id is not None else None
    return convention.programme.reminder_hour if convention is not None else DEFAULT_HOUR


def plan_batch(session: Session, person: Person, ids: list[int], now: datetime, tz: str) -> CapPlan:
    """Split one person's claimed rows (in due order) into alone / grouped / deferred."""
    rows = {r.id: r for r in session.scalars(select(Reminder).where(Reminder.id.in_(ids)))}
    ordered = [rows[i] for i in ids if i in rows]
    hour = reminder_hour(session, ordered)
    capped = [r.id for r in ordered if counts_toward_cap(r)]
    free = [i for i in ids if i not in capped]
    if capped and next_good_moment(now, tz, min(EARLIEST, hour)) != now:
        return CapPlan(alone=free, grouped=[], deferred=capped, resume_at=next_good_moment(now, tz, hour))
    if capped and sent_this_week(session, person, now, tz) >= WEEKLY_CAP:
        monday = _week_start(now, tz) + timedelta(days=7, hours=1)  # 01:00: clear of a DST gap at midnight
        return CapPlan(alone=free, grouped=[], deferred=capped, resume_at=next_good_moment(monday, tz, hour))
    if len(capped) <= 1:
        return CapPlan(alone=list(ids), grouped=[], deferred=[])
    return CapPlan(alone=free, grouped=capped, deferred=[])


def bundle(messages: list[Message], lang: str) -> Message:
    """Several reminders as one message: each keeps its words and its buttons."""
    sections: list[Section] = []
    buttons: list[Button] = []
    seen: set[tuple[str, str]] = set()
    for message in messages:
        text = as_rich(message.text)
        sections.append(Section(None, Rich((Strong(text),)) if message.headline else text))
        sections.extend(message.sections)
        if message.context:  # e.g. which programme a nudge is about: the bundle has one context of its own
            sections.append(Section(None, message.context))
        for button in message.buttons:
            if (button.action, button.value) not in seen and len(buttons) < MAX_BUTTONS:
                seen.add((button.action, button.value))
                buttons.append(button)
    return Message(text=tn(lang, "cap.grouped.title", "cap.grouped.title.plural", len(messages)), sections=tuple(sections),
                   buttons=tuple(buttons), context=t(lang, "cap.grouped.context", cap=WEEKLY_CAP))
