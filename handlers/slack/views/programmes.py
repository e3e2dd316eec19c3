"""The programmes on Slack: the list with each programme's buttons, and the programme's settings modal."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.i18n import t, tn
from bot.services import programme_settings
from bot.usecases.programmes import LABELS, Choices, ProgrammeFormView, ProgrammesView
from handlers.slack.ids import ActionId, CallbackId
from handlers.slack.render import as_typed, mrkdwn

# One block per setting, named after it; its element's action id is the same name.
BLOCKS = {name: f"programme-{name.replace('_', '-')}" for name in programme_settings.FIELDS}


def metadata(team_id: str, programme_id: int | None) -> str:
    return json.dumps({"team_id": team_id, "programme": str(programme_id or "")})


def list_blocks(view: ProgrammesView) -> list[Block]:
    lang = view.lang
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro)))]
    here = t(lang, "programme.list.current")
    for line in view.lines:
        title = f"*{as_typed(line.name)}*" + (f"  ·  {here}" if line.current else "")
        text = "\n".join(part for part in (title, as_typed(line.description), line.facts) if part)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000])))
        buttons = []
        value = str(line.id)
        if not line.current and not line.archived:
            buttons.append(ButtonElement(text=t(lang, "programme.button.choose"), action_id=ActionId.PROGRAMME_CHOOSE,
                                         value=value))
        if line.coordinates and not line.archived:
            buttons.append(ButtonElement(text=t(lang, "programme.button.edit"), action_id=ActionId.PROGRAMME_EDIT,
                                         value=value))
            buttons.append(ButtonElement(
                text=t(lang, "programme.button.archive"), action_id=ActionId.PROGRAMME_ARCHIVE, value=value,
                style="danger", confirm=ConfirmObject(title=t(lang, "programme.archive.confirm_title"),
                                                      # plain text: the name is shown as typed, never as mrkdwn
                                                      text=PlainTextObject(text=t(lang, "programme.archive.confirm",
                                                                                  programme=line.name)[:300]),
                                                      confirm=t(lang, "programme.button.archive"),
                                                      deny=t(lang, "pair.modal.cancel"))))
        if line.coordinates and line.archived:
            buttons.append(ButtonElement(text=t(lang, "programme.button.restore"),
                                         action_id=ActionId.PROGRAMME_RESTORE, value=value))
        if buttons:
            blocks.append(ActionsBlock(block_id=f"programme-{line.id}", elements=buttons))
    if view.more:
        more = tn(lang, "programme.list.more", "programme.list.more.plural", view.more)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    if view.may_create:
        blocks += [DividerBlock(), ActionsBlock(elements=[ButtonElement(
            text=t(lang, "programme.button.new"), action_id=ActionId.PROGRAMME_NEW, value="new", style="primary")])]
    return blocks


def _options(choices: Choices) -> list[Option]:
    return [Option(label=label[:75], value=value) for label, value in choices]


def _select(name: str, lang: str, choices: Choices, chosen: object) -> InputBlock:
    initial = next((o for o in _options(choices) if o.value == chosen), None)
    return InputBlock(block_id=BLOCKS[name], label=t(lang, LABELS[name]), optional=True,
                      element=StaticSelectElement(action_id=name, options=_options(choices), initial_option=initial,
                                                  placeholder=t(lang, "profile.placeholder.pick")))


def _text(name: str, lang: str, value: object, *, limit: int, multiline: bool = False,
          hint: str | None = None) -> InputBlock:
    return InputBlock(block_id=BLOCKS[name], label=t(lang, LABELS[name]), optional=True, hint=hint,
                      element=PlainTextInputElement(action_id=name, multiline=multiline, max_length=limit,
                                                    initial_value=str(value or "")[:limit] or None))


def _number(name: str, lang: str, value: object) -> InputBlock:
    low, high = programme_settings.RANGES[name]
    typed = str(value or "")
    return InputBlock(block_id=BLOCKS[name], label=t(lang, LABELS[name]), optional=True,
                      hint=t(lang, "programme.hint.range", low=low, high=high),
                      element=NumberInputElement(action_id=name, is_decimal_allowed=False,
                                                 initial_value=typed if typed.isdigit() else None,
                                                 min_value=str(low), max_value=str(high)))


def _date(name: str, lang: str, value: object, hint: str | None = None) -> InputBlock:
    typed = str(value or "")
    return InputBlock(block_id=BLOCKS[name], label=t(lang, LABELS[name]), optional=True, hint=hint,
                      element=DatePickerElement(action_id=name, initial_date=typed or None))


def form_modal(view: ProgrammeFormView, *, metadata: str) -> View:
    lang, values = view.lang, view.values
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro))),
        _text("name", lang, values.get("name"), limit=programme_settings.NAME_LIMIT),
        _text("description", lang, values.get("description"), limit=programme_settings.DESCRIPTION_LIMIT,
              multiline=True),
        _select("language", lang, view.languages, values.get("language")),
        _text("timezone", lang, values.get("timezone"), limit=64, hint=t(lang, "programme.hint.timezone")),
        HeaderBlock(text=t(lang, "programme.form.terms")),
        *(_number(name, lang, values.get(name)) for name in programme_settings.NUMBERS),
        HeaderBlock(text=t(lang, "programme.form.enrolment")),
        _select("enrolment", lang, view.enrolment, values.get("enrolment")),
        _date("enrolment_closes_on", lang, values.get("enrolment_closes_on")),
        _date("enrolment_reopens_on", lang, values.get("enrolment_reopens_on")),
        _date("cohort_starts_on", lang, values.get("cohort_starts_on")),
        _select("mentee_choice", lang, view.mentee_choice, values.get("mentee_choice")),
        _select("corporate_method", lang, view.corporate_method, values.get("corporate_method")),
        _select("restitution_coordinator", lang, view.restitution_coordinator, values.get("restitution_coordinator")),
        InputBlock(block_id=BLOCKS["themes_defaults"], label=t(lang, LABELS["themes_defaults"]), optional=True,
                   element=CheckboxesElement(action_id="themes_defaults", options=_options(view.themes),
                                             initial_options=[o for o in _options(view.themes)
                                                              if o.value in view.kept_themes] or None)),
        _text("themes_extra", lang, view.extra_themes, limit=3000, multiline=True,
              hint=t(lang, "themes.form.extra_hint")),
        HeaderBlock(text=t(lang, "programme.form.convention")),
        ContextBlock(elements=[MarkdownTextObject(text=t(lang, "programme.form.convention_hint"))]),
        _text("organisation", lang, values.get("organisation"), limit=programme_settings.PART_LIMIT),
        _text("contact", lang, values.get("contact"), limit=programme_settings.PART_LIMIT),
        _text("privacy", lang, values.get("privacy"), limit=programme_settings.CLAUSE_LIMIT, multiline=True,
              hint=t(lang, "programme.hint.privacy")),
        _text("clause_fr", lang, values.get("clause_fr"), limit=programme_settings.CLAUSE_LIMIT, multiline=True),
        _text("clause_en", lang, values.get("clause_en"), limit=programme_settings.CLAUSE_LIMIT, multiline=True),
        InputBlock(block_id=BLOCKS["direction"], label=t(lang, LABELS["direction"]), optional=True,
                   hint=t(lang, "programme.hint.direction"),
                   element=UserMultiSelectElement(action_id="direction", max_selected_items=10,
                                                   initial_users=[uid for _name, uid in view.direction] or None)),
        InputBlock(block_id=BLOCKS["coordinators"], label=t(lang, LABELS["coordinators"]), optional=True,
                   hint=t(lang, "programme.hint.coordinators"),
                   element=UserMultiSelectElement(action_id="coordinators", max_selected_items=20,
                                                  initial_users=[uid for _name, uid in view.coordinators] or None)),
    ]
    return View(type="modal", callback_id=CallbackId.PROGRAMME_FORM_SUBMIT, private_metadata=metadata,
                title=view.title[:24], submit=t(lang, "profile.modal.submit"), close=t(lang, "pair.modal.cancel"),
                blocks=blocks)


def typed_values(state: dict[str, Any]) -> dict[str, Any]:
    """Each setting as typed or picked, from a submitted modal's state (what Slack left out: absent)."""
    values: dict[str, Any] = {}
    blocks = state.get("values", {}) if isinstance(state, dict) else {}
    for name, block in BLOCKS.items():
        element = (blocks.get(block) or {}).get(name)
        if not isinstance(element, dict):
            continue
        if "selected_users" in element:
            values[name] = [u for u in element.get("selected_users") or [] if isinstance(u, str)]
        elif "selected_options" in element:
            values[name] = [o.get("value") for o in element.get("selected_options") or [] if isinstance(o, dict)]
        elif "selected_option" in element:
            values[name] = ((element.get("selected_option") or {}).get("value")) or ""
        elif "selected_date" in element:
            values[name] = element.get("selected_date") or ""
        else:
            values[name] = element.get("value") or ""
    return values
