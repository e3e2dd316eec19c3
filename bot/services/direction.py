"""The programme's direction (corporate method): who receives the approved synthesis reports and is invited to
the restitutions. The final reports' sponsor (`bilan direction @personne`) belongs to it too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit
from bot.services.errors import InvalidInput
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule
from storage.models import Person, Programme, ProgrammeDirection

MAX_PEOPLE = 10


def direction_of(programme: Programme) -> list[Person]:
    """The people of the direction, the sponsor first, each once."""
    people = ([programme.sponsor] if programme.sponsor is not None else []) + [r.person for r in
                                                                               programme.direction_rows]
    return list({p.id: p for p in people}.values())


def set_direction(session: Session, *, by: Person, programme: Programme, people: Sequence[Person],
                  rule: CoordinatorRule, now: datetime) -> None:
    """Replace the direction (the sponsor is set apart, with `bilan direction`)."""
    require(session, by, Act.PROGRAMME_EDIT, programme, rule)
    chosen = list({p.id: p for p in people}.values())
    if len(chosen) > MAX_PEOPLE:
        raise InvalidInput(N_("direction.error.too_many"), field="direction", limit=MAX_PEOPLE)
    for person in chosen:
        if person.workspace_id != programme.workspace_id:
            raise InvalidInput("error.no_access", field="direction")
        if person.is_bot:
            raise InvalidInput("error.pair.bot", field="direction", name=mention(person))
    session.execute(delete(ProgrammeDirection).where(ProgrammeDirection.programme_id == programme.id))
    session.add_all([ProgrammeDirection(programme_id=programme.id, person_id=p.id, added_at=now) for p in chosen])
    session.flush()
    session.expire(programme, ["direction_rows"])
    audit.record_for_programme(session, programme, "programme.direction", by, now, count=len(chosen))
