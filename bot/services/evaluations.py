"""The programme's evaluation: when a convention ends, normally or early, both people rate the programme
(not the relationship: that is the bilan) and may leave one suggestion.

Coordinators see aggregates only, per programme and per role, and only from THRESHOLD answers up, so that
nobody's answer can be picked out; below that, how many answers are still needed. A suggestion is shown
without its author, and only from THRESHOLD answers in the programme. One reminder, a week later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import mean

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.notify import Button, Message, Section
from bot.services import actions, audit, outbox
from bot.services.convention_choice import pick
from bot.services.conventions import get_convention
from bot.services.errors import Conflict, InvalidInput
from bot.services.people import language_of, timezone_of
from bot.services.policy import Act, part_in, require
from bot.services.timing import next_good_moment
from storage.models import Convention, ConventionStatus, Person, Programme, ProgrammeEvaluation, Reminder

RATINGS = ("satisfaction", "matching", "rhythm", "support")  # each 1 (not at all) to 5 (fully)
RECOMMEND = ("yes", "maybe", "no")
SUGGESTION_LIMIT = 1000
THRESHOLD = 5
ENDED = (ConventionStatus.CLOSED, ConventionStatus.ENDED_EARLY)
INVITE_WITHIN = timedelta(days=30)  # a convention that ended longer ago (before this feature) is not asked
REMIND_AFTER = timedelta(days=7)
INVITE = "programme_evaluation"
REMINDER = "programme_evaluation_reminder"


def plan_evaluations(session: Session, now: datetime) -> int:
    """For each convention ended lately: each side's invitation now, and one reminder a week after the end."""
    written = 0
    ended = session.scalars(select(Convention).where(Convention.status.in_(ENDED),
                                                     Convention.closed_at >= now - INVITE_WITHIN))
    for convention in ended:
        answered = set(session.scalars(select(ProgrammeEvaluation.person_id).where(
            ProgrammeEvaluation.convention_id == convention.id)))
        programme = convention.programme
        for person in (convention.mentor, convention.mentee):
            if person.id in answered or person.is_bot:
                continue
            tz = timezone_of(person, programme.timezone)
            for kind, after in ((INVITE, now), (REMINDER, max(now, (convention.closed_at or now) + REMIND_AFTER))):
                written += outbox.enqueue(
                    session, kind=kind, recipient_id=person.id, convention_id=convention.id,
                    due_at=next_good_moment(after, tz, programme.reminder_hour), now=now,
                    dedupe_key=f"{kind}:{convention.id}:{person.id}")
    return written


def answered(session: Session, convention: Convention, person: Person) -> ProgrammeEvaluation | None:
    return session.scalars(select(ProgrammeEvaluation).where(ProgrammeEvaluation.convention_id == convention.id,
                                                             ProgrammeEvaluation.person_id == person.id)).first()


def to_evaluate(session: Session, person: Person, convention_id: int | None = None) -> Convention:
    """The ended convention whose programme the person evaluates: the given one, else their only ended one
    not evaluated yet."""
    if convention_id is not None:
        convention = get_convention(session, convention_id)
    else:
        # Only those still to evaluate are offered; when all are answered, saying so beats "nothing".
        ended = session.scalars(select(Convention.id).where(
            (Convention.mentor_id == person.id) | (Convention.mentee_id == person.id),
            Convention.status.in_(ENDED)).limit(1)).first()
        none = N_("evaluation.done") if ended is not None else N_("evaluation.nothing")
        convention = pick(session, person, Act.EVALUATION_WRITE, [ENDED], convention_id=None, none=Conflict(none),
                          keep=lambda c: answered(session, c, person) is None)
    require(session, person, Act.EVALUATION_WRITE, convention)
    if convention.status not in ENDED:
        raise Conflict("evaluation.not_yet")
    if answered(session, convention, person) is not None:
        raise Conflict("evaluation.done")
    return convention


@dataclass(frozen=True)
class EvaluationInput:
    ratings: dict[str, int | None]
    recommend: str | None
    suggestion: str


def save(session: Session, person: Person, convention_id: int, typed: EvaluationInput, now: datetime
         ) -> ProgrammeEvaluation:
    convention = to_evaluate(session, person, convention_id)
    for name in RATINGS:
        value = typed.ratings.get(name)
        if value is None or not 1 <= value <= 5:
            raise InvalidInput("evaluation.error.rating", field=name)
    if typed.recommend not in RECOMMEND:
        raise InvalidInput("evaluation.error.recommend", field="recommend")
    suggestion = typed.suggestion.strip()
    if len(suggestion) > SUGGESTION_LIMIT:
        raise InvalidInput("profile.error.too_long", field="suggestion", limit=SUGGESTION_LIMIT)
    evaluation = ProgrammeEvaluation(
        programme_id=convention.programme_id, convention_id=convention.id, person_id=person.id,
        role=part_in(convention, person) or "mentee", recommend=typed.recommend, suggestion=suggestion,
        answered_at=now, **{name: typed.ratings[name] for name in RATINGS})
    try:
        with session.begin_nested():
            session.add(evaluation)
    except IntegrityError as exc:  # a second submission racing the first
        raise Conflict("evaluation.done") from exc
    audit.record(session, convention, "evaluation.answered", person, now)
    return evaluation


@dataclass(frozen=True)
class GroupFigures:
    answers: int
    averages: dict[str, float]  # rating -> mean
    recommend: dict[str, int]  # yes / maybe / no -> answers


@dataclass(frozen=True)
class EvaluationFigures:
    answers: int
    needed: int  # answers still needed before any figure is shown (0 once shown)
    overall: GroupFigures | None
    by_role: dict[str, GroupFigures | None] = field(default_factory=dict)  # None: that role below the threshold
    suggestions: tuple[str, ...] = ()  # without their authors, in no particular order of people


def _group(rows: list[ProgrammeEvaluation]) -> GroupFigures | None:
    if len(rows) < THRESHOLD:
        return None
    return GroupFigures(len(rows), {name: mean(getattr(r, name) for r in rows) for name in RATINGS},
                        {answer: sum(r.recommend == answer for r in rows) for answer in RECOMMEND})


def figures(session: Session, programme: Programme) -> EvaluationFigures:
    rows = list(session.scalars(select(ProgrammeEvaluation).where(ProgrammeEvaluation.programme_id == programme.id)))
    if len(rows) < THRESHOLD:
        return EvaluationFigures(len(rows), THRESHOLD - len(rows), None)
    # Sorted by their text, not by who wrote them or when: nothing points back to an author.
    suggestions = tuple(sorted(r.suggestion for r in rows if r.suggestion))
    return EvaluationFigures(len(rows), 0, _group(rows),
                             {role: _group([r for r in rows if r.role == role]) for role in ("mentor", "mentee")},
                             suggestions)


def _invitation(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or answered(session, convention, person) is not None:
        return None  # answered since: no reminder
    programme = convention.programme
    lang = language_of(person, programme.language)
    key = N_("evaluation.reminder") if reminder.kind == REMINDER else N_("evaluation.invite")
    return Message(text=t(lang, key, programme=programme.name),
                   sections=(Section(None, t(lang, "evaluation.invite.body")),),
                   context=t(lang, "evaluation.private", threshold=THRESHOLD),
                   buttons=(Button(t(lang, "evaluation.button.open"), actions.EVALUATION_OPEN, str(convention.id),
                                   style="primary"),))


COMPOSERS = {INVITE: _invitation, REMINDER: _invitation}
