"""Sub-commands that answer one side with a form and the other with a text (the road map, the synthesis):
from the command, and from the App Home's button, where the text goes to a DM."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt import App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.notify import Message
from bot.services.typed_text import row_id
from handlers.slack.choice import asking
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.interactions import on_click, post_dm
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.request import CommandHandler, CommandRequest

F = TypeVar("F")


def command_handler(answer: Callable[[Session, Actor, int | None], F | Message], form: type[F],
                    modal: Callable[[F, str], dict]) -> CommandHandler:
    """`/mentorat <command>`: the modal when `answer` gives a form, else the text in reply."""
    def run(req: CommandRequest) -> None:
        with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
            found = answer(session, actor, req.convention_id)
        if isinstance(found, form):
            req.client.views_open(trigger_id=req.body["trigger_id"], view=modal(found, req.team_id))
        elif isinstance(found, Message):
            req.respond(text=mrkdwn(found.text), blocks=as_dicts(message_blocks(found, header=False)))
    return run


def on_home_click(app: App, deps: Deps, action_id: str, command: str,
                  answer: Callable[[Session, Actor, int | None], F | Message], form: type[F],
                  modal: Callable[[F, str], dict]) -> None:
    """The App Home's button of the same sub-command; with several conventions it asks which one."""
    def listener(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)

        def work() -> None:
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                found = answer(session, actor, row_id(action.get("value")))
            if isinstance(found, form):
                client.views_open(trigger_id=body["trigger_id"], view=modal(found, team_id))
            elif isinstance(found, Message):
                post_dm(client, user_id, mrkdwn(found.text), as_dicts(message_blocks(found, header=False)))

        asking(deps, command, body, respond, client, work)

    on_click(app, deps, action_id, listener)
