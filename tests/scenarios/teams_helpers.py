"""Teams people and the harness with the Bot Connector emulated, for the Teams scenarios."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.demo.harness import TENANT_ID, Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, text_of
from bot.demo.teams_requests import TeamsChannel, TeamsUser
from tests.conftest import DEFAULT_NOW

COORD = TeamsUser("0a000000-0000-4000-8000-00000000c00d", "29:coord", "Camille Coordination")
MENTOR = TeamsUser("0a000000-0000-4000-8000-0000000000a1", "29:mentor", "Marie Mentor",
                   timezone="America/Vancouver")
MENTEE = TeamsUser("0a000000-0000-4000-8000-0000000000b2", "29:mentee", "Sam Mentoré", timezone="Europe/Paris",
                   locale="en-US")
OUTSIDER = TeamsUser("0a000000-0000-4000-8000-0000000000f0", "29:outsider", "Olivier Outsider")
EVERYONE = (COORD, MENTOR, MENTEE, OUTSIDER)


@pytest.fixture
def connector() -> Iterator[BotConnectorEmulator]:
    with BotConnectorEmulator() as emu:
        for user in EVERYONE:
            emu.add_user(user.teams_id, user.name, aad_object_id=user.aad_object_id, tenant_id=TENANT_ID,
                         conversation_id=user.conversation_id)
        yield emu


@pytest.fixture
def teams_bot(database_url: str, emulator: SlackEmulator, connector: BotConnectorEmulator) -> Iterator[Harness]:
    harness = start_harness(database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD", COORD.aad_object_id),
                            connector=connector)
    try:
        yield harness
    finally:
        harness.close()


def channel(bot: Harness) -> TeamsChannel:
    assert bot.teams is not None
    return bot.teams


def cards_for(connector: BotConnectorEmulator, user: TeamsUser) -> list[dict[str, Any]]:
    """What the person sees in their chat with the bot, latest version of each card, oldest first."""
    return [connector.latest(a["id"]) for a in connector.activities_for(user.teams_id)]


def last_text(connector: BotConnectorEmulator, user: TeamsUser) -> str:
    seen = cards_for(connector, user)
    assert seen, f"{user.name} received nothing"
    return text_of(seen[-1])


def action(activity: dict[str, Any], title_part: str) -> dict[str, Any]:
    for title, data in card_actions(activity):
        if title_part.lower() in title.lower():
            return data
    raise AssertionError(f"no button {title_part!r} in {[t for t, _ in card_actions(activity)]}")


def find_card(connector: BotConnectorEmulator, user: TeamsUser, needle: str) -> dict[str, Any]:
    for activity in reversed(cards_for(connector, user)):
        if needle.lower() in text_of(activity).lower():
            return activity
    raise AssertionError(f"{user.name} has no card containing {needle!r}")
