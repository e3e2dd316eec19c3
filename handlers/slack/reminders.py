"""`/mentorat pause` and `/mentorat reprendre` (the nudge's button is in handlers/slack/meetings.py)."""

from __future__ import annotations

from bot.i18n import N_, t
from bot.i18n.dates import format_moment
from bot.services import reminders
from handlers.slack.deps import resolve_actor
from handlers.slack.request import CommandRequest
from storage.db import session_scope


def run_pause_command(req: CommandRequest) -> None:
    now = req.deps.clock.now()
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.team_id, req.user_id)
        until = reminders.pause(actor.person, reminders.parse_pause(req.args), now)
        text = t(actor.lang, "pause.set", until=format_moment(until, actor.tz, actor.lang))
    req.respond(text=text)


def run_resume_command(req: CommandRequest) -> None:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.team_id, req.user_id)
        was_paused = reminders.resume(actor.person, req.deps.clock.now())
        text = t(actor.lang, N_("pause.resumed") if was_paused else N_("pause.not_paused"))
    req.respond(text=text)

