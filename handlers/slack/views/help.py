"""The help shown by `/mentorat` and `/mentorat aide`, by role."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.commands import SubCommand
from bot.i18n import t
from bot.services.overview import help_footer, help_separator


def help_blocks(lang: str, commands: list[SubCommand], role_lines: list[str], coordinators: list[str],
                *, preface: str | None = None) -> list[Block]:
    blocks: list[Block] = []
    if preface:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=preface)))
    intro = "\n".join([t(lang, "help.title"), *role_lines])
    blocks.append(SectionBlock(text=MarkdownTextObject(text=intro)))
    separator = help_separator(lang)
    lines = [f"• `/mentorat {cmd.name}`{separator}{t(lang, cmd.help_key)}" for cmd in commands]
    blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=help_footer(lang, coordinators))]))
    return blocks
