"""What a programme's coordinators change for it: who coordinates, who receives the reports.

Each function asks the policy first: only the programme's own coordinators may, and only people
of the programme's own workspace can be named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.notify import Mention
from bot.services import audit
from bot.services.errors import InvalidInput, NotAllowed
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, add_coordinator, coordinator_names, remove_coordinator
from storage.models import Person, Programme, ProgrammeCoordinator


class Removal(StrEnum):
    REMOVED = "removed"
    NOT_MEMBER = "not_member"  # was never added (nothing to remove)
    BY_RIGHT = "by_right"  # a workspace admin or a listed id: not removable from the chat

    @property
    def text_key(self) -> str:
        """What the coordinator is told (with the person's name)."""
        return {"removed": N_("coord.removed"), "not_member": N_("coord.not_member"),
                "by_right": N_("coord.by_right_cannot_remove")}[self.value]


def _same_workspace(programme: Programme, person: Person) -> None:
    if person.workspace_id != programme.workspace_id:
        raise NotAllowed("error.no_access")


def coordinators_of(session: Session, *, by: Person, programme: Programme, rule: CoordinatorRule) -> list[Mention]:
    """The coordinators, named, for a coordinator of the programme."""
    require(session, by, Act.COORDINATORS_EDIT, programme, rule)
    return coordinator_names(session, programme, rule)


def add(session: Session, *, by: Person, programme: Programme, person: Person, rule: CoordinatorRule,
        now: datetime) -> bool:
    """Make `person` a coordinator; False when they already were one (added)."""
    require(session, by, Act.COORDINATORS_EDIT, programme, rule)
    _same_workspace(programme, person)
    return add_coordinator(session, programme, person, added_by=by, now=now)


def remove(session: Session, *, by: Person, programme: Programme, person: Person, rule: CoordinatorRule) -> Removal:
    require(session, by, Act.COORDINATORS_EDIT, programme, rule)
    _same_workspace(programme, person)
    if rule.by_right(person):
        return Removal.BY_RIGHT
    return Removal.REMOVED if remove_coordinator(session, programme, person) else Removal.NOT_MEMBER


def set_sponsor(session: Session, *, by: Person, programme: Programme, sponsor: Person | None,
                rule: CoordinatorRule) -> None:
    """Who receives the final reports both sides of a pair agree to send (None: nobody)."""
    require(session, by, Act.SPONSOR_SET, programme, rule)
    if sponsor is not None:
        _same_workspace(programme, sponsor)
    programme.sponsor_id = sponsor.id if sponsor is not None else None


def sponsor_of(session: Session, *, by: Person, programme: Programme, rule: CoordinatorRule) -> Person | None:
    require(session, by, Act.SPONSOR_SET, programme, rule)
    return session.get(Person, programme.sponsor_id) if programme.sponsor_id else None


def added_coordinators(session: Session, programme: Programme) -> list[Person]:
    """Those added in the bot (the coordinators by right are not listed: they cannot be removed here)."""
    return [row.person for row in session.scalars(select(ProgrammeCoordinator).where(
        ProgrammeCoordinator.programme_id == programme.id).order_by(ProgrammeCoordinator.added_at))]


def set_added(session: Session, *, by: Person, programme: Programme, people: Sequence[Person],
              rule: CoordinatorRule, now: datetime) -> None:
    """The programme form's picker: those picked are the added coordinators; the person saving stays one
    (nobody locks themselves out by leaving the picker empty)."""
    require(session, by, Act.COORDINATORS_EDIT, programme, rule)
    chosen = {p.id: p for p in people}
    for person in chosen.values():
        _same_workspace(programme, person)
        if person.is_bot:
            raise InvalidInput("error.pair.bot", field="coordinators", name=mention(person))
    for person in chosen.values():
        add_coordinator(session, programme, person, added_by=by, now=now)
    for person in added_coordinators(session, programme):
        if person.id not in chosen and person.id != by.id:
            remove_coordinator(session, programme, person)
    audit.record_for_programme(session, programme, "programme.coordinators", by, now, count=len(chosen))
