"""Every action on a pair's objects against every kind of actor, on a Slack and on a Teams programme.

The actors, relative to the programme that owns the objects:
- the pair's own mentor and mentee;
- a member of another pair of the same programme;
- the programme's coordinator (added) and an admin of its workspace (by right);
- a coordinator of another workspace, on the same platform;
- a coordinator listed in MENTORAT_COORDINATORS for the other platform;
- an admin of another workspace;
- an outsider of the same workspace.

A refused action raises NotAllowed before anything is read back or written: every table keeps its
rows, the outbox gets no message, and the error carries an i18n key, never the object's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services import (
    bilans,
    closure,
    conventions,
    coordination,
    disputes,
    gratitude,
    meetings,
    notes,
    objectives,
    pair_import,
    programme_report,
)
from bot.services.errors import DomainError, NotAllowed
from bot.services.people import ensure_person, ensure_workspace
from bot.services.programmes import ProgrammeDefaults, default_programme
from bot.services.roles import CoordinatorRule
from storage.models import Base, Person, Platform, Programme, ProgrammeCoordinator, Reminder
from tests.services.conftest import NOW

SECRET = "Zanzibar-7 : il critique mon travail devant l'équipe"
TEAMS_LISTED = "0a000000-0000-4000-8000-0000000000c1"  # an Entra id in MENTORAT_COORDINATORS
SLACK_LISTED = "ULISTED"  # a Slack member id in MENTORAT_COORDINATORS
RULE = CoordinatorRule(frozenset({TEAMS_LISTED, SLACK_LISTED}))
TODAY = date(2026, 11, 23)


def guid(n: int) -> str:
    return f"0a000000-0000-4000-8000-{n:012d}"


@dataclass
class World:
    """A programme with a running pair and everything that hangs off it, plus people around it."""

    programme: Programme
    people: dict[str, Person]
    ids: dict[str, int] = field(default_factory=dict)


def person(session: Session, workspace_id: int, external_id: str, *, admin: bool = False) -> Person:
    from storage.models import Workspace

    workspace = session.get(Workspace, workspace_id)
    assert workspace is not None
    found = ensure_person(session, workspace, external_id, now=NOW)
    found.is_workspace_admin = admin
    found.display_name = external_id
    found.timezone = "America/Toronto"
    return found


def build(session: Session, platform: str) -> World:
    """The home programme on `platform`, another workspace on the same platform, one on the other platform."""
    slack = platform == Platform.SLACK
    home = ensure_workspace(session, platform=platform, external_id="THOME" if slack else guid(900), now=NOW)
    foreign = ensure_workspace(session, platform=platform, external_id="TFOREIGN" if slack else guid(901), now=NOW)
    other_platform = Platform.TEAMS if slack else Platform.SLACK
    elsewhere = ensure_workspace(session, platform=other_platform, external_id=guid(902) if slack else "TELSE",
                                 now=NOW)
    defaults = ProgrammeDefaults()
    programme = default_programme(session, home, defaults, now=NOW)
    default_programme(session, foreign, defaults, now=NOW)
    default_programme(session, elsewhere, defaults, now=NOW)
    ext = (lambda name: "U" + name.upper()) if slack else (lambda name: guid(abs(hash(name)) % 10**6))
    people = {
        "mentor": person(session, home.id, ext("mentor")),
        "mentee": person(session, home.id, ext("mentee")),
        "other_mentor": person(session, home.id, ext("other_mentor")),
        "other_mentee": person(session, home.id, ext("other_mentee")),
        "coordinator": person(session, home.id, ext("coordinator")),
        "admin": person(session, home.id, ext("admin"), admin=True),
        "outsider": person(session, home.id, ext("outsider")),
        "spare": person(session, home.id, ext("spare")),
        "foreign_coordinator": person(session, foreign.id, SLACK_LISTED if slack else TEAMS_LISTED),
        "foreign_admin": person(session, foreign.id, ext("foreign_admin"), admin=True),
        "other_platform_coordinator": person(session, elsewhere.id, TEAMS_LISTED if slack else SLACK_LISTED),
    }
    session.add(ProgrammeCoordinator(programme_id=programme.id, person_id=people["coordinator"].id,
                                     added_by_id=people["admin"].id, added_at=NOW))
    session.flush()
    world = World(programme, people)
    by = people["coordinator"]
    pair = conventions.pair(session, programme=programme, coordinator=by, mentor=people["mentor"],
                            mentee=people["mentee"], starts_on=TODAY, today=TODAY, now=NOW, rule=RULE).convention
    other = conventions.pair(session, programme=programme, coordinator=by, mentor=people["other_mentor"],
                             mentee=people["other_mentee"], starts_on=TODAY, today=TODAY, now=NOW, rule=RULE).convention
    for convention in (pair, other):
        for side in (convention.mentor, convention.mentee):
            conventions.accept(session, convention_id=convention.id, person=side, now=NOW)
    world.ids["convention"] = pair.id
    mentor, mentee = people["mentor"], people["mentee"]
    past = meetings.propose(session, convention=pair, person=mentee, draft=draft(TODAY + timedelta(days=2), "10:00"),
                            now=NOW).meeting
    meetings.confirm(session, meeting_id=past.id, person=mentor, now=NOW)
    confirmed = meetings.propose(session, convention=pair, person=mentee,
                                 draft=draft(TODAY + timedelta(days=20), "10:00"), now=NOW).meeting
    meetings.confirm(session, meeting_id=confirmed.id, person=mentor, now=NOW)
    proposal = meetings.propose(session, convention=pair, person=mentee,
                                draft=draft(TODAY + timedelta(days=40), "14:00"), now=NOW).meeting
    world.ids |= {"past": past.id, "confirmed": confirmed.id, "proposal": proposal.id}
    goal = objectives.add(session, person=mentee, draft=objectives.ObjectiveDraft(
        "Prendre la parole en réunion", "", "short", None, ""), today=TODAY, now=NOW, convention_id=pair.id)
    world.ids["objective"] = goal.id
    notes.add_note(session, person=mentor, body=SECRET, share=False, now=NOW, convention_id=pair.id)
    differend = disputes.raise_for(session, person=mentor, convention_id=pair.id, rule=RULE, fallback_admin="",
                                   now=NOW, draft=disputes.DisputeDraft(disputes.DisputeKind.DIFFEREND, SECRET,
                                                                        amicable_tried=True))
    early_end = disputes.raise_for(session, person=mentee, convention_id=pair.id, rule=RULE, fallback_admin="",
                                   now=NOW, draft=disputes.DisputeDraft(disputes.DisputeKind.EARLY_END, SECRET))
    world.ids |= {"differend": differend.id, "early_end": early_end.id}
    session.flush()
    return world


def draft(day: date, time: str) -> meetings.MeetingDraft:
    return meetings.MeetingDraft(day=day, time=time, tz="America/Toronto", duration_minutes=60, mode="video",
                                 location="https://meet.example/x", agenda="")


Action = Callable[[Session, World, Person], Any]
LATER = NOW + timedelta(days=3)  # the first meeting is over: its check-in can be answered


def _report(session: Session, world: World, who: Person) -> Any:
    reports = programme_report.reports_for(session, person=who, rule=RULE, now=NOW)
    if all(r.programme_id != world.programme.id for r in reports):
        raise NotAllowed("error.no_access")  # only their own workspace's figures: none of this programme's
    return reports


ACTIONS: dict[str, tuple[Action, set[str]]] = {
    # action: (call, who may)
    "accept": (lambda s, w, p: conventions.accept(s, convention_id=w.ids["convention"], person=p, now=NOW),
               {"mentor", "mentee"}),
    "question": (lambda s, w, p: conventions.ask_question(s, convention_id=w.ids["convention"], person=p, now=NOW,
                                                          coordinator_ids=[]), {"mentor", "mentee"}),
    "status": (lambda s, w, p: conventions.status_of(s, conventions.get_convention(s, w.ids["convention"]), p, TODAY),
               {"mentor", "mentee"}),
    "propose": (lambda s, w, p: meetings.propose(s, convention=conventions.get_convention(s, w.ids["convention"]),
                                                 person=p, draft=draft(TODAY + timedelta(days=60), "09:00"),
                                                 now=NOW), {"mentor", "mentee"}),
    "confirm": (lambda s, w, p: meetings.confirm(s, meeting_id=w.ids["proposal"], person=p, now=NOW),
                {"mentor", "mentee"}),
    "counter": (lambda s, w, p: meetings.counter(s, meeting_id=w.ids["proposal"], person=p,
                                                 draft=draft(TODAY + timedelta(days=41), "15:00"), now=NOW),
                {"mentor", "mentee"}),
    "move": (lambda s, w, p: meetings.move(s, meeting_id=w.ids["confirmed"], person=p, reason="Un empêchement",
                                           draft=draft(TODAY + timedelta(days=22), "11:00"), now=NOW),
             {"mentor", "mentee"}),
    "cancel": (lambda s, w, p: meetings.cancel(s, meeting_id=w.ids["confirmed"], person=p, reason="Malade", now=NOW),
               {"mentor", "mentee"}),
    "check-in": (lambda s, w, p: meetings.record_outcome(s, meeting_id=w.ids["past"], person=p,
                                                         outcome=meetings.Outcome.HELD, now=LATER),
                 {"mentor", "mentee"}),
    "agenda": (lambda s, w, p: meetings.set_agenda(s, person=p, text="Mes sujets", now=NOW,
                                                   meeting_id=w.ids["confirmed"]), {"mentee"}),
    "note": (lambda s, w, p: notes.add_note(s, person=p, body="Une note", share=True, now=NOW,
                                            convention_id=w.ids["convention"]), {"mentor", "mentee"}),
    "read notes": (lambda s, w, p: notes.visible_notes(s, p, conventions.get_convention(s, w.ids["convention"])),
                   {"mentor", "mentee"}),
    "note target": (lambda s, w, p: notes.note_target(s, p, f"meeting:{w.ids['past']}"), {"mentor", "mentee"}),
    "add objective": (lambda s, w, p: objectives.add(s, person=p, draft=objectives.ObjectiveDraft(
        "Un objectif", "", "long", None, ""), today=TODAY, now=NOW, convention_id=w.ids["convention"]),
        {"mentor", "mentee"}),
    "update objective": (lambda s, w, p: objectives.update(s, person=p, objective_id=w.ids["objective"],
                                                           status="in_progress", progress=30, comment="", now=NOW),
                         {"mentor", "mentee"}),
    "objective feedback": (lambda s, w, p: objectives.feedback(s, person=p, objective_id=w.ids["objective"],
                                                               comment="Bravo", now=NOW), {"mentor"}),
    "objective history": (lambda s, w, p: objectives.history(s, p, w.ids["objective"]), {"mentor", "mentee"}),
    "objectives": (lambda s, w, p: objectives.for_person(s, p, w.ids["convention"]), {"mentor", "mentee"}),
    "read bilan": (lambda s, w, p: bilans.view_for(s, p, w.ids["convention"]), {"mentor", "mentee"}),
    "bilan form": (lambda s, w, p: bilans.bilan_convention(s, p, w.ids["convention"]), {"mentor", "mentee"}),
    "thanks": (lambda s, w, p: gratitude.send(s, person=p, convention_id=w.ids["convention"], kind=gratitude.THANKS,
                                              message="Merci", achievements="", now=NOW), {"mentee"}),
    "raise differend": (lambda s, w, p: disputes.raise_for(
        s, person=p, convention_id=w.ids["convention"], rule=RULE, fallback_admin="", now=NOW,
        draft=disputes.DisputeDraft(disputes.DisputeKind.DIFFEREND, "Encore", amicable_tried=True)),
        {"mentor", "mentee"}),
    "take": (lambda s, w, p: disputes.take(s, dispute_id=w.ids["differend"], person=p, rule=RULE, now=NOW),
             {"coordinator", "admin"}),
    "ask to meet": (lambda s, w, p: disputes.request_meeting(s, dispute_id=w.ids["differend"], person=p, rule=RULE,
                                                             now=NOW), {"coordinator", "admin"}),
    "resolve": (lambda s, w, p: disputes.resolve(s, dispute_id=w.ids["differend"], person=p, rule=RULE, now=NOW),
                {"coordinator", "admin"}),
    "confirm early end": (lambda s, w, p: disputes.confirm_early_end(s, dispute_id=w.ids["early_end"], person=p,
                                                                     rule=RULE, now=NOW), {"coordinator", "admin"}),
    "withdraw early end": (lambda s, w, p: disputes.withdraw(s, dispute_id=w.ids["early_end"], person=p, now=NOW),
                           {"mentee"}),
    "report": (_report, {"coordinator", "admin"}),
    "closure figures": (lambda s, w, p: closure.figures_for(s, person=p, programme=w.programme, rule=RULE,
                                                            today=TODAY), {"coordinator", "admin"}),
    "list coordinators": (lambda s, w, p: coordination.coordinators_of(s, by=p, programme=w.programme, rule=RULE),
                          {"coordinator", "admin"}),
    "add coordinator": (lambda s, w, p: coordination.add(s, by=p, programme=w.programme, person=w.people["spare"],
                                                         rule=RULE, now=NOW), {"coordinator", "admin"}),
    "remove coordinator": (lambda s, w, p: coordination.remove(s, by=p, programme=w.programme,
                                                               person=w.people["coordinator"], rule=RULE),
                           {"coordinator", "admin"}),
    "set sponsor": (lambda s, w, p: coordination.set_sponsor(s, by=p, programme=w.programme,
                                                             sponsor=w.people["spare"], rule=RULE),
                    {"coordinator", "admin"}),
    "pair": (lambda s, w, p: conventions.pair(s, programme=w.programme, coordinator=p, mentor=w.people["spare"],
                                              mentee=w.people["outsider"], starts_on=TODAY, today=TODAY, now=NOW,
                                              rule=RULE), {"coordinator", "admin"}),
    "import pairs": (lambda s, w, p: pair_import.import_pairs(
        s, programme=w.programme, coordinator=p, text=f"{w.people['spare'].external_id},"
        f"{w.people['outsider'].external_id}", resolve=lambda member: w.people["spare"], today=TODAY, now=NOW,
        rule=RULE, member=lambda value: value.strip()), {"coordinator", "admin"}),
}
ACTORS = ("mentor", "mentee", "other_mentor", "coordinator", "admin", "foreign_coordinator",
          "other_platform_coordinator", "foreign_admin", "outsider")


def state(session: Session) -> dict[str, Any]:
    """What a refused action must leave as it was: every table's rows (the outbox among them)."""
    session.flush()
    counts = {table.name: session.scalar(select(func.count()).select_from(table)) for table in Base.metadata.sorted_tables}
    statuses = sorted(session.execute(select(Reminder.kind, Reminder.status)).all())
    return {"counts": counts, "outbox": statuses, "dirty": bool(session.dirty or session.new or session.deleted)}


