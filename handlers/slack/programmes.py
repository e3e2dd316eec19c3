"""`/mentorat programme` on Slack: the list with each programme's buttons, the settings modal."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.notify import Rich
from bot.services.programme_settings import ProgrammeDraft
from bot.usecases import programmes
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body, known_person
from handlers.slack.forms import metadata_text
from handlers.slack.ids import ActionId, CallbackId
from handlers.slack.interactions import answer_click, clicked_value, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.programmes import BLOCKS, form_modal, list_blocks, metadata, typed_values
from storage.models import Person


def _listing(deps: Deps, team_id: str, user_id: str) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        view = programmes.listing(session, actor, deps.rule)
    return mrkdwn(view.intro), as_dicts(list_blocks(view))


def _said(said: Rich) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn(said)}}


def run_programme_command(req: CommandRequest) -> None:
    text, blocks = _listing(req.deps, req.team_id, req.user_id)
    req.respond(text=text, blocks=blocks)


def _open_form(deps: Deps, client: WebClient, body: dict, raw_id: str | None) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged act
        view = programmes.form(session, actor, deps.rule, deps.defaults, raw_id)
    client.views_open(trigger_id=body["trigger_id"],
                      view=form_modal(view, metadata=metadata(team_id, view.programme_id)).to_dict())


def register(app: App, deps: Deps) -> None:
    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        text, blocks = _listing(deps, *ids_from_body(body))
        answer_click(body, client, respond, text, blocks, replace=False)

    def choose(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            said = programmes.choose(session, actor, deps.clock.now(), clicked_value(action))
        _text, blocks = _listing(deps, team_id, user_id)  # the list again, now from the chosen programme
        answer_click(body, client, respond, mrkdwn(said), [_said(said), *blocks])

    def archive(archived: bool) -> Callable[[dict, dict, Respond, WebClient], None]:
        def act(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
                said = programmes.archive(session, actor, deps.rule, deps.clock.now(), clicked_value(action),
                                          archived=archived)
            _text, blocks = _listing(deps, team_id, user_id)
            answer_click(body, client, respond, mrkdwn(said), [_said(said), *blocks])
        return act

    on_click(app, deps, ActionId.PROGRAMMES_SHOW, show)
    on_click(app, deps, ActionId.PROGRAMME_CHOOSE, choose)
    on_click(app, deps, ActionId.PROGRAMME_ARCHIVE, archive(True))
    on_click(app, deps, ActionId.PROGRAMME_RESTORE, archive(False))
    on_click(app, deps, ActionId.PROGRAMME_EDIT, lambda body, action, respond, client: _open_form(
        deps, client, body, clicked_value(action)))
    on_click(app, deps, ActionId.PROGRAMME_NEW, lambda body, action, respond, client: _open_form(
        deps, client, body, None))

    @app.view(CallbackId.PROGRAMME_FORM_SUBMIT)
    def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        draft = ProgrammeDraft(typed_values(view.get("state") or {}))
        raw_id = metadata_text(view.get("private_metadata"), "programme")
        def picked(session: Session, actor: Actor, field: str) -> list[Person] | None:
            ids = draft.values.get(field)
            return None if ids is None else [known_person(session, deps, actor.workspace, uid, field_name=field)
                                             for uid in ids]

        def save(session: Session, actor: Actor) -> Rich:
            return programmes.save(session, actor, deps.rule, deps.clock.now(), raw_id, draft,
                                   picked(session, actor, "direction"), picked(session, actor, "coordinators"))

        said = save_form(ack, deps, team_id, user_id, BLOCKS, save, fresh=True)  # a privileged act
        if said is not None:
            deps.soon(lambda: post_dm(client, user_id, mrkdwn(said)))
