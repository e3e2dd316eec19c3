"""Small readers for scenario tests: what a person saw, which buttons they have."""

from __future__ import annotations

from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import button_value, text_of
from storage.models import Convention


def dm_texts(bot: Harness, user: str) -> list[str]:
    return [text_of(m) for m in bot.emulator.messages_to(user)]


def invitation(bot: Harness, user: str) -> dict:
    found = [m for m in bot.emulator.messages_to(user) if button_value(m, "convention-accept")]
    assert found, f"{user} received no convention to accept"
    return found[-1]


def pair_and_accept(bot: Harness, mentor: str = "UMENTOR", mentee: str = "UMENTEE", start: str = "2026-12-01") -> int:
    bot.command("UCOORD", f"jumeler <@{mentor}> <@{mentee}> {start}")
    for user in (mentor, mentee):
        message = invitation(bot, user)
        bot.click(user, "convention-accept", button_value(message, "convention-accept") or "", message=message)
    with bot.session_factory() as session:
        return session.scalars(select(Convention.id).order_by(Convention.id.desc())).first()
