"""The App Home tab and its buttons."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.i18n import t
from bot.notify import Message
from bot.services.typed_text import row_id
from handlers.slack import journal, meetings, overview, pairing
from handlers.slack.choice import asking
from handlers.slack.convention import show_conventions
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.home_publish import publish_home
from handlers.slack.ids import ActionId
from handlers.slack.interactions import dm_channel, on_click, post_dm
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.views.status import status_blocks


def _info_modal(title: str, blocks: list[dict], close: str) -> View:
    return View(type="modal", title=title[:24], close=close, blocks=blocks)


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict, body: dict, client: WebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return
        # Bolt answers Slack when this returns: publish after, on the work queue.
        deps.soon(lambda: publish_home(deps, client, body.get("team_id", ""), event["user"]))

    def help_modal(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            blocks = overview.help_for(session, deps, actor)
            lang = actor.lang
        client.views_open(trigger_id=body["trigger_id"],
                          view=_info_modal(t(lang, "home.title"), blocks, t(lang, "pair.modal.cancel")))

    def status_modal(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            blocks = as_dicts(status_blocks(actor.lang, overview.status_infos(session, deps, actor), actor.tz))
            lang = actor.lang
        client.views_open(trigger_id=body["trigger_id"],
                          view=_info_modal(t(lang, "home.title"), blocks, t(lang, "pair.modal.cancel")))

    def convention_dm(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        channel = dm_channel(client, user_id)
        for text, blocks in show_conventions(deps, team_id, user_id):
            client.chat_postMessage(channel=channel, text=text, blocks=blocks or None)

    def pairing_modal(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        pairing.open_pairing_modal(deps, client, body["trigger_id"], team_id, user_id)

    def next_meeting(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        """Like the command: the next meeting (or the proposal waiting) in a DM, else the modal."""
        team_id, user_id = ids_from_body(body)

        def work() -> None:
            answer = meetings.next_meeting_answer(deps, team_id, user_id, row_id(action.get("value")))
            if isinstance(answer, Message):
                post_dm(client, user_id, mrkdwn(answer.text), as_dicts(message_blocks(answer, header=False)))
            else:
                client.views_open(trigger_id=body["trigger_id"], view=answer)

        asking(deps, "prochaine-rencontre", body, respond, client, work)

    def notes_dm(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        asking(deps, "notes", body, respond, client,
               lambda: post_dm(client, user_id, *journal.notes_overview(deps, team_id, user_id)))

    on_click(app, deps, ActionId.HOME_HELP_SHOW, help_modal)
    on_click(app, deps, ActionId.HOME_STATUS_SHOW, status_modal)
    on_click(app, deps, ActionId.HOME_CONVENTION_SHOW, convention_dm)
    on_click(app, deps, ActionId.HOME_PAIRING_OPEN, pairing_modal)
    on_click(app, deps, ActionId.HOME_MEETING_PLAN, next_meeting)
    on_click(app, deps, ActionId.HOME_AGENDA_WRITE, lambda b, a, r, c: asking(
        deps, "ordre-du-jour", b, r, c, lambda: journal.open_agenda_modal(deps, c, b, None)))
    on_click(app, deps, ActionId.HOME_NOTES_SHOW, notes_dm)
