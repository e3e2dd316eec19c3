"""A coordinator pairs two people, both accept, the convention becomes active."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, ConventionStatus
from tests.support.texts import fr_fixed


def _invite(bot: Harness, user: str) -> dict:
    messages = [m for m in bot.emulator.messages_to(user) if "J'accepte" in text_of(m) or "I accept" in text_of(m)]
    assert messages, f"{user} received no convention"
    return messages[-1]


def _button_value(message: dict, action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in block.get("elements", []) or []:
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no button {action_id}")


@pytest.mark.both_databases
def test_pair_accept_activate(bot: Harness) -> None:
    answer = bot.command("UCOORD", "jumeler <@UMENTOR|marie> <@UMENTEE|sam> 2026-12-01")
    assert answer.status == 200
    assert fr_fixed("pair.sent") in bot.last_response()["text"]

    mentor_invite = _invite(bot, "UMENTOR")
    mentee_invite = _invite(bot, "UMENTEE")
    assert fr_fixed("conv.title") in text_of(mentor_invite)
    assert fr_fixed("conv.confidential.title") in text_of(mentor_invite)
    # The mentee's Slack locale is English: the agreement reaches them in English.
    assert "Your mentoring agreement" in text_of(mentee_invite)
    assert "December 1, 2026" in text_of(mentee_invite)

    value = _button_value(mentor_invite, "convention-accept")
    bot.click("UMENTOR", "convention-accept", value, message=mentor_invite)
    reply = bot.last_response()
    assert reply.get("replace_original") is True
    assert fr_fixed("conv.accepted.you") in text_of(reply)
    assert "convention-accept" not in str(reply.get("blocks")), "stale buttons must disappear"

    bot.click("UMENTEE", "convention-accept", value, message=mentee_invite)
    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.status == ConventionStatus.ACTIVE
    # Both sides and the coordinator are told, each in their language.
    assert any(fr_fixed("conv.active.pair") in text_of(m) for m in bot.emulator.messages_to("UMENTOR"))
    assert any("now in effect" in text_of(m) for m in bot.emulator.messages_to("UMENTEE"))
    assert any(fr_fixed("conv.active.coordinator") in text_of(m) for m in bot.emulator.messages_to("UCOORD"))


def test_double_click_and_retry_do_not_duplicate(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    assert fr_fixed("pair.already_sent") in bot.last_response()["text"]
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(Convention.id))) == 1
    assert len([m for m in bot.emulator.messages_to("UMENTOR") if "J'accepte" in text_of(m)]) == 1
