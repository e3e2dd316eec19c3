"""The help shown by `/mentorat` and `/mentorat aide`, by role."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ActionsBlock, Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.commands import SubCommand
from bot.i18n import t
from bot.notify import Button, Mention, Rich, Text
from bot.services.overview import help_footer, help_separator
from handlers.slack.render import button_element, mrkdwn


def help_blocks(lang: str, commands: list[SubCommand], role_lines: list[Text], coordinators: list[Mention],
                *, preface: str | None = None, buttons: Sequence[Button] = ()) -> list[Block]:
    blocks: list[Block] = []
    if preface:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=preface)))
    intro = mrkdwn(Rich.join("\n", [t(lang, "help.title"), *role_lines]))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=intro)))
    separator = help_separator(lang)
    lines = [f"• `/mentorat {cmd.name}`{separator}{t(lang, cmd.help_key)}" for cmd in commands]
    blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines))))
    if buttons:
        blocks.append(ActionsBlock(elements=[button_element(b) for b in buttons]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=mrkdwn(help_footer(lang, coordinators)))]))
    return blocks
