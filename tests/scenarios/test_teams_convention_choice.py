"""« Quelle convention ? » on Teams: typed commands ask which convention when there are several, the
card's Action.Submit carries on with the one picked; one convention goes straight on; a forged id in
the submitted data is refused; mentee in one programme and mentor in another, both work.

Marie (mentor) reads French; Sam (mentee) English; Olivier is the second programme's person."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from storage.models import Dispute
from tests.scenarios.choice_helpers import SECOND, pair_in_programme
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    TeamsUser,
    cards_for,
    channel,
    connector,
    submit_form,
    teams_bot,
    teams_pair_and_accept,
)
from tests.support.texts import fr, fr_fixed

__all__ = ["connector", "teams_bot"]

CHOOSE = "convention-choose"
ASKING = ("prochaine-rencontre", "objectifs", "ordre-du-jour", "notes", "differend", "fin-hative", "bilan")


def choices(activity: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(title, data) for title, data in card_actions(activity) if data.get("mentorat") == CHOOSE]


def latest(connector: BotConnectorEmulator, user: TeamsUser) -> dict[str, Any]:
    return cards_for(connector, user)[-1]


def pick(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, label_part: str) -> None:
    card = latest(connector, user)
    found = [data for title, data in choices(card) if label_part in title]
    assert len(found) == 1, choices(card)
    channel(bot).submit(user, found[0], card_id=card["id"])


def two_for_marie(bot: Harness, connector: BotConnectorEmulator) -> int:
    """Marie mentors Sam in « Mentorat » and Olivier in the second programme; the second one's id."""
    teams_pair_and_accept(bot, connector, start="2026-11-23")
    channel(bot).say(OUTSIDER, "mentorat aide")  # Olivier has written to the bot: his name is known
    return pair_in_programme(bot, COORD.aad_object_id, MENTOR.aad_object_id, OUTSIDER.aad_object_id)


@pytest.mark.both_databases
def test_mentor_of_two_is_asked_for_each_command_and_the_click_carries_on(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    second = two_for_marie(teams_bot, connector)
    for command in ASKING:
        channel(teams_bot).say(MENTOR, f"mentorat {command}")
        card = latest(connector, MENTOR)
        assert fr("choose.question") in text_of(card), command
        assert sorted(title for title, _data in choices(card)) == [
            "Avec Olivier Outsider — vous êtes mentor — Nouveaux gestionnaires",
            "Avec Sam Mentoré — vous êtes mentor — Mentorat"], command
    # The meeting card of the convention picked names Olivier.
    channel(teams_bot).say(MENTOR, "mentorat prochaine-rencontre")
    pick(teams_bot, connector, MENTOR, "Olivier")
    form = latest(connector, MENTOR)
    assert {"date", "time"} <= set(card_inputs(form)) and "Olivier" in text_of(form)
    # A différend about that convention.
    channel(teams_bot).say(MENTOR, "mentorat differend")
    pick(teams_bot, connector, MENTOR, "Olivier")
    submit_form(teams_bot, MENTOR, latest(connector, MENTOR), "Envoyer", summary="Un souci de rythme",
                amicable="yes", urgency="normal")
    with teams_bot.session_factory() as session:
        assert [d.convention_id for d in session.scalars(select(Dispute))] == [second]


def test_one_convention_goes_straight_on(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTOR, "mentorat prochaine-rencontre")
    card = latest(connector, MENTOR)
    assert not choices(card) and {"date", "time"} <= set(card_inputs(card))


def test_a_forged_convention_in_the_submit_is_refused(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(OUTSIDER, "mentorat aide")
    others = pair_in_programme(teams_bot, COORD.aad_object_id, MENTEE.aad_object_id, OUTSIDER.aad_object_id,
                               programme="Troisième")
    for command, refusal in (("prochaine-rencontre", "meeting.not_yours"), ("differend", "dispute.not_yours")):
        channel(teams_bot).submit(MENTOR, {"mentorat": CHOOSE, "value": f"{command}:{others}"})
        said = text_of(latest(connector, MENTOR))
        assert fr_fixed(refusal) in said, command
        assert "Olivier" not in said and "Troisième" not in said
    channel(teams_bot).submit(MENTOR, {"mentorat": CHOOSE, "value": "rapport:1"})
    assert fr_fixed("error.stale_button") in text_of(latest(connector, MENTOR))


def test_mentee_here_and_mentor_there_uses_both(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")  # Sam is Marie's mentee in « Mentorat »
    channel(teams_bot).say(OUTSIDER, "mentorat aide")
    pair_in_programme(teams_bot, COORD.aad_object_id, MENTEE.aad_object_id, OUTSIDER.aad_object_id)
    channel(teams_bot).say(MENTEE, "mentorat objectifs")  # Sam reads English
    assert sorted(title for title, _data in choices(latest(connector, MENTEE))) == [
        "With Marie Mentor — you are the mentee — Mentorat",
        f"With Olivier Outsider — you are the mentor — {SECOND}"]
    pick(teams_bot, connector, MENTEE, "Olivier")
    assert "Olivier" in text_of(latest(connector, MENTEE))
    channel(teams_bot).say(MENTEE, "mentorat ordre-du-jour")
    pick(teams_bot, connector, MENTEE, "Marie")  # as mentee: the agenda form
    assert "agenda" in card_inputs(latest(connector, MENTEE))
    # Olivier is mentee of the second programme only: his participant commands work all the same.
    channel(teams_bot).say(OUTSIDER, "mentorat objectifs")
    assert fr("objective.list.title") in text_of(latest(connector, OUTSIDER))
    channel(teams_bot).say(OUTSIDER, "mentorat aide")  # and help lists them
    assert "mentorat prochaine-rencontre" in text_of(latest(connector, OUTSIDER))
