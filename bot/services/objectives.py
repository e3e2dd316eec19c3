"""Objectives: set together, updated along the way with their history, reviewed every three months.

Either side may add or update; the mentor may answer an update with feedback. The other person
is told, grouped: edits within GROUP_WINDOW of the first one go out as one message.
Coordinators only ever get counts (see `counts`), never a title or a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, outbox
from bot.services.errors import InvalidInput, NotFound
from bot.services.meetings import other_side, plannable_convention
from bot.services.policy import Act, require
from bot.services.typed_text import optional_text, required_text
from storage.models import (
    Convention,
    Objective,
    ObjectiveStatus,
    ObjectiveUpdate,
    Person,
    Reminder,
    ReminderStatus,
)

TITLE_LIMIT = 150
TEXT_LIMIT = 3000
GROUP_WINDOW = timedelta(minutes=10)
HORIZONS = ("short", "long")
PROGRESS_STEPS = tuple(range(0, 101, 10))  # what the update forms offer, in %
NEWS = "objective_news"


@dataclass(frozen=True)
class ObjectiveDraft:
    title: str
    description: str
    horizon: str | None
    due_on: date | None
    success_measure: str


def progress_step(progress: int) -> int:
    """The offered step nearest an objective's progress: the update form's first choice."""
    return min(PROGRESS_STEPS, key=lambda step: abs(step - progress))


def _check_text(value: str, field: str) -> str | None:
    return optional_text(value, field=field, limit=TEXT_LIMIT, too_long=N_("error.objective.too_long"))


def _objective(session: Session, objective_id: int, person: Person, act: Act = Act.OBJECTIVE_WRITE) -> Objective:
    objective = session.get(Objective, objective_id)
    if objective is None:
        raise NotFound("objective.not_yours")
    require(session, person, act, objective)
    return objective


def add(session: Session, *, person: Person, draft: ObjectiveDraft, today: date, now: datetime,
        convention_id: int | None = None) -> Objective:
    convention = plannable_convention(session, person, convention_id)
    require(session, person, Act.OBJECTIVE_WRITE, convention)
    title = required_text(draft.title, field="title", limit=TITLE_LIMIT, missing="error.objective.title_missing",
                          too_long=N_("error.objective.too_long"))
    if draft.horizon not in HORIZONS:
        raise InvalidInput("error.objective.horizon", field="horizon")
    if draft.due_on is not None and draft.due_on < today:
        raise InvalidInput("error.objective.due_past", field="due")
    objective = Objective(
        convention_id=convention.id, created_by_id=person.id, title=title,
        description=_check_text(draft.description, "description"), horizon=draft.horizon, due_on=draft.due_on,
        success_measure=_check_text(draft.success_measure, "success"), status=ObjectiveStatus.TODO, progress=0,
        created_at=now, updated_at=now,
    )
    session.add(objective)
    session.flush()
    session.add(ObjectiveUpdate(objective_id=objective.id, author_id=person.id, kind="created",
                                status=objective.status, progress=0, created_at=now))
    _tell_other(session, convention, person, now)
    audit.record(session, convention, "objective.added", person, now)
    return objective


def update(session: Session, *, person: Person, objective_id: int, status: str | None, progress: int | None,
           comment: str, now: datetime) -> Objective:
    objective = _objective(session, objective_id, person)
    if status not in {s.value for s in ObjectiveStatus}:
        raise InvalidInput("error.objective.status", field="status")
    if progress is None or not 0 <= progress <= 100:
        raise InvalidInput("error.objective.progress", field="progress")
    if status == ObjectiveStatus.REACHED:
        progress = 100
    objective.status, objective.progress, objective.updated_at = status, progress, now
    session.add(ObjectiveUpdate(objective_id=objective.id, author_id=person.id, kind="update", status=status,
                                progress=progress, comment=_check_text(comment, "comment"), created_at=now))
    convention = session.get(Convention, objective.convention_id)
    assert convention is not None
    _tell_other(session, convention, person, now)
    audit.record(session, convention, "objective.updated", person, now)
    return objective


def feedback(session: Session, *, person: Person, objective_id: int, comment: str, now: datetime) -> Objective:
    """The mentor's answer to an update (a comment in the history)."""
    objective = _objective(session, objective_id, person, Act.OBJECTIVE_FEEDBACK)
    convention = objective.convention
    text = required_text(comment, field="comment", limit=TEXT_LIMIT, missing="error.objective.feedback_missing",
                         too_long=N_("error.objective.too_long"))
    session.add(ObjectiveUpdate(objective_id=objective.id, author_id=person.id, kind="feedback", comment=text,
                                created_at=now))
    _tell_other(session, convention, person, now)
    audit.record(session, convention, "objective.feedback", person, now)
    return objective