@pytest.mark.parametrize("platform", [Platform.SLACK, Platform.TEAMS])
@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_action_is_allowed_to_its_actors_only(session: Session, platform: str, name: str) -> None:
    world = build(session, platform)
    call, allowed = ACTIONS[name]
    for actor in ACTORS:
        who = world.people[actor]
        before = state(session)
        savepoint = session.begin_nested()
        try:
            outcome: Any = call(session, world, who)
        except NotAllowed as refusal:
            outcome = refusal
        except DomainError as other:  # allowed by the policy, stopped by a rule of the flow (e.g. one's own proposal)
            outcome = other
        if actor in allowed:
            assert not isinstance(outcome, NotAllowed), f"{name}: {actor} should be allowed, got {outcome.key}"
        else:
            assert isinstance(outcome, NotAllowed), f"{name}: {actor} should be refused, got {outcome!r}"
            assert SECRET not in str(outcome.params) and SECRET not in outcome.key
            assert state(session) == before, f"{name}: refusing {actor} changed something"
        savepoint.rollback()


def test_the_pair_side_rules_still_hold(session: Session) -> None:
    """Allowed by the policy is not the whole story: one does not confirm or counter one's own proposal."""
    world = build(session, Platform.SLACK)
    mentee = world.people["mentee"]
    for call in (ACTIONS["confirm"][0], ACTIONS["counter"][0]):
        with pytest.raises(DomainError) as refused:
            call(session, world, mentee)
        assert refused.value.key == "meeting.own_proposal"
