"""The convention and the pairing that creates it, from Slack or Teams: a coordinator pairs two
people (the command or the form), each side reads the convention, accepts it or asks a question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import names_or_none, rt
from bot.notify import Message, Rich, Text
from bot.services import conventions
from bot.services.errors import InvalidInput
from bot.services.messages import ComposeContext, convention_message
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, coordinator_names, coordinators
from bot.usecases.outcome import Done
from storage.models import Person


def may_pair(session: Session, actor: Actor, rule: CoordinatorRule) -> None:
    """Before the form opens and before anyone picked is looked up: only the programme's coordination pairs."""
    require(session, actor.person, Act.PAIR, actor.programme, rule)


def two_picks(mentor_id: str | None, mentee_id: str | None) -> tuple[str, str]:
    """Both sides picked, and two different people: else the field to fix (before any lookup)."""
    if not mentor_id or not mentee_id:
        raise InvalidInput("error.pair.need_two", field="mentor" if not mentor_id else "mentee")
    if mentor_id == mentee_id:
        raise InvalidInput("error.pair.same_person", field="mentee")
    return mentor_id, mentee_id


def default_start(actor: Actor, today: date) -> date:
    """The first day a pairing proposes: the cohort's start while it is ahead, else today."""
    cohort = actor.programme.cohort_starts_on
    return cohort if cohort is not None and cohort >= today else today


def pair(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, mentor: Person, mentee: Person,
         start: date | None, *, manager: Person | None = None) -> Done:
    """The convention sent to both (or the one already sent, said so). `changed`: invitations were queued."""
    today = actor.today_at(now)
    result = conventions.pair(session, programme=actor.programme, coordinator=actor.person, mentor=mentor,
                              mentee=mentee, starts_on=start or default_start(actor, today), today=today, now=now,
                              rule=rule,
                              manager=manager)
    c = result.convention
    key = N_("pair.sent") if result.created else N_("pair.already_sent")
    text = rt(actor.lang, key, mentor=mention(mentor), mentee=mention(mentee), start=format_day(c.starts_on, actor.lang),
             status=t(actor.lang, labels.STATUS[c.status]))
    return Done(Message(text=text, headline=False), c.id, changed=result.created)


def conventions_shown(session: Session, actor: Actor, ctx: ComposeContext) -> list[Message]:
    """`convention`: each open convention as this side reads it, or who to ask when there is none."""
    found = conventions.conventions_of(session, actor.person)
    if not found:
        names = names_or_none(actor.lang, coordinator_names(session, actor.programme, ctx.rule))
        return [Message(text=rt(actor.lang, "conv.none", coordinators=names), headline=False)]
    return [convention_message(session, c, actor.person, ctx) for c in found]


@dataclass(frozen=True)
class Accepted:
    """« J'accepte »: the convention as it now reads, and what to tell the person below it."""

    convention: Message | None  # None: it was accepted already (nothing changed)
    said: str  # when they accepted
    waiting: Text | None  # the other side has yet to accept


def accept(session: Session, actor: Actor, now: datetime, convention_id: int, ctx: ComposeContext) -> Accepted:
    result = conventions.accept(session, convention_id=convention_id, person=actor.person, now=now)
    when = format_moment(result.accepted_at, actor.tz, actor.lang)
    if result.already:
        return Accepted(None, t(actor.lang, "conv.already_accepted", when=when), None)
    other = result.convention.mentee if conventions.role_in(result.convention, actor.person) == "mentor" \
        else result.convention.mentor
    waiting = None if result.activated else rt(actor.lang, "conv.accepted.waiting", other=mention(other))
    return Accepted(convention_message(session, result.convention, actor.person, ctx),
                    t(actor.lang, "conv.accepted.you", when=when), waiting)


def ask_question(session: Session, actor: Actor, now: datetime, convention_id: int, rule: CoordinatorRule) -> Rich:
    """« J'ai une question »: the coordination is told; the person learns who will answer."""
    coordinator_ids = [p.id for p in coordinators(session, actor.programme, rule)]
    convention = conventions.ask_question(session, convention_id=convention_id, person=actor.person, now=now,
                                          coordinator_ids=coordinator_ids)
    who = (mention(convention.paired_by) if convention.paired_by
           else Rich.join(", ", coordinator_names(session, actor.programme, rule)))
    return rt(actor.lang, "conv.question.sent", coordinator=who)
