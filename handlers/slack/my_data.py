"""`/mentorat mes-donnees` on Slack: the person's own data, a readable page and JSON, in their DM."""

from __future__ import annotations

from bot.usecases.my_data import my_data_pack
from handlers.slack.deps import acting_in_slack
from handlers.slack.interactions import dm_channel
from handlers.slack.request import CommandRequest


def run_my_data_command(req: CommandRequest) -> None:
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        pack = my_data_pack(session, actor, deps.clock.now())
    channel = dm_channel(req.client, req.user_id)  # the person's own DM, whatever channel they typed in
    for file in pack.files:
        req.client.files_upload_v2(channel=channel, content=file.content, filename=file.filename, title=file.title)
    req.respond(text=pack.headline)
