"""A Teams turn: a typed command or a card's submission, checked for role, handed to its handler.

Typed commands parse exactly like Slack's `/mentorat` (bot/commands.py). Feature modules declare
`COMMANDS` (sub-command -> handler) and `ACTIONS` (card action key -> handler); every handler checks
who may do what through the same services as Slack.
"""

from __future__ import annotations

from types import ModuleType

from bot.commands import COMMANDS as SUB_COMMANDS
from bot.commands import parse, suggest
from bot.i18n import N_, t
from bot.services import actions
from bot.services.errors import DomainError
from bot.usecases.commands import command_refusal
from bot.usecases.convention_choice import chosen
from handlers.teams import (
    choice,
    closure,
    coordinators,
    disputes,
    enrolment,
    evaluation,
    journal,
    meetings,
    milestones,
    my_data,
    objectives,
    overview,
    pairing,
    programmes,
    reports,
    road_map,
    suggestions,
    synthesis,
    themes,
)
from handlers.teams.cards import ACTION_KEY
from handlers.teams.convention_choice import asking
from handlers.teams.deps import Handler, Reply, TeamsRequest, refusal, say, text_reply
from handlers.teams.forms import CANCEL

FEATURES: tuple[ModuleType, ...] = (overview, pairing, meetings, journal, objectives, disputes, closure,
                                    coordinators, reports, enrolment, suggestions, choice, evaluation, themes, my_data,
                                    programmes, road_map, milestones,
                                    synthesis)
COMMANDS: dict[str, Handler] = {name: h for module in FEATURES for name, h in getattr(module, "COMMANDS", {}).items()}
ACTIONS: dict[str, Handler] = {key: h for module in FEATURES for key, h in getattr(module, "ACTIONS", {}).items()}


def on_text(req: TeamsRequest) -> list[Reply]:
    parsed = parse(req.incoming.text)
    if parsed.command is None:
        return overview.help_replies(req, preface_key=N_("help.unknown"), command=parsed.word[:60],
                                     suggestion=suggest(parsed.word) or "")
    return _run(parsed.command.name, TeamsRequest(req.deps, req.incoming, parsed.args))


def _run(name: str, req: TeamsRequest) -> list[Reply]:
    """The sub-command's handler, once the caller's role allows it; "Which convention?" when it must ask."""
    command = next(c for c in SUB_COMMANDS if c.name == name)
    with req.acting() as (session, actor):
        refused, lang = command_refusal(session, actor, command, req.deps.rule), actor.lang
    if refused is not None:
        return [text_reply(refused)]
    handler = COMMANDS.get(command.name)
    if handler is None:
        return [say(lang, N_("teams.stale"))]
    return _guarded(lambda r: asking(r, name, handler), req)


def continue_chosen(req: TeamsRequest) -> list[Reply]:
    """A click on "Which convention?": the same sub-command, for that convention (its handler checks it is theirs)."""
    name, convention_id = chosen(req.field("value"))
    return _run(name, TeamsRequest(req.deps, req.incoming, "", convention_id=convention_id))


ACTIONS[actions.CONVENTION_CHOOSE] = continue_chosen


def on_submit(req: TeamsRequest) -> list[Reply]:
    key = str(req.data.get(ACTION_KEY, ""))
    handler = ACTIONS.get(key)
    if handler is not None:
        return _guarded(handler, req)
    with req.acting() as (_session, actor):
        lang = actor.lang
    if key == CANCEL:  # the form's card makes way for the notice (a new card when there is none to replace)
        return [text_reply(t(lang, "teams.form.cancelled"), replace=True)]
    return [say(lang, N_("teams.stale"))]


def _guarded(handler: Handler, req: TeamsRequest) -> list[Reply]:
    """A refused action (not allowed, not found, conflict) is told in the person's words."""
    try:
        return handler(req)
    except DomainError as error:
        with req.acting() as (_session, actor):
            return [refusal(actor, error)]
