"""The objectives' review reminders: every three months of a convention, and at its mid-point.

Written when the convention is activated (bot/services/conventions.py), so this module sits below
the conventions and the objectives, not beside them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.services import outbox
from bot.services.people import timezone_of
from bot.services.timing import add_months, next_good_moment, start_of_day
from storage.models import Convention

REVIEW = "objectives_review"


def review_months(length_months: int) -> list[int]:
    """Every three months of the convention, and its mid-point."""
    months = set(range(3, length_months, 3))
    months.add(length_months // 2)
    return sorted(m for m in months if 0 < m < length_months)


def plan_reviews(session: Session, convention: Convention, now: datetime) -> None:
    """Written when the convention starts: the review reminders, at the programme's hour, local."""
    programme = convention.programme
    for month in review_months(convention.version.length_months):
        day = add_months(convention.starts_on, month)
        for side in (convention.mentor, convention.mentee):
            tz = timezone_of(side, programme.timezone)
            due = next_good_moment(start_of_day(day, tz), tz, programme.reminder_hour)
            if due < now:
                continue
            outbox.enqueue(session, kind=REVIEW, recipient_id=side.id, convention_id=convention.id, due_at=due,
                           now=now, payload={"month": month}, dedupe_key=f"{REVIEW}:{convention.id}:{month}:{side.id}")
