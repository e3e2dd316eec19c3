"""A second programme beside the default one, written straight into the database (the bot has no command
that creates one yet), with a running pair and coordinators added to one programme only."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.demo.harness import Harness
from bot.services.convention_versions import current
from storage.db import session_scope
from storage.models import Convention, ConventionStatus, Meeting, Person, Programme, ProgrammeCoordinator, Workspace

SECOND = "Cap Relève"  # the second programme's name, in every scenario


def person(session: Session, workspace: Workspace, external_id: str, name: str, now: datetime) -> Person:
    """The person of this workspace, added when the bot has not met them yet."""
    found = session.scalars(select(Person).where(Person.workspace_id == workspace.id,
                                                 Person.external_id == external_id)).first()
    if found is None:
        found = Person(workspace_id=workspace.id, external_id=external_id, display_name=name,
                       timezone="America/Toronto", locale="fr-CA", created_at=now)
        session.add(found)
        session.flush()
    return found


def running_programme(session: Session, workspace: Workspace, name: str, mentor: Person, mentee: Person,
                      now: datetime, *, starts_on: date, held: bool = True) -> Programme:
    """A programme with one pair that signed and started on `starts_on`, and (`held`) a meeting held since."""
    programme = Programme(workspace_id=workspace.id, name=name, created_at=now)
    session.add(programme)
    session.flush()
    started = datetime.combine(starts_on, datetime.min.time(), tzinfo=now.tzinfo) + timedelta(hours=15)
    convention = Convention(
        programme_id=programme.id, version_id=current(session, programme, now=now).id, mentor_id=mentor.id,
        mentee_id=mentee.id, status=ConventionStatus.ACTIVE, starts_on=starts_on,
        planned_end_on=starts_on + timedelta(days=300), mentor_accepted_at=started, mentee_accepted_at=started,
        activated_at=started, created_at=started, updated_at=started)
    session.add(convention)
    session.flush()
    if held:
        session.add(Meeting(convention_id=convention.id, starts_at=started + timedelta(days=10), status="held",
                            created_at=started, updated_at=started))
    return programme


def second_programme(bot: Harness, platform: str, mentor: tuple[str, str], mentee: tuple[str, str], *,
                     starts_on: date = date(2026, 11, 23), held: bool = True) -> int:
    """The second programme of the workspace the scenarios run in (the only one of `platform`), with one pair
    between (external id, name) `mentor` and `mentee`. Returns its id."""
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        workspace = session.scalars(select(Workspace).where(Workspace.platform == platform)).one()
        programme = running_programme(session, workspace, SECOND, person(session, workspace, *mentor, now),
                                      person(session, workspace, *mentee, now), now, starts_on=starts_on,
                                      held=held)
        return programme.id


def first_programme_id(bot: Harness, platform: str) -> int:
    with session_scope(bot.session_factory) as session:
        return session.scalars(select(Programme.id).join(Workspace, Workspace.id == Programme.workspace_id)
                               .where(Workspace.platform == platform).order_by(Programme.id)).first() or 0


def add_coordinator(bot: Harness, programme_id: int, external_id: str, name: str) -> None:
    """Make someone a coordinator of this programme only, as `coordonnateurs ajouter` would."""
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        programme = session.get(Programme, programme_id)
        assert programme is not None
        found = person(session, programme.workspace, external_id, name, now)
        session.add(ProgrammeCoordinator(programme_id=programme_id, person_id=found.id, added_at=now))


def csv_rows(table: str) -> list[dict[str, str]]:
    """The report's CSV: one header, and every row as long as it."""
    lengths = {len(row) for row in csv.reader(io.StringIO(table))}
    assert len(lengths) == 1, f"rows of different lengths: {lengths}"
    return list(csv.DictReader(io.StringIO(table)))
