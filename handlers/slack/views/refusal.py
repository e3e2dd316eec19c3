"""The small modal pushed over a form that cannot be saved for a reason no field can show."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.i18n import t


def refusal_modal(lang: str, text: str) -> View:
    """Pushed on top of the form, so that closing it brings back the form with what was typed."""
    return View(type="modal", title=t(lang, "modal.refused.title"), close=t(lang, "modal.refused.back"),
                blocks=[SectionBlock(text=MarkdownTextObject(text=text[:2900], verbatim=True))])
