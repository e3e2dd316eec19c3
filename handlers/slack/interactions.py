"""What click and modal listeners all do the same way: ack then work, open a modal, save a form, DM."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.services.errors import DomainError
from handlers.slack.deps import Actor, Deps, error_for, ids_from_body, resolve_actor
from storage.db import session_scope

T = TypeVar("T")
ClickWork = Callable[[dict, dict, Respond, WebClient], None]  # body, action, respond, client


def on_click(app: App, deps: Deps, action_id: str, work: ClickWork) -> None:
    """A button: ack at once, then `work` on the work queue (its errors reach the person)."""

    @app.action(action_id)
    def listener(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: work(body, action, respond, client))


def open_modal(deps: Deps, client: WebClient, body: dict, build: Callable[[Session, Actor, str], dict]) -> None:
    """Build a modal for the person who clicked (`build(session, actor, team_id)`) and open it."""
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        view = build(session, resolve_actor(session, deps, team_id, user_id), team_id)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def save_form(ack: Ack, deps: Deps, team_id: str, user_id: str, field_blocks: dict[str, str],
              save: Callable[[Session, Actor], T]) -> T | None:
    """Run `save` in one unit of work and ack the submission.

    An error on a field of the form is shown on it and the modal stays open with what was typed
    (returns None); any other domain error closes the modal and goes to the error handler, which
    tells the person in a DM.
    """
    try:
        with session_scope(deps.session_factory) as session:
            result = save(session, resolve_actor(session, deps, team_id, user_id))
    except DomainError as error:
        block = field_blocks.get(error.field or "")
        if block is None:
            ack()
            raise
        ack(response_action="errors", errors={block: error_for(deps, team_id, user_id, error)})
        return None
    ack()
    return result


def dm_channel(client: WebClient, user_id: str) -> str:
    return client.conversations_open(users=user_id)["channel"]["id"]


def post_dm(client: WebClient, user_id: str, text: str, blocks: list[dict] | None = None) -> None:
    client.chat_postMessage(channel=dm_channel(client, user_id), text=text, blocks=blocks)
