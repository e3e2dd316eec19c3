"""A road map's milestones on Slack: the mentor's status modal, the mentee's « Partager » / « Garder »."""

from __future__ import annotations

import json
from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.i18n import t
from bot.services.milestones import StatusEntry
from bot.usecases import milestones
from bot.usecases.milestones import StatusFormView
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.forms import metadata_text
from handlers.slack.ids import ActionId, CallbackId
from handlers.slack.interactions import answer_click, clicked_value, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, as_typed, message_blocks, mrkdwn

BLOCKS = {name: f"milestone-{name.replace('_', '-')}" for name in milestones.FIELDS}


def modal(view: StatusFormView, team_id: str) -> dict:
    lang = view.lang
    options = [Option(label=label, value=value) for label, value in view.on_track]
    chosen = next((o for o in options if o.value == view.values.get("on_track")), None)
    hours = view.values.get("hours") or ""
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro) + "\n> " + as_typed(view.title))),
        InputBlock(block_id=BLOCKS["on_track"], label=t(lang, milestones.LABELS["on_track"]), optional=True,
                   element=RadioButtonsElement(action_id="on_track", options=options, initial_option=chosen)),
        InputBlock(block_id=BLOCKS["hours"], label=t(lang, milestones.LABELS["hours"]), optional=True,
                   element=NumberInputElement(action_id="hours", is_decimal_allowed=False, min_value="0",
                                              initial_value=hours if hours.isdigit() else None)),
    ]
    return View(type="modal", callback_id=CallbackId.MILESTONE_FORM_SUBMIT, title=t(lang, "milestone.form.title")[:24],
                submit=t(lang, "profile.modal.submit"), close=t(lang, "pair.modal.cancel"), blocks=blocks,
                private_metadata=json.dumps({"team_id": team_id, "milestone": str(view.milestone_id)})).to_dict()


def _entry(view: dict) -> StatusEntry:
    state = (view.get("state") or {}).get("values") or {}
    picked = ((state.get(BLOCKS["on_track"]) or {}).get("on_track") or {}).get("selected_option") or {}
    hours = ((state.get(BLOCKS["hours"]) or {}).get("hours") or {}).get("value") or ""
    return StatusEntry(str(picked.get("value") or ""), str(hours))


def register(app: App, deps: Deps) -> None:
    def open_form(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            view = milestones.status_form(session, actor, clicked_value(action))
        client.views_open(trigger_id=body["trigger_id"], view=modal(view, team_id))

    def decide(share: bool) -> Callable[[dict, dict, Respond, WebClient], None]:
        def act(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                shown = milestones.decide(session, actor, deps.clock.now(), clicked_value(action), share=share)
            answer_click(body, client, respond, mrkdwn(shown.text), as_dicts(message_blocks(shown, header=False)))
            deps.deliver_now()
        return act

    on_click(app, deps, ActionId.MILESTONE_RECORD, open_form)
    on_click(app, deps, ActionId.MILESTONE_SHARE, decide(True))
    on_click(app, deps, ActionId.MILESTONE_KEEP, decide(False))

    @app.view(CallbackId.MILESTONE_FORM_SUBMIT)
    def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        entry, raw_id = _entry(view), metadata_text(view.get("private_metadata"), "milestone")
        said = save_form(ack, deps, team_id, user_id, BLOCKS, lambda session, actor: milestones.record(
            session, actor, deps.clock.now(), raw_id, entry))
        if said is not None:
            deps.soon(lambda: post_dm(client, user_id, mrkdwn(said)))
            deps.deliver_now()
