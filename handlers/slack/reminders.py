"""`/mentorat pause` and `/mentorat reprendre` (bot/usecases/preferences.py)."""

from __future__ import annotations

from bot.usecases import preferences
from handlers.slack.deps import acting_in_slack
from handlers.slack.request import CommandRequest


def run_pause_command(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        text = preferences.pause(actor, req.args, req.deps.clock.now())
    req.respond(text=text)


def run_resume_command(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        text = preferences.resume(actor, req.deps.clock.now())
    req.respond(text=text)
