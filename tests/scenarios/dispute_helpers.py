"""Driving différends and early-end requests like people do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.forms import differend_values
from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator, text_of
from storage.models import Convention, Dispute
from tests.scenarios.meeting_helpers import last_view

SECRET = "Zanzibar-7 : il critique mon travail devant l'équipe"


@pytest.fixture
def bot(database_url: str, emulator: SlackEmulator) -> Iterator[Harness]:
    """The usual bot, with UBOSS (a workspace admin) as the fallback when no coordinator takes a différend."""
    emulator.add_user("UBOSS", "dominique", "Dominique Direction", tz="America/Toronto", locale="fr-CA",
                      is_admin=True)
    harness = start_harness(database_url, emulator, now=_now(), coordinators=("UCOORD",), fallback_admin="UBOSS")
    try:
        yield harness
    finally:
        harness.close()


def _now():  # type: ignore[no-untyped-def]
    from tests.conftest import DEFAULT_NOW

    return DEFAULT_NOW




def reason_values(reason: str) -> dict[str, dict[str, Any]]:
    return {"dispute-summary": {"dispute-summary-input": {"type": "plain_text_input", "value": reason}}}


def raise_differend(bot: Harness, user: str, summary: str = SECRET, **fields: Any) -> Any:
    bot.command(user, "differend")
    return bot.submit_view(user, last_view(bot, "differend-form-submit"), differend_values(summary, **fields))


def ask_early_end(bot: Harness, user: str, reason: str = SECRET) -> Any:
    bot.command(user, "fin-hative")
    return bot.submit_view(user, last_view(bot, "early-end-form-submit"), reason_values(reason))


def disputes(bot: Harness) -> list[Dispute]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Dispute).order_by(Dispute.id)))


def convention_status(bot: Harness, convention_id: int) -> str:
    with bot.session_factory() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        return convention.status


def everything_seen_by(bot: Harness, user: str) -> str:
    """Every DM, reply and Home tab a person could read."""
    seen = [text_of(m) for m in bot.emulator.messages_to(user)]
    home = bot.emulator.home_view(user)
    if home:
        seen.append(text_of(home))
    return "\n".join(seen)
