"""The corporate method's synthesis report on Slack: `/mentorat synthese`, the mentor's modal, the mentee's
« Approuver » buttons and the modal to ask for changes."""

from __future__ import annotations

import json
from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, InputBlock, MarkdownTextObject, PlainTextInputElement, SectionBlock
from slack_sdk.models.views import View

from bot.i18n import t
from bot.services import syntheses
from bot.services.syntheses import SynthesisDraft
from bot.usecases import synthesis
from bot.usecases.synthesis import ChangesFormView, SynthesisFormView
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.form_or_text import command_handler, on_home_click
from handlers.slack.forms import metadata_text
from handlers.slack.ids import ActionId, CallbackId
from handlers.slack.interactions import answer_click, clicked_value, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, message_blocks, mrkdwn

BLOCKS = {name: f"synthesis-{name.replace('_', '-')}" for name in synthesis.FIELDS}
COMMENT = {"comment": "synthesis-comment"}


def _metadata(team_id: str, value: str) -> str:
    return json.dumps({"team_id": team_id, "value": value})


def modal(view: SynthesisFormView, team_id: str) -> dict:
    lang = view.lang
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro)))]
    for name in synthesis.FIELDS:
        blocks.append(InputBlock(block_id=BLOCKS[name], label=t(lang, synthesis.LABELS[name]), optional=True,
                                 hint=t(lang, "synthesis.hint.lines"),
                                 element=PlainTextInputElement(action_id=name, multiline=True,
                                                               max_length=syntheses.TEXT_LIMIT,
                                                               initial_value=view.values.get(name) or None)))
    return View(type="modal", callback_id=CallbackId.SYNTHESIS_FORM_SUBMIT, title=t(lang, "synthesis.form.title")[:24],
                submit=t(lang, "synthesis.form.submit")[:24], close=t(lang, "pair.modal.cancel"), blocks=blocks,
                private_metadata=_metadata(team_id, str(view.convention_id))).to_dict()


def changes_modal(view: ChangesFormView, team_id: str) -> dict:
    lang = view.lang
    return View(type="modal", callback_id=CallbackId.SYNTHESIS_CHANGES_SUBMIT,
                title=t(lang, "synthesis.changes.title")[:24], submit=t(lang, "synthesis.changes.submit")[:24],
                close=t(lang, "pair.modal.cancel"), private_metadata=_metadata(team_id, view.value),
                blocks=[SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro))),
                        InputBlock(block_id=COMMENT["comment"], label=t(lang, "synthesis.comment"), optional=True,
                                   element=PlainTextInputElement(action_id="comment", multiline=True,
                                                                 max_length=syntheses.COMMENT_LIMIT))]).to_dict()


def _typed(view: dict, blocks: dict[str, str]) -> dict[str, str]:
    state = (view.get("state") or {}).get("values") or {}
    return {name: str(((state.get(block) or {}).get(name) or {}).get("value") or "") for name, block in blocks.items()}


run_synthesis_command = command_handler(synthesis.command, SynthesisFormView, modal)


def register(app: App, deps: Deps) -> None:
    on_home_click(app, deps, ActionId.HOME_SYNTHESIS_SHOW, "synthese", synthesis.command, SynthesisFormView, modal)

    def edit(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            view = synthesis.form(session, actor, clicked_value(action))
        client.views_open(trigger_id=body["trigger_id"], view=modal(view, team_id))

    def approve(to_manager: bool) -> Callable[[dict, dict, Respond, WebClient], None]:
        def act(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                shown = synthesis.approve(session, actor, deps.clock.now(), clicked_value(action),
                                          to_manager=to_manager)
            answer_click(body, client, respond, mrkdwn(shown.text), as_dicts(message_blocks(shown, header=False)))
            deps.deliver_now()  # the report and its PDF, to whom the mentee approved
        return act

    def open_changes(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            view = synthesis.changes_form(session, actor, clicked_value(action))
        client.views_open(trigger_id=body["trigger_id"], view=changes_modal(view, team_id))

    on_click(app, deps, ActionId.SYNTHESIS_EDIT, edit)
    on_click(app, deps, ActionId.SYNTHESIS_APPROVE_ALL, approve(True))
    on_click(app, deps, ActionId.SYNTHESIS_APPROVE, approve(False))
    on_click(app, deps, ActionId.SYNTHESIS_CHANGES, open_changes)

    @app.view(CallbackId.SYNTHESIS_FORM_SUBMIT)
    def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        typed, raw_id = _typed(view, BLOCKS), metadata_text(view.get("private_metadata"), "value")
        draft = SynthesisDraft(typed["points"], typed["results"], typed["axes"], typed["follow_up"])
        said = save_form(ack, deps, team_id, user_id, BLOCKS, lambda session, actor: synthesis.submit(
            session, actor, deps.clock.now(), raw_id, draft))
        if said is not None:
            deps.soon(lambda: post_dm(client, user_id, mrkdwn(said)))
            deps.deliver_now()

    @app.view(CallbackId.SYNTHESIS_CHANGES_SUBMIT)
    def submit_changes(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        comment, value = _typed(view, COMMENT)["comment"], metadata_text(view.get("private_metadata"), "value")
        said = save_form(ack, deps, team_id, user_id, COMMENT, lambda session, actor: synthesis.ask_changes(
            session, actor, deps.clock.now(), value, comment))
        if said is not None:
            deps.soon(lambda: post_dm(client, user_id, mrkdwn(said)))
            deps.deliver_now()
