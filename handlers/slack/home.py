"""The App Home tab and its buttons."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.i18n import t
from handlers.slack import journal, meetings, overview, pairing
from handlers.slack.convention import show_conventions
from handlers.slack.deps import Deps, ids_from_body, resolve_actor
from handlers.slack.home_publish import publish_home
from handlers.slack.ids import ActionId
from handlers.slack.render import as_dicts
from handlers.slack.views.status import status_blocks
from storage.db import session_scope


def _info_modal(title: str, blocks: list[dict], close: str) -> View:
    return View(type="modal", title=title[:24], close=close, blocks=blocks)


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict, body: dict, client: WebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        publish_home(deps, client, body.get("team_id", ""), event["user"])

    @app.action(ActionId.HOME_HELP_SHOW)
    def home_help(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_help(body, client))

    def _home_help(body: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, team_id, user_id)
            blocks = overview.help_for(session, deps, actor)
            lang = actor.lang
        client.views_open(trigger_id=body["trigger_id"],
                          view=_info_modal(t(lang, "home.title"), blocks, t(lang, "pair.modal.cancel")))

    @app.action(ActionId.HOME_STATUS_SHOW)
    def home_status(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_status(body, client))

    def _home_status(body: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, team_id, user_id)
            blocks = as_dicts(status_blocks(actor.lang, overview.status_infos(session, deps, actor), actor.tz))
            lang = actor.lang
        client.views_open(trigger_id=body["trigger_id"],
                          view=_info_modal(t(lang, "home.title"), blocks, t(lang, "pair.modal.cancel")))

    @app.action(ActionId.HOME_CONVENTION_SHOW)
    def home_convention(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_convention(body, client))

    def _home_convention(body: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        for text, blocks in show_conventions(deps, team_id, user_id):
            client.chat_postMessage(channel=channel, text=text, blocks=blocks or None)

    @app.action(ActionId.HOME_PAIRING_OPEN)
    def home_pairing(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_pairing(body, client))

    def _home_pairing(body: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        pairing.open_pairing_modal(deps, client, body["trigger_id"], team_id, user_id)

    @app.action(ActionId.HOME_MEETING_PLAN)
    def home_meeting(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_meeting(body, action, client))

    def _home_meeting(body: dict, action: dict, client: WebClient) -> None:
        """Like the command: the next meeting (or the proposal waiting) in a DM, else the modal."""
        team_id, user_id = ids_from_body(body)
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        shown = meetings.meeting_overview(deps, team_id, user_id)
        if shown is None:
            meetings.open_plan_modal(deps, client, body["trigger_id"], team_id, user_id,
                                     convention_id=int(action["value"]))
            return
        client.chat_postMessage(channel=channel, text=shown[0], blocks=shown[1])

    @app.action(ActionId.HOME_AGENDA_WRITE)
    def home_agenda(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: journal.open_agenda_modal(deps, client, body, None))

    @app.action(ActionId.HOME_NOTES_SHOW)
    def home_notes(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        deps.ack_then(ack, body, client, respond, lambda: _home_notes(body, client))

    def _home_notes(body: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        text, blocks = journal.notes_overview(deps, team_id, user_id)
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        client.chat_postMessage(channel=channel, text=text, blocks=blocks)
