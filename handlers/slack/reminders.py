"""`/mentorat pause`, `/mentorat reprendre`, and the monthly nudge's button."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.i18n.dates import format_moment
from bot.services import conventions, reminders
from handlers.slack.deps import Deps, ids_from_body, resolve_actor
from handlers.slack.ids import ActionId
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
        text = t(actor.lang, "pause.resumed" if was_paused else "pause.not_paused")
    req.respond(text=text)


def register(app: App, deps: Deps) -> None:
    @app.action(ActionId.NUDGE_PLAN_MEETING)
    def plan_meeting(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: explain_planning(deps, body, action, respond))


def explain_planning(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        convention = conventions.get_convention(session, int(action["value"]))
        role = conventions.role_in(convention, actor.person)
        if role is None:
            text = t(actor.lang, "conv.not_yours")
        else:
            other = convention.mentee if role == "mentor" else convention.mentor
            programme = convention.programme
            text = t(actor.lang, "nudge.how", other=f"<@{other.external_id}>",
                     min=programme.meeting_min_minutes, max=programme.meeting_max_minutes)
    respond(text=text, replace_original=False)
