"""Adaptive Card forms: inputs that keep what was typed and show a refused field's error in place.

Teams checks `isRequired`/`maxLength` in the client; the services check everything again on submit,
and a refused form comes back (in place of the old card) with the values as typed and the error
under its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import t
from handlers.teams.cards import Card, card, submit, text_block

CANCEL = "form-cancel"
OPENED_IN = "opened_in"  # a submit's data: the programme the form was opened in


@dataclass(frozen=True)
class FormState:
    """What the person typed (card data) and the errors to show, by input id."""

    values: Mapping[str, Any] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # a picked person's id -> the name the picker shows

    def value(self, name: str, default: Any = "") -> Any:
        found = self.values.get(name)
        return default if found is None else found


def _with_error(element: Card, state: FormState) -> list[Card]:
    error = state.errors.get(element["id"])
    if not error:
        return [element]
    return [element, text_block(f"⚠️ {error}", color="Attention", spacing="None")]


def _common(name: str, label: str, required: bool, error_message: str | None) -> Card:
    element: Card = {"id": name, "label": label, "isRequired": required}
    if required and error_message:
        element["errorMessage"] = error_message
    return element


def text_input(name: str, label: str, state: FormState, *, multiline: bool = False, max_length: int | None = None,
               required: bool = False, placeholder: str | None = None, error_message: str | None = None,
               default: str = "") -> list[Card]:
    element = {"type": "Input.Text", **_common(name, label, required, error_message),
               "value": str(state.value(name, default) or ""), "isMultiline": multiline}
    if max_length:
        element["maxLength"] = max_length
    if placeholder:
        element["placeholder"] = placeholder
    return _with_error(element, state)


def date_input(name: str, label: str, state: FormState, *, default: str = "", required: bool = True,
               error_message: str | None = None) -> list[Card]:
    element = {"type": "Input.Date", **_common(name, label, required, error_message),
               "value": str(state.value(name, default) or "")}
    return _with_error(element, state)


def time_input(name: str, label: str, state: FormState, *, default: str = "", required: bool = True,
               error_message: str | None = None) -> list[Card]:
    element = {"type": "Input.Time", **_common(name, label, required, error_message),
               "value": str(state.value(name, default) or "")}
    return _with_error(element, state)


def choice_input(name: str, label: str, state: FormState, choices: Sequence[tuple[str, str]], *,
                 default: str = "", expanded: bool = False, multi: bool = False, required: bool = False,
                 error_message: str | None = None) -> list[Card]:
    element = {"type": "Input.ChoiceSet", **_common(name, label, required, error_message),
               "choices": [{"title": title, "value": value} for title, value in choices],
               "value": str(state.value(name, default) or ""), "style": "expanded" if expanded else "compact",
               "isMultiSelect": multi}
    return _with_error(element, state)


def person_picker(name: str, label: str, state: FormState, *, required: bool = True,
                  error_message: str | None = None, known: tuple[str, str] | None = None,
                  multi: bool = False, several: Sequence[tuple[str, str]] = ()) -> list[Card]:
    """Teams' people picker: the organisation's directory; the value is the person's Entra object id.

    `known`: (name, id) of the person already picked, so that the picker shows a name, not an id.
    `multi`: several people may be picked (their ids come back joined by commas); `several`: those already
    picked."""
    picked = [known] if known else list(several)
    # A form shown again: the people just picked by name too, not by id, when the form was given their names.
    shown = {value for _title, value in picked}
    picked += [(state.names[key], value) for value in str(state.value(name)).split(",")
               if value not in shown and (key := value.strip().lower()) in state.names]
    element = {"type": "Input.ChoiceSet", **_common(name, label, required, error_message),
               "choices": [{"title": title, "value": value} for title, value in picked],
               "choices.data": {"type": "Data.Query", "dataset": "graph.microsoft.com/users"},
               "value": str(state.value(name, ",".join(v for _t, v in several)) or "")}
    if multi:
        element["isMultiSelect"] = True
    return _with_error(element, state)


def toggle_input(name: str, title: str, state: FormState, *, default: bool = False) -> list[Card]:
    raw = state.value(name, "true" if default else "false")
    element = {"type": "Input.Toggle", "id": name, "title": title, "value": "true" if str(raw) == "true" else "false",
               "valueOn": "true", "valueOff": "false"}
    return _with_error(element, state)


def form_card(lang: str, title: str, body: Sequence[Card], *, submit_label: str, action: str, value: str = "",
              intro: str | None = None, state: FormState | None = None, programme_id: int | None = None) -> Card:
    """A form: title, optional intro, the inputs, then submit and cancel. `programme_id`: the programme it
    was opened in, sent back with the submit (OPENED_IN) so that it acts there or is refused."""
    elements: list[Card] = [text_block(title, size="Medium", weight="Bolder")]
    if intro:
        elements.append(text_block(intro))
    if state and state.errors:
        elements.append(text_block(t(lang, "teams.form.fix"), color="Attention"))
    elements.extend(body)
    extra = {OPENED_IN: str(programme_id)} if programme_id is not None else {}
    return card(elements, [submit(submit_label, action, value, style="primary", **extra),
                           {**submit(t(lang, "teams.form.cancel"), CANCEL), "associatedInputs": "none"}])


def flag(data: Mapping[str, Any], name: str) -> bool:
    return str(data.get(name, "")).lower() == "true"


def note(text: str) -> Card:
    """A hint under an input (what a choice implies, who will read it)."""
    return text_block(text, isSubtle=True, size="Small", spacing="None")
