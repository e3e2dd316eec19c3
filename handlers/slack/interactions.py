"""What click and modal listeners all do the same way: ack then work, open a modal, save a form, DM."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.notify import plain
from bot.services.errors import DomainError, InvalidInput
from bot.services.typed_text import clicked_row
from handlers.slack.deps import Actor, Deps, error_for, ids_from_body, reader_for, resolve_actor
from handlers.slack.dm import dm_channel as dm_channel  # re-exported: the listeners import both from here
from handlers.slack.dm import post_dm as post_dm
from handlers.slack.render import mrkdwn
from handlers.slack.views.refusal import refusal_modal
from storage.db import session_scope

T = TypeVar("T")
ClickWork = Callable[[dict, dict, Respond, WebClient], None]  # body, action, respond, client


def on_click(app: App, deps: Deps, action_id: str, work: ClickWork) -> None:
    """A button: ack at once, then `work` on the work queue (its errors reach the person)."""

    @app.action(action_id)
    def listener(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: work(body, action, respond, client))


def clicked_value(action: dict) -> str:
    """The text a button carries; a button without one is stale or altered."""
    value = action.get("value")
    if not isinstance(value, str) or not value:
        raise InvalidInput("error.stale_button")
    return value


def clicked_id(action: dict) -> int:
    """The id a button carries (a convention, a meeting, a dispute); anything else is a stale or altered button."""
    return clicked_row(action.get("value"))


def open_modal(deps: Deps, client: WebClient, body: dict, build: Callable[[Session, Actor, str], dict]) -> None:
    """Build a modal for the person who clicked (`build(session, actor, team_id)`) and open it."""
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        view = build(session, resolve_actor(session, deps, team_id, user_id), team_id)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def save_form(ack: Ack, deps: Deps, team_id: str, user_id: str, field_blocks: Mapping[str, str],
              save: Callable[[Session, Actor], T], *, fresh: bool = False) -> T | None:
    """Run `save` in one unit of work and ack the submission.

    Returns None when nothing was saved: an error on a field of the form is shown on it; any other
    domain error (the convention ended meanwhile, a stale form) is explained in a small modal pushed
    on top, so that closing it brings the form back with what was typed. Slack always gets a proper
    answer, never an error status.
    """
    try:
        with session_scope(deps.session_factory) as session:
            result = save(session, resolve_actor(session, deps, team_id, user_id, fresh=fresh))
    except DomainError as error:
        refuse_form(ack, deps, team_id, user_id, field_blocks, error)
        return None
    ack()
    return result


def refuse_form(ack: Ack, deps: Deps, team_id: str, user_id: str, field_blocks: Mapping[str, str],
                error: DomainError) -> None:
    """Answer a form that was not saved: the error on its field, else a small modal over the form."""
    text = error_for(deps, team_id, user_id, error)
    block = field_blocks.get(error.field or "")
    if block is None:
        lang, _tz = reader_for(deps, team_id, user_id)
        ack(response_action="push", view=refusal_modal(lang, mrkdwn(text)).to_dict())
    else:
        ack(response_action="errors", errors={block: plain(text)})  # a field's error is plain text


def answer_click(body: dict, client: WebClient, respond: Respond, text: str, blocks: list[dict] | None = None, *,
                 replace: bool = True) -> None:
    """The answer to a click: in place of the message clicked when it has one (a DM or a command's reply),
    else (the App Home) in the person's DM."""
    if body.get("response_url"):
        respond(text=text, blocks=blocks, replace_original=replace)
        return
    _team_id, user_id = ids_from_body(body)
    post_dm(client, user_id, text, blocks)
