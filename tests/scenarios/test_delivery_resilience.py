"""Invitations are never lost when Slack rate-limits or fails: they stay queued and go out later."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.demo.harness import Harness
from scheduling.delivery import deliver_due
from storage.models import Reminder, ReminderStatus
from tests.scenarios.helpers import button_value


def test_rate_limited_invitation_is_sent_later_once(bot: Harness) -> None:
    bot.emulator.fail_next("chat.postMessage", status=429, retry_after=30, count=1)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    sent_now = [m for u in ("UMENTOR", "UMENTEE") for m in bot.emulator.messages_to(u)]
    assert len(sent_now) == 1, "one invitation went out, the other waits out Retry-After"
    with bot.session_factory() as session:
        waiting = session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.PENDING)).one()
        assert waiting.attempts == 1 and waiting.due_at == bot.clock.now() + timedelta(seconds=30)
    deps = bot.mentorat.deps
    deliver_due(deps.session_factory, deps.notifier, bot.clock.now(), deps.compose_ctx)
    assert sum(len(bot.emulator.messages_to(u)) for u in ("UMENTOR", "UMENTEE")) == 1, "not before it is due"
    later = bot.clock.advance(timedelta(seconds=31))
    deliver_due(deps.session_factory, deps.notifier, later, deps.compose_ctx)
    deliver_due(deps.session_factory, deps.notifier, later, deps.compose_ctx)
    for user in ("UMENTOR", "UMENTEE"):
        invites = [m for m in bot.emulator.messages_to(user) if button_value(m, "convention-accept")]
        assert len(invites) == 1, user


def test_permanent_error_is_marked_failed(bot: Harness) -> None:
    bot.emulator.fail_next("chat.postMessage", error="account_inactive", count=1)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    with bot.session_factory() as session:
        statuses = sorted(r.status for r in session.scalars(select(Reminder)))
    assert statuses == [ReminderStatus.FAILED, ReminderStatus.SENT]
