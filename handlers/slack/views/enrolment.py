"""The profile modal (enrolment and edits) and the coordination's suggestions message."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.i18n import N_, t, tn
from bot.notify import Rich
from bot.services.mentor_requests import REPLY_LIMIT
from bot.services.profiles import LIMITS, MAX_CAPACITY
from bot.usecases.enrolment import ProfileFormView, ThemesFormView
from bot.usecases.evaluation import EvaluationFormView
from bot.usecases.suggestions import AnswerFormView, ChoicesView, SuggestionsView
from handlers.slack.ids import ActionId, BlockId, CallbackId, FieldId
from handlers.slack.render import as_typed, mrkdwn

Choices = Sequence[tuple[str, str]]


def _options(choices: Choices) -> list[Option]:
    return [Option(label=label[:75], value=value) for label, value in choices]


def _initial(choices: Choices, chosen: object) -> list[Option] | None:
    picked = set(chosen) if isinstance(chosen, list) else set()
    found = [Option(label=label[:75], value=value) for label, value in choices if value in picked]
    return found or None  # Slack refuses an empty initial_options


def _checkboxes(block: str, field: str, label: str, choices: Choices, chosen: object, hint: str | None = None
                ) -> InputBlock:
    return InputBlock(block_id=block, label=label, optional=True, hint=hint,
                      element=CheckboxesElement(action_id=field, options=_options(choices),
                                                initial_options=_initial(choices, chosen)))


def _text(block: str, field: str, label: str, value: object, *, limit: int, multiline: bool = False,
          hint: str | None = None, placeholder: str | None = None) -> InputBlock:
    return InputBlock(block_id=block, label=label, optional=True, hint=hint,
                      element=PlainTextInputElement(action_id=field, multiline=multiline, max_length=limit,
                                                    initial_value=str(value or "") or None, placeholder=placeholder))


def profile_modal(view: ProfileFormView, *, metadata: str) -> View:
    lang, values = view.lang, view.values
    capacity = [(str(n), str(n)) for n in range(1, MAX_CAPACITY + 1)]
    chosen_capacity = str(values.get("capacity") or "1")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=t(lang, "profile.intro"))),
        _checkboxes(BlockId.PROFILE_ROLES, FieldId.PROFILE_ROLES, t(lang, "profile.field.roles"), view.roles,
                    values.get("roles")),
        InputBlock(block_id=BlockId.PROFILE_THEMES, label=t(lang, "profile.field.themes"), optional=True,
                   hint=t(lang, "profile.hint.themes"),
                   element=StaticMultiSelectElement(action_id=FieldId.PROFILE_THEMES, options=_options(view.themes),
                                                    initial_options=_initial(view.themes, values.get("themes")),
                                                    placeholder=t(lang, "profile.placeholder.pick"))),
        _text(BlockId.PROFILE_ASPIRATION, FieldId.PROFILE_ASPIRATION, t(lang, "profile.field.aspiration"),
              values.get("aspiration"), limit=LIMITS["aspiration"], multiline=True, hint=t(lang, "profile.hint.aspiration")),
        _text(BlockId.PROFILE_LEARNING, FieldId.PROFILE_LEARNING, t(lang, "profile.field.learning"),
              values.get("learning"), limit=LIMITS["learning"], hint=t(lang, "profile.hint.keywords")),
        _text(BlockId.PROFILE_MOTIVATION, FieldId.PROFILE_MOTIVATION, t(lang, "profile.field.motivation"),
              values.get("motivation"), limit=LIMITS["motivation"], multiline=True, hint=t(lang, "profile.hint.motivation")),
        _text(BlockId.PROFILE_EXPERTISE, FieldId.PROFILE_EXPERTISE, t(lang, "profile.field.expertise"),
              values.get("expertise"), limit=LIMITS["expertise"], hint=t(lang, "profile.hint.keywords")),
        InputBlock(block_id=BlockId.PROFILE_CAPACITY, label=t(lang, "profile.field.capacity"), optional=True,
                   hint=t(lang, "profile.hint.capacity"),
                   element=StaticSelectElement(action_id=FieldId.PROFILE_CAPACITY, options=_options(capacity),
                                               initial_option=Option(label=chosen_capacity, value=chosen_capacity)
                                               if chosen_capacity in dict(capacity) else None)),
        InputBlock(block_id=BlockId.PROFILE_LANGUAGES, label=t(lang, "profile.field.languages"), optional=True,
                   element=StaticMultiSelectElement(action_id=FieldId.PROFILE_LANGUAGES,
                                                    options=_options(view.languages),
                                                    initial_options=_initial(view.languages, values.get("languages")),
                                                    placeholder=t(lang, "profile.placeholder.pick"))),
        _checkboxes(BlockId.PROFILE_MODES, FieldId.PROFILE_MODES, t(lang, "profile.field.modes"), view.modes,
                    values.get("modes")),
        _checkboxes(BlockId.PROFILE_DAYS, FieldId.PROFILE_DAYS, t(lang, "profile.field.days"), view.days,
                    values.get("days")),
        _checkboxes(BlockId.PROFILE_WINDOWS, FieldId.PROFILE_WINDOWS, t(lang, "profile.field.windows"), view.windows,
                    values.get("windows"), hint=t(lang, "profile.hint.windows", tz=view.tz)),
        _text(BlockId.PROFILE_PRESENTATION, FieldId.PROFILE_PRESENTATION, t(lang, "profile.field.presentation"),
              values.get("presentation"), limit=LIMITS["presentation"], multiline=True,
              hint=t(lang, "profile.hint.presentation")),
        _text(BlockId.PROFILE_LINK, FieldId.PROFILE_LINK, t(lang, "profile.field.link"), values.get("link"),
              limit=LIMITS["link"], placeholder="https://"),
        _text(BlockId.PROFILE_TEAM, FieldId.PROFILE_TEAM, t(lang, "profile.field.team"), values.get("team"),
              limit=LIMITS["team"], hint=t(lang, "profile.hint.team")),
        InputBlock(block_id=BlockId.PROFILE_MANAGER, label=t(lang, "profile.field.manager"), optional=True,
                   hint=t(lang, "profile.hint.manager"),
                   element=UserSelectElement(action_id=FieldId.PROFILE_MANAGER, initial_user=view.people["manager"])),
        InputBlock(block_id=BlockId.PROFILE_AVOID, label=t(lang, "profile.field.avoid"), optional=True,
                   hint=t(lang, "profile.hint.avoid"),
                   element=UserSelectElement(action_id=FieldId.PROFILE_AVOID, initial_user=view.people["avoid"])),
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "profile.who_sees"))]),
    ]
    return View(type="modal", callback_id=CallbackId.PROFILE_FORM_SUBMIT, title=t(lang, "profile.modal.title"),
                submit=t(lang, "profile.modal.submit"), close=t(lang, "pair.modal.cancel"), private_metadata=metadata,
                blocks=blocks)


def suggestions_blocks(view: SuggestionsView, said: str | None = None) -> list[Block]:
    lang = view.lang
    blocks: list[Block] = []
    if said:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=said)))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.headline))))
    for pair in view.pairs:
        score = t(lang, "match.pair.line", score=pair.score)
        text = f"{score} {mrkdwn(Rich((pair.mentee,)))} ← {mrkdwn(Rich((pair.mentor,)))}\n{mrkdwn(pair.reasons)}"
        blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
        elements: list = [
            ButtonElement(text=t(lang, "match.button.accept"), action_id=ActionId.MATCH_ACCEPT, value=pair.value,
                          style="primary"),
            ButtonElement(text=t(lang, "match.button.reject"), action_id=ActionId.MATCH_REJECT,
                          value=pair.reject_value),
        ]
        if pair.alternatives:
            elements.append(StaticSelectElement(
                action_id=ActionId.MATCH_SWAP, placeholder=t(lang, "match.button.swap"),
                options=[Option(label=a.label[:75], value=a.value) for a in pair.alternatives]))
        blocks.append(ActionsBlock(elements=elements))
    if view.more:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(
            text=tn(lang, "match.more", "match.more.plural", view.more))]))
    if view.unmatched:
        blocks.append(DividerBlock())
        lines = "\n".join(f"• {mrkdwn(line)}" for line in view.unmatched)
        title = t(lang, "match.unmatched.title")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{title}*\n{lines}"[:3000])))
    if view.accept_all:
        blocks.append(ActionsBlock(elements=[ButtonElement(
            text=tn(lang, "match.button.accept_all", "match.button.accept_all.plural", view.accept_all_count),
            action_id=ActionId.MATCH_ACCEPT_ALL, value=view.accept_all, style="primary")]))
    return blocks


def choices_blocks(view: ChoicesView) -> list[Block]:
    """A waiting mentee's suggested mentors: each with their introduction, the reasons, « Demander »."""
    lang = view.lang
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.headline)))]
    for choice in view.choices:
        score = t(lang, "match.pair.line", score=choice.score)
        blocks.append(DividerBlock())
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"{score} {mrkdwn(Rich((choice.mentor,)))}\n{mrkdwn(choice.reasons)}"[:3000])))
        blocks.append(SectionBlock(text=MarkdownTextObject(text=as_typed(choice.presentation)[:3000], verbatim=True)))
        blocks.append(ActionsBlock(elements=[ButtonElement(text=t(lang, "request.button.ask"),
                                                           action_id=ActionId.MENTOR_ASK, value=choice.value,
                                                           style="primary")]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "request.choose.hint"))]))
    return blocks


