"""Adaptive Cards for platform-neutral messages (bot.notify.Message), and the pieces forms are made of.

Services write neutral text (bot.notify.Rich: people, emphasis, commands as data); `teams_text` renders it
in the markdown subset Teams cards show, a person by their name. Text a person typed goes into a
TextRun, which Teams never reads as markdown: it is shown exactly as typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.notify import Button, Command, Inline, Mention, Message, Moment, Section, Strong, Text, as_rich, plain

CARD_VERSION = "1.5"
ADAPTIVE = "application/vnd.microsoft.card.adaptive"
# The key of an Action.Submit's data that names the action (the rest are the form's inputs).
ACTION_KEY = "mentorat"
VALUE_KEY = "value"

STYLES = {"primary": "positive", "danger": "destructive"}

Card = dict[str, Any]


# A zero-width space after each markdown sign a TextBlock reads: a programme's name, a person's name or a
# clause a coordinator wrote ("[Signez ici](https://…)", "**URGENT**") shows as typed, never as a link or
# emphasis. The bot's own markup is not text here: it is Strong and Link runs.
_INERT = str.maketrans({"*": "*\u200b", "_": "_\u200b", "[": "[\u200b", "]": "]\u200b", "`": "`\u200b",
                        "#": "#\u200b", "<": "<\u200b", ">": ">\u200b"})


def inert(text: str) -> str:
    """Text shown in a TextBlock exactly as written: Teams' markdown signs made inert."""
    return text.translate(_INERT)


def _run(run: Inline) -> str:
    if isinstance(run, str):
        return inert(run.replace("/mentorat", "mentorat"))  # Teams users type commands to the bot: no slash
    if isinstance(run, Mention):
        return inert(run.name or "?")  # a bot cannot @-mention anyone in a 1:1 chat: the name, as Slack shows it
    if isinstance(run, Strong):
        return f"**{inert(run.text) if isinstance(run.text, str) else teams_text(run.text)}**"
    if isinstance(run, Command):
        return run.text.removeprefix("/")
    if isinstance(run, Moment):
        return run.text
    return f"[{inert(run.label)}]({run.safe_url})"


def teams_text(text: Text) -> str:
    """A neutral text in the markdown subset a card's TextBlock shows."""
    return "".join(_run(run) for run in as_rich(text).runs)


def text_block(text: str, **extra: Any) -> Card:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


# How text looks is the TextRun's in a RichTextBlock (Adaptive Cards 1.5): the block itself has none of these.
RUN_STYLE = frozenset({"color", "fontType", "isSubtle", "size", "weight", "italic", "strikethrough", "highlight"})


def typed_text(text: str, **extra: Any) -> Card:
    """Text a person typed: a TextRun is never read as markdown, so `*`, `<@…>` or links stay as typed.

    `extra` may mix the block's layout (spacing, separator…) with the text's look (isSubtle, size,
    weight…), as for a TextBlock: the look goes on the run, where a RichTextBlock takes it."""
    run = {"type": "TextRun", "text": text, **{key: value for key, value in extra.items() if key in RUN_STYLE}}
    block = {key: value for key, value in extra.items() if key not in RUN_STYLE}
    return {"type": "RichTextBlock", "inlines": [run], **block}


def submit(label: str, action: str, value: str = "", *, style: str | None = None, **data: Any) -> Card:
    action_card: Card = {"type": "Action.Submit", "title": label,
                         "data": {ACTION_KEY: action, VALUE_KEY: value, **data}}
    if style in STYLES:
        action_card["style"] = STYLES[style]
    return action_card


def button(b: Button) -> Card:
    return submit(b.label, b.action, b.value, style=b.style)


def card(body: list[Card], actions: list[Card] | None = None) -> Card:
    content: Card = {"type": "AdaptiveCard", "version": CARD_VERSION, "body": body, "msteams": {"width": "Full"}}
    if actions:
        content["actions"] = actions
    return content


def attachment(content: Card) -> dict[str, Any]:
    return {"contentType": ADAPTIVE, "content": content}


