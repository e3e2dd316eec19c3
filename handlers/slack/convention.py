"""The convention: reading it again, "J'accepte" and "J'ai une question"."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.usecases import conventions as convention_actions
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import clicked_id
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest


def show_conventions(deps: Deps, team_id: str, user_id: str) -> list[tuple[str, list[dict]]]:
    """(fallback text, blocks) for each open convention of the person, or the 'none' message."""
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        shown = convention_actions.conventions_shown(session, actor, deps.compose_ctx)
    return [(mrkdwn(m.text), as_dicts(message_blocks(m)) if m.headline else []) for m in shown]


def run_convention_command(req: CommandRequest) -> None:
    for text, blocks in show_conventions(req.deps, req.team_id, req.user_id):
        if blocks:
            req.respond(text=text, blocks=blocks)
        else:
            req.respond(text=text)


def register(app: App, deps: Deps) -> None:
    @app.action(ActionId.CONVENTION_ACCEPT)
    def accept(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: accept_convention(deps, body, action, respond))

    @app.action(ActionId.CONVENTION_QUESTION)
    def question(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: ask_question(deps, body, action, respond))


def accept_convention(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        accepted = convention_actions.accept(session, actor, deps.clock.now(), clicked_id(action), deps.compose_ctx)
    if accepted.convention is None:
        respond(text=accepted.said, replace_original=False)
        return
    blocks = as_dicts(message_blocks(accepted.convention))
    if accepted.waiting:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn(accepted.waiting)}})
    respond(text=accepted.said, blocks=blocks, replace_original=True)
    deps.deliver_now()


def ask_question(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        text = convention_actions.ask_question(session, actor, deps.clock.now(), clicked_id(action), deps.rule)
    respond(text=mrkdwn(text), replace_original=False)
    deps.deliver_now()