def answer_modal(view: AnswerFormView, *, metadata: str) -> View:
    lang = view.lang
    intro = t(lang, N_("request.form.agree") if view.agree else N_("request.form.decline"),
              mentee=mrkdwn(Rich((view.mentee,))))
    return View(type="modal", callback_id=CallbackId.REQUEST_ANSWER_SUBMIT, private_metadata=metadata,
                title=t(lang, "request.form.title"),
                submit=t(lang, N_("request.button.agree") if view.agree else N_("request.button.decline")),
                close=t(lang, "pair.modal.cancel"),
                blocks=[SectionBlock(text=MarkdownTextObject(text=intro)),
                        InputBlock(block_id=BlockId.REQUEST_REPLY, label=t(lang, "request.form.reply"), optional=True,
                                   element=PlainTextInputElement(action_id=FieldId.REQUEST_REPLY, multiline=True,
                                                                 max_length=REPLY_LIMIT))])


def themes_modal(view: ThemesFormView, *, metadata: str) -> View:
    lang = view.lang
    return View(type="modal", callback_id=CallbackId.THEMES_FORM_SUBMIT, private_metadata=metadata,
                title=t(lang, "themes.form.title"), submit=t(lang, "profile.modal.submit"),
                close=t(lang, "pair.modal.cancel"),
                blocks=[
                    SectionBlock(text=MarkdownTextObject(text=t(lang, "themes.form.intro"))),
                    _checkboxes(BlockId.THEMES_DEFAULTS, FieldId.THEMES_DEFAULTS, t(lang, "themes.form.defaults"),
                                view.defaults, view.kept),
                    _text(BlockId.THEMES_EXTRA, FieldId.THEMES_EXTRA, t(lang, "themes.form.extra"), view.extra,
                          limit=3000, multiline=True, hint=t(lang, "themes.form.extra_hint")),
                    ContextBlock(elements=[MarkdownTextObject(text=tn(lang, "themes.form.used",
                                                                      "themes.form.used.plural", view.used))]),
                ])


