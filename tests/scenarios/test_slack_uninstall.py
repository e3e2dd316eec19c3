"""Single-token mode (SLACK_BOT_TOKEN): a workspace that removes the app, or revokes its bot token, gets
nothing more, and the operator reads one line that names the workspace, never the token.

The events arrive signed, as Slack sends them (manifest.yml subscribes to both).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.demo.harness import TEAM_ID, Harness
from storage.models import Reminder, ReminderStatus
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.log_capture import captured_log


def _pending(bot: Harness) -> int:
    with bot.session_factory() as session:
        return len(session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.PENDING)).all())


@pytest.mark.parametrize("event", [
    {"type": "app_uninstalled"},
    {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}},
], ids=["app_uninstalled", "tokens_revoked"])
def test_after_the_event_nothing_more_is_sent_to_the_workspace(bot: Harness, event: dict) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.clock.advance(timedelta(days=45))  # the monthly nudges are due
    bot.mentorat.jobs.plan()
    assert _pending(bot) > 0
    bot.emulator.revoke_token(bot.emulator.bot_token)  # what Slack does at the same time
    with captured_log("INFO") as log:
        answer = bot.event(event)
    assert answer.status == 200
    [line] = log.text.splitlines()
    assert "WARNING" in line and f"Slack workspace {TEAM_ID} " in line and "SLACK_BOT_TOKEN" in line
    assert bot.emulator.bot_token not in log.text
    before = len(bot.emulator.calls())
    delivered = bot.mentorat.jobs.deliver()
    assert delivered.claimed > 0 and delivered.failed == delivered.claimed, "due reminders fail as not installed"
    bot.clock.advance(timedelta(days=120))  # and so do the later ones, each when due
    bot.mentorat.jobs.tick()
    assert bot.emulator.calls()[before:] == [], "no call to Slack with the revoked token"


def test_revoked_user_tokens_alone_change_nothing(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    with captured_log("INFO") as log:
        bot.event({"type": "tokens_revoked", "tokens": {"oauth": ["UMENTOR"], "bot": []}})
    assert log.text == ""
    bot.clock.advance(timedelta(days=45))
    _planned, delivered = bot.mentorat.jobs.tick()
    assert delivered.sent == 2, "the bot's own token still works: the nudges go out"
