"""The one rule behind "Which convention?": the convention named (if the policy allows it), else the only
candidate, else the command's "none"; several: ChoiceNeeded, never the first one found. And the roles:
mentor and mentee from every programme of the workspace, coordination per programme."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from bot.services import conventions, disputes, meetings
from bot.services.convention_choice import ChoiceNeeded, Option
from bot.services.errors import NotAllowed, NotFound
from bot.services.people import ensure_person, ensure_workspace
from bot.services.roles import CoordinatorRule, Role, roles_of
from storage.models import Convention, ConventionStatus, Person, Platform, Programme
from tests.services.conftest import NOW

RULE = CoordinatorRule(frozenset({"UCOORD"}))


def _person(session: Session, programme: Programme, external_id: str, name: str) -> Person:
    person = ensure_person(session, programme.workspace, external_id, now=NOW)
    person.display_name = name
    return person


def _pair(session: Session, programme: Programme, mentor: Person, mentee: Person, *, accepted: bool = True
          ) -> Convention:
    coordinator = ensure_person(session, programme.workspace, "UCOORD", now=NOW)
    done = conventions.pair(session, programme=programme, coordinator=coordinator, mentor=mentor, mentee=mentee,
                            starts_on=date(2026, 11, 23), today=NOW.date(), now=NOW, rule=RULE)
    if accepted:
        for person in (mentor, mentee):
            conventions.accept(session, convention_id=done.convention.id, person=person, now=NOW)
    return done.convention


@pytest.fixture
def programmes(session: Session) -> tuple[Programme, Programme]:
    workspace = ensure_workspace(session, platform=Platform.SLACK, external_id="T1", now=NOW)
    found = (Programme(workspace_id=workspace.id, name="Mentorat", created_at=NOW),
             Programme(workspace_id=workspace.id, name="Nouveaux gestionnaires", created_at=NOW))
    session.add_all(found)
    session.flush()
    return found


def test_several_running_ask_with_who_which_side_and_where(session: Session,
                                                           programmes: tuple[Programme, Programme]) -> None:
    first, second = programmes
    marie, sam, lea = (_person(session, first, i, n) for i, n in
                       (("UM", "Marie Tremblay"), ("US", "Sam Okafor"), ("UL", "Léa Roy")))
    one, two = _pair(session, first, marie, sam), _pair(session, second, lea, marie)
    with pytest.raises(ChoiceNeeded) as asked:
        meetings.plannable_convention(session, marie)
    assert asked.value.options == (Option(one.id, "Sam Okafor", "mentor", "Mentorat"),
                                   Option(two.id, "Léa Roy", "mentee", "Nouveaux gestionnaires"))
    with pytest.raises(ChoiceNeeded):
        disputes.running_convention(session, marie)
    assert meetings.plannable_convention(session, marie, two.id) is two
    assert meetings.plannable_convention(session, sam) is one, "one convention: straight on"


def test_running_ones_come_before_one_awaiting_signatures(session: Session,
                                                          programmes: tuple[Programme, Programme]) -> None:
    first, second = programmes
    marie, sam, lea = (_person(session, first, i, n) for i, n in (("UM", "M"), ("US", "S"), ("UL", "L")))
    running = _pair(session, first, marie, sam)
    _pair(session, second, marie, lea, accepted=False)
    assert meetings.plannable_convention(session, marie) is running
    assert running.status == ConventionStatus.ACTIVE


def test_someone_elses_convention_is_refused_and_none_says_so(session: Session,
                                                              programmes: tuple[Programme, Programme]) -> None:
    first, second = programmes
    marie, sam, lea, olivier = (_person(session, first, i, n) for i, n in
                                (("UM", "M"), ("US", "S"), ("UL", "L"), ("UO", "O")))
    _pair(session, first, marie, sam)
    others = _pair(session, second, lea, olivier)
    with pytest.raises(NotAllowed):
        meetings.plannable_convention(session, marie, others.id)
    with pytest.raises(NotAllowed):
        disputes.running_convention(session, marie, others.id)
    nobody = _person(session, first, "UN", "N")
    with pytest.raises(NotFound):
        meetings.plannable_convention(session, nobody)


def test_participant_roles_come_from_every_programme_of_the_workspace(
        session: Session, programmes: tuple[Programme, Programme]) -> None:
    first, second = programmes
    marie, sam, lea = (_person(session, first, i, n) for i, n in (("UM", "M"), ("US", "S"), ("UL", "L")))
    _pair(session, second, marie, sam)
    _pair(session, first, lea, marie)
    assert roles_of(session, marie, first, RULE) == {Role.MENTOR, Role.MENTEE}
    assert roles_of(session, sam, first, RULE) == {Role.MENTEE}, "mentee of the other programme"
    coordinator = ensure_person(session, first.workspace, "UCOORD", now=NOW)
    assert Role.COORDINATOR in roles_of(session, coordinator, first, RULE)
