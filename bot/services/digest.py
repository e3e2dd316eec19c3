"""The coordinators' monthly digest: the programme's figures in one DM, in the first week of a month."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.i18n.dates import local_date
from bot.notify import Button, Message, Rich, Section
from bot.services import actions, outbox
from bot.services.disputes import escalation_people
from bot.services.people import language_of, timezone_of
from bot.services.programme_report import programme_report
from bot.services.report_text import risk_lines, summary_lines
from bot.services.roles import CoordinatorRule
from bot.services.timing import next_good_moment
from storage.models import Convention, Person, Programme, Reminder

DIGEST = "coordinator_digest"
FIRST_DAYS = 7  # planned only in a month's first week: a bot started mid-month waits for the next one


def plan_digests(session: Session, rule: CoordinatorRule, now: datetime) -> int:
    """One digest per coordinator per programme and month. Returns rows written."""
    written = 0
    for programme in session.scalars(select(Programme)):
        today = local_date(now, programme.timezone)
        if today.day > FIRST_DAYS:
            continue
        if session.scalars(select(Convention.id).where(Convention.programme_id == programme.id)).first() is None:
            continue  # nothing to sum up yet
        for person in escalation_people(session, programme, rule, "", now).coordinators:
            tz = timezone_of(person, programme.timezone)
            written += outbox.enqueue(
                session, kind=DIGEST, recipient_id=person.id, due_at=next_good_moment(now, tz, programme.reminder_hour),
                now=now, payload={"programme": programme.id},
                dedupe_key=f"{DIGEST}:{programme.id}:{today:%Y-%m}:{person.id}")
    return written


def _digest(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    programme = session.get(Programme, reminder.payload.get("programme"))
    if programme is None:
        return None
    lang = language_of(person, programme.language)
    report = programme_report(session, programme, reminder.due_at)
    body = Rich.join("\n", summary_lines(lang, report))
    risks = Rich.join("\n", risk_lines(lang, report, limit=10))
    return Message(text=t(lang, "digest.title", programme=programme.name),
                   sections=(Section(None, risks), Section(None, body)), context=t(lang, "report.private"),
                   buttons=(Button(t(lang, "home.button.report"), actions.REPORT_SEND, str(programme.id),
                                   style="primary"),))


COMPOSERS = {DIGEST: _digest}
