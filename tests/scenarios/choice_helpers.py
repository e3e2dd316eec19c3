"""A second programme in the workspace and a convention in it, for the "Which convention?" scenarios.

The setup goes through the services (pairing, each side's acceptance), as the coordination of that
programme would; what the scenarios then test is what people type and click."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.demo.harness import Harness
from bot.services import conventions, people
from bot.services.roles import CoordinatorRule
from storage.models import Person, Programme

SECOND = "Nouveaux gestionnaires"


def pair_in_programme(bot: Harness, coordinator: str, mentor: str, mentee: str, *, programme: str = SECOND,
                      start: date = date(2026, 11, 23)) -> int:
    """Pair `mentor` with `mentee` (external ids) in `programme` (created if new), both accept; the id."""
    now = bot.clock.now()
    with bot.session_factory() as session:
        by = session.scalars(select(Person).where(Person.external_id == coordinator)).one()
        workspace = by.workspace
        found = session.scalars(select(Programme).where(Programme.workspace_id == workspace.id,
                                                        Programme.name == programme)).first()
        if found is None:
            found = Programme(workspace_id=workspace.id, name=programme, created_at=now)
            session.add(found)
            session.flush()
        pair = [people.ensure_person(session, workspace, external_id, now=now) for external_id in (mentor, mentee)]
        done = conventions.pair(session, programme=found, coordinator=by, mentor=pair[0], mentee=pair[1],
                                starts_on=start, today=now.date(), now=now, rule=CoordinatorRule(frozenset({coordinator})))
        for person in pair:
            conventions.accept(session, convention_id=done.convention.id, person=person, now=now)
        session.commit()
        convention_id = done.convention.id
    bot.mentorat.jobs.tick()  # the invitations and "it is in force" go out now, not in the middle of a scenario
    return convention_id
