"""The programme's figures in Block Kit: the full report (a DM) and the App Home's at-a-glance part."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from bot.i18n import t, tn
from bot.notify import Rich, Text
from bot.services.programme_report import ProgrammeReport
from bot.services.report_text import pair_lines, risk_lines, summary_lines, title
from handlers.slack.render import mrkdwn, pieces


def _text(lines: Sequence[Text]) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=part)) for part in pieces(mrkdwn(Rich.join("\n", lines)))]


MESSAGE_BLOCKS = 50  # Slack's limit for one message
HOME_FIGURE_BLOCKS = 60  # of the App Home's 100: the rest is the person's own conventions and buttons


def _programme_blocks(lang: str, report: ProgrammeReport) -> list[Block]:
    """One programme: the pairs at risk first, then the figures, then one line per pair."""
    blocks = _text([f"*{title(lang, report)}*"])
    if not report.pairs:
        return blocks + _text([t(lang, "report.empty")])
    return blocks + _text(risk_lines(lang, report)) + _text(summary_lines(lang, report)) + _text(
        pair_lines(lang, report))


def report_messages(lang: str, reports: list[ProgrammeReport]) -> list[list[Block]]:
    """The programmes side by side, in as many messages as Slack's 50 blocks a message need: a programme
    starts a new message rather than being cut, so none is dropped from a long report."""
    messages: list[list[Block]] = [[]]
    for report in reports:
        part = _programme_blocks(lang, report)
        if messages[-1] and len(messages[-1]) + 1 + len(part) >= MESSAGE_BLOCKS:
            messages.append([])
        if messages[-1]:
            messages[-1].append(DividerBlock())
        messages[-1] += part
    messages[-1].append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "report.private"))]))
    return [blocks[:MESSAGE_BLOCKS] for blocks in messages]


def home_figures(lang: str, reports: list[ProgrammeReport], budget: int = HOME_FIGURE_BLOCKS) -> list[Block]:
    """The coordinator's glance: per programme, pairs at risk first, then the headline figures. Within
    `budget` blocks (an App Home holds 100 in all): the programmes past it are counted, for the report."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=t(lang, "home.coord.title")))]
    shown = [r for r in reports if r.pairs]
    for index, report in enumerate(shown):
        # The programme's name first: with several side by side, each one's pairs at risk sit under it.
        part = _text([f"_{title(lang, report)}_", *risk_lines(lang, report, limit=10)]) + _text(
            summary_lines(lang, report))
        if len(blocks) + len(part) >= budget:
            left = len(shown) - index
            blocks += _text([tn(lang, "home.coord.more", "home.coord.more.plural", left)])
            break
        blocks += part
    return blocks
