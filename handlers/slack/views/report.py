"""The programme's figures in Block Kit: the full report (a DM) and the App Home's at-a-glance part."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from bot.i18n import t
from bot.notify import Rich, Text
from bot.services.programme_report import ProgrammeReport
from bot.services.report_text import pair_lines, risk_lines, summary_lines, title
from handlers.slack.render import mrkdwn, pieces


def _text(lines: Sequence[Text]) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=part)) for part in pieces(mrkdwn(Rich.join("\n", lines)))]


def report_blocks(lang: str, reports: list[ProgrammeReport]) -> list[Block]:
    """Per programme: the pairs at risk first, then the figures, then one line per pair."""
    blocks: list[Block] = []
    for report in reports:
        if blocks:
            blocks.append(DividerBlock())
        blocks += _text([f"*{title(lang, report)}*"])
        if not report.pairs:
            blocks += _text([t(lang, "report.empty")])
            continue
        blocks += _text(risk_lines(lang, report))
        blocks += _text(summary_lines(lang, report))
        blocks += _text(pair_lines(lang, report))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "report.private"))]))
    return blocks[:49]


def home_figures(lang: str, reports: list[ProgrammeReport]) -> list[Block]:
    """The coordinator's glance: pairs at risk first, then the headline figures."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=t(lang, "home.coord.title")))]
    for report in reports:
        if not report.pairs:
            continue
        blocks += _text(risk_lines(lang, report, limit=10))
        blocks += _text([f"_{title(lang, report)}_", *summary_lines(lang, report)])
    return blocks
