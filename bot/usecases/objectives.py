"""Objectives, from Slack or Teams: the pair's list, adding one, updating one (status, progress,
comment), the mentor's feedback and the history. The other side hears of it in the grouped news."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.notify import Message
from bot.services import objectives
from bot.services.meetings import other_side
from bot.services.objective_messages import history_line
from bot.usecases.outcome import Done
from storage.models import Convention, Objective, Person


@dataclass(frozen=True)
class ObjectivesView:
    """The pair's objectives as one side sees them (the mentor also gets the feedback buttons)."""

    convention: Convention
    objectives: list[Objective]
    other: Person
    is_mentor: bool


@dataclass(frozen=True)
class UpdateEntry:
    """The update form as typed, parsed by the front end (None: left empty or unreadable)."""

    status: str | None
    progress: int | None
    comment: str


def shown(session: Session, actor: Actor, convention_id: int | None = None) -> ObjectivesView:
    convention, found = objectives.for_person(session, actor.person, convention_id)  # one of the pair
    return ObjectivesView(convention, found, other_side(convention, actor.person),
                          convention.mentor_id == actor.person.id)


def add_form(session: Session, actor: Actor, convention_id: int | None) -> tuple[Convention, Person]:
    """The convention an objective is added to, and the other side (the form names them)."""
    convention, _ = objectives.for_person(session, actor.person, convention_id)
    return convention, other_side(convention, actor.person)


def _done(actor: Actor, key: str, objective: Objective) -> Done:
    return Done(Message(text=t(actor.lang, key), headline=False), objective.convention_id)


def add(session: Session, actor: Actor, now: datetime, convention_id: int | None,
        draft: objectives.ObjectiveDraft) -> Done:
    objective = objectives.add(session, person=actor.person, draft=draft, today=actor.today_at(now), now=now,
                               convention_id=convention_id)
    return _done(actor, N_("objective.added"), objective)


def update_form(session: Session, actor: Actor, objective_id: int) -> Objective:
    objective, _ = objectives.history(session, actor.person, objective_id)  # one of the pair
    return objective


def update(session: Session, actor: Actor, now: datetime, objective_id: int, entry: UpdateEntry) -> Done:
    objective = objectives.update(session, person=actor.person, objective_id=objective_id, status=entry.status,
                                  progress=entry.progress, comment=entry.comment, now=now)
    return _done(actor, N_("objective.updated"), objective)


def feedback_form(session: Session, actor: Actor, objective_id: int) -> tuple[Objective, str | None]:
    """The objective the mentor answers, and the mentee's last comment (shown above the field)."""
    return objectives.feedback_target(session, actor.person, objective_id)


def feedback(session: Session, actor: Actor, now: datetime, objective_id: int, comment: str) -> Done:
    objective = objectives.feedback(session, person=actor.person, objective_id=objective_id, comment=comment, now=now)
    return _done(actor, N_("objective.feedback_sent"), objective)


def history(session: Session, actor: Actor, objective_id: int) -> tuple[Objective, list[str]]:
    """Every step of an objective, oldest first, in the person's words and zone."""
    objective, updates = objectives.history(session, actor.person, objective_id)
    return objective, [history_line(u, actor.lang, actor.tz) for u in updates]
