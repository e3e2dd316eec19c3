"""The meeting use cases, as both front ends call them: a real session, a pair built by the policy
matrix's world, the clicker admitted by the unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.actor import Actor
from bot.clock import FrozenClock
from bot.notify import Message
from bot.services.errors import Conflict
from bot.services.meeting_messages import confirmed_message
from bot.services.people import PersonProfile
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule
from bot.usecases import meetings as actions
from bot.usecases.meetings import FormKind, MeetingEntry
from bot.usecases.unit_of_work import Caller, admit
from storage.db import SessionFactory
from storage.models import Meeting, MeetingStatus, Person, Platform, Programme, Workspace
from tests.services.conftest import NOW
from tests.services.test_policy_matrix import RULE, TODAY, World, build


@dataclass
class Deps:
    """What the unit of work needs from a front end's deps (the session is the test's own)."""

    session_factory: SessionFactory = field(default_factory=sessionmaker)
    clock: FrozenClock = field(default_factory=lambda: FrozenClock(NOW))
    rule: CoordinatorRule = RULE
    defaults: ProgrammeDefaults = field(default_factory=ProgrammeDefaults)


def actor(session: Session, world: World, who: str) -> Actor:
    person = world.people[who]
    workspace = session.get(Workspace, person.workspace_id)
    assert workspace is not None
    return admit(session, Deps(), Caller(workspace.platform, workspace.external_id, person.external_id))


def status(session: Session, meeting_id: int) -> str:
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    return meeting.status


def meetings_of(session: Session) -> int:
    return session.scalar(select(func.count(Meeting.id))) or 0


@pytest.mark.parametrize("platform", [Platform.SLACK, Platform.TEAMS])
def test_nobody_counters_their_own_proposal(session: Session, platform: str) -> None:
    world = build(session, platform)
    mentee = actor(session, world, "mentee")  # she made the proposal
    before = meetings_of(session)
    with pytest.raises(Conflict) as refused:
        actions.meeting_form(session, mentee, FormKind.COUNTER, world.ids["proposal"])
    assert refused.value.key == "meeting.own_proposal"
    entry = MeetingEntry(day=TODAY + timedelta(days=42), time="16:00", duration=60, mode="video")
    with pytest.raises(Conflict):
        actions.save_meeting(session, mentee, NOW, FormKind.COUNTER, world.ids["proposal"], entry)
    assert meetings_of(session) == before
    assert status(session, world.ids["proposal"]) == MeetingStatus.PROPOSED

    mentor = actor(session, world, "mentor")  # the other side may
    form = actions.meeting_form(session, mentor, FormKind.COUNTER, world.ids["proposal"])
    assert form.other.id == world.people["mentee"].id and form.prefill["time"] == "14:00"
    done = actions.save_meeting(session, mentor, NOW, FormKind.COUNTER, world.ids["proposal"], entry)
    assert done.retire[0].meeting_ids == (world.ids["proposal"],)
    assert status(session, world.ids["proposal"]) != MeetingStatus.PROPOSED


def test_next_meeting_is_the_confirmed_one_then_the_proposal_then_the_form(session: Session) -> None:
    world = build(session, Platform.SLACK)
    mentor = actor(session, world, "mentor")
    soonest = session.get(Meeting, world.ids["past"])  # confirmed, in two days
    assert soonest is not None
    assert actions.next_meeting(session, mentor, NOW) == confirmed_message(soonest, mentor.person, NOW,
                                                                          with_file=False)
    for confirmed in ("past", "confirmed"):
        actions.cancel(session, mentor, NOW, world.ids[confirmed], "Un empêchement")
    # The mentee's proposal now waits for the mentor's answer: that is what he is shown.
    waiting = actions.next_meeting(session, mentor, NOW)
    assert isinstance(waiting, Message) and waiting.buttons
    assert {b.value for b in waiting.buttons} == {str(world.ids["proposal"])}
    mentee = actor(session, world, "mentee")  # her own proposal waits on him: she may propose anew
    form = actions.next_meeting(session, mentee, NOW)
    assert isinstance(form, actions.MeetingFormView) and form.kind == FormKind.NEW
    assert form.subject_id == world.ids["convention"]


def test_a_moved_meeting_starts_from_its_moment_in_the_movers_zone(session: Session) -> None:
    world = build(session, Platform.TEAMS)
    mentor = actor(session, world, "mentor")
    form = actions.meeting_form(session, mentor, FormKind.MOVE, world.ids["confirmed"])
    assert form.prefill["date"] == (TODAY + timedelta(days=20)).isoformat() and form.prefill["time"] == "10:00"
    with pytest.raises(Conflict):  # a proposal is not moved: it is answered
        actions.meeting_form(session, mentor, FormKind.MOVE, world.ids["proposal"])


def test_the_agenda_is_the_mentees_to_write_and_the_mentors_to_read(session: Session) -> None:
    world = build(session, Platform.SLACK)
    mentor, mentee = actor(session, world, "mentor"), actor(session, world, "mentee")
    nothing = actions.agenda_command(session, mentor, NOW, "")
    assert isinstance(nothing, actions.Done) and not nothing.changed and not nothing.reply.sections
    form = actions.agenda_command(session, mentee, NOW, "")
    assert isinstance(form, actions.AgendaFormView) and form.meeting is not None
    sent = actions.agenda_command(session, mentee, NOW, "Préparer l'entretien annuel")
    assert isinstance(sent, actions.Done) and sent.changed
    shown = actions.agenda_command(session, mentor, NOW, "")
    assert isinstance(shown, actions.Done)
    assert [s.body for s in shown.reply.sections] == ["Préparer l'entretien annuel"]
    assert all(s.literal for s in shown.reply.sections)  # shown as typed, never as markup


def test_first_contact_records_the_workspace_programme_and_person(session: Session) -> None:
    deps = Deps()
    profile = PersonProfile(external_id="0a000000-0000-4000-8000-000000000777", name="Awa Diallo",
                            timezone="Europe/Paris", locale="en-GB")
    caller = Caller(Platform.TEAMS, "0a000000-0000-4000-8000-000000000900", profile.external_id, profile=profile)
    first = admit(session, deps, caller)
    assert (first.lang, first.tz, first.person.display_name) == ("en_GB", "Europe/Paris", "Awa Diallo")
    assert session.scalar(select(func.count(Programme.id))) == 1
    made_up = Caller(Platform.TEAMS, caller.team_id, caller.user_id,
                     profile=PersonProfile(caller.user_id, "", timezone="Mars/Olympus"))
    again = admit(session, deps, made_up)
    assert again.person.id == first.person.id and again.tz == "Europe/Paris"  # an unknown zone is not taken
    assert session.scalar(select(func.count(Person.id))) == 1
