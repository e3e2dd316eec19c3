"""The closure's Adaptive Cards: the bilan form, a bilan read back, the coordinator's figures, the
thanks/news form and the sponsor's card. Mirrors handlers/slack/views/closure.py (same texts, same
services); what a bilan shows back comes from bot/services/closure_messages.answer_sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.i18n import labels, quoted, t, tn
from bot.i18n.numbers import whole
from bot.i18n.rich import Param, rt
from bot.notify import Section
from bot.services import actions
from bot.services.bilans import (
    EXTEND_MONTHS,
    OBJECTIVE_RESULTS,
    QUESTIONS,
    REQUIRED,
    BilanDraft,
    BilanView,
    own_part,
    questions_for,
    shareable_keys,
)
from bot.services.closure import ClosureFigures
from bot.services.closure_messages import answer_sections, closure_figure_lines
from bot.services.final_report import display_name
from bot.services.gratitude import TEXT_LIMIT as THANKS_LIMIT
from bot.services.gratitude import THANKS
from bot.services.people import mention
from bot.services.typed_text import number, picked_date
from bot.usecases.closure import BilanFormView as BilanContext
from handlers.teams.cards import Card, card, paged_cards, section_block, submit, teams_text, text_block
from handlers.teams.deps import Reply
from handlers.teams.forms import (
    FormState,
    choice_input,
    date_input,
    flag,
    form_card,
    note,
    person_picker,
    text_input,
    toggle_input,
)
from storage.models import Bilan, Decision, Objective, Person

# Card actions of the forms (the neutral buttons' keys are in bot/services/actions.py).
BILAN_SUBMIT = "teams-bilan-submit"  # value: the convention
THANKS_SUBMIT = {"thanks": "teams-thanks-submit", "news": "teams-news-submit"}  # value: the convention
SPONSOR_SUBMIT = "teams-sponsor-submit"
SPONSOR_CLEAR = "teams-sponsor-clear"
# Teams refuses a card over 28 KB: seven answers at this length (Slack's modal takes the service's 3,000
# characters), twelve objectives with the longest titles and every choice still fit one, with room to spare.
ANSWER_LIMIT = 1500
SHOWN_OBJECTIVES = 12  # the others keep the results already recorded (the card says so)
THANKS_FIELDS = ("message", "achievements")


# Where the service may refuse a bilan, besides the questions and the objectives.
CHOICE_FIELDS = ("satisfaction", "follow_up", "decision", "extend", "keep_in_touch", "share", "sponsor")


def objective_field(objective_id: int) -> str:
    """An objective's input: the id the service gives a refused result (`objective:<id>`)."""
    return f"objective:{objective_id}"


def shown_objectives(ctx: BilanContext) -> list[Objective]:
    """The objectives a card asks about (a card has room for so many)."""
    return ctx.objectives[:SHOWN_OBJECTIVES]


# -- the bilan form ------------------------------------------------------------------------------
def saved_values(mine: Bilan | None) -> dict[str, str]:
    """A saved bilan as the form's values, so editing starts from what was written."""
    if mine is None:
        return {}
    values = {key: str(text) for key, text in mine.answers.items()}
    values |= {objective_field(int(oid)): str(result) for oid, result in (mine.objective_results or {}).items()}
    return values | {
        "satisfaction": str(mine.satisfaction), "decision": mine.decision, "extend": str(mine.extend_months or ""),
        "keep_in_touch": "yes" if mine.keep_in_touch else "no",
        "follow_up": mine.follow_up_on.isoformat() if mine.follow_up_on else "",
        "share": ",".join(mine.shared_keys or []), "sponsor": "true" if mine.sponsor_ok else "false",
    }


