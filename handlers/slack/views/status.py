"""`/mentorat statut`: one section per convention of the caller."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock, MarkdownTextObject, SectionBlock

from bot.i18n import t
from bot.notify import Rich
from bot.services.conventions import StatusInfo
from bot.services.overview import status_lines
from handlers.slack.render import mrkdwn


def status_blocks(lang: str, infos: list[StatusInfo], tz: str) -> list[Block]:
    if not infos:
        return [SectionBlock(text=MarkdownTextObject(text=t(lang, "status.none")))]
    blocks: list[Block] = []
    for info in infos:
        lines = status_lines(lang, tz, info)
        if blocks:
            blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(text=mrkdwn(Rich.join("\n", lines)))))
    return blocks
