"""Filling the bilan and reading the closure, as people do it in Slack."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from bot.demo.forms import bilan_values
from bot.demo.harness import Harness
from storage.models import Convention
from tests.scenarios.meeting_helpers import last_view


def fill_bilan(bot: Harness, user: str, convention_id: int, **fields: Any) -> Any:
    bot.click(user, "bilan-form-open", str(convention_id))
    return bot.submit_view(user, last_view(bot, "bilan-form-submit"), bilan_values(**fields))


def convention(bot: Harness, convention_id: int) -> Convention:
    with bot.session_factory() as session:
        found = session.get(Convention, convention_id)
        assert found is not None
        session.expunge(found)
        return found






def pdf_texts(bot: Harness, user: str) -> list[str]:
    """The text of every PDF uploaded into a person's DM, with its spacing collapsed to single spaces."""
    channel = bot.emulator.im_channel_id(user)
    return [" ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(upload["content"])).pages).split())
            for upload in bot.emulator.uploads() if upload["filename"].endswith(".pdf") and upload["channel"] == channel]
