"""The App Home tab: what Mentorat is, the caller's conventions and the common actions."""

from __future__ import annotations

from collections.abc import Sequence

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
from slack_sdk.models.views import View

from bot.i18n import t
from bot.notify import Button
from bot.services.conventions import Phase, StatusInfo
from handlers.slack.ids import ActionId
from handlers.slack.render import as_typed, button_element
from handlers.slack.views.status import status_blocks


def _short(text: str, limit: int = 140) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _only(infos: Sequence[StatusInfo]) -> str:
    """The convention a Home button is about; none when there are several (the click asks which one)."""
    return str(infos[0].convention.id) if len(infos) == 1 else ""


def home_view(lang: str, *, infos: list[StatusInfo], is_coordinator: bool, coordinators: list[str],
              tz: str = "America/Toronto", objectives: dict[int, list[str]] | None = None,
              notes: dict[int, list[str]] | None = None, figures: list[Block] | None = None,
              entry: Sequence[Button] = (), waiting: str | None = None) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=t(lang, "home.title")),
        SectionBlock(text=MarkdownTextObject(text=t(lang, "home.intro"))),
    ]
    buttons = [ButtonElement(text=t(lang, "home.button.help"), action_id=ActionId.HOME_HELP_SHOW, value="help")]
    if infos:
        blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text="*" + t(lang, "home.your_conventions") + "*"))]
        blocks += status_blocks(lang, infos, tz)
        for info in infos:
            lines = (objectives or {}).get(info.convention.id)
            if lines:
                shown = "\n".join(f"• {as_typed(line)}" for line in lines[:8])
                blocks.append(SectionBlock(text=MarkdownTextObject(
                    text=("*" + t(lang, "home.objectives") + f"*\n{shown}")[:3000], verbatim=True)))
            recent = (notes or {}).get(info.convention.id)
            if recent:
                shown = "\n".join(f"• {as_typed(_short(body))}" for body in recent)
                blocks.append(SectionBlock(text=MarkdownTextObject(
                    text="*" + t(lang, "home.notes") + f"*\n{shown}", verbatim=True)))
        running = [i for i in infos if i.convention.status in ("active", "closing")]
        if running:
            buttons.append(ButtonElement(text=t(lang, "home.button.meeting"), action_id=ActionId.HOME_MEETING_PLAN,
                                         value=_only(running), style="primary"))
            if any(i.role == "mentee" for i in running):
                buttons.append(ButtonElement(text=t(lang, "home.button.agenda"), action_id=ActionId.HOME_AGENDA_WRITE,
                                             value="agenda"))
            buttons.append(ButtonElement(text=t(lang, "home.button.notes"), action_id=ActionId.HOME_NOTES_SHOW,
                                         value="notes"))
        # The closure, in the last phase: the bilan, and for the mentee the thanks. One button each (Slack
        # wants each action id once in a block): with several conventions ending, the click asks which one.
        ending = [i for i in running if i.phase == Phase.SEPARATION]
        if ending:
            buttons.append(ButtonElement(text=t(lang, "home.button.bilan"), action_id=ActionId.BILAN_OPEN,
                                         value=_only(ending)))
        corporate = [i for i in running if i.convention.manager_id is not None]
        if corporate:  # the corporate method: the road map, then near the end the synthesis report
            buttons.append(ButtonElement(text=t(lang, "home.button.road_map"), action_id=ActionId.HOME_ROADMAP_SHOW,
                                         value=_only(corporate)))
            closing = [i for i in corporate if i.phase == Phase.SEPARATION]
            if closing:
                buttons.append(ButtonElement(text=t(lang, "home.button.synthesis"),
                                             action_id=ActionId.HOME_SYNTHESIS_SHOW, value=_only(closing)))
        thanking = [i for i in ending if i.role == "mentee"]
        if thanking:
            buttons.append(ButtonElement(text=t(lang, "thanks.button.write"), action_id=ActionId.THANKS_WRITE,
                                         value=_only(thanking)))
        buttons += [
            ButtonElement(text=t(lang, "home.button.status"), action_id=ActionId.HOME_STATUS_SHOW, value="status"),
            ButtonElement(text=t(lang, "home.button.convention"), action_id=ActionId.HOME_CONVENTION_SHOW,
                          value="convention"),
        ]
    elif not is_coordinator:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(lang, "help.role.none"))))
    # To enrol or edit one's profile (no convention yet), the suggested pairs (coordinators).
    buttons += [button_element(b) for b in entry]
    if is_coordinator:
        blocks += [DividerBlock(), SectionBlock(text=MarkdownTextObject(text=t(lang, "home.coordinator")))]
        if waiting:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=waiting)))
        buttons.append(ButtonElement(text=t(lang, "home.button.pair"), action_id=ActionId.HOME_PAIRING_OPEN,
                                     value="pair", style="primary"))
        # Coordinators: the programme at a glance (pairs at risk first), the report, the bulk import.
        blocks += figures or []
        buttons += [
            ButtonElement(text=t(lang, "home.button.report"), action_id=ActionId.REPORT_SEND, value="report"),
            ButtonElement(text=t(lang, "home.button.import"), action_id=ActionId.HOME_IMPORT_OPEN, value="import"),
        ]
    elif figures:  # coordinates another programme than the first: its figures and its report, nothing else
        blocks += [DividerBlock(), *figures]
        buttons.append(ButtonElement(text=t(lang, "home.button.report"), action_id=ActionId.REPORT_SEND,
                                     value="report"))
    blocks.append(ActionsBlock(elements=buttons))
    if coordinators:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "help.coordinators",
                                                                         names=", ".join(coordinators)))]))
    return View(type="home", blocks=blocks)
