"""The final report, asked for from a button, only once it is ready: never a way to read the other's bilan early."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator
from bot.services import actions
from storage.db import session_scope
from storage.models import Bilan, Convention
from tests.conftest import DEFAULT_NOW
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.teams_helpers import MENTEE, cards_for, channel, connector, teams_bot, teams_pair_and_accept  # noqa: F401

SECRET = "Zanzibar-bilan : je trouve Sam peu investi"


def mentor_answers(bot: Harness) -> int:
    """The mentor's bilan, shared, while the mentee has not answered (month 1 of the convention)."""
    with session_scope(bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        session.add(Bilan(convention_id=convention.id, person_id=convention.mentor_id, role="mentor",
                          round_end_on=convention.planned_end_on, answers={"brought": SECRET}, objective_results={},
                          satisfaction=2, decision="end", keep_in_touch=False,
                          shared_keys=["brought", "satisfaction"], sponsor_ok=False, submitted_at=DEFAULT_NOW,
                          updated_at=DEFAULT_NOW))
        return convention.id


@pytest.mark.both_databases
def test_on_slack_the_report_button_is_refused_until_both_answered(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    convention_id = mentor_answers(bot)
    bot.click("UMENTEE", actions.BILAN_REPORT, str(convention_id))
    seen = json.dumps(bot.emulator.messages_to("UMENTEE") + bot.emulator.responses(), ensure_ascii=False)
    assert SECRET not in seen
    assert "once you have both filled in your bilan" in seen  # Sam reads English
    assert not [u for u in bot.emulator.uploads() if u["filename"].endswith(".pdf")]


def test_on_teams_the_report_button_is_refused_until_both_answered(teams_bot: Harness,  # noqa: F811
                                                                  connector: BotConnectorEmulator) -> None:  # noqa: F811
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    convention_id = mentor_answers(teams_bot)
    before = len(cards_for(connector, MENTEE))
    channel(teams_bot).submit(MENTEE, {"mentorat": actions.BILAN_REPORT, "value": str(convention_id)})
    seen = json.dumps(cards_for(connector, MENTEE)[before:], ensure_ascii=False)
    assert SECRET not in seen and "once you have both filled in your bilan" in seen
