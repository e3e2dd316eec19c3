"""Teams: a coordinator pairs two people from the directory, both accept the convention from its card,
reminders reach them proactively (the same convention on Slack and Teams: test_parity.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_inputs, text_of
from storage.db import session_scope
from storage.models import Convention, Reminder, TeamsConversation
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    action,
    cards_for,
    channel,
    connector,
    last_text,
    pairing_form,
    teams_bot,
    teams_pair_and_accept,
)
from tests.support.texts import fr_fixed

__all__ = ["connector", "teams_bot"]


@pytest.mark.both_databases
def test_pairing_from_teams_sends_the_convention_and_both_accept(teams_bot: Harness,
                                                                  connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector)
    # The coordinator's form was replaced by the confirmation, with the people's names from Teams.
    confirmation = last_text(connector, COORD)
    assert "Marie Mentor" in confirmation and "Sam Mentoré" in confirmation
    # Each side accepted on its own card; the mentee reads English (Teams locale en-US).
    assert any("You accepted the agreement" in text_of(card) for card in cards_for(connector, MENTEE))
    assert any("now in effect" in text_of(card) for card in cards_for(connector, MENTEE))
    assert any(fr_fixed("conv.active.pair") in text_of(card) for card in cards_for(connector, MENTOR))
    with session_scope(teams_bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.status == "active"
        assert convention.mentor.display_name == "Marie Mentor"
        # The mentor and mentee never wrote first: the bot opened their chats and remembered them.
        assert len(session.scalars(select(TeamsConversation)).all()) == 3
    # The coordinator is told the convention is active.
    assert fr_fixed("conv.active.coordinator") in last_text(connector, COORD)


def test_a_refused_pairing_form_comes_back_with_the_error_and_what_was_picked(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTOR, "mentorat aide")  # the bot knows Marie by name
    form = pairing_form(teams_bot, connector)
    data = {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id, "mentee": MENTOR.aad_object_id,
            "start": "2026-12-01"}
    channel(teams_bot).submit(COORD, data, card_id=form["id"])
    again = connector.latest(form["id"])  # the same card, replaced in place
    inputs = card_inputs(again)
    assert inputs["mentor"]["value"] == MENTOR.aad_object_id and inputs["start"]["value"] == "2026-12-01"
    # The picker shows who was picked by name: without a choice for its value, Teams would show the id.
    assert inputs["mentor"]["choices"] == [{"title": MENTOR.name, "value": MENTOR.aad_object_id}]
    channel(teams_bot).submit(COORD, {**data, "mentor": MENTOR.aad_object_id.upper()}, card_id=form["id"])
    assert [c["title"] for c in card_inputs(connector.latest(form["id"]))["mentor"]["choices"]] == [MENTOR.name]
    assert fr_fixed("error.pair.same_person") in text_of(again)
    # A person the bot cannot reach (app not installed for them) is refused on their field.
    stranger = "0a000000-0000-4000-8000-0000000000ee"
    data = {**data, "mentee": stranger}
    channel(teams_bot).submit(COORD, data, card_id=form["id"])
    assert fr_fixed("teams.pair.unreachable") in text_of(connector.latest(form["id"]))
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Convention)).all() == []


def test_pairing_is_for_coordinators_only(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(OUTSIDER, "mentorat aide")  # to know the outsider
    form = pairing_form(teams_bot, connector)
    data = {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id, "mentee": MENTEE.aad_object_id,
            "start": "2026-12-01"}
    channel(teams_bot).submit(OUTSIDER, data)  # a forged submission from someone else
    assert "coordination" in last_text(connector, OUTSIDER).lower()
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Convention)).all() == []


def test_monthly_nudge_reaches_teams_users_proactively_at_nine_local(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    before = len(cards_for(connector, MENTEE))
    jobs = teams_bot.mentorat.jobs
    teams_bot.clock.set(datetime(2026, 12, 28, 8, 0, tzinfo=UTC))  # Monday 9:00 in Paris
    jobs.tick()
    teams_bot.clock.set(datetime(2026, 12, 28, 8, 5, tzinfo=UTC))
    jobs.tick()
    cards = cards_for(connector, MENTEE)
    assert len(cards) == before + 1, "one nudge, however many ticks"
    nudge = cards[-1]
    assert "Marie Mentor" in text_of(nudge)
    assert action(nudge, "Plan the next meeting")
    assert len([c for c in cards_for(connector, MENTOR) if "rencontre" in text_of(c).lower()]) >= 0
    teams_bot.clock.set(datetime(2026, 12, 28, 17, 0, tzinfo=UTC))  # 9:00 in Vancouver
    jobs.tick()
    assert "Planifier la prochaine rencontre" in last_text(connector, MENTOR)


def test_a_rate_limited_teams_send_is_retried_later_and_sent_once(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    connector.fail(429, times=1, method="POST", retry_after=30)
    connector.fail(502, times=1, method="POST")
    teams_bot.clock.set(datetime(2026, 12, 28, 8, 0, tzinfo=UTC))
    jobs = teams_bot.mentorat.jobs
    jobs.tick()  # 429: the row waits Retry-After
    with session_scope(teams_bot.session_factory) as session:
        nudge = session.scalars(select(Reminder).where(Reminder.kind == "monthly_nudge",
                                                       Reminder.status == "pending")).first()
        assert nudge is not None and nudge.attempts == 1 and "429" in (nudge.last_error or "")
    teams_bot.clock.set(datetime(2026, 12, 28, 8, 1, tzinfo=UTC))
    jobs.tick()  # 502 retried on the spot, then sent
    nudges = [c for c in cards_for(connector, MENTEE) if "Plan the next meeting" in text_of(c)]
    assert len(nudges) == 1
