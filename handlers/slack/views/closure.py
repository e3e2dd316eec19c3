"""The bilan modal, what each side reads of the bilans, the thanks/news modal, the coordinator's figures."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
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

from bot.i18n import labels, quoted, t
from bot.notify import Section
from bot.services.bilans import (
    EXTEND_MONTHS,
    OBJECTIVE_RESULTS,
    REQUIRED,
    TEXT_LIMIT,
    BilanView,
    own_part,
    questions_for,
)
from bot.services.closure import ClosureFigures
from bot.services.closure_messages import answer_sections, closure_figure_lines
from handlers.slack.ids import ActionId, BlockId, CallbackId, FieldId
from handlers.slack.render import as_dicts, as_typed, mrkdwn, pieces
from storage.models import Bilan, Convention, Decision, Objective

SHOWN_OBJECTIVES = 20  # a modal holds 100 blocks; the rest of the form needs about 20


def _md(text: str, verbatim: bool = False) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=verbatim or None)


def _options(pairs: list[tuple[str, str]]) -> list[Option]:
    return [Option(text=label[:75], value=value) for label, value in pairs]


def _initial(options: list[Option], value: object) -> Option | None:
    return next((o for o in options if o.value == str(value)), None) if value is not None else None


def bilan_modal(lang: str, convention: Convention, role: str, *, other: str, other_name: str,
                objectives: list[Objective],
                mine: Bilan | None, locked_decision: str | None, sponsor: str | None, metadata: str) -> View:
    """Prefilled with the person's answers when they edit; the decision is fixed once agreed."""
    answers = mine.answers if mine else {}
    blocks: list[Block] = [SectionBlock(text=_md(t(lang, "bilan.modal.intro", other=other)))]
    for key in questions_for(convention, role):
        blocks.append(InputBlock(
            block_id=f"{BlockId.BILAN_ANSWER}:{key}", label=t(lang, labels.QUESTION[role, key]),
            optional=key not in REQUIRED,
            element=PlainTextInputElement(action_id=FieldId.BILAN_ANSWER, multiline=True, max_length=TEXT_LIMIT,
                                          initial_value=answers.get(key) or None)))
        if key == "went":
            scores = _options([(t(lang, labels.SATISFACTION[n]), str(n)) for n in range(1, 6)])
            blocks.append(InputBlock(
                block_id=BlockId.BILAN_SATISFACTION, label=t(lang, "bilan.satisfaction.label"),
                element=RadioButtonsElement(action_id=FieldId.BILAN_SATISFACTION, options=scores,
                                            initial_option=_initial(scores, mine.satisfaction if mine else None))))
        if key == "next_steps":
            blocks.append(InputBlock(
                block_id=BlockId.BILAN_FOLLOW_UP, label=t(lang, "bilan.follow_up.label"), optional=True,
                element=DatePickerElement(action_id=FieldId.BILAN_FOLLOW_UP,
                                          initial_date=mine.follow_up_on.isoformat() if mine and mine.follow_up_on
                                          else None)))
    blocks.append(DividerBlock())
    blocks.append(SectionBlock(text=_md(t(lang, "bilan.objectives.title"))))
    if not objectives:
        blocks.append(ContextBlock(elements=[_md(t(lang, "bilan.objectives.none"))]))
    results = _options([(t(lang, labels.RESULT[r]), r) for r in OBJECTIVE_RESULTS])
    for objective in objectives[:SHOWN_OBJECTIVES]:
        chosen = (mine.objective_results or {}).get(str(objective.id)) if mine else None
        blocks.append(InputBlock(
            block_id=f"{BlockId.BILAN_OBJECTIVE}:{objective.id}", label=quoted(lang, objective.title)[:2000],
            optional=True, element=StaticSelectElement(action_id=FieldId.BILAN_OBJECTIVE, options=results,
                                                       initial_option=_initial(results, chosen))))
    blocks.append(DividerBlock())
    if locked_decision is None:
        decisions = _options([(t(lang, labels.DECISION[d]), d.value) for d in Decision])
        blocks.append(InputBlock(
            block_id=BlockId.BILAN_DECISION, label=t(lang, "bilan.decision.label"), hint=t(lang, "bilan.decision.hint"),
            element=RadioButtonsElement(action_id=FieldId.BILAN_DECISION, options=decisions,
                                        initial_option=_initial(decisions, mine.decision if mine else None))))
        lengths = _options([(t(lang, "bilan.extend.option", months=m), str(m)) for m in EXTEND_MONTHS])
        blocks.append(InputBlock(
            block_id=BlockId.BILAN_EXTEND, label=t(lang, "bilan.extend.label"), hint=t(lang, "bilan.extend.hint"),
            optional=True, element=StaticSelectElement(action_id=FieldId.BILAN_EXTEND, options=lengths,
                                                       initial_option=_initial(lengths, mine.extend_months if mine
                                                                               else None))))
    else:
        blocks.append(ContextBlock(elements=[_md(t(lang, "bilan.locked",
                                                   decision=t(lang, labels.DECISION[locked_decision])))]))
    keep = _options([(t(lang, "bilan.keep.yes"), "yes"), (t(lang, "bilan.keep.no"), "no")])
    blocks.append(InputBlock(
        block_id=BlockId.BILAN_KEEP, label=t(lang, "bilan.keep.label"),
        element=RadioButtonsElement(action_id=FieldId.BILAN_KEEP, options=keep,
                                    initial_option=_initial(keep, ("yes" if mine.keep_in_touch else "no") if mine
                                                            else None))))
    shareable = [*questions_for(convention, role), "satisfaction", "objectives"]
    share = _options([(t(lang, labels.ANSWER_SHORT[key]), key) for key in shareable])
    shared = [o for o in share if mine and o.value in (mine.shared_keys or [])]
    blocks.append(InputBlock(
        block_id=BlockId.BILAN_SHARE, label=t(lang, "bilan.share.label", other=other_name),
        hint=t(lang, "bilan.share.hint", other=other_name),
        optional=True, element=CheckboxesElement(action_id=FieldId.BILAN_SHARE, options=share,
                                                 initial_options=shared or None)))
    if sponsor is not None:
        consent = _options([(t(lang, "bilan.sponsor.option"), "yes")])
        blocks.append(InputBlock(
            block_id=BlockId.BILAN_SPONSOR, label=t(lang, "bilan.sponsor.label", sponsor=sponsor), optional=True,
            element=CheckboxesElement(action_id=FieldId.BILAN_SPONSOR, options=consent,
                                      initial_options=consent if mine and mine.sponsor_ok else None)))
    return View(type="modal", callback_id=CallbackId.BILAN_FORM_SUBMIT, title=t(lang, "bilan.modal.title"),
                submit=t(lang, "bilan.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
                blocks=blocks)


def _answers_text(lang: str, part: dict[str, object], objectives: dict[int, str]) -> str:
    def shown(section: Section) -> str:
        body = section.lines(mrkdwn, as_typed, "• ")
        return f"*{section.title}*\n{body}" if section.title else body

    return "\n\n".join(shown(s) for s in answer_sections(lang, part, objectives))


def _text_blocks(text: str) -> list[Block]:
    return [SectionBlock(text=_md(part, verbatim=True)) for part in pieces(text)]


def bilan_blocks(lang: str, view: BilanView, *, other: str, objectives: list[Objective]) -> list[dict]:
    """`/mentorat bilan` for one side: their own answers, then what the other shares (once both answered)."""
    titles = {o.id: o.title for o in objectives}
    value = str(view.convention.id)
    blocks: list[Block] = [SectionBlock(text=_md("*" + t(lang, "bilan.view.title", other=other) + "*"))]
    buttons = []
    if view.mine is None:
        blocks.append(SectionBlock(text=_md(t(lang, "bilan.view.not_started"))))
        buttons.append(ButtonElement(text=t(lang, "bilan.button.open"), action_id=ActionId.BILAN_OPEN, value=value,
                                     style="primary"))
    else:
        mine = own_part(view.mine)
        blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=_md("*" + t(lang, "bilan.view.mine") + "*")))
        blocks += _text_blocks(_answers_text(lang, mine, titles))
        blocks.append(ContextBlock(elements=[_md(t(lang, "bilan.view.your_decision",
                                                   decision=t(lang, labels.DECISION[view.mine.decision])))]))
        buttons.append(ButtonElement(text=t(lang, "bilan.button.edit"), action_id=ActionId.BILAN_OPEN, value=value))
    blocks.append(DividerBlock())
    if not view.other_done:
        blocks.append(SectionBlock(text=_md(t(lang, "bilan.view.other_not_done", other=other))))
    elif view.mine is None:
        blocks.append(SectionBlock(text=_md(t(lang, "bilan.view.waiting", other=other))))
    else:
        shared = _answers_text(lang, view.other_shared, titles)
        if shared:
            blocks.append(SectionBlock(text=_md("*" + t(lang, "bilan.view.other_shared", other=other) + "*")))
            blocks += _text_blocks(shared)
        else:
            blocks.append(SectionBlock(text=_md(t(lang, "bilan.view.nothing_shared", other=other))))
        if view.other_decision:
            blocks.append(ContextBlock(elements=[_md(t(lang, "bilan.view.other_decision", other=other,
                                                       decision=t(lang, labels.DECISION[view.other_decision])))]))
    if view.report_ready:
        buttons.append(ButtonElement(text=t(lang, "bilan.button.report"), action_id=ActionId.BILAN_REPORT, value=value))
    blocks.append(ActionsBlock(elements=buttons))
    return as_dicts(blocks)


