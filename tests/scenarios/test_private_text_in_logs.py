"""What people type never reaches a log line, at any level, even when things go wrong.

A unique canary is typed into the free-text fields on Slack and on Teams while the production log
configuration writes everything from DEBUG up; then errors are provoked: Slack answering 500, a
database error, malformed and unsigned requests carrying the canary, a crash inside a listener
and inside a Teams turn whose exception quotes it. The canary must be where it belongs (the
database, the recipient's messages) and nowhere in the log.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.demo.forms import differend_values
from bot.demo.harness import Harness
from bot.demo.slack_requests import post
from bot.demo.teams_connector import BotConnectorEmulator
from bot.services import notes as notes_service
from tests.scenarios.helpers import dm_texts, pair_and_accept
from tests.scenarios.log_capture import CapturedLog, captured_log
from tests.scenarios.meeting_helpers import last_view, propose
from tests.scenarios.teams_helpers import (  # noqa: F401 - fixtures
    MENTEE,
    MENTOR,
    cards_for,
    channel,
    connector,
    teams_bot,
    teams_pair_and_accept,
)
from tests.scenarios.test_slack_gate import command_body

CANARY = "CANARY-q7Zx-9f3e"


@pytest.fixture
def log() -> Iterator[CapturedLog]:
    with captured_log() as captured:
        yield captured


@pytest.mark.both_databases
def test_slack_typed_text_stays_out_of_the_log_through_errors(bot: Harness, log: CapturedLog,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", f"notes {CANARY} ma note")
    bot.emulator.fail_next("chat.postMessage", 500, count=3)  # Slack failing while the agenda goes out
    bot.command("UMENTEE", f"ordre-du-jour {CANARY} mes sujets")
    bot.clock.advance(timedelta(hours=1))  # the outbox retries what Slack refused
    bot.mentorat.jobs.deliver()
    propose(bot, "UMENTEE", "2026-12-03", "10:00", location=f"https://meet.example/{CANARY}", agenda=CANARY)
    bot.command("UMENTOR", "differend")
    bot.submit_view("UMENTOR", last_view(bot, "differend-form-submit"), differend_values(f"{CANARY} le différend"))

    # Requests that are refused or malformed, with the canary inside.
    body = command_body(bot, "UMENTEE", f"notes {CANARY}")
    assert post(bot.events_url, body, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=x"},
                "application/x-www-form-urlencoded").status == 401
    malformed = urllib.parse.urlencode({"payload": f"{{not json {CANARY}"})
    assert post(bot.events_url, malformed, bot.signer.headers(malformed),
                "application/x-www-form-urlencoded").status == 400

    # A crash inside a listener whose exception quotes the text.
    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not save {CANARY}")

    monkeypatch.setattr(notes_service, "add_note", crash)
    bot.command("UMENTEE", f"notes {CANARY} encore")
    monkeypatch.undo()
    # A database error (the table is gone) while saving a note.
    with bot.engine.begin() as conn:
        conn.execute(text("DROP TABLE notes"))
    bot.command("UMENTEE", f"notes {CANARY} perdue")
    bot.executor.drain()

    assert any(CANARY in t for t in dm_texts(bot, "UMENTOR")), "the mentor got the agenda: the canary was typed"
    assert any("unexpected RuntimeError" in message for message in log.messages())
    assert any("unexpected OperationalError" in m or "unexpected ProgrammingError" in m for m in log.messages())
    log.assert_never(CANARY)


@pytest.mark.both_databases
def test_teams_typed_text_stays_out_of_the_log_through_errors(teams_bot: Harness,  # noqa: F811
                                                              connector: BotConnectorEmulator,  # noqa: F811
                                                              log: CapturedLog,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.scenarios.test_teams_disputes import raise_differend

    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTEE, f"mentorat notes {CANARY} une note")
    channel(teams_bot).say(MENTEE, f"mentorat ordre-du-jour {CANARY} mes sujets")
    raise_differend(teams_bot, connector, MENTOR, summary=f"{CANARY} le différend")
    connector.fail(500, times=2)  # Teams failing while a message goes out
    channel(teams_bot).say(MENTEE, f"mentorat ordre-du-jour {CANARY} encore")
    teams_bot.mentorat.jobs.deliver()

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not save {CANARY}")

    monkeypatch.setattr(notes_service, "add_note", crash)
    channel(teams_bot).say(MENTEE, f"mentorat notes {CANARY} encore")
    monkeypatch.undo()
    garbage = {"type": "message", "channelId": "msteams", "id": "x1", "text": CANARY, "conversation": "not an object"}
    assert channel(teams_bot).post(garbage).status == 400

    assert any(CANARY in str(card) for card in cards_for(connector, MENTOR)), "the canary was typed and delivered"
    assert any("unexpected RuntimeError" in message for message in log.messages())
    log.assert_never(CANARY)
