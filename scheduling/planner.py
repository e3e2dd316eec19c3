"""The planner: turns the state of conventions and meetings into reminder rows.

It runs every hour and after changes, from any number of processes: every row has a stable
dedupe key, so planning twice never sends twice. Candidates are narrowed in SQL (only the
conventions actually due), so a pass stays cheap at 100,000 conventions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from bot.services import outbox
from scheduling.timing import next_good_moment
from storage.db import SessionFactory, session_scope
from storage.models import Convention, ConventionStatus, Meeting, MeetingStatus, Person, Programme, Reminder

MONTHLY_NUDGE = "monthly_nudge"
BATCH = 2000


@dataclass
class PlanReport:
    nudges: int = 0


def _nudge_candidates(session: Session, programme: Programme, now: datetime):  # type: ignore[no-untyped-def]
    """Active conventions of a programme with no meeting set and none in the last rhythm period."""
    threshold = now - timedelta(days=programme.meeting_every_days)
    mentor, mentee = aliased(Person), aliased(Person)
    upcoming = exists().where(
        Meeting.convention_id == Convention.id,
        Meeting.status == MeetingStatus.CONFIRMED,
        Meeting.starts_at >= now,
    )
    recent = exists().where(
        Meeting.convention_id == Convention.id,
        Meeting.status.in_((MeetingStatus.CONFIRMED, MeetingStatus.HELD)),
        Meeting.starts_at > threshold,
    )
    nudged = exists().where(
        Reminder.convention_id == Convention.id,
        Reminder.kind == MONTHLY_NUDGE,
        Reminder.created_at > threshold,
    )
    return (
        select(Convention.id, Convention.activated_at, mentor.id, mentor.timezone, mentee.id, mentee.timezone)
        .join(mentor, mentor.id == Convention.mentor_id)
        .join(mentee, mentee.id == Convention.mentee_id)
        .where(
            Convention.programme_id == programme.id,
            Convention.status == ConventionStatus.ACTIVE,
            Convention.activated_at <= threshold,
            Convention.starts_on <= threshold.date(),
            ~upcoming,
            ~recent,
            ~nudged,
        )
        .order_by(Convention.id)
    )


def plan_nudges(session: Session, programme: Programme, now: datetime) -> int:
    every = timedelta(days=programme.meeting_every_days)
    written = 0
    rows = session.execute(_nudge_candidates(session, programme, now).execution_options(yield_per=BATCH))
    for convention_id, activated_at, mentor_id, mentor_tz, mentee_id, mentee_tz in rows:
        period = int((now - activated_at) / every)
        for person_id, tz in ((mentor_id, mentor_tz), (mentee_id, mentee_tz)):
            written += outbox.enqueue(
                session,
                kind=MONTHLY_NUDGE,
                recipient_id=person_id,
                convention_id=convention_id,
                due_at=next_good_moment(now, tz or programme.timezone, programme.reminder_hour),
                now=now,
                dedupe_key=f"{MONTHLY_NUDGE}:{convention_id}:{period}:{person_id}",
            )
    return written


def plan(factory: SessionFactory, now: datetime) -> PlanReport:
    report = PlanReport()
    with session_scope(factory) as session:
        programmes = list(session.scalars(select(Programme)))
    for programme in programmes:
        with session_scope(factory) as session:
            report.nudges += plan_nudges(session, session.merge(programme, load=False), now)
    return report


__all__ = ["MONTHLY_NUDGE", "PlanReport", "plan", "plan_nudges"]
