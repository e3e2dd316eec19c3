"""The coordination's daily message of new enrolments: one grouped DM a day, never one per person.

The planner writes it once a day at the programme's reminder hour, for the enrolments not yet told, and
marks them told; the message names the people and their roles, never what they typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.i18n import labels, t, tn
from bot.i18n.dates import local_date
from bot.i18n.rich import rt
from bot.notify import Button, Message, Rich, Section
from bot.services import actions, outbox
from bot.services.disputes import escalation_people
from bot.services.people import language_of, mention, timezone_of
from bot.services.roles import CoordinatorRule
from bot.services.timing import next_good_moment
from storage.models import Person, Profile, Programme, Reminder

ENROLMENT_NEWS = "enrolment_news"


def plan_enrolment_news(session: Session, rule: CoordinatorRule, now: datetime) -> int:
    """For each programme with enrolments not yet told: one message per coordinator today. Rows written."""
    written = 0
    for programme in session.scalars(select(Programme)):
        fresh = list(session.scalars(select(Profile).where(
            Profile.programme_id == programme.id, Profile.withdrawn_at.is_(None), Profile.announced_at.is_(None))
            .order_by(Profile.enrolled_at, Profile.id)))
        if not fresh:
            continue
        today = local_date(now, programme.timezone)
        ids = [p.person_id for p in fresh]
        for person in escalation_people(session, programme, rule, "", now).coordinators:
            tz = timezone_of(person, programme.timezone)
            written += outbox.enqueue(
                session, kind=ENROLMENT_NEWS, recipient_id=person.id,
                due_at=next_good_moment(now, tz, programme.reminder_hour), now=now,
                payload={"programme": programme.id, "people": ids},
                dedupe_key=f"{ENROLMENT_NEWS}:{programme.id}:{today:%Y-%m-%d}:{person.id}")
        for profile in fresh:
            profile.announced_at = now
    return written


def _news(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    programme = session.get(Programme, reminder.payload.get("programme"))
    ids = [i for i in reminder.payload.get("people", []) if isinstance(i, int)]
    if programme is None or not ids:
        return None
    profiles = list(session.scalars(select(Profile).where(
        Profile.programme_id == programme.id, Profile.person_id.in_(ids), Profile.withdrawn_at.is_(None))))
    if not profiles:
        return None  # all withdrew since
    lang = language_of(person, programme.language)
    lines = []
    for profile in profiles:
        roles = ", ".join(t(lang, labels.ROLE[r]) for r in ("mentor", "mentee") if getattr(profile, f"as_{r}"))
        lines.append(rt(lang, "enrolment.news.line", name=mention(profile.person), roles=roles))
    title = tn(lang, "enrolment.news.title", "enrolment.news.title.plural", len(profiles), programme=programme.name)
    return Message(text=title, sections=(Section(None, Rich.join("\n", lines)),),
                   buttons=(Button(t(lang, "match.button.show"), actions.SUGGESTIONS_SHOW, str(programme.id),
                                   style="primary"),))


COMPOSERS = {ENROLMENT_NEWS: _news}
