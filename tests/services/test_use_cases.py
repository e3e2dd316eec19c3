"""The use cases both front ends call, on a real session (SQLite and PostgreSQL): the rules that used
to be written twice, and the stricter choice where Slack and Teams differed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.commands import parse
from bot.services.errors import Conflict, InvalidInput, NotAllowed
from bot.usecases import closure as closure_actions
from bot.usecases import conventions as convention_actions
from bot.usecases import disputes as dispute_actions
from bot.usecases import notes as note_actions
from bot.usecases import preferences
from bot.usecases.commands import role_refusal
from storage.models import Convention, Dispute, DisputeKind, DisputeStatus, Note, Platform
from tests.services.conftest import NOW
from tests.services.test_meeting_actions import actor
from tests.services.test_policy_matrix import RULE, TODAY, build


@pytest.mark.parametrize(("mentor", "mentee", "field"), [("", "U2", "mentor"), ("U1", None, "mentee"),
                                                         ("U1", "U1", "mentee")])
def test_two_picks_names_the_field_to_fix(mentor: str, mentee: str | None, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        convention_actions.two_picks(mentor, mentee)
    assert refused.value.field == field


def test_only_the_coordination_pairs_and_a_second_pairing_sends_nothing(session: Session) -> None:
    world = build(session, Platform.SLACK)
    with pytest.raises(NotAllowed):
        convention_actions.may_pair(session, actor(session, world, "outsider"), RULE)
    coordinator = actor(session, world, "coordinator")
    convention_actions.may_pair(session, coordinator, RULE)
    again = convention_actions.pair(session, coordinator, RULE, NOW, world.people["mentor"], world.people["mentee"],
                                    None)
    assert not again.changed and again.convention_id == world.ids["convention"]
    assert session.scalar(select(func.count(Convention.id))) == 2  # the world's two pairs, no third


def test_a_subcommand_that_explains_itself_is_never_refused(session: Session) -> None:
    world = build(session, Platform.TEAMS)
    outsider = actor(session, world, "outsider")
    for word in ("statut", "convention", "bilan", "merci"):
        command = parse(word).command
        assert command is not None and role_refusal(outsider, command) is None
    objectives = parse("objectifs").command
    assert objectives is not None and role_refusal(outsider, objectives) is not None
    assert role_refusal(actor(session, world, "mentee"), objectives) is None


def test_language_words_in_either_language(session: Session) -> None:
    world = build(session, Platform.SLACK)
    mentee = actor(session, world, "mentee")
    preferences.choose_language(mentee, "klingon")
    assert mentee.person.language_choice is None  # the usage is shown, nothing kept
    preferences.choose_language(mentee, " English ")
    assert mentee.person.language_choice == "en"
    preferences.choose_language(mentee, "français")
    assert mentee.person.language_choice == "fr"


def test_a_note_form_cannot_point_at_another_pairs_meeting(session: Session) -> None:
    world = build(session, Platform.SLACK)
    other_mentee = actor(session, world, "other_mentee")
    before = session.scalar(select(func.count(Note.id)))
    with pytest.raises(Exception) as refused:
        note_actions.save_note(session, other_mentee, NOW, f"meeting:{world.ids['past']}", "Mes pensées", True)
    assert type(refused.value).__name__ in {"NotFound", "NotAllowed"}
    assert session.scalar(select(func.count(Note.id))) == before


def test_an_early_end_keeps_only_its_reasons(session: Session) -> None:
    world = build(session, Platform.TEAMS)
    # The world's pair already has an early-end request open: the other pair asks.
    other_mentor = actor(session, world, "other_mentor")
    entry = dispute_actions.DisputeEntry(DisputeKind.EARLY_END, "Je change de ville", amicable=False, go_on=True,
                                         urgency="urgent")
    done = dispute_actions.raise_case(session, other_mentor, NOW, RULE, "", None, entry)
    dispute = session.scalars(select(Dispute).where(Dispute.convention_id == done.convention_id)).one()
    assert (dispute.kind, dispute.amicable_tried, dispute.urgency) == (DisputeKind.EARLY_END, None, "normal")


def test_coordinator_steps_take_then_resolve_and_the_pair_cannot(session: Session) -> None:
    world = build(session, Platform.SLACK)
    differend = world.ids["differend"]
    with pytest.raises(NotAllowed):
        dispute_actions.coordinator_step(session, actor(session, world, "mentee"), NOW, RULE, differend,
                                         dispute_actions.CoordinatorStep.TAKE)
    coordinator = actor(session, world, "coordinator")
    taken = dispute_actions.coordinator_step(session, coordinator, NOW, RULE, differend,
                                             dispute_actions.CoordinatorStep.TAKE)
    assert taken.convention_id == world.ids["convention"]
    dispute_actions.coordinator_step(session, coordinator, NOW, RULE, differend,
                                     dispute_actions.CoordinatorStep.RESOLVE)
    resolved = session.get(Dispute, differend)
    assert resolved is not None and resolved.status == DisputeStatus.RESOLVED


def test_bilan_routes_a_coordinator_outside_any_pair_to_the_figures(session: Session) -> None:
    world = build(session, Platform.TEAMS)
    coordinator = actor(session, world, "coordinator")
    answer = closure_actions.bilan_command(session, coordinator, TODAY, RULE)
    assert isinstance(answer, closure_actions.ProgrammeFigures) and answer.programme_name == world.programme.name
    with pytest.raises(Conflict):  # the pair is far from its last phase: no bilan yet
        closure_actions.bilan_command(session, actor(session, world, "mentee"), TODAY, RULE)
    late = TODAY + timedelta(days=300)  # in the last phase
    form = closure_actions.bilan_command(session, actor(session, world, "mentee"), late, RULE)
    assert isinstance(form, closure_actions.BilanFormView) and form.role == "mentee"
    assert form.other.id == world.people["mentor"].id and form.mine is None


def test_withdrawing_ones_own_request_does_not_count_as_taking_it(session: Session) -> None:
    world = build(session, Platform.SLACK)
    mentee = actor(session, world, "mentee")  # she asked for the early end
    dispute_actions.withdraw(session, mentee, NOW, world.ids["early_end"])
    withdrawn = session.get(Dispute, world.ids["early_end"])
    assert withdrawn is not None and withdrawn.status == DisputeStatus.WITHDRAWN
    assert (withdrawn.closed_by_id, withdrawn.taken_by_id, withdrawn.taken_at) == (mentee.person.id, None, None)
