""""Which convention?" on Slack: the question a command asks instead of guessing (bot/usecases/convention_choice.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.notify import Message
from bot.services.convention_choice import ChoiceNeeded
from bot.usecases.convention_choice import question
from handlers.slack.deps import Deps, ids_from_body, reader_for
from handlers.slack.ids import ActionId
from handlers.slack.interactions import answer_click
from handlers.slack.render import as_dicts, mrkdwn

BUTTON_LIMIT = 75  # what Slack shows of a button's text
# Every button of the question: the same listener, whatever its place.
CHOOSE_ACTION = re.compile(rf"^{re.escape(ActionId.CONVENTION_CHOOSE)}-\d+$")


def question_blocks(message: Message) -> list[dict]:
    buttons = [ButtonElement(text=b.label if len(b.label) <= BUTTON_LIMIT else b.label[:BUTTON_LIMIT - 1] + "…",
                             action_id=f"{b.action}-{i}", value=b.value)
               for i, b in enumerate(message.buttons)]
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=mrkdwn(message.text)))]
    if message.context:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=mrkdwn(message.context))]))
    return as_dicts([*blocks, ActionsBlock(elements=buttons)])


def asking(deps: Deps, command: str, body: dict, respond: Respond, client: WebClient, work: Callable[[], None], *,
           typed: bool = False) -> None:
    """Run `work`; when the person has several conventions it could act on, ask which one instead."""
    try:
        work()
    except ChoiceNeeded as choice:
        lang, _tz = reader_for(deps, *ids_from_body(body))
        message = question(lang, command, choice, typed=typed)
        answer_click(body, client, respond, mrkdwn(message.text), question_blocks(message), replace=False)
