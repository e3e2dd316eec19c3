"""Teams people and the harness with the Bot Connector emulated, for the Teams scenarios."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.demo.harness import TENANT_ID, Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from bot.demo.teams_requests import TeamsChannel, TeamsUser
from tests.conftest import DEFAULT_NOW

COORD = TeamsUser("0a000000-0000-4000-8000-00000000c00d", "29:coord", "Camille Coordination")
MENTOR = TeamsUser("0a000000-0000-4000-8000-0000000000a1", "29:mentor", "Marie Mentor",
                   timezone="America/Vancouver")
MENTEE = TeamsUser("0a000000-0000-4000-8000-0000000000b2", "29:mentee", "Sam Mentoré", timezone="Europe/Paris",
                   locale="en-US")
OUTSIDER = TeamsUser("0a000000-0000-4000-8000-0000000000f0", "29:outsider", "Olivier Outsider")
EVERYONE = (COORD, MENTOR, MENTEE, OUTSIDER)


def add_everyone(emu: BotConnectorEmulator) -> BotConnectorEmulator:
    """The scenarios' people, each with their 1:1 chat with the bot, in the test tenant."""
    for user in EVERYONE:
        emu.add_user(user.teams_id, user.name, aad_object_id=user.aad_object_id, tenant_id=TENANT_ID,
                     conversation_id=user.conversation_id)
    return emu


@pytest.fixture
def connector() -> Iterator[BotConnectorEmulator]:
    with BotConnectorEmulator() as emu:
        yield add_everyone(emu)


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


# -- flows several Teams scenarios start from ----------------------------------------------------------------

def pairing_form(bot: Harness, connector: BotConnectorEmulator) -> dict[str, Any]:
    channel(bot).say(COORD, "mentorat jumeler")
    form = cards_for(connector, COORD)[-1]
    inputs = card_inputs(form)
    assert {"mentor", "mentee", "start"} <= set(inputs)
    assert inputs["mentor"]["choices.data"]["dataset"] == "graph.microsoft.com/users"  # Teams' people picker
    return form


def teams_pair_and_accept(bot: Harness, connector: BotConnectorEmulator, start: str = "2026-12-01") -> None:
    form = pairing_form(bot, connector)
    data = {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id, "mentee": MENTEE.aad_object_id,
            "start": start}
    channel(bot).submit(COORD, data, card_id=form["id"])
    for user in (MENTOR, MENTEE):
        invitation = find_card(connector, user, "Votre convention")
        channel(bot).submit(user, action(invitation, "accept"), card_id=invitation["id"])


def meeting_form(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser) -> dict[str, Any]:
    channel(bot).say(user, "mentorat prochaine-rencontre")
    form = cards_for(connector, user)[-1]
    assert {"date", "time", "duration", "mode", "location", "agenda"} <= set(card_inputs(form))
    return form


def submit_form(bot: Harness, user: TeamsUser, form: dict[str, Any], submit_title: str, **values: str) -> None:
    inputs = card_inputs(form)
    data = {**action(form, submit_title), **{name: element.get("value", "") for name, element in inputs.items()},
            **values}
    channel(bot).submit(user, data, card_id=form["id"])


def mentee_proposes(bot: Harness, connector: BotConnectorEmulator) -> None:
    """Sam (Paris, reads English) proposes Monday 7 December, 19:00 his time = 18:00 UTC = 10:00 in Vancouver."""
    form = meeting_form(bot, connector, MENTEE)
    inputs = card_inputs(form)
    assert "Central European" in inputs["time"]["label"], "the time is read in the person's zone"
    assert [c["value"] for c in inputs["duration"]["choices"]][:2] == ["60", "75"]
    submit_form(bot, MENTEE, form, "Send", date="2026-12-07", time="19:00", duration="75", mode="video",
                location="https://meet.example/abc", agenda="Mon plan de carrière")


def confirmed_meeting(bot: Harness, connector: BotConnectorEmulator) -> dict[str, Any]:
    """Sam proposes, Marie confirms; Marie's confirmation card."""
    teams_pair_and_accept(bot, connector, start="2026-11-23")
    mentee_proposes(bot, connector)
    proposal = find_card(connector, MENTOR, "vous propose une rencontre")
    channel(bot).submit(MENTOR, action(proposal, "Confirmer"), card_id=proposal["id"])
    return find_card(connector, MENTOR, "Rencontre confirmée avec")
