"""`/mentorat rapport` (and « Recevoir le rapport complet »): the figures, a chart and a CSV in a DM."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.services.typed_text import row_id
from bot.usecases import reports as report_actions
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import dm_channel, on_click
from handlers.slack.render import as_dicts
from handlers.slack.request import CommandRequest
from handlers.slack.views.report import report_messages


def send_report(deps: Deps, client: WebClient, team_id: str, user_id: str, programme_id: int | None = None) -> str:
    """Compute, then post the figures, the chart(s) and the CSV to the coordinator's DM. Returns the reply."""
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # re-read the admin flag
        lang = actor.lang
        pack = report_actions.programme_reports(session, actor, deps.rule, deps.clock.now(), programme_id)
    channel = dm_channel(client, user_id)
    for blocks in report_messages(lang, pack.reports):
        client.chat_postMessage(channel=channel, text=pack.headline, blocks=as_dicts(blocks))
    for file in pack.files:
        client.files_upload_v2(channel=channel, content=file.content, filename=file.filename, title=file.title)
    return t(lang, "report.sent")


def run_report_command(req: CommandRequest) -> None:
    req.respond(text=send_report(req.deps, req.client, req.team_id, req.user_id))


def register(app: App, deps: Deps) -> None:
    def from_button(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        # The digest's button names its programme; the App Home's ("report") asks for all of them.
        send_report(deps, client, *ids_from_body(body), row_id(action.get("value")))

    on_click(app, deps, ActionId.REPORT_SEND, from_button)
