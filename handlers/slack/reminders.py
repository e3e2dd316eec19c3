"""`/mentorat pause` and `/mentorat reprendre` (the nudge's button is in handlers/slack/meetings.py)."""

from __future__ import annotations

from bot.i18n import t
from bot.i18n.dates import format_moment
from bot.services import reminders
from handlers.slack.deps import acting_in_slack
from handlers.slack.request import CommandRequest


def run_pause_command(req: CommandRequest) -> None:
    now = req.deps.clock.now()
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        until = reminders.pause(actor.person, reminders.parse_pause(req.args), now)
        text = t(actor.lang, "pause.set", until=format_moment(until, actor.tz, actor.lang))
    req.respond(text=text)


def run_resume_command(req: CommandRequest) -> None:
    with acting_in_slack(req.deps, req.team_id, req.user_id) as (_session, actor):
        was_paused = reminders.resume(actor.person, req.deps.clock.now())
        text = t(actor.lang, "pause.resumed" if was_paused else "pause.not_paused")
    req.respond(text=text)

