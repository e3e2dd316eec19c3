"""`/mentorat objectifs`: the list with progress, and the add / update / feedback / history modals."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.i18n import labels, t
from bot.services.objective_messages import objective_line
from bot.services.objectives import HORIZONS, PROGRESS_STEPS, TEXT_LIMIT, TITLE_LIMIT, progress_step
from handlers.slack.ids import ActionId, BlockId, CallbackId, FieldId
from handlers.slack.render import as_dicts, as_typed, pieces
from storage.models import Objective, ObjectiveStatus

SHOWN = 8  # 3 to 6 blocks each, within Slack's 50 blocks per message


def _mrkdwn(text: str, verbatim: bool = False) -> MarkdownTextObject:
    return MarkdownTextObject(text=text[:3000], verbatim=verbatim or None)


def objectives_blocks(lang: str, objectives: list[Objective], *, convention_id: int, is_mentor: bool,
                      other: str) -> list[dict]:
    blocks: list[Block] = [SectionBlock(text=_mrkdwn("*" + t(lang, "objective.list.title") + "*"))]
    if not objectives:
        blocks.append(SectionBlock(text=_mrkdwn(t(lang, "objective.list.empty", other=other))))
    for objective in objectives[:SHOWN]:
        lines = [as_typed(objective_line(objective, lang))]
        if objective.description:
            lines.append(as_typed(objective.description))
        if objective.success_measure:
            lines.append(t(lang, "objective.success") + " " + as_typed(objective.success_measure))
        blocks.append(DividerBlock())
        # Up to 3,000 characters each: split over several blocks, never cut.
        blocks += [SectionBlock(text=_mrkdwn(part, verbatim=True)) for part in pieces("\n".join(lines))]
        value = str(objective.id)
        buttons = [ButtonElement(text=t(lang, "objective.button.update"), action_id=ActionId.OBJECTIVE_UPDATE,
                                 value=value),
                   ButtonElement(text=t(lang, "objective.button.history"), action_id=ActionId.OBJECTIVE_HISTORY,
                                 value=value)]
        if is_mentor:
            buttons.append(ButtonElement(text=t(lang, "objective.button.feedback"),
                                         action_id=ActionId.OBJECTIVE_FEEDBACK, value=value))
        blocks.append(ActionsBlock(elements=buttons))
    if len(objectives) > SHOWN:
        blocks.append(ContextBlock(elements=[_mrkdwn(t(lang, "objective.list.more", count=len(objectives) - SHOWN))]))
    blocks.append(ActionsBlock(elements=[ButtonElement(text=t(lang, "objective.button.add"),
                                                       action_id=ActionId.OBJECTIVE_ADD, value=str(convention_id),
                                                       style="primary")]))
    return as_dicts(blocks)


def add_modal(lang: str, *, other: str, today: date, metadata: str) -> View:
    horizons = [Option(text=t(lang, labels.OBJECTIVE_HORIZON[h]), value=h) for h in HORIZONS]
    return View(
        type="modal", callback_id=CallbackId.OBJECTIVE_ADD_SUBMIT, title=t(lang, "objective.add.title"),
        submit=t(lang, "objective.add.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=_mrkdwn(t(lang, "objective.add.intro", other=other))),
            InputBlock(block_id=BlockId.OBJECTIVE_TITLE, label=t(lang, "objective.add.name"),
                       element=PlainTextInputElement(action_id=FieldId.OBJECTIVE_TITLE, max_length=TITLE_LIMIT)),
            InputBlock(block_id=BlockId.OBJECTIVE_DESCRIPTION, label=t(lang, "objective.add.description"),
                       optional=True, element=PlainTextInputElement(action_id=FieldId.OBJECTIVE_DESCRIPTION,
                                                                    multiline=True, max_length=TEXT_LIMIT)),
            InputBlock(block_id=BlockId.OBJECTIVE_HORIZON, label=t(lang, "objective.add.horizon"),
                       element=RadioButtonsElement(action_id=FieldId.OBJECTIVE_HORIZON, options=horizons,
                                                   initial_option=horizons[0])),
            InputBlock(block_id=BlockId.OBJECTIVE_DUE, label=t(lang, "objective.add.due"), optional=True,
                       element=DatePickerElement(action_id=FieldId.OBJECTIVE_DUE)),
            InputBlock(block_id=BlockId.OBJECTIVE_SUCCESS, label=t(lang, "objective.add.success"), optional=True,
                       hint=t(lang, "objective.add.success_hint"),
                       element=PlainTextInputElement(action_id=FieldId.OBJECTIVE_SUCCESS, multiline=True,
                                                     max_length=TEXT_LIMIT)),
        ],
    )


def update_modal(lang: str, objective: Objective, *, metadata: str) -> View:
    statuses = [Option(text=t(lang, labels.OBJECTIVE_STATUS[s]), value=s.value) for s in ObjectiveStatus]
    steps = [Option(text=f"{p} %", value=str(p)) for p in PROGRESS_STEPS]
    current = next(o for o in steps if o.value == str(progress_step(objective.progress)))
    return View(
        type="modal", callback_id=CallbackId.OBJECTIVE_UPDATE_SUBMIT, title=t(lang, "objective.update.title"),
        submit=t(lang, "objective.update.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=_mrkdwn("*" + as_typed(objective.title) + "*", verbatim=True)),
            InputBlock(block_id=BlockId.OBJECTIVE_STATUS, label=t(lang, "objective.update.status"),
                       element=RadioButtonsElement(action_id=FieldId.OBJECTIVE_STATUS, options=statuses,
                                                   initial_option=next(o for o in statuses
                                                                       if o.value == objective.status))),
            InputBlock(block_id=BlockId.OBJECTIVE_PROGRESS, label=t(lang, "objective.update.progress"),
                       element=StaticSelectElement(action_id=FieldId.OBJECTIVE_PROGRESS, options=steps,
                                                   initial_option=current)),
            InputBlock(block_id=BlockId.OBJECTIVE_COMMENT, label=t(lang, "objective.update.comment"), optional=True,
                       element=PlainTextInputElement(action_id=FieldId.OBJECTIVE_COMMENT, multiline=True,
                                                     max_length=TEXT_LIMIT)),
        ],
    )


def feedback_modal(lang: str, objective: Objective, *, last: str | None, metadata: str) -> View:
    blocks: list[Block] = [SectionBlock(text=_mrkdwn("*" + as_typed(objective.title) + "*", verbatim=True))]
    if last:
        blocks.append(ContextBlock(elements=[_mrkdwn(as_typed(last), verbatim=True)]))
    blocks.append(InputBlock(block_id=BlockId.OBJECTIVE_COMMENT, label=t(lang, "objective.feedback.label"),
                             element=PlainTextInputElement(action_id=FieldId.OBJECTIVE_COMMENT, multiline=True,
                                                           max_length=TEXT_LIMIT)))
    return View(type="modal", callback_id=CallbackId.OBJECTIVE_FEEDBACK_SUBMIT, title=t(lang, "objective.feedback.title"),
                submit=t(lang, "objective.feedback.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
                blocks=blocks)


def history_modal(lang: str, title: str, lines: list[str]) -> View:
    text = "\n".join(f"• {line}" for line in lines) or t(lang, "objective.history.empty")
    return View(type="modal", title=t(lang, "objective.history.title"), close=t(lang, "modal.cancel"),
                blocks=[SectionBlock(text=_mrkdwn("*" + as_typed(title) + "*", verbatim=True)),
                        SectionBlock(text=_mrkdwn(as_typed(text), verbatim=True))])