def _questions(lang: str, ctx: BilanContext, state: FormState) -> list[Card]:
    body: list[Card] = []
    for key in questions_for(ctx.convention, ctx.role):
        body += text_input(key, t(lang, labels.QUESTION[ctx.role, key]), state, multiline=True,
                           max_length=ANSWER_LIMIT, required=key in REQUIRED,
                           error_message=t(lang, "error.bilan.required"))
        if key == "went":
            body += choice_input("satisfaction", t(lang, "bilan.satisfaction.label"), state,
                                 [(t(lang, labels.SATISFACTION[n]), str(n)) for n in range(1, 6)],
                                 expanded=True, required=True, error_message=t(lang, "error.bilan.satisfaction"))
        if key == "next_steps":
            body += date_input("follow_up", t(lang, "bilan.follow_up.label"), state, required=False)
    return body


def _objectives(lang: str, ctx: BilanContext, state: FormState) -> list[Card]:
    body = [text_block(teams_text(t(lang, "bilan.objectives.title")), separator=True, spacing="Large")]
    if not ctx.objectives:
        body.append(note(t(lang, "bilan.objectives.none")))
    results = [(t(lang, labels.RESULT[r]), r) for r in OBJECTIVE_RESULTS]
    for objective in shown_objectives(ctx):
        body += choice_input(objective_field(objective.id), quoted(lang, objective.title), state, results)
    hidden = len(ctx.objectives) - len(shown_objectives(ctx))
    if hidden > 0:
        body.append(note(tn(lang, "teams.closure.bilan.more_objectives", "teams.closure.bilan.more_objectives.plural",
                            hidden)))
    return body


def _follow_up(lang: str, ctx: BilanContext, state: FormState) -> list[Card]:
    if ctx.locked is not None:
        decision = t(lang, labels.DECISION[ctx.locked])
        return [text_block(t(lang, "bilan.locked", decision=decision), separator=True, spacing="Large")]
    return [
        *choice_input("decision", t(lang, "bilan.decision.label"), state,
                      [(t(lang, labels.DECISION[d]), d.value) for d in Decision], expanded=True,
                      required=True, error_message=t(lang, "error.bilan.decision")),
        note(t(lang, "bilan.decision.hint")),
        *choice_input("extend", t(lang, "bilan.extend.label"), state,
                      [(t(lang, "bilan.extend.option", months=m), str(m)) for m in EXTEND_MONTHS]),
        note(t(lang, "bilan.extend.hint")),
    ]


def _sharing(lang: str, ctx: BilanContext, state: FormState) -> list[Card]:
    other = display_name(ctx.other)
    body = [
        *choice_input("keep_in_touch", t(lang, "bilan.keep.label"), state,
                      [(t(lang, "bilan.keep.yes"), "yes"), (t(lang, "bilan.keep.no"), "no")], expanded=True,
                      required=True, error_message=t(lang, "error.bilan.keep_in_touch")),
        *choice_input("share", t(lang, "bilan.share.label", other=other), state,
                      [(t(lang, labels.ANSWER_SHORT[key]), key) for key in shareable_keys(ctx.convention, ctx.role)],
                      expanded=True, multi=True),
        note(t(lang, "bilan.share.hint", other=other)),
    ]
    if ctx.sponsor is not None:
        body.append(text_block(t(lang, "bilan.sponsor.label", sponsor=display_name(ctx.sponsor)), weight="Bolder"))
        body += toggle_input("sponsor", t(lang, "bilan.sponsor.option"), state)
    return body


def bilan_form(lang: str, ctx: BilanContext, state: FormState | None = None) -> Reply:
    """The bilan, as Slack's modal: the questions for the role, the objectives, the follow-up, what to share."""
    state = state or FormState(saved_values(ctx.mine))
    body = [*_questions(lang, ctx, state), *_objectives(lang, ctx, state), *_follow_up(lang, ctx, state),
            *_sharing(lang, ctx, state)]
    intro = teams_text(rt(lang, "bilan.modal.intro", other=mention(ctx.other))) + "\n\n" + t(
        lang, "teams.closure.bilan.limit", limit=whole(ANSWER_LIMIT, lang))
    title = t(lang, "bilan.modal.title")
    content = form_card(lang, title, body, submit_label=t(lang, "bilan.modal.submit"), action=BILAN_SUBMIT,
                        value=str(ctx.convention.id), intro=intro, state=state)
    return Reply(content, title, replace=bool(state.errors))


