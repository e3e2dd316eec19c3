"""Programmes: each workspace has at least one, the first created with the operator's defaults; a person
works in the one they chose (`/mentorat programme`), else in the workspace's first running one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased

from bot.services.errors import Conflict
from storage.db import dialect_insert
from storage.models import Person, Programme, ProgrammeChoice, Workspace

DEFAULT_PROGRAMME_NAME = "Mentorat"


@dataclass(frozen=True)
class ProgrammeDefaults:
    language: str = "fr"
    timezone: str = "America/Toronto"
    length_months: int = 10
    meeting_every_days: int = 30
    meeting_min_minutes: int = 60
    meeting_max_minutes: int = 90
    reminder_hour: int = 9
    closing_notice_days: int = 30  # the closure opens this long before the planned end


# Built once: nearly every request runs it, and building the statement cost more than running it.
_chosen, _running, _any = aliased(Programme), aliased(Programme), aliased(Programme)
_CHOSEN = (select(ProgrammeChoice.programme_id).join(_chosen, _chosen.id == ProgrammeChoice.programme_id)
           .where(ProgrammeChoice.person_id == Person.id, _chosen.workspace_id == Workspace.id,
                  _chosen.archived_at.is_(None))
           .correlate(Person, Workspace).scalar_subquery())
_FIRST_RUNNING = (select(func.min(_running.id)).where(_running.workspace_id == Workspace.id,
                                                      _running.archived_at.is_(None))
                  .correlate(Workspace).scalar_subquery())
_FIRST = select(func.min(_any.id)).where(_any.workspace_id == Workspace.id).correlate(Workspace).scalar_subquery()
KNOWN_MEMBER = (select(Workspace, Programme, Person).select_from(Workspace)
                .join(Person, (Person.workspace_id == Workspace.id) & (Person.external_id == bindparam("user_id")))
                .join(Programme, Programme.id == func.coalesce(_CHOSEN, _FIRST_RUNNING, _FIRST))
                .where(Workspace.platform == bindparam("platform"), Workspace.external_id == bindparam("workspace_id")))


def known_member(session: Session, *, platform: str, workspace_id: str, user_id: str
                 ) -> tuple[Workspace, Programme, Person] | None:
    """The workspace, the programme the person works in and the person, in one query, when all three exist
    already (nearly every request): three round trips fewer than looking each one up."""
    row = session.execute(KNOWN_MEMBER, {"platform": platform, "workspace_id": workspace_id,
                                         "user_id": user_id}).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


def default_programme(
    session: Session, workspace: Workspace, defaults: ProgrammeDefaults, *, now: datetime
) -> Programme:
    programme = session.scalars(
        select(Programme).where(Programme.workspace_id == workspace.id)
        .order_by(Programme.archived_at.is_not(None), Programme.id).limit(1)
    ).first()
    if programme is not None:
        return programme
    programme = Programme(
        workspace_id=workspace.id,
        name=DEFAULT_PROGRAMME_NAME,
        language=defaults.language,
        timezone=defaults.timezone,
        length_months=defaults.length_months,
        meeting_every_days=defaults.meeting_every_days,
        meeting_min_minutes=defaults.meeting_min_minutes,
        meeting_max_minutes=defaults.meeting_max_minutes,
        reminder_hour=defaults.reminder_hour,
        closing_notice_days=defaults.closing_notice_days,
        created_at=now,
    )
    # A concurrent first request may create it too: a savepoint keeps this request's work.
    with session.begin_nested():
        session.add(programme)
    return programme


def all_programmes(session: Session, workspace_id: int) -> list[Programme]:
    """Running ones first, then the archived, each in the order they were made."""
    return list(session.scalars(select(Programme).where(Programme.workspace_id == workspace_id)
                                .order_by(Programme.archived_at.is_not(None), Programme.id)))


def choose(session: Session, person: Person, programme: Programme, *, now: datetime) -> None:
    """The programme the person works in from now on (their next requests run in it)."""
    values = {"person_id": person.id, "programme_id": programme.id, "chosen_at": now}
    insert = dialect_insert(session)
    session.execute(insert(ProgrammeChoice).values(values).on_conflict_do_update(
        index_elements=[ProgrammeChoice.person_id], set_={"programme_id": programme.id, "chosen_at": now}))


def require_running(programme: Programme) -> None:
    """What takes a new pair or enrolment asks this first: an archived programme takes none."""
    if programme.archived_at is not None:
        raise Conflict("programme.error.archived", name=programme.name)


def enrolment_closed_by_date(programme: Programme, today: date) -> bool:
    """An open enrolment with a closing date closes itself once that day is over."""
    return programme.enrolment_closes_on is not None and today > programme.enrolment_closes_on
