"""`/mentorat notes`: the caller's notes and the ones their partner shared, newest first."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.i18n import t
from handlers.slack.ids import ActionId
from handlers.slack.render import as_dicts, as_typed

NoteLine = tuple[str, str]  # heading (who, when, shared or not), body as typed


def notes_blocks(lang: str, lines: list[NoteLine], *, convention_id: int) -> list[dict]:
    blocks: list = [SectionBlock(text=MarkdownTextObject(text="*" + t(lang, "note.list.title") + "*"))]
    if not lines:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(lang, "note.list.empty"))))
    for heading, body in lines:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=heading)]))
        # verbatim: the note is shown exactly as typed, never turned into mentions or links
        blocks.append(SectionBlock(text=MarkdownTextObject(text=as_typed(body)[:2900], verbatim=True)))
    blocks.append(ActionsBlock(elements=[ButtonElement(text=t(lang, "note.button.new"), action_id=ActionId.NOTE_WRITE,
                                                       value=f"convention:{convention_id}", style="primary")]))
    return as_dicts(blocks)
