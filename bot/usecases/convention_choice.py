""""Which convention?", from Slack or Teams: the question a command asks when the person has several
conventions it could act on, and the reading of the button clicked (bot/services/convention_choice.py)."""

from __future__ import annotations

from bot.i18n import N_, t
from bot.notify import Button, Message
from bot.services import actions
from bot.services.convention_choice import ChoiceNeeded
from bot.services.errors import InvalidInput
from bot.services.typed_text import row_id

# The sub-commands that act on one convention (bot/commands.py names them): a click continues one of these.
CHOOSING = frozenset({"prochaine-rencontre", "objectifs", "ordre-du-jour", "notes", "bilan", "merci", "differend",
                      "fin-hative", "evaluation", "feuille-de-route", "synthese"})
SIDE = {"mentor": N_("choose.side.mentor"), "mentee": N_("choose.side.mentee")}
# Those that keep what is typed after them (`notes <texte>`): a button does not carry typed text.
TAKES_TEXT = frozenset({"notes", "ordre-du-jour"})


def question(lang: str, command: str, choice: ChoiceNeeded, *, typed: bool = False) -> Message:
    """One button per convention, naming the partner, the person's side and the programme; `typed`: the
    person wrote something after the command, which is not kept (it would have to travel in the button)."""
    buttons = tuple(
        Button(label=t(lang, "choose.option", partner=o.partner, side=t(lang, SIDE[o.role]), programme=o.programme),
               action=actions.CONVENTION_CHOOSE, value=f"{command}:{o.convention_id}")
        for o in choice.options)
    lost = t(lang, "choose.typed_not_kept") if typed and command in TAKES_TEXT else None
    return Message(text=t(lang, "choose.question"), buttons=buttons, context=lost, headline=False)


def chosen(value: str) -> tuple[str, int]:
    """(sub-command, convention id) a click names; anything else is a stale or altered button.

    Only which convention is meant: whether the clicker may act on it is the command's own check."""
    command, _, raw = (value or "").partition(":")
    convention_id = row_id(raw)
    if command not in CHOOSING or convention_id is None:
        raise InvalidInput("error.stale_button")
    return command, convention_id
