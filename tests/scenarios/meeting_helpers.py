"""Driving the meeting flow like people do: the modal, the buttons, what each person received."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.demo.forms import meeting_values, text_values  # noqa: F401 - re-exported for the tests
from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Meeting, Person, Reminder, ReminderStatus
from tests.scenarios.helpers import button_value


def last_view(bot: Harness, callback_id: str = "meeting-form-submit") -> dict[str, Any]:
    views = [v for v in bot.emulator.views_opened() if v.get("callback_id") == callback_id]
    assert views, f"no {callback_id} modal was opened"
    return views[-1]






def propose(bot: Harness, user: str, day: str, time: str, **fields: Any) -> Any:
    """`/mentorat prochaine-rencontre`, then submit the modal it opened."""
    before = len(bot.emulator.views_opened())
    bot.command(user, "prochaine-rencontre")
    assert len(bot.emulator.views_opened()) == before + 1, "the command did not open the meeting modal"
    return bot.submit_view(user, last_view(bot), meeting_values(day, time, **fields))


def with_button(bot: Harness, user: str, action_id: str) -> list[dict[str, Any]]:
    return [m for m in bot.emulator.messages_to(user) if button_value(m, action_id)]


def click_last(bot: Harness, user: str, action_id: str) -> Any:
    found = with_button(bot, user, action_id)
    assert found, f"{user} has no message with {action_id}"
    message = found[-1]
    return bot.click(user, action_id, button_value(message, action_id) or "", message=message)


def meetings(bot: Harness) -> list[Meeting]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Meeting).order_by(Meeting.id)))


def reminders(bot: Harness, kind: str | None = None) -> list[Reminder]:
    with bot.session_factory() as session:
        stmt = select(Reminder).order_by(Reminder.id)
        if kind:
            stmt = stmt.where(Reminder.kind == kind)
        return list(session.scalars(stmt))


def texts_to(bot: Harness, user: str) -> list[str]:
    return [text_of(m) for m in bot.emulator.messages_to(user)]


def pending(bot: Harness, kind: str) -> dict[str, datetime]:
    """Slack id -> due time (UTC) of the pending rows of one kind."""
    with bot.session_factory() as session:
        names = {row.id: row.external_id for row in session.execute(select(Person.id, Person.external_id))}
    return {names[r.recipient_id]: r.due_at for r in reminders(bot, kind) if r.status == ReminderStatus.PENDING}


def at(bot: Harness, moment: datetime) -> None:
    bot.clock.set(moment)
    bot.mentorat.jobs.tick()
