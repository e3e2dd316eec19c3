"""Help, status and language: what a person sees of Mentorat before acting."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.commands import visible_for
from bot.i18n import t
from bot.services import conventions
from bot.services.overview import help_preface, role_lines
from bot.services.roles import coordinator_names
from bot.usecases import preferences
from handlers.slack.deps import Actor, Deps, acting_in_slack
from handlers.slack.render import as_dicts
from handlers.slack.request import CommandRequest
from handlers.slack.views.help import help_blocks
from handlers.slack.views.status import status_blocks


def help_for(session: Session, deps: Deps, actor: Actor, *, preface: str | None = None) -> list[dict]:
    blocks = help_blocks(
        actor.lang,
        visible_for(actor.roles),
        role_lines(session, actor),
        coordinator_names(session, actor.programme, deps.rule),
        preface=preface,
    )
    return as_dicts(blocks)


def show_help(req: CommandRequest, *, preface_key: str | None = None, **preface: object) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
        text = None
        if preface_key:
            text = help_preface(actor.lang, preface_key, **preface)
        blocks = help_for(session, req.deps, actor, preface=text)
        fallback = t(actor.lang, "help.title")
    req.respond(text=fallback, blocks=blocks)


def status_infos(session: Session, deps: Deps, actor: Actor) -> list[conventions.StatusInfo]:
    today = actor.today(deps)
    return [
        conventions.status_of(session, c, actor.person, today)
        for c in conventions.conventions_of(session, actor.person)
    ]


def show_status(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
        blocks = as_dicts(status_blocks(actor.lang, status_infos(session, req.deps, actor), actor.tz))
        fallback = t(actor.lang, "cmd.statut")
    req.respond(text=fallback, blocks=blocks)


def set_language(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        text = preferences.choose_language(actor, req.args)
    req.respond(text=text)