def _tell_other(session: Session, convention: Convention, author: Person, now: datetime) -> None:
    """One pending 'news' message per recipient: later edits join it instead of adding messages."""
    other = other_side(convention, author)
    pending = session.scalar(select(func.count(Reminder.id)).where(
        Reminder.kind == NEWS, Reminder.recipient_id == other.id, Reminder.convention_id == convention.id,
        Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.CLAIMED))))
    if pending:
        return
    outbox.enqueue(session, kind=NEWS, recipient_id=other.id, convention_id=convention.id,
                   due_at=now + GROUP_WINDOW, now=now, payload={"since": now.isoformat()},
                   dedupe_key=f"{NEWS}:{convention.id}:{other.id}:{now.isoformat()}")


def of_convention(session: Session, convention: Convention) -> list[Objective]:
    return list(session.scalars(select(Objective).where(Objective.convention_id == convention.id)
                                .order_by(Objective.horizon.desc(), Objective.id)))


def for_person(session: Session, person: Person, convention_id: int | None = None) -> tuple[Convention,
                                                                                            list[Objective]]:
    convention = plannable_convention(session, person, convention_id)
    require(session, person, Act.OBJECTIVE_READ, convention)
    return convention, of_convention(session, convention)


def feedback_target(session: Session, person: Person, objective_id: int) -> tuple[Objective, str | None]:
    """The objective the mentor answers, with the comment of its latest update (what they answer to)."""
    objective, updates = history(session, person, objective_id)
    require(session, person, Act.OBJECTIVE_FEEDBACK, objective)
    last = next((u.comment for u in reversed(updates) if u.kind == "update" and u.comment), None)
    return objective, last


def history(session: Session, person: Person, objective_id: int) -> tuple[Objective, list[ObjectiveUpdate]]:
    objective = _objective(session, objective_id, person, Act.OBJECTIVE_READ)
    rows = session.scalars(select(ObjectiveUpdate).where(ObjectiveUpdate.objective_id == objective.id)
                           .order_by(ObjectiveUpdate.created_at, ObjectiveUpdate.id))
    return objective, list(rows)


def news_since(session: Session, convention: Convention, reader: Person, since: datetime) -> list[ObjectiveUpdate]:
    """What the other person did to the objectives since `since` (for the grouped message)."""
    return list(session.scalars(
        select(ObjectiveUpdate).join(Objective, Objective.id == ObjectiveUpdate.objective_id)
        .where(Objective.convention_id == convention.id, ObjectiveUpdate.author_id != reader.id,
               ObjectiveUpdate.created_at >= since)
        .order_by(ObjectiveUpdate.created_at, ObjectiveUpdate.id)))


@dataclass(frozen=True)
class Counts:
    set: int
    reached: int


def counts(session: Session, convention_id: int) -> Counts:
    """The only thing about objectives a coordinator may see."""
    rows = session.execute(select(Objective.status, func.count(Objective.id))
                           .where(Objective.convention_id == convention_id).group_by(Objective.status)).all()
    by_status: dict[str, int] = {status: count for status, count in rows}
    return Counts(set=sum(by_status.values()), reached=by_status.get(ObjectiveStatus.REACHED, 0))
