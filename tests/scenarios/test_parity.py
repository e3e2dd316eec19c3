"""Slack and Teams run the same use cases: the same convention, driven with the same inputs at the same
moments on each platform, must leave the same dates, states and figures in the database.

`bot` is a Slack-only process and `teams_bot` a process with Teams, on one database: one Slack workspace
and one Teams tenant, the same people in the same time zones. Each harness has its own frozen clock; every
step sets both to the same moment. Marie mentors in Vancouver (French), Sam is mentored in Paris (English),
Camille coordinates from Toronto.

What only one platform has is left out of the snapshot: Slack's DM confirmations (Teams replaces the card
in place instead), its App Home refreshes, its .ics uploads (Teams links the file), the message refs each
platform keeps to update its own messages. Only the database holds what both must agree on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.forms import differend_values, meeting_values
from bot.demo.harness import Harness
from bot.demo.slack_emulator import button_value
from bot.demo.teams_connector import BotConnectorEmulator, card_inputs
from bot.demo.teams_requests import TeamsUser
from bot.services.closure import programme_figures
from storage.db import session_scope
from storage.models import (
    AuditEvent,
    Bilan,
    Convention,
    Dispute,
    Meeting,
    Note,
    Objective,
    ObjectiveUpdate,
    Person,
    Programme,
    Reminder,
    Workspace,
)
from tests.scenarios.closure_helpers import fill_bilan as slack_fill_bilan
from tests.scenarios.dispute_helpers import reason_values
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import click_last, last_view, propose, with_button
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    action,
    cards_for,
    channel,
    connector,
    find_card,
    mentee_proposes,
    submit_form,
    teams_bot,
    teams_pair_and_accept,
)

__all__ = ["connector", "teams_bot"]

SUMMARY = "Nos rencontres sont sans cesse reportées"
NEXT_AGENDA = "Mon *CV*"
OBJECTIVE = "Prendre la parole en réunion"
PRIVATE_NOTE = "Sam hésite entre deux postes"
SHARED_NOTE = "Lectures : « Le mentor »"


# -- the snapshot ------------------------------------------------------------------------------------------
def _iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


Row = dict[str, Any]


def _by_value(rows: list[Row]) -> list[Row]:
    """Rows whose order says nothing (the outbox, the audit), sorted by what they hold."""
    return sorted(rows, key=lambda row: tuple(str(value) for value in row.values()))


def _state(bot: Harness, platform: str) -> dict[str, Any]:
    """The platform's convention as the database holds it, with people by role rather than by platform id
    and rows by their order rather than by id (the two platforms' rows interleave in one database)."""
    with session_scope(bot.session_factory) as session:
        convention = session.scalars(
            select(Convention).join(Programme).join(Workspace).where(Workspace.platform == platform)).one()
        people = {convention.mentor_id: "mentor", convention.mentee_id: "mentee", convention.paired_by_id: "coordinator"}

        def role(person_id: int | None) -> str:
            return "-" if person_id is None else people.get(person_id, "someone else")

        def mine(model: Any) -> list[Any]:
            return list(session.scalars(select(model).where(model.convention_id == convention.id).order_by(model.id)))

        meetings = mine(Meeting)
        meeting_index = {m.id: n for n, m in enumerate(meetings)}
        objectives = mine(Objective)
        objective_index = {str(o.id): n for n, o in enumerate(objectives)}
        programme = session.get(Programme, convention.programme_id)
        assert programme is not None
        figures = programme_figures(session, programme, bot.clock.now().date())
        return {
            "status": convention.status, "starts_on": _iso(convention.starts_on),
            "end": _iso(convention.planned_end_on), "mentor_accepted": _iso(convention.mentor_accepted_at),
            "mentee_accepted": _iso(convention.mentee_accepted_at), "activated": _iso(convention.activated_at),
            "closed": _iso(convention.closed_at), "closure_decision": convention.closure_decision,
            "report_sent": _iso(convention.report_sent_at), "next_agenda": convention.next_agenda,
            # dm_channel and profile_refreshed_at are Slack's own (Teams keeps its chats apart, names come
            # with each activity).
            "people": sorted((people[p.id], p.display_name, p.timezone, p.locale, p.language_choice,
                              _iso(p.reminders_paused_until)) for p in session.scalars(select(Person))
                             if p.id in people),
            # The outbox, whichever process delivered it. The payload is left out: it holds platform ids.
            "reminders": _by_value([
                {"kind": r.kind, "to": role(r.recipient_id), "status": r.status, "due_at": _iso(r.due_at),
                 "sent_at": _iso(r.sent_at), "meeting": meeting_index.get(r.meeting_id or 0)}
                for r in mine(Reminder)]),
            "audit": _by_value([{"action": e.action, "by": role(e.actor_id), "at": _iso(e.at)}
                                for e in mine(AuditEvent)]),
            "meetings": [
                {"status": m.status, "starts_at": _iso(m.starts_at), "minutes": m.duration_minutes, "mode": m.mode,
                 "location": m.location, "agenda": m.agenda, "proposed_by": role(m.proposed_by_id),
                 "replaces": meeting_index.get(m.replaces_id or 0), "sequence": m.calendar_sequence,
                 "confirmed_at": _iso(m.confirmed_at), "confirmed_by": role(m.confirmed_by_id),
                 "outcome_at": _iso(m.outcome_at), "outcome_by": role(m.outcome_by_id)} for m in meetings],
            "objectives": [
                {"title": o.title, "status": o.status, "progress": o.progress, "horizon": o.horizon,
                 "due_on": _iso(o.due_on), "created_by": role(o.created_by_id),
                 "history": [(u.kind, role(u.author_id), u.status, u.progress, _iso(u.created_at))
                             for u in session.scalars(select(ObjectiveUpdate).where(
                                 ObjectiveUpdate.objective_id == o.id).order_by(ObjectiveUpdate.id))]}
                for o in objectives],
            # Notes by author and sharing, never their text: it is private to the pair.
            "notes": [{"by": role(n.author_id), "meeting": meeting_index.get(n.meeting_id or 0),
                       "shared_at": _iso(n.shared_at), "created_at": _iso(n.created_at)} for n in mine(Note)],
            "disputes": [
                {"kind": d.kind, "raised_by": role(d.raised_by_id), "status": d.status, "urgency": d.urgency,
                 "amicable_tried": d.amicable_tried, "danger": d.danger, "escalation_level": d.escalation_level,
                 "escalated_at": _iso(d.escalated_at), "taken_by": role(d.taken_by_id), "taken_at": _iso(d.taken_at),
                 "meeting_requested_at": _iso(d.meeting_requested_at), "closed_by": role(d.closed_by_id),
                 "closed_at": _iso(d.closed_at), "created_at": _iso(d.created_at)} for d in mine(Dispute)],
            "bilans": [
                {"role": b.role, "round_end_on": _iso(b.round_end_on), "decision": b.decision,
                 "satisfaction": b.satisfaction, "extend_months": b.extend_months, "keep_in_touch": b.keep_in_touch,
                 "shared_keys": sorted(b.shared_keys),
                 "objective_results": {objective_index[k]: v for k, v in b.objective_results.items()},
                 "sponsor_ok": b.sponsor_ok, "submitted_at": _iso(b.submitted_at)} for b in mine(Bilan)],
            "figures": {"in_closure": figures.in_closure, "bilans_done": figures.bilans_done,
                        "bilans_expected": figures.bilans_expected, "satisfaction": figures.satisfaction,
                        "decisions": figures.decisions},
        }


UNORDERED = ("people", "reminders", "audit")


def _differences(slack: dict[str, Any], teams: dict[str, Any]) -> list[str]:
    """One line per field that differs: rows by position (or, for the outbox and the audit, those only one
    side has), fields by name."""
    found = []
    for key, mine in slack.items():
        theirs = teams[key]
        if mine == theirs:
            continue
        if key in UNORDERED:
            found.append(f"{key}: only on Slack {[r for r in mine if r not in theirs]}, "
                         f"only on Teams {[r for r in theirs if r not in mine]}")
        elif isinstance(mine, list):
            for n in range(max(len(mine), len(theirs))):
                row = mine[n] if n < len(mine) else None
                other = theirs[n] if n < len(theirs) else None
                if row == other:
                    continue
                if isinstance(row, dict) and isinstance(other, dict):
                    found += [f"{key}[{n}].{field}: Slack {row[field]!r}, Teams {other[field]!r}"
                              for field in row if row[field] != other[field]]
                else:
                    found.append(f"{key}[{n}]: Slack {row!r}, Teams {other!r}")
        else:
            found.append(f"{key}: Slack {mine!r}, Teams {theirs!r}")
    return found


def _assert_same(slack_bot: Harness, teams_bot: Harness, phase: str) -> dict[str, Any]:
    """Both platforms' snapshots, equal; a failure names each field that differs, with both values."""
    slack, teams = _state(slack_bot, "slack"), _state(teams_bot, "teams")
    assert slack == teams, f"after {phase}, Slack and Teams differ:\n" + "\n".join(_differences(slack, teams))
    return slack


def _at(moment: datetime, *harnesses: Harness) -> None:
    for harness in harnesses:
        harness.clock.set(moment)


def _tick(moment: datetime, slack_bot: Harness, teams_bot: Harness) -> None:
    """Time passes for both; the process with Teams delivers both platforms' outbox, the Slack one finds
    nothing left (as two replicas would)."""
    _at(moment, slack_bot, teams_bot)
    teams_bot.mentorat.jobs.tick()
    slack_bot.mentorat.jobs.tick()


# -- Teams steps the other scenario files do not share --------------------------------------------------
def _teams_form(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, command: str,
                field: str) -> dict[str, Any]:
    channel(bot).say(user, command)
    form = cards_for(connector, user)[-1]
    assert field in card_inputs(form), f"{command} opened no card with {field!r}"
    return form


def _click(bot: Harness, user: TeamsUser, card: dict[str, Any], title: str) -> None:
    channel(bot).submit(user, action(card, title), card_id=card["id"])


def _teams_latest(connector: BotConnectorEmulator, user: TeamsUser, needle: str) -> dict[str, Any]:
    """The card whose first version held `needle`, as it stands now."""
    return connector.latest(find_card(connector, user, needle)["id"])


def _teams_objective_id(bot: Harness) -> int:
    with session_scope(bot.session_factory) as session:
        return session.scalars(select(Objective.id).join(Convention).join(Programme).join(Workspace)
                               .where(Workspace.platform == "teams")).one()


def _teams_bilan(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, submit: str, **values: str) -> None:
    channel(bot).say(user, "mentorat bilan")
    form = next(c for c in reversed(cards_for(connector, user)) if "brought" in card_inputs(c))
    submit_form(bot, user, form, submit, **values)


# -- the whole convention ----------------------------------------------------------------------------------
# About 7 s on SQLite and 9 s on PostgreSQL: every flow twice, and the final report's PDF twice at the end.
@pytest.mark.both_databases
def test_one_whole_convention_gives_the_same_dates_states_and_figures_on_slack_and_teams(
        teams_bot: Harness, connector: BotConnectorEmulator, bot: Harness) -> None:
    # 1. Pairing and acceptance, Monday 23 November 2026, 10:00 in Toronto.
    convention_id = pair_and_accept(bot, start="2026-11-23")
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    _assert_same(bot, teams_bot, "pairing and acceptance")

    # 2. Meetings. Sam proposes Monday 7 December, 19:00 in Paris, for 75 minutes by video.
    _at(datetime(2026, 11, 23, 16, 0, tzinfo=UTC), bot, teams_bot)
    propose(bot, "UMENTEE", "2026-12-07", "19:00", duration="75", mode="video", location="https://meet.example/abc",
            agenda="Mon plan de carrière")
    mentee_proposes(teams_bot, connector)
    # Marie counter-proposes 11:30 her time (19:30 UTC), the rest as prefilled.
    _at(datetime(2026, 11, 23, 16, 10, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UMENTOR", "meeting-proposal-counter")
    bot.submit_view("UMENTOR", last_view(bot), meeting_values(
        "2026-12-07", "11:30", duration="75", mode="video", location="https://meet.example/abc",
        agenda="Mon plan de carrière"))
    proposal = find_card(connector, MENTOR, "vous propose une rencontre")
    _click(teams_bot, MENTOR, proposal, "autre moment")
    submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Proposer ce moment", time="11:30")
    _assert_same(bot, teams_bot, "the counter-proposal")
    # Sam confirms.
    _at(datetime(2026, 11, 23, 16, 20, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    _click(teams_bot, MENTEE, find_card(connector, MENTEE, "suggests another time"), "Confirm")
    confirmed = _assert_same(bot, teams_bot, "the confirmation")
    assert [m["status"] for m in confirmed["meetings"]] == ["superseded", "confirmed"]
    # The next day, both check-ins are out; Marie answers that it took place.
    _tick(datetime(2026, 12, 8, 18, 0, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UMENTOR", "meeting-checkin-held")
    held_answer = bot.last_response()  # the question, replaced: its buttons lead to the notes (phase 4)
    question = find_card(connector, MENTOR, "a-t-elle eu lieu")
    _click(teams_bot, MENTOR, question, "Oui")
    # Sam writes the agenda of the next meeting (none planned yet: kept for the next proposal).
    _at(datetime(2026, 12, 8, 18, 5, tzinfo=UTC), bot, teams_bot)
    bot.command("UMENTEE", "ordre-du-jour")
    bot.submit_view("UMENTEE", last_view(bot, "agenda-form-submit"),
                    {"meeting-agenda": {"meeting-agenda-input": {"value": NEXT_AGENDA}}})
    form = _teams_form(teams_bot, connector, MENTEE, "mentorat ordre-du-jour", "agenda")
    channel(teams_bot).submit(MENTEE, {**action(form, "Send to my mentor"), "agenda": NEXT_AGENDA},
                              card_id=form["id"])
    _tick(datetime(2026, 12, 8, 18, 10, tzinfo=UTC), bot, teams_bot)
    meetings = _assert_same(bot, teams_bot, "the meetings")
    assert meetings["meetings"][1]["status"] == "held" and meetings["next_agenda"] == NEXT_AGENDA

    # 3. Objectives: Sam adds one, updates its progress; ten minutes on Marie hears of it and gives feedback.
    _tick(datetime(2026, 12, 9, 8, 0, tzinfo=UTC), bot, teams_bot)  # 9:00 in Paris: Sam is told of the check-in
    _at(datetime(2026, 12, 9, 15, 0, tzinfo=UTC), bot, teams_bot)
    bot.click("UMENTEE", "objective-add-open", str(convention_id))
    bot.submit_view("UMENTEE", last_view(bot, "objective-add-submit"), {
        "objective-title": {"objective-title-input": {"type": "plain_text_input", "value": OBJECTIVE}},
        "objective-description": {"objective-description-input": {"value": None}},
        "objective-horizon": {"objective-horizon-choose": {"selected_option": {"value": "long"}}},
        "objective-due": {"objective-due-pick": {"selected_date": "2027-03-01"}},
        "objective-success": {"objective-success-input": {"value": "Animer une réunion"}}})
    channel(teams_bot).say(MENTEE, "mentorat objectifs")
    _click(teams_bot, MENTEE, cards_for(connector, MENTEE)[-1], "Add an objective")
    form = cards_for(connector, MENTEE)[-1]
    submit_form(teams_bot, MENTEE, form, "Add", title=OBJECTIVE, horizon="long", due="2027-03-01",
                success="Animer une réunion")
    listing = connector.latest(form["id"])
    _at(datetime(2026, 12, 9, 15, 5, tzinfo=UTC), bot, teams_bot)
    with bot.session_factory() as session:
        objective_id = session.scalars(select(Objective.id).where(Objective.convention_id == convention_id)).one()
    bot.click("UMENTEE", "objective-update-open", str(objective_id))
    bot.submit_view("UMENTEE", last_view(bot, "objective-update-submit"), {
        "objective-status": {"objective-status-choose": {"selected_option": {"value": "in_progress"}}},
        "objective-progress": {"objective-progress-select": {"selected_option": {"value": "40"}}},
        "objective-comment": {"objective-comment-input": {"value": "Première fois"}}})
    _click(teams_bot, MENTEE, listing, "Update")
    submit_form(teams_bot, MENTEE, cards_for(connector, MENTEE)[-1], "Save", status="in_progress", progress="40",
                comment="Première fois")
    _tick(datetime(2026, 12, 9, 16, 30, tzinfo=UTC), bot, teams_bot)  # the grouped news: 8:30 in Marie's Vancouver
    bot.click("UMENTOR", "objective-feedback-open", str(objective_id))
    bot.submit_view("UMENTOR", last_view(bot, "objective-feedback-submit"),
                    {"objective-comment": {"objective-comment-input": {"value": "Bravo !"}}})
    news = find_card(connector, MENTOR, "Du nouveau dans vos objectifs")
    _click(teams_bot, MENTOR, news, "Voir les objectifs")
    _click(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Donner un retour")
    submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Envoyer", comment="Bravo !")
    _tick(datetime(2026, 12, 9, 16, 45, tzinfo=UTC), bot, teams_bot)  # the feedback's news: 17:45 in Paris
    objectives = _assert_same(bot, teams_bot, "the objectives")
    assert [kind for kind, *_ in objectives["objectives"][0]["history"]] == ["created", "update", "feedback"]

    # 4. Notes: Marie keeps a private note on the meeting that was held, then shares a second one.
    _at(datetime(2026, 12, 10, 15, 0, tzinfo=UTC), bot, teams_bot)
    followup = connector.latest(question["id"])
    note_button = button_value(held_answer, "note-write-open")
    assert note_button, "the answered check-in offers a note"
    for body, share in ((PRIVATE_NOTE, False), (SHARED_NOTE, True)):
        bot.click("UMENTOR", "note-write-open", note_button)
        chosen = [{"value": "share"}] if share else []
        bot.submit_view("UMENTOR", last_view(bot, "note-form-submit"), {
            "note-body": {"note-body-input": {"type": "plain_text_input", "value": body}},
            "note-share": {"note-share-check": {"type": "checkboxes", "selected_options": chosen}}})
        _click(teams_bot, MENTOR, followup, "note privée")
        submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Enregistrer", body=body,
                    share="true" if share else "false")
        _at(datetime(2026, 12, 10, 15, 5, tzinfo=UTC), bot, teams_bot)
    _tick(datetime(2026, 12, 10, 15, 10, tzinfo=UTC), bot, teams_bot)
    notes = _assert_same(bot, teams_bot, "the notes")
    assert [n["shared_at"] is not None for n in notes["notes"]] == [False, True]

    # 5. Sam raises a différend on Monday 11 January 2027; Camille takes it the next day, resolves it after.
    _tick(datetime(2026, 12, 14, 8, 0, tzinfo=UTC), bot, teams_bot)  # Sam's week was full: the shared note on Monday
    _at(datetime(2027, 1, 11, 15, 0, tzinfo=UTC), bot, teams_bot)
    bot.command("UMENTEE", "differend")
    bot.submit_view("UMENTEE", last_view(bot, "differend-form-submit"), differend_values(SUMMARY))
    form = _teams_form(teams_bot, connector, MENTEE, "mentorat differend", "summary")
    submit_form(teams_bot, MENTEE, form, "Send", summary=SUMMARY, amicable="yes", go_on="false", urgency="normal")
    _tick(datetime(2027, 1, 12, 16, 0, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UCOORD", "dispute-case-take")
    _click(teams_bot, COORD, _teams_latest(connector, COORD, "signale un différend"), "occupe")
    _tick(datetime(2027, 1, 13, 15, 0, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UCOORD", "dispute-case-resolve")
    _click(teams_bot, COORD, _teams_latest(connector, COORD, "signale un différend"), "Résolu")
    # Marie asks to end early, then withdraws her request.
    _at(datetime(2027, 1, 14, 15, 0, tzinfo=UTC), bot, teams_bot)
    bot.command("UMENTOR", "fin-hative")
    bot.submit_view("UMENTOR", last_view(bot, "early-end-form-submit"), reason_values(SUMMARY))
    form = _teams_form(teams_bot, connector, MENTOR, "mentorat fin-hative", "summary")
    submit_form(teams_bot, MENTOR, form, "Envoyer la demande", summary=SUMMARY)
    _at(datetime(2027, 1, 14, 15, 30, tzinfo=UTC), bot, teams_bot)
    click_last(bot, "UMENTOR", "early-end-request-withdraw")
    _click(teams_bot, MENTOR, connector.latest(form["id"]), "Retirer ma demande")
    _tick(datetime(2027, 1, 18, 15, 0, tzinfo=UTC), bot, teams_bot)
    disputes = _assert_same(bot, teams_bot, "the différend and the withdrawn early end")
    assert [(d["kind"], d["status"]) for d in disputes["disputes"]] == [
        ("differend", "resolved"), ("early_end", "withdrawn")]

    # 6. Closure. The months go by (their reminders go out on the first of each), then the last phase:
    # both fill the bilan with the same answers and choose to end.
    for month in range(2, 10):
        _tick(datetime(2027, month, 1, 15, 0, tzinfo=UTC), bot, teams_bot)
    _at(datetime(2027, 9, 1, 15, 30, tzinfo=UTC), bot, teams_bot)
    slack_fill_bilan(bot, "UMENTEE", convention_id, answers={"brought": "De l'assurance", "went": "Bien"},
                     satisfaction="5", objectives={objective_id: "reached"}, decision="end", keep="no",
                     share=("brought", "satisfaction", "objectives"))
    objective = str(_teams_objective_id(teams_bot))
    _teams_bilan(teams_bot, connector, MENTEE, "Save", brought="De l'assurance", went="Bien", satisfaction="5",
                 decision="end", keep_in_touch="no", share="brought,satisfaction,objectives",
                 **{f"objective:{objective}": "reached"})
    _assert_same(bot, teams_bot, "the mentee's bilan")
    _at(datetime(2027, 9, 1, 15, 40, tzinfo=UTC), bot, teams_bot)
    slack_fill_bilan(bot, "UMENTOR", convention_id, answers={"brought": "Un regard neuf", "went": "Très bien"},
                     satisfaction="4", decision="end", keep="no", share=("satisfaction",))
    _teams_bilan(teams_bot, connector, MENTOR, "Enregistrer", brought="Un regard neuf", went="Très bien",
                 satisfaction="4", decision="end", keep_in_touch="no", share="satisfaction")
    _tick(datetime(2027, 9, 1, 16, 0, tzinfo=UTC), bot, teams_bot)
    closed = _assert_same(bot, teams_bot, "the closure")
    assert (closed["status"], closed["closure_decision"]) == ("closed", "end")
    assert closed["report_sent"] is not None
    assert closed["figures"] == {"in_closure": 1, "bilans_done": 2, "bilans_expected": 2,
                                 "satisfaction": {"mentor": 4.0, "mentee": 5.0},
                                 "decisions": {"end": 1, "continue": 0, "redefine": 0, "disagree": 0}}
    assert with_button(bot, "UMENTEE", "bilan-form-open"), "the Slack side went through the prompts too"


# -- the first month alone ---------------------------------------------------------------------------------
def test_the_same_convention_on_slack_and_on_teams_ends_in_the_same_state(
        teams_bot: Harness, connector: BotConnectorEmulator, bot: Harness) -> None:
    """Pairing on 1 December, then the monthly nudge: what the whole convention above starts from, with a
    start date of its own."""
    pair_and_accept(bot, start="2026-12-01")
    teams_pair_and_accept(teams_bot, connector, start="2026-12-01")
    _tick(datetime(2027, 1, 4, 18, 0, tzinfo=UTC), bot, teams_bot)
    state = _assert_same(bot, teams_bot, "the monthly nudge")
    assert state["reminders"], "the run planned reminders"
    assert any(r["kind"] == "monthly_nudge" and r["status"] == "sent" for r in state["reminders"])
