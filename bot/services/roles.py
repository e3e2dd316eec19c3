"""Who may do what: coordinators (by right or added), mentors and mentees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.config import GUID
from bot.notify import Mention
from storage.models import OPEN_CONVENTION_STATUSES, Convention, Person, Platform, Programme, ProgrammeCoordinator


class Role(StrEnum):
    COORDINATOR = "coordinator"
    MENTOR = "mentor"
    MENTEE = "mentee"


@dataclass(frozen=True)
class CoordinatorRule:
    """Coordinators by right: workspace admins/owners and the ids of MENTORAT_COORDINATORS.

    Both only ever inside their own workspace: an admin is an admin of one workspace, and a listed
    id counts on its own platform only (a Slack member id names nobody in a Teams tenant).
    """

    env_ids: frozenset[str] = frozenset()

    def by_right(self, person: Person) -> bool:
        """Whether the person coordinates by right the programmes of *their own* workspace."""
        if person.is_workspace_admin:
            return True
        return person.external_id in self.env_ids and fits_platform(person.external_id, person.workspace.platform)

    def ids_on(self, platform: str) -> list[str]:
        """The env ids that can be people of a workspace on `platform`: MENTORAT_COORDINATORS lists Slack
        member ids and Entra object ids together, and a Slack id names nobody in a Teams tenant (nor the reverse)."""
        return sorted(i for i in self.env_ids if fits_platform(i, platform))


def fits_platform(external_id: str, platform: str) -> bool:
    """An Entra object id (a GUID) is a Teams user; anything else is a Slack member id."""
    return bool(GUID.match(external_id)) == (platform == Platform.TEAMS)


def is_coordinator(session: Session, person: Person, programme: Programme, rule: CoordinatorRule) -> bool:
    """Coordinates this programme: a person of its own workspace, by right or added to it."""
    if person.workspace_id != programme.workspace_id:
        return False
    if rule.by_right(person):
        return True
    return (
        session.scalars(
            select(ProgrammeCoordinator.id).where(
                ProgrammeCoordinator.programme_id == programme.id, ProgrammeCoordinator.person_id == person.id
            )
        ).first()
        is not None
    )


def roles_of(session: Session, person: Person, programme: Programme, rule: CoordinatorRule) -> set[Role]:
    """Coordination is per programme; mentor and mentee come from every open convention of the person's
    workspace (a mentee of another programme than the one they act in still uses their commands)."""
    roles: set[Role] = set()
    if is_coordinator(session, person, programme, rule):
        roles.add(Role.COORDINATOR)
    rows = session.execute(
        select(Convention.mentor_id, Convention.mentee_id).join(Programme, Programme.id == Convention.programme_id)
        .where(
            Programme.workspace_id == programme.workspace_id,
            Convention.status.in_(OPEN_CONVENTION_STATUSES),
            or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id),
        )
    ).all()
    for mentor_id, _mentee_id in rows:
        roles.add(Role.MENTOR if mentor_id == person.id else Role.MENTEE)
    return roles


def coordinators(session: Session, programme: Programme, rule: CoordinatorRule) -> list[Person]:
    """Everyone who coordinates, as far as the database knows (added ones and known admins)."""
    added = session.scalars(
        select(Person)
        .join(ProgrammeCoordinator, ProgrammeCoordinator.person_id == Person.id)
        .where(ProgrammeCoordinator.programme_id == programme.id)
    ).all()
    platform_ids = rule.ids_on(programme.workspace.platform)
    by_right = session.scalars(
        select(Person).where(
            Person.workspace_id == programme.workspace_id,
            or_(Person.is_workspace_admin.is_(True), Person.external_id.in_(platform_ids or [""])),
            Person.is_bot.is_(False),
        )
    ).all()
    seen: dict[int, Person] = {}
    for person in [*by_right, *added]:
        seen.setdefault(person.id, person)
    return sorted(seen.values(), key=lambda p: p.id)


def coordinator_names(session: Session, programme: Programme, rule: CoordinatorRule) -> list[Mention]:
    """The coordinators, named; env ids included even before they ever used the bot (no name known yet)."""
    found = [Mention(p.external_id, p.display_name) for p in coordinators(session, programme, rule)]
    known = {m.external_id for m in found}
    return found + [Mention(i, "") for i in rule.ids_on(programme.workspace.platform) if i not in known]


def add_coordinator(
    session: Session, programme: Programme, person: Person, *, added_by: Person, now: datetime
) -> bool:
    """Returns False when the person already was one (added here); never adds twice."""
    exists = session.scalars(
        select(ProgrammeCoordinator).where(
            ProgrammeCoordinator.programme_id == programme.id, ProgrammeCoordinator.person_id == person.id
        )
    ).first()
    if exists:
        return False
    with session.begin_nested():
        session.add(
            ProgrammeCoordinator(programme_id=programme.id, person_id=person.id, added_by_id=added_by.id, added_at=now)
        )
    return True


def remove_coordinator(session: Session, programme: Programme, person: Person) -> bool:
    row = session.scalars(
        select(ProgrammeCoordinator).where(
            ProgrammeCoordinator.programme_id == programme.id, ProgrammeCoordinator.person_id == person.id
        )
    ).first()
    if row is None:
        return False
    session.delete(row)
    return True

