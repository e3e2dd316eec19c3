"""Teams: meetings. `mentorat prochaine-rencontre` opens the meeting card; the other person confirms or
counter-proposes from the proposal's card; the confirmation carries the .ics as a link.

The mentor is in Vancouver (fr-CA), the mentee in Paris (en-US): each reads times on their own clock.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_requests import get
from bot.demo.teams_connector import BotConnectorEmulator, card_inputs, open_urls, text_of
from storage.db import session_scope
from storage.models import Meeting, MeetingStatus
from tests.scenarios.teams_helpers import (
    MENTEE,
    MENTOR,
    OUTSIDER,
    action,
    cards_for,
    channel,
    confirmed_meeting,
    connector,
    find_card,
    last_text,
    meeting_form,
    mentee_proposes,
    submit_form,
    teams_bot,
    teams_pair_and_accept,
)
from tests.support.texts import fr, fr_fixed

__all__ = ["connector", "teams_bot"]


def all_meetings(bot: Harness) -> list[Meeting]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Meeting).order_by(Meeting.id)))
        session.expunge_all()
        return found


def test_a_proposal_from_teams_reaches_the_other_side_in_their_zone_and_language(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    mentee_proposes(teams_bot, connector)
    assert "Proposal sent to Marie Mentor: Monday, December 7, 2026 at 7:00" in last_text(connector, MENTEE)
    proposal = find_card(connector, MENTOR, "vous propose une rencontre")
    shown = text_of(proposal)
    assert fr("meeting.proposal.new", person="Sam Mentoré") in shown
    assert "lundi 7 décembre 2026 à 10 h 00" in shown, "the mentor reads Vancouver time, in French"
    assert "75 minutes" in shown and "https://meet.example/abc" in shown and "Mon plan de carrière" in shown
    assert action(proposal, "Confirmer") and action(proposal, "autre moment")
    [meeting] = all_meetings(teams_bot)
    assert meeting.status == MeetingStatus.PROPOSED
    assert meeting.starts_at == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


def test_a_refused_meeting_form_comes_back_with_the_error_and_every_value(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    form = meeting_form(teams_bot, connector, MENTOR)
    submit_form(teams_bot, MENTOR, form, "Envoyer", date="2026-11-20", time="10:00", duration="60", mode="in_person",
                location="Café du coin", agenda="Bilan *du* mois")
    again = connector.latest(form["id"])  # the same card, replaced in place
    inputs = card_inputs(again)
    assert {name: inputs[name]["value"] for name in ("date", "time", "duration", "mode", "location", "agenda")} == {
        "date": "2026-11-20", "time": "10:00", "duration": "60", "mode": "in_person", "location": "Café du coin",
        "agenda": "Bilan *du* mois"}
    shown = text_of(again)
    assert "Ce moment est déjà passé" in shown and fr_fixed("teams.form.fix") in shown
    # A video meeting with something that is not a link: the error is under the location.
    submit_form(teams_bot, MENTOR, again, "Envoyer", date="2026-12-07", mode="video", location="mon bureau")
    again = connector.latest(form["id"])
    assert "« mon bureau » n'est pas un lien" in text_of(again)
    assert card_inputs(again)["date"]["value"] == "2026-12-07"
    assert all_meetings(teams_bot) == []
    # Corrected, it goes through; the form gives way to the confirmation that it was sent.
    submit_form(teams_bot, MENTOR, connector.latest(form["id"]), "Envoyer", location="")
    assert "Proposition envoyée à Sam Mentoré : lundi 7 décembre 2026 à 10 h 00" in text_of(connector.latest(form["id"]))
    assert len(all_meetings(teams_bot)) == 1


@pytest.mark.both_databases
def test_confirming_sends_both_the_confirmation_with_a_working_ics_link(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    mentee_proposes(teams_bot, connector)
    proposal = find_card(connector, MENTOR, "vous propose une rencontre")
    channel(teams_bot).submit(MENTOR, action(proposal, "Confirmer"), card_id=proposal["id"])
    answered = text_of(connector.latest(proposal["id"]))
    assert "Vous avez confirmé la rencontre" in answered and "Confirmer" not in answered, "the buttons are gone"
    [meeting] = all_meetings(teams_bot)
    assert meeting.status == MeetingStatus.CONFIRMED

    mentor_card = find_card(connector, MENTOR, "Rencontre confirmée avec Sam Mentoré : lundi 7 décembre 2026 à 10 h 00")
    mentee_card = find_card(connector, MENTEE, "Meeting confirmed with Marie Mentor: Monday, December 7, 2026 at 7:00")
    for card, zone, hour in ((mentor_card, "America/Vancouver", 10), (mentee_card, "Europe/Paris", 19)):
        [(title, url)] = open_urls(card)
        assert title in ("Invitation pour votre agenda", "Invitation for your calendar")
        answer = get(url)
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/calendar")
        event = next(iter(Calendar.from_ical(answer.body).walk("VEVENT")))
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == zone and start.hour == hour
        assert start.astimezone(UTC) == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
        assert event.decoded("dtend").astimezone(UTC) == datetime(2026, 12, 7, 19, 15, tzinfo=UTC)
    assert get(open_urls(mentor_card)[0][1] + "x").status == 404, "a guessed link gives nothing"

    # Confirming again (a double click) changes nothing and sends nothing.
    sent = len(connector.activities_for(MENTEE.teams_id)) + len(connector.activities_for(MENTOR.teams_id))
    channel(teams_bot).submit(MENTOR, action(proposal, "Confirmer"))
    assert fr_fixed("meeting.closed.already") in last_text(connector, MENTOR)
    assert len(connector.activities_for(MENTEE.teams_id)) + len(connector.activities_for(MENTOR.teams_id)) == sent + 1


def test_only_the_other_side_of_the_pair_can_confirm(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    mentee_proposes(teams_bot, connector)
    confirm = action(find_card(connector, MENTOR, "vous propose une rencontre"), "Confirmer")
    channel(teams_bot).submit(MENTEE, confirm)  # the proposer, with a forged submission
    assert "This is your own proposal" in last_text(connector, MENTEE)
    channel(teams_bot).submit(OUTSIDER, confirm)  # someone outside the pair
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    counter = action(find_card(connector, MENTOR, "vous propose une rencontre"), "autre moment")
    channel(teams_bot).submit(OUTSIDER, counter)
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    [meeting] = all_meetings(teams_bot)
    assert meeting.status == MeetingStatus.PROPOSED and meeting.confirmed_at is None
    assert not any("Meeting confirmed" in text_of(c) for c in cards_for(connector, MENTEE))


def test_a_counter_proposal_opens_the_card_prefilled_and_replaces_the_first(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    mentee_proposes(teams_bot, connector)
    proposal = find_card(connector, MENTOR, "vous propose une rencontre")
    channel(teams_bot).submit(MENTOR, action(proposal, "autre moment"), card_id=proposal["id"])
    form = cards_for(connector, MENTOR)[-1]
    inputs = card_inputs(form)
    assert (inputs["date"]["value"], inputs["time"]["value"], inputs["duration"]["value"]) == (
        "2026-12-07", "10:00", "75"), "the proposal, on the mentor's clock"
    assert inputs["agenda"]["value"] == "Mon plan de carrière"
    submit_form(teams_bot, MENTOR, form, "Proposer ce moment", time="11:30")
    first, second = all_meetings(teams_bot)
    assert first.status == MeetingStatus.SUPERSEDED and second.status == MeetingStatus.PROPOSED
    assert second.starts_at == datetime(2026, 12, 7, 19, 30, tzinfo=UTC)
    assert "Remplacée par une plus récente" in text_of(connector.latest(proposal["id"])) or \
        "remplacée par une plus récente" in text_of(connector.latest(proposal["id"]))
    counter = find_card(connector, MENTEE, "suggests another time")
    assert "Monday, December 7, 2026 at 8:30" in text_of(counter)
    channel(teams_bot).submit(MENTEE, action(counter, "Confirm"), card_id=counter["id"])
    assert all_meetings(teams_bot)[1].status == MeetingStatus.CONFIRMED
    # Next time, `prochaine-rencontre` shows the confirmed meeting rather than the form.
    channel(teams_bot).say(MENTOR, "mentorat prochaine-rencontre")
    assert "Rencontre confirmée avec Sam Mentoré" in last_text(connector, MENTOR)


def test_the_ics_button_answers_with_a_link_to_the_file(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    confirmation = confirmed_meeting(teams_bot, connector)
    channel(teams_bot).submit(MENTOR, action(confirmation, "invitation"))
    answer = cards_for(connector, MENTOR)[-1]
    assert "L'invitation pour votre rencontre lundi 7 décembre 2026 à 10 h 00" in text_of(answer)
    [(_title, url)] = open_urls(answer)
    downloaded = get(url)
    assert downloaded.status == 200 and downloaded.headers["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in downloaded.body


def test_moving_then_cancelling_a_confirmed_meeting(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    confirmation = confirmed_meeting(teams_bot, connector)
    channel(teams_bot).submit(MENTOR, action(confirmation, "Déplacer"))
    form = cards_for(connector, MENTOR)[-1]
    assert "reason" in card_inputs(form) and "agenda" not in card_inputs(form)
    submit_form(teams_bot, MENTOR, form, "Proposer ce moment", date="2026-12-08", reason="")
    assert "Dites en quelques mots pourquoi" in text_of(connector.latest(form["id"]))
    submit_form(teams_bot, MENTOR, connector.latest(form["id"]), "Proposer ce moment", reason="Un déplacement")
    moved = find_card(connector, MENTEE, "has to move the meeting")
    assert "Tuesday, December 8, 2026 at 7:00" in text_of(moved) and "Un déplacement" in text_of(moved)
    channel(teams_bot).submit(MENTEE, action(moved, "Confirm"), card_id=moved["id"])
    old, new = all_meetings(teams_bot)
    assert (old.status, new.status) == (MeetingStatus.SUPERSEDED, MeetingStatus.CONFIRMED)

    confirmation = find_card(connector, MENTEE, "Meeting confirmed with Marie Mentor: Tuesday")
    channel(teams_bot).submit(MENTEE, action(confirmation, "Cancel the meeting"))
    form = cards_for(connector, MENTEE)[-1]
    submit_form(teams_bot, MENTEE, form, "Cancel the meeting", reason="")
    assert "Say why in a few words" in text_of(connector.latest(form["id"]))
    submit_form(teams_bot, MENTEE, connector.latest(form["id"]), "Cancel the meeting", reason="Malade")
    assert "Meeting cancelled" in text_of(connector.latest(form["id"]))
    assert all_meetings(teams_bot)[1].status == MeetingStatus.CANCELLED
    cancelled = find_card(connector, MENTOR, "a dû annuler la rencontre")
    assert "Malade" in text_of(cancelled)
    channel(teams_bot).submit(MENTOR, action(cancelled, "nouvelle date"))
    assert "date" in card_inputs(cards_for(connector, MENTOR)[-1]), "the button opens the meeting card"


def test_the_check_in_after_the_meeting(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    confirmed_meeting(teams_bot, connector)
    teams_bot.clock.set(datetime(2026, 12, 8, 18, 0, tzinfo=UTC))  # the next day, 9:00 or later for both
    teams_bot.mentorat.jobs.tick()
    question = find_card(connector, MENTOR, "a-t-elle eu lieu")
    mentee_question = find_card(connector, MENTEE, "take place")
    channel(teams_bot).submit(MENTOR, action(question, "Oui"), card_id=question["id"])
    assert fr_fixed("checkin.thanks.held") in text_of(connector.latest(question["id"]))
    assert all_meetings(teams_bot)[0].status == MeetingStatus.HELD
    assert "Already answered" in text_of(connector.latest(mentee_question["id"])), "the other's buttons are retired"
    teams_bot.clock.set(datetime(2026, 12, 9, 8, 0, tzinfo=UTC))  # told at 9:00 in Paris, not at 19:00
    teams_bot.mentorat.jobs.tick()
    assert find_card(connector, MENTEE, "says your meeting of")
    channel(teams_bot).submit(MENTEE, action(mentee_question, "No"))  # an old card: the first answer stands
    assert "had already answered: it took place" in last_text(connector, MENTEE)
    assert all_meetings(teams_bot)[0].status == MeetingStatus.HELD


def test_the_mentee_writes_the_agenda_and_the_mentor_reads_it(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTEE, "mentorat ordre-du-jour")
    form = cards_for(connector, MENTEE)[-1]
    assert "agenda" in card_inputs(form)
    channel(teams_bot).submit(MENTEE, {**action(form, "Send to my mentor"), "agenda": "   "}, card_id=form["id"])
    assert "Write at least one topic" in text_of(connector.latest(form["id"]))
    channel(teams_bot).submit(MENTEE, {**action(form, "Send to my mentor"), "agenda": "Mon *CV*"}, card_id=form["id"])
    assert "Agenda sent to Marie Mentor" in text_of(connector.latest(form["id"]))
    assert "Mon *CV*" in text_of(find_card(connector, MENTOR, "a préparé l'ordre du jour"))
    channel(teams_bot).say(MENTOR, "mentorat ordre-du-jour")
    assert "Mon *CV*" in last_text(connector, MENTOR)
    # The agenda goes with the next proposal, prefilled for the mentee.
    assert card_inputs(meeting_form(teams_bot, connector, MENTEE))["agenda"]["value"] == "Mon *CV*"


def test_the_nudge_button_opens_the_meeting_card(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    teams_bot.clock.set(datetime(2026, 12, 28, 8, 0, tzinfo=UTC))  # Monday 9:00 in Paris
    teams_bot.mentorat.jobs.tick()
    nudge = find_card(connector, MENTEE, "Plan the next meeting")
    channel(teams_bot).submit(MENTEE, action(nudge, "Plan the next meeting"))
    form = cards_for(connector, MENTEE)[-1]
    submit_form(teams_bot, MENTEE, form, "Send", date="2027-01-05", time="18:00", mode="phone")
    assert "Proposal sent to Marie Mentor" in text_of(connector.latest(form["id"]))
    assert find_card(connector, MENTOR, "mardi 5 janvier 2027 à 9 h 00")
