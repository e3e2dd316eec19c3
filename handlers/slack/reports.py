"""`/mentorat rapport` (and « Recevoir le rapport complet »): the figures, a chart and a CSV in a DM."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.services.programme_report import reports_for
from bot.services.report_files import chart_file, csv_file
from bot.services.report_text import title
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import dm_channel, on_click
from handlers.slack.render import as_dicts
from handlers.slack.request import CommandRequest
from handlers.slack.views.report import report_blocks


def send_report(deps: Deps, client: WebClient, team_id: str, user_id: str) -> str:
    """Compute, then post the figures, the chart(s) and the CSV to the coordinator's DM. Returns the reply."""
    now = deps.clock.now()
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # re-read the admin flag
        lang = actor.lang
        reports = reports_for(session, person=actor.person, rule=deps.rule, now=now)
    blocks = as_dicts(report_blocks(lang, reports))
    channel = dm_channel(client, user_id)
    headline = title(lang, reports[0]) if reports else t(lang, "report.empty")
    client.chat_postMessage(channel=channel, text=headline, blocks=blocks)
    files = [chart_file(lang, report, now) for report in reports if report.pairs] + [csv_file(lang, reports, now)]
    for file in files:
        client.files_upload_v2(channel=channel, content=file.content, filename=file.filename, title=file.title)
    return t(lang, "report.sent")


def run_report_command(req: CommandRequest) -> None:
    req.respond(text=send_report(req.deps, req.client, req.team_id, req.user_id))


def register(app: App, deps: Deps) -> None:
    def from_button(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        send_report(deps, client, *ids_from_body(body))

    on_click(app, deps, ActionId.REPORT_SEND, from_button)
