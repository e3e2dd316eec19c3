"""`/mentorat mes-donnees` on Slack: the person's own data, a readable page and JSON, in their DM;
`mes-donnees effacer`: what erasure does, then « Effacer mes données »."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.usecases import my_data
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import answer_click, dm_channel, on_click
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest


def run_my_data_command(req: CommandRequest) -> None:
    deps = req.deps
    if req.args.strip().lower() in my_data.ERASE_WORDS:
        with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
            message = my_data.erasure_confirmation(session, actor)
        req.respond(text=mrkdwn(message.text), blocks=as_dicts(message_blocks(message)))
        return
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        pack = my_data.my_data_pack(session, actor, deps.clock.now())
    channel = dm_channel(req.client, req.user_id)  # the person's own DM, whatever channel they typed in
    for file in pack.files:
        req.client.files_upload_v2(channel=channel, content=file.content, filename=file.filename, title=file.title)
    req.respond(text=pack.headline)


def register(app: App, deps: Deps) -> None:
    def erase(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            text = my_data.erase_me(session, actor, deps.rule, deps.clock.now())
        answer_click(body, client, respond, text)  # the explanation and its button give way to what was done
        deps.deliver_now()  # the coordination is told

    on_click(app, deps, ActionId.ERASE_CONFIRM, erase)