def evaluation_modal(view: EvaluationFormView, *, metadata: str) -> View:
    lang = view.lang
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=t(lang, "evaluation.form.intro",
                                                                       programme=view.programme)))]
    for name, question in view.questions:
        blocks.append(InputBlock(block_id=f"{BlockId.EVALUATION_RATING}:{name}", label=question[:2000],
                                 element=StaticSelectElement(action_id=FieldId.EVALUATION_RATING,
                                                             options=_options(view.scale),
                                                             placeholder=t(lang, "profile.placeholder.pick"))))
    blocks.append(InputBlock(block_id=BlockId.EVALUATION_RECOMMEND, label=t(lang, "evaluation.q.recommend"),
                             element=StaticSelectElement(action_id=FieldId.EVALUATION_RECOMMEND,
                                                         options=_options(view.recommend),
                                                         placeholder=t(lang, "profile.placeholder.pick"))))
    blocks.append(_text(BlockId.EVALUATION_SUGGESTION, FieldId.EVALUATION_SUGGESTION, t(lang, "evaluation.q.suggestion"),
                        "", limit=view.suggestion_limit, multiline=True))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "evaluation.private",
                                                                   threshold=view.threshold))]))
    return View(type="modal", callback_id=CallbackId.EVALUATION_FORM_SUBMIT, private_metadata=metadata,
                title=t(lang, "evaluation.form.title"), submit=t(lang, "evaluation.form.submit"),
                close=t(lang, "pair.modal.cancel"), blocks=blocks)
