"""`/mentorat fin-hative`: nothing ends until a coordinator has talked with the pair and confirms."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Reminder
from tests.scenarios.dispute_helpers import ask_early_end, bot, convention_status, disputes, everything_seen_by
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import click_last, texts_to, with_button
from tests.support.texts import fr_fixed

__all__ = ["bot"]

CONFIRM = "early-end-request-confirm"
NUDGE = "nudge-meeting-plan"


def _pending(bot: Harness, convention_id: int) -> list[Reminder]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Reminder).where(Reminder.convention_id == convention_id,
                                                           Reminder.status == "pending")))


@pytest.mark.both_databases
def test_request_then_confirmed_end(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    assert _pending(bot, convention_id), "objective reviews are planned for the pair"
    ask_early_end(bot, "UMENTOR")
    assert "reste en vigueur" in texts_to(bot, "UMENTOR")[-1]
    alert = text_of(with_button(bot, "UCOORD", CONFIRM)[0])
    assert "<@UMENTOR> (mentor) demande de mettre fin à la convention" in alert and "Zanzibar-7" in alert
    assert convention_status(bot, convention_id) == "active"
    # The coordinator plans a talk with both: each is told, without the reasons.
    click_last(bot, "UCOORD", "dispute-meeting-request")
    for user in ("UMENTOR", "UMENTEE"):
        assert any("<@UCOORD>" in t and (fr_fixed("dispute.meeting") in t or "would like to meet" in t)
                   for t in texts_to(bot, user)), user
    assert "Zanzibar" not in everything_seen_by(bot, "UMENTEE")
    assert convention_status(bot, convention_id) == "active"
    # A participant cannot confirm it themself.
    message = with_button(bot, "UCOORD", CONFIRM)[-1]
    bot.click("UMENTOR", CONFIRM, str(disputes(bot)[0].id), message=message)
    assert "Seule la coordination" in bot.last_response()["text"]
    assert convention_status(bot, convention_id) == "active"
    # After the talk, the coordinator confirms: ended early, reminders stop, both told.
    bot.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    click_last(bot, "UCOORD", CONFIRM)
    assert convention_status(bot, convention_id) == "ended_early"
    assert _pending(bot, convention_id) == []
    assert "prend fin aujourd'hui" in texts_to(bot, "UMENTOR")[-2]
    assert "ends today" in texts_to(bot, "UMENTEE")[-2]
    # Both are offered the short bilan: no follow-up to choose, the end is settled.
    assert "*bilan court*" in texts_to(bot, "UMENTOR")[-1] and "*short bilan*" in texts_to(bot, "UMENTEE")[-1]
    bot.click("UMENTOR", "bilan-form-open", str(convention_id))
    short = text_of(bot.emulator.views_opened()[-1])
    assert "Ce qui aurait rendu la relation plus utile" in short
    assert "Ce que vous avez appris" not in short and "La suite que vous souhaitez" not in short
    assert "Fin hâtive confirmée par <@UCOORD>" in bot.last_response()["text"]
    # A month and more later: no nudge for a pair that has ended.
    bot.clock.set(datetime(2027, 1, 11, 15, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert with_button(bot, "UMENTOR", NUDGE) == [] and with_button(bot, "UMENTEE", NUDGE) == []
    # The convention is over: a second request or a différend is refused politely.
    bot.command("UMENTOR", "fin-hative")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"], \
        "no running convention any more: no participant role"


def test_without_confirmation_the_convention_goes_on(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    ask_early_end(bot, "UMENTEE")
    assert "stays in force meanwhile" in texts_to(bot, "UMENTEE")[-1]
    # Weeks pass with no coordinator confirming: still active, nudges still come.
    bot.clock.set(datetime(2026, 12, 28, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert convention_status(bot, convention_id) == "active"
    assert len(with_button(bot, "UMENTOR", NUDGE)) == 1
    assert disputes(bot)[0].status == "open" and disputes(bot)[0].escalation_level == 2, "coordinators, then the fallback"


def test_withdrawn_request(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    ask_early_end(bot, "UMENTOR")
    # Someone else cannot withdraw it.
    message = with_button(bot, "UMENTOR", "early-end-request-withdraw")[-1]
    bot.click("UMENTEE", "early-end-request-withdraw", str(disputes(bot)[0].id), message=message)
    assert "Only the person who made the request" in bot.last_response()["text"]
    click_last(bot, "UMENTOR", "early-end-request-withdraw")
    assert fr_fixed("early_end.withdrawn.you") in bot.last_response()["text"]
    assert "<@UMENTOR> a retiré sa demande de fin hâtive" in texts_to(bot, "UCOORD")[-1]
    assert disputes(bot)[0].status == "withdrawn"
    # Confirming a withdrawn request changes nothing; no escalation follows.
    click_last(bot, "UCOORD", CONFIRM)
    assert convention_status(bot, convention_id) == "active"
    bot.clock.set(datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert len(with_button(bot, "UCOORD", CONFIRM)) == 1


def test_reason_is_required(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    answer = ask_early_end(bot, "UMENTOR", reason="  ")
    assert fr_fixed("error.dispute.summary") in answer.json()["errors"]["dispute-summary"]
    assert disputes(bot) == []
