"""Slack is answered after the unit of work: no transaction (and no SQLite write lock) waits on
Slack's response URL, whatever the sub-command."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Person, Programme, ProgrammeCoordinator
from tests.scenarios.closure_helpers import fill_bilan
from tests.scenarios.helpers import pair_and_accept

LAST_PHASE = datetime(2027, 9, 1, 15, 0, tzinfo=UTC)
COMMANDS = [("UMENTOR", "aide"), ("UMENTOR", "statut"), ("UMENTOR", "convention"), ("UMENTOR", "notes"),
            ("UMENTOR", "notes une note"), ("UMENTOR", "objectifs"), ("UMENTOR", "ordre-du-jour"),
            ("UMENTEE", "ordre-du-jour sujets"), ("UMENTOR", "bilan"), ("UCOORD", "bilan"),
            ("UMENTOR", "langue xx"), ("UMENTOR", "langue fr"), ("UMENTOR", "pause 3"), ("UMENTOR", "reprendre"),
            ("UCOORD", "coordonnateurs"), ("UCOORD", "bilan direction"), ("UCOORD", "rapport"),
            ("UMENTEE", "jumeler")]


def _connections_at_each_reply(bot: Harness) -> list[int]:
    """How many of the bot's database connections are checked out when each reply reaches Slack."""
    seen: list[int] = []
    deliver = bot.emulator._response_post

    def watched(args: Any) -> Any:
        seen.append(bot.engine.pool.checkedout())
        return deliver(args)

    bot.emulator._response_post = watched  # type: ignore[method-assign]
    return seen


def test_every_command_is_answered_once_its_transaction_is_over(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTOR", convention_id)  # `bilan` then shows the pair's bilans, not the form
    seen = _connections_at_each_reply(bot)
    held = {}
    for user, command in COMMANDS:
        before = len(seen)
        bot.command(user, command)
        held[f"{user} {command}"] = seen[before:]
    assert all(held.values()), f"every command is answered: {held}"
    assert not [name for name, counts in held.items() if any(counts)], held


def test_the_digest_button_gives_a_second_programmes_coordinator_their_report(bot: Harness) -> None:
    bot.command("UMENTOR", "aide")  # the workspace, its first programme and the person exist
    now = bot.clock.now()
    with bot.session_factory.begin() as session:
        first = session.scalars(select(Programme).order_by(Programme.id)).first()
        assert first is not None
        second = Programme(workspace_id=first.workspace_id, name="Programme B", created_at=now)
        session.add(second)
        session.flush()
        person = session.scalars(select(Person).where(Person.external_id == "UMENTOR")).one()
        session.add(ProgrammeCoordinator(programme_id=second.id, person_id=person.id, added_at=now))
    bot.click("UMENTOR", "report-full-send", "")
    assert any("Programme B" in text_of(m) for m in bot.emulator.messages_to("UMENTOR"))
