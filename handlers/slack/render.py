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

from bot.notify import Button, Command, Inline, Mention, Message, Moment, Strong, Text, as_rich
from storage.models import Person

SECTION_LIMIT = 3000


def _clip(text: str, limit: int = SECTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pieces(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split at line breaks (or spaces) into pieces of at most `limit` characters, never inside an &entity;."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= limit // 2:
            cut = limit
            amp = text.rfind("&", cut - 6, cut)
            if amp != -1 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*pieces, text]


def as_typed(text: str) -> str:
    """Escape what Slack would read as a mention, a link or a channel (&, <, >): shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(run: Inline) -> str:
    if isinstance(run, str):
        return as_typed(run)
    if isinstance(run, Mention):
        return f"<@{run.external_id}>"
    if isinstance(run, Strong):
        return f"*{as_typed(run.text) if isinstance(run.text, str) else mrkdwn(run.text)}*"
    if isinstance(run, Command):
        return f"`{run.text}`"
    if isinstance(run, Moment):
        return as_typed(run.text)
    return f"<{run.safe_url}|{as_typed(run.label)}>"


def mrkdwn(text: Text) -> str:
    """A neutral text as Slack mrkdwn: people as mentions, emphasis in stars, everything else escaped."""
    return "".join(_run(run) for run in as_rich(text).runs)


def mention_of(person: Person | Mention | None) -> str:
    """A person named in a Slack view's own text (the views build mrkdwn themselves)."""
    return f"<@{person.external_id}>" if person is not None else "?"


def button_element(button: Button) -> ButtonElement:
    """A neutral button as Block Kit: its action key is the Slack action id."""
    return ButtonElement(text=button.label, action_id=button.action, value=button.value, style=button.style)


def message_blocks(message: Message, *, header: bool = True) -> list[Block]:
    blocks: list[Block] = []
    if header and message.sections and message.headline:
        blocks.append(HeaderBlock(text=_clip(as_rich(message.text).plain(), 150)))
    elif not message.sections or not message.headline:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_clip(mrkdwn(message.text)))))
    for section in message.sections:
        text = section.lines(mrkdwn, as_typed, "• ")
        body = f"*{as_typed(section.title)}*\n{text}" if section.title else text
        for part in pieces(body):  # a long text goes in several blocks: nothing is cut off
            blocks.append(SectionBlock(text=MarkdownTextObject(text=part, verbatim=section.literal or None)))
    if message.facts:
        # Fact values can be typed by people (a place, a link): shown as typed.
        fields = [MarkdownTextObject(text=_clip(f"*{as_typed(label)}*\n{as_typed(value)}", 2000))
                  for label, value in message.facts[:10]]
        blocks.append(SectionBlock(fields=fields))
    if message.context:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_clip(mrkdwn(message.context)))]))
    if message.buttons:
        blocks.append(DividerBlock())
        blocks.append(
            ActionsBlock(
                elements=[button_element(b) for b in message.buttons]
            )
        )
    return blocks


def as_dicts(blocks: list[Block]) -> list[dict]:
    return [b.to_dict() for b in blocks]
