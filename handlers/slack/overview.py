"""Help, status and language: what a person sees of Mentorat before acting."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import t
from bot.services import conventions
from bot.usecases import overview, preferences
from handlers.slack.deps import Actor, Deps, acting_in_slack
from handlers.slack.render import as_dicts
from handlers.slack.request import CommandRequest
from handlers.slack.views.help import help_blocks
from handlers.slack.views.status import status_blocks


def help_for(session: Session, deps: Deps, actor: Actor, *, preface_key: str | None = None,
             **preface: object) -> list[dict]:
    shown = overview.help_view(session, actor, deps.rule, preface_key, **preface)
    return as_dicts(help_blocks(actor.lang, shown.commands, shown.roles, shown.coordinators, preface=shown.preface,
                                 buttons=shown.buttons))


def show_help(req: CommandRequest, *, preface_key: str | None = None, **preface: object) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
        blocks = help_for(session, req.deps, actor, preface_key=preface_key, **preface)
        fallback = t(actor.lang, "help.title")
    req.respond(text=fallback, blocks=blocks)


def status_infos(session: Session, deps: Deps, actor: Actor) -> list[conventions.StatusInfo]:
    return overview.statuses(session, actor, actor.today(deps))


def show_status(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
        blocks = as_dicts(status_blocks(actor.lang, status_infos(session, req.deps, actor), actor.tz))
        fallback = t(actor.lang, "cmd.statut")
    req.respond(text=fallback, blocks=blocks)


def set_language(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        text = preferences.choose_language(actor, req.args)
    req.respond(text=text)
