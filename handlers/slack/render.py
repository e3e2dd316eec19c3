"""Block Kit for platform-neutral messages (bot.notify.Message), using slack_sdk's models."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.notify import Message

SECTION_LIMIT = 3000


def _clip(text: str, limit: int = SECTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_blocks(message: Message, *, header: bool = True) -> list[Block]:
    blocks: list[Block] = []
    if header and message.sections:
        blocks.append(HeaderBlock(text=_clip(message.text, 150)))
    elif not message.sections:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_clip(message.text))))
    for section in message.sections:
        body = f"*{section.title}*\n{section.body}" if section.title else section.body
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_clip(body))))
    if message.facts:
        fields = [MarkdownTextObject(text=f"*{label}*\n{value}") for label, value in message.facts[:10]]
        blocks.append(SectionBlock(fields=fields))
    if message.context:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_clip(message.context))]))
    if message.buttons:
        blocks.append(DividerBlock())
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(text=b.label, action_id=b.action, value=b.value, style=b.style)
                    for b in message.buttons
                ]
            )
        )
    return blocks


def as_dicts(blocks: list[Block]) -> list[dict]:
    return [b.to_dict() for b in blocks]
