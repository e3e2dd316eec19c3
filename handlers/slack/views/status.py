"""`/mentorat statut`: one section per convention of the caller."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock, MarkdownTextObject, SectionBlock

from bot.i18n import t
from bot.i18n.dates import format_day, format_moment
from bot.services.conventions import StatusInfo


def _meeting_line(lang: str, tz: str, info: StatusInfo) -> str:
    if info.next_meeting is not None:
        return t(lang, "status.meeting.next", when=format_moment(info.next_meeting.starts_at, tz, lang))
    if info.proposal is not None:
        return t(lang, "status.meeting.proposed", when=format_moment(info.proposal.starts_at, tz, lang))
    return t(lang, "status.meeting.none")


def status_blocks(lang: str, infos: list[StatusInfo], tz: str) -> list[Block]:
    if not infos:
        return [SectionBlock(text=MarkdownTextObject(text=t(lang, "status.none")))]
    blocks: list[Block] = []
    for info in infos:
        c = info.convention
        other = info.convention.mentee if info.role == "mentor" else info.convention.mentor
        lines = [
            "*" + t(lang, "status.heading", other=f"<@{other.external_id}>", role=t(lang, f"role.{info.role}")) + "*",
            t(lang, "status.state", status=t(lang, f"status.{c.status}")),
            t(lang, "status.phase", phase=t(lang, f"phase.{info.phase.value}"), month=info.month, months=info.months),
            t(lang, "status.dates", start=format_day(c.starts_on, lang), end=format_day(c.planned_end_on, lang)),
            t(lang, "status.meetings", held=info.meetings_held, expected=info.meetings_expected),
            _meeting_line(lang, tz, info),
            t(lang, "status.next", next=t(lang, info.next_step, other=f"<@{other.external_id}>",
                                          start=format_day(c.starts_on, lang))),
        ]
        if blocks:
            blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines))))
    return blocks
