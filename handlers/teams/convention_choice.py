""""Which convention?" on Teams: the question a command asks instead of guessing (bot/usecases/convention_choice.py)."""

from __future__ import annotations

from bot.services.convention_choice import ChoiceNeeded
from bot.usecases.convention_choice import question
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply


def asking(req: TeamsRequest, command: str, handler: Handler) -> list[Reply]:
    """The command's replies; when the person has several conventions it could act on, the question instead
    (one Action.Submit per convention, its data naming the command and the convention)."""
    try:
        return handler(req)
    except ChoiceNeeded as choice:
        with req.acting() as (_session, actor):
            lang = actor.lang
        return [message_reply(question(lang, command, choice, typed=bool(req.args)))]
