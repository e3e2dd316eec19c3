"""Teams: typed commands in a 1:1 chat, help by role, the app installed, privacy of channels, auth."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Mode, load_settings
from bot.demo.harness import TENANT_ID, Harness
from bot.demo.slack_requests import get
from bot.demo.teams_connector import BotConnectorEmulator, text_of
from bot.demo.teams_requests import TeamsChannel
from bot.server import serve_in_thread
from storage.db import make_engine, make_session_factory, session_scope
from storage.models import Person, TeamsConversation
from tests.conftest import DEFAULT_NOW
from tests.scenarios.teams_helpers import COORD, MENTEE, OUTSIDER, channel, connector, last_text, teams_bot
from tests.support.texts import fr_fixed

__all__ = ["connector", "teams_bot"]
CHANNEL = "19:channel@thread.tacv2"


@pytest.mark.both_databases
def test_help_typed_in_teams_lists_what_the_caller_may_do(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    answer = channel(teams_bot).say(COORD, "mentorat aide")
    assert answer.status in (200, 202)
    text = last_text(connector, COORD)
    assert "mentorat jumeler" in text  # a coordinator's command
    assert "/mentorat" not in text  # Teams has no slash command

    channel(teams_bot).say(OUTSIDER, "aide")  # without the "mentorat" prefix too
    outsider = last_text(connector, OUTSIDER)
    assert "mentorat aide" in outsider
    assert "mentorat jumeler" not in outsider


def test_unknown_command_suggests_the_closest_one(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(OUTSIDER, "mentorat statu")
    assert "statut" in last_text(connector, OUTSIDER)


def test_english_locale_gets_english(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTEE, "help")
    assert "mentorat help" in last_text(connector, MENTEE) or "Mentorat" in last_text(connector, MENTEE)
    assert "Voici" not in last_text(connector, MENTEE)


def test_coordinator_only_command_is_refused_to_others(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(OUTSIDER, "mentorat jumeler")
    text = last_text(connector, OUTSIDER)
    assert "coord" in text.lower()
    assert "Mentor" not in text or "jumeler" in text


def test_installing_the_app_says_hello(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).install(OUTSIDER)
    assert "Olivier Outsider" in last_text(connector, OUTSIDER)


def test_a_channel_message_gets_no_private_answer(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    """Mentoring is private: in a team channel the bot only points to the 1:1 chat, and never keeps
    the channel as a place to send reminders."""
    connector.add_channel(CHANNEL, [OUTSIDER.teams_id], tenant_id=TENANT_ID)
    channel(teams_bot).in_channel(OUTSIDER, "mentorat statut")
    posted = connector.activities(CHANNEL)
    assert len(posted) == 1 and fr_fixed("teams.personal_only") in text_of(posted[0])
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(TeamsConversation)).all() == []


def test_requests_without_a_valid_token_are_refused_when_authentication_is_on(
        database_url: str, emulator, connector: BotConnectorEmulator) -> None:
    settings_env = {"MICROSOFT_APP_ID": "11111111-2222-4333-8444-555555555555", "MICROSOFT_APP_PASSWORD": "secret",
                    "MICROSOFT_APP_TENANT_ID": TENANT_ID, "MENTORAT_PUBLIC_URL": "https://mentorat.example.org",
                    "DATABASE_URL": database_url, "MENTORAT_DATA_KEY": os.environ["MENTORAT_DATA_KEY"]}
    settings = load_settings(settings_env, mode=Mode.TEAMS)
    factory = make_session_factory(make_engine(database_url))
    mentorat = create_app(settings, factory, clock=FrozenClock(DEFAULT_NOW), serve_slack=False)
    server = serve_in_thread(mentorat.http_app(make_engine(database_url)))
    try:
        unsigned = TeamsChannel(server.url, connector.service_url, TENANT_ID)
        assert unsigned.say(OUTSIDER, "aide").status == 401
        forged = TeamsChannel(server.url, connector.service_url, TENANT_ID, authorization="Bearer not.a.jwt")
        assert forged.say(OUTSIDER, "aide").status == 401
        assert get(f"{server.url}/slack/events").status == 404  # `mentorat teams` serves Teams only
    finally:
        server.close()
        mentorat.close()
    assert connector.activities() == []
    with session_scope(factory) as session:
        assert session.scalars(select(Person)).all() == []
