"""Programmes: each workspace has a default one, created with the operator's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from storage.models import Person, Programme, Workspace

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
_FIRST_PROGRAMME = (select(func.min(Programme.id)).where(Programme.workspace_id == Workspace.id)
                    .correlate(Workspace).scalar_subquery())
KNOWN_MEMBER = (select(Workspace, Programme, Person)
                .join(Programme, Programme.id == _FIRST_PROGRAMME)
                .join(Person, (Person.workspace_id == Workspace.id) & (Person.external_id == bindparam("user_id")))
                .where(Workspace.platform == bindparam("platform"), Workspace.external_id == bindparam("workspace_id")))


def known_member(session: Session, *, platform: str, workspace_id: str, user_id: str
                 ) -> tuple[Workspace, Programme, Person] | None:
    """The workspace, its default programme and the person, in one query, when all three exist already
    (nearly every request): three round trips fewer than looking each one up."""
    row = session.execute(KNOWN_MEMBER, {"platform": platform, "workspace_id": workspace_id,
                                         "user_id": user_id}).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


def default_programme(
    session: Session, workspace: Workspace, defaults: ProgrammeDefaults, *, now: datetime
) -> Programme:
    programme = session.scalars(
        select(Programme).where(Programme.workspace_id == workspace.id).order_by(Programme.id).limit(1)
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
