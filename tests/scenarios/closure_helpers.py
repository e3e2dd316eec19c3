"""Filling the bilan and reading the closure, as people do it in Slack."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from bot.demo.forms import bilan_values
from bot.demo.harness import Harness
from storage.models import Convention, Person, ReminderStatus
from tests.scenarios.meeting_helpers import last_view, reminders

MENTOR_END = datetime(2027, 9, 23, tzinfo=UTC).date()  # a convention starting 2026-11-23 ends ten months later




def fill_bilan(bot: Harness, user: str, convention_id: int, **fields: Any) -> Any:
    bot.click(user, "bilan-form-open", str(convention_id))
    return bot.submit_view(user, last_view(bot, "bilan-form-submit"), bilan_values(**fields))


def convention(bot: Harness, convention_id: int) -> Convention:
    with bot.session_factory() as session:
        found = session.get(Convention, convention_id)
        assert found is not None
        session.expunge(found)
        return found


def pending(bot: Harness, kind: str) -> dict[str, datetime]:
    """Slack id -> due time (UTC) of the pending rows of one kind."""
    with bot.session_factory() as session:
        names = {row.id: row.external_id for row in session.execute(select(Person.id, Person.external_id))}
    return {names[r.recipient_id]: r.due_at for r in reminders(bot, kind) if r.status == ReminderStatus.PENDING}


def at(bot: Harness, moment: datetime) -> None:
    bot.clock.set(moment)
    bot.mentorat.jobs.tick()


def pdf_texts(bot: Harness, user: str) -> list[str]:
    """The text of every PDF uploaded into a person's DM, with its spacing collapsed to single spaces."""
    channel = bot.emulator.im_channel_id(user)
    return [" ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(upload["content"])).pages).split())
            for upload in bot.emulator.uploads() if upload["filename"].endswith(".pdf") and upload["channel"] == channel]