def figures_blocks(lang: str, programme: str, figures: ClosureFigures) -> list[dict]:
    """What a coordinator reads with `/mentorat bilan`: numbers only."""
    return as_dicts(closure_figure_blocks(lang, programme, figures))


def closure_figure_blocks(lang: str, programme: str, figures: ClosureFigures) -> list[Block]:
    lines = closure_figure_lines(lang, figures)
    return [SectionBlock(text=_md("*" + t(lang, "figures.title", programme=as_typed(programme)) + "*")),
            SectionBlock(text=_md("\n".join(f"• {line}" for line in lines))),
            ContextBlock(elements=[_md(t(lang, "figures.private"))])]


def thanks_modal(lang: str, kind: str, *, other: str, metadata: str) -> View:
    blocks: list[Block] = [
        SectionBlock(text=_md(t(lang, labels.GRATITUDE_INTRO[kind], other=other))),
        InputBlock(block_id=BlockId.THANKS_MESSAGE, label=t(lang, labels.GRATITUDE_MESSAGE[kind]),
                   hint=t(lang, "thanks.modal.message_hint") if kind == "thanks" else None,
                   element=PlainTextInputElement(action_id=FieldId.THANKS_MESSAGE, multiline=True,
                                                 max_length=TEXT_LIMIT)),
    ]
    if kind == "thanks":
        blocks.append(InputBlock(block_id=BlockId.THANKS_ACHIEVEMENTS, label=t(lang, "thanks.modal.achievements"),
                                 optional=True, element=PlainTextInputElement(action_id=FieldId.THANKS_ACHIEVEMENTS,
                                                                              multiline=True, max_length=TEXT_LIMIT)))
    return View(type="modal", callback_id=CallbackId.THANKS_FORM_SUBMIT, title=t(lang, labels.GRATITUDE_TITLE[kind])[:24],
                submit=t(lang, "thanks.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
                blocks=blocks)