def bilan_fields(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The card's inputs as submitted (the questions and objectives it showed) and every choice: what a
    refused card shows again, and where the service's error may go."""
    questions = {key for keys in QUESTIONS.values() for key in keys}
    submitted = [name for name in data if name in questions or name.startswith("objective:")]
    return tuple(dict.fromkeys([*submitted, *sorted(questions), *CHOICE_FIELDS]))


def draft_of(data: Mapping[str, Any], ctx: BilanContext) -> BilanDraft:
    """The submitted card as the service's draft (the service checks every value)."""
    def raw(name: str) -> str:
        value = data.get(name)
        return "" if value is None else str(value)

    shown = {o.id for o in shown_objectives(ctx)}
    results = {o.id: raw(objective_field(o.id)) for o in shown_objectives(ctx) if raw(objective_field(o.id))}
    # Objectives the card had no room for keep the results already recorded.
    kept = {int(oid): str(r) for oid, r in (ctx.mine.objective_results if ctx.mine else {}).items()
            if int(oid) not in shown}
    satisfaction, extend, keep = raw("satisfaction").strip(), raw("extend").strip(), raw("keep_in_touch").strip()
    return BilanDraft(
        answers={key: raw(key) for key in questions_for(ctx.convention, ctx.role)},
        satisfaction=number(satisfaction),
        objective_results=kept | results,
        decision=raw("decision").strip() or None,
        extend_months=number(extend),
        keep_in_touch=keep == "yes" if keep in ("yes", "no") else None,
        follow_up_on=picked_date(raw("follow_up")),
        shared_keys=tuple(key for key in raw("share").split(",") if key),
        sponsor_ok=ctx.sponsor is not None and flag(data, "sponsor"),
    )


# -- a bilan read back ---------------------------------------------------------------------------
def _shown(heading: Card, sections: list[Section]) -> list[list[Card]]:
    """A heading, then each answer under its label: groups a card never splits (the heading stays with the
    first answer); typed answers as typed text."""
    groups: list[list[Card]] = [[heading]]
    for index, section in enumerate(sections):
        label = [text_block(section.title, weight="Bolder", spacing="Medium")] if section.title else []
        shown = section_block(section, spacing="Small")
        if index == 0:
            groups[0] += [*label, shown]
        else:
            groups.append([*label, shown])
    return groups


def overview_cards(lang: str, view: BilanView, other: Person, objectives: list[Objective]) -> list[Card]:
    """`mentorat bilan` for one side: their own answers, then what the other shares (once both answered).
    Two long bilans do not fit one card: they go over several, nothing cut off."""
    titles = {o.id: o.title for o in objectives}
    value = str(view.convention.id)

    def md(key: str, **params: Param) -> str:
        return teams_text(rt(lang, key, other=mention(other), **params))

    head = [text_block(md("bilan.view.title"), size="Medium", weight="Bolder")]
    groups: list[list[Card]] = []
    buttons: list[Card] = []
    if view.mine is None:
        groups.append([text_block(t(lang, "bilan.view.not_started"))])
        buttons.append(submit(t(lang, "bilan.button.open"), actions.BILAN_OPEN, value, style="primary"))
    else:
        heading = text_block(t(lang, "bilan.view.mine"), size="Medium", weight="Bolder", separator=True)
        groups += _shown(heading, answer_sections(lang, own_part(view.mine), titles))
        groups.append([note(t(lang, "bilan.view.your_decision",
                              decision=t(lang, labels.DECISION[view.mine.decision])))])
        buttons.append(submit(t(lang, "bilan.button.edit"), actions.BILAN_OPEN, value))
    if not view.other_done:
        groups.append([text_block(md("bilan.view.other_not_done"), separator=True, spacing="Large")])
    elif view.mine is None:
        groups.append([text_block(md("bilan.view.waiting"), separator=True, spacing="Large")])
    else:
        shared = answer_sections(lang, view.other_shared, titles)
        if shared:
            heading = text_block(md("bilan.view.other_shared"), size="Medium", weight="Bolder", separator=True,
                                 spacing="Large")
            groups += _shown(heading, shared)
        else:
            groups.append([text_block(md("bilan.view.nothing_shared"), separator=True, spacing="Large")])
        if view.other_decision:
            groups.append([note(md("bilan.view.other_decision",
                                   decision=t(lang, labels.DECISION[view.other_decision])))])
    if view.report_ready:
        buttons.append(submit(t(lang, "bilan.button.report"), actions.BILAN_REPORT, value))
    return paged_cards(head, groups, buttons)


# -- the coordinator's figures ---------------------------------------------------------------------
def figures_card(lang: str, programme: str, figures: ClosureFigures) -> Card:
    """What a coordinator reads with `mentorat bilan`: numbers only, and how to name the sponsor."""
    body = [text_block(t(lang, "figures.title", programme=programme), size="Medium", weight="Bolder"),
            *(text_block(f"• {line}", spacing="None") for line in closure_figure_lines(lang, figures)),
            note(t(lang, "figures.private")),
            note(teams_text(t(lang, "teams.closure.sponsor.hint")))]
    return card(body)


# -- thanks and news -------------------------------------------------------------------------------
def thanks_form(lang: str, kind: str, mentor: Person, convention_id: int, state: FormState | None = None) -> Reply:
    """Thanks (or news, after the end) from the mentee to the mentor, sent as typed."""
    state = state or FormState()
    body = text_input("message", t(lang, labels.GRATITUDE_MESSAGE[kind]), state, multiline=True, max_length=THANKS_LIMIT,
                      required=True, error_message=t(lang, "error.thanks.missing"))
    if kind == THANKS:
        body.append(note(t(lang, "thanks.modal.message_hint")))
        body += text_input("achievements", t(lang, "thanks.modal.achievements"), state, multiline=True,
                           max_length=THANKS_LIMIT)
    title = t(lang, labels.GRATITUDE_TITLE[kind])
    intro = teams_text(rt(lang, labels.GRATITUDE_INTRO[kind], other=mention(mentor)))
    content = form_card(lang, title, body, submit_label=t(lang, "thanks.modal.submit"), action=THANKS_SUBMIT[kind],
                        value=str(convention_id), intro=intro, state=state)
    return Reply(content, title, replace=bool(state.errors))


# -- the sponsor -------------------------------------------------------------------------------------
def sponsor_form(lang: str, current: Person | None, state: FormState | None = None) -> Reply:
    """`mentorat bilan direction`: the sponsor from the directory (Teams commands carry no usable mention)."""
    state = state or FormState()
    body = person_picker("sponsor", t(lang, "teams.closure.sponsor.label"), state,
                         error_message=t(lang, "teams.pair.picker"))
    name = mention(current) if current else t(lang, "none")
    intro = teams_text(rt(lang, "teams.closure.sponsor.intro", name=name))
    title = t(lang, "teams.closure.sponsor.title")
    content = form_card(lang, title, body, submit_label=t(lang, "teams.closure.sponsor.submit"),
                        action=SPONSOR_SUBMIT, intro=intro, state=state)
    if current is not None:
        clear = {**submit(t(lang, "teams.closure.sponsor.clear"), SPONSOR_CLEAR), "associatedInputs": "none"}
        content["actions"].insert(-1, clear)  # before "Annuler"
    return Reply(content, title, replace=bool(state.errors))