def message_card(message: Message, *, file_url: str | None = None, whole: bool = False) -> Card:
    """The message as one card; past Teams' size limit its longest typed texts are shortened (see `fit`),
    unless `whole` (the caller then spreads it over several cards with `paged_cards`)."""
    md = teams_text
    body: list[Card] = []
    if message.sections and message.headline:
        body.append(text_block(md(message.text), size="Medium", weight="Bolder"))
    else:
        body.append(text_block(md(message.text)))
    for section in message.sections:
        if section.title:
            body.append(text_block(md(section.title), weight="Bolder", spacing="Medium"))
        body.append(section_block(section))
    if message.facts:
        # Fact values can be typed by people (a place, a link): FactSet values are plain text.
        body.append({"type": "FactSet", "facts": [{"title": md(label), "value": value}
                                                  for label, value in message.facts]})
    if message.context:
        body.append(text_block(md(message.context), isSubtle=True, size="Small", spacing="Medium"))
    actions = [button(b) for b in message.buttons]
    if message.attachment is not None and file_url:
        actions.append({"type": "Action.OpenUrl", "title": message.attachment.title, "url": file_url})
    return card(body, actions) if whole else fit(card(body, actions))


def section_block(section: Section, **extra: Any) -> Card:
    """A section's body and items: a TextRun for what people typed (never read as markdown), else markdown."""
    if section.literal:
        return typed_text(section.lines(teams_text, str, "• "), **extra)
    return text_block(section.lines(teams_text, str, "- "), **extra)


def summary_text(message: Message) -> str:
    """The notification preview (activity.summary / text): the headline without markup."""
    return plain(message.text).replace("/mentorat", "mentorat")[:200]


def action_set(actions: Sequence[Card], **extra: Any) -> Card:
    """Buttons inside the body, under the item they act on (a card's own actions sit at its foot)."""
    return {"type": "ActionSet", "actions": list(actions), **extra}


# Teams refuses an activity over about 28 KB; a card within this leaves room for the rest of the activity.
CARD_BUDGET = 24_000


def card_size(content: Card) -> int:
    """The card's bytes as Teams counts them: compact JSON, UTF-8."""
    return len(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def paged_cards(head: Sequence[Card], groups: Sequence[Sequence[Card]], actions: Sequence[Card] = (), *,
                continued: Sequence[Card] = (), budget: int = CARD_BUDGET) -> list[Card]:
    """A list too long for one card, over as few as fit: `head` opens the first card, `continued` the
    next ones, each group stays whole on one card (one too big for any gets a card of its own) and
    `actions` close the last. Nothing is cut: long texts people typed are shown in full."""
    pages: list[list[Card]] = [list(head)]
    opening = len(head)
    for group in groups:
        if len(pages[-1]) > opening and card_size(card([*pages[-1], *group], list(actions))) > budget:
            pages.append(list(continued))
            opening = len(continued)
        pages[-1].extend(group)
    last = len(pages) - 1
    return [card(body, list(actions) if index == last else None) for index, body in enumerate(pages)]


def open_url(title: str, url: str) -> Card:
    """A button that opens a link (a shared file: the PDF, the chart, the CSV)."""
    return {"type": "Action.OpenUrl", "title": title, "url": url}


CLIPPED = " […]"


def fit(content: Card, budget: int = CARD_BUDGET) -> Card:
    """Keep a card within Teams' size limit by shortening its longest typed texts, marked " […]".

    A proactive message is one activity and Teams refuses one over 28 KB for good (413): a final report
    where both sides shared long answers would never arrive. Shortened, it does, and its PDF holds every
    word. Cards within the limit are left as they are."""
    excess = card_size(content) - budget
    while excess > 0:
        runs = [run for element in content.get("body", []) if element.get("type") == "RichTextBlock"
                for run in element.get("inlines", []) if len(run.get("text", "")) > 200]
        if not runs:
            break  # nothing typed left to shorten: send it as it is
        longest = max(runs, key=lambda run: len(run["text"].encode("utf-8")))
        text = longest["text"]
        keep = max(100, len(text) - excess - len(CLIPPED) - 16)
        longest["text"] = text[:keep].rstrip() + CLIPPED
        excess = card_size(content) - budget
    return content
