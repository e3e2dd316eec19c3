"""The corporate method's road map on Slack: `/mentorat feuille-de-route`, its modal, « Confirmer »."""

from __future__ import annotations

import json

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import InputBlock, MarkdownTextObject, NumberInputElement, PlainTextInputElement, SectionBlock
from slack_sdk.models.views import View

from bot.i18n import t
from bot.services import road_maps
from bot.services.road_maps import RoadMapDraft
from bot.usecases import road_map
from bot.usecases.road_map import RoadMapFormView
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.form_or_text import command_handler, on_home_click
from handlers.slack.forms import metadata_text
from handlers.slack.ids import ActionId, CallbackId
from handlers.slack.interactions import answer_click, clicked_value, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, message_blocks, mrkdwn

BLOCKS = {name: f"road-map-{name}" for name in road_map.FIELDS}  # each element's action id is the field's name
LIMITS = {"axes": road_maps.TEXT_LIMIT, "strategies": road_maps.TEXT_LIMIT, "milestones": 3000}


def modal(view: RoadMapFormView, team_id: str) -> dict:
    lang, values = view.lang, view.values

    def text(name: str, hint: str | None = None) -> InputBlock:
        return InputBlock(block_id=BLOCKS[name], label=t(lang, road_map.LABELS[name]), optional=True, hint=hint,
                          element=PlainTextInputElement(action_id=name, multiline=True, max_length=LIMITS[name],
                                                        initial_value=values.get(name) or None))

    low, high = road_maps.HOURS
    hours = values.get("hours") or ""
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=mrkdwn(view.intro))),
        text("axes"), text("strategies"),
        InputBlock(block_id=BLOCKS["hours"], label=t(lang, road_map.LABELS["hours"]), optional=True,
                   element=NumberInputElement(action_id="hours", is_decimal_allowed=False, min_value=str(low),
                                              max_value=str(high), initial_value=hours if hours.isdigit() else None)),
        text("milestones", hint=t(lang, "roadmap.hint.milestones")),
    ]
    return View(type="modal", callback_id=CallbackId.ROADMAP_FORM_SUBMIT, title=t(lang, "roadmap.form.title")[:24],
                submit=t(lang, "profile.modal.submit"), close=t(lang, "pair.modal.cancel"), blocks=blocks,
                private_metadata=json.dumps({"team_id": team_id, "convention_id": str(view.convention_id)})
                ).to_dict()


def _typed(view: dict) -> RoadMapDraft:
    state = (view.get("state") or {}).get("values") or {}
    typed = {name: str(((state.get(BLOCKS[name]) or {}).get(name) or {}).get("value") or "") for name in road_map.FIELDS}
    return RoadMapDraft(typed["axes"], typed["strategies"], typed["hours"], typed["milestones"])


run_road_map_command = command_handler(road_map.command, RoadMapFormView, modal)


def register(app: App, deps: Deps) -> None:
    on_home_click(app, deps, ActionId.HOME_ROADMAP_SHOW, "feuille-de-route", road_map.command, RoadMapFormView, modal)

    def edit(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            view = road_map.form(session, actor, clicked_value(action))
        client.views_open(trigger_id=body["trigger_id"], view=modal(view, team_id))

    def confirm(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            shown = road_map.confirm(session, actor, deps.clock.now(), clicked_value(action))
        answer_click(body, client, respond, mrkdwn(shown.text), as_dicts(message_blocks(shown, header=False)))
        deps.deliver_now()  # the manager's turn, or everyone told it is agreed

    on_click(app, deps, ActionId.ROADMAP_EDIT, edit)
    on_click(app, deps, ActionId.ROADMAP_CONFIRM, confirm)

    @app.view(CallbackId.ROADMAP_FORM_SUBMIT)
    def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        draft, raw_id = _typed(view), metadata_text(view.get("private_metadata"), "convention_id")
        said = save_form(ack, deps, team_id, user_id, BLOCKS, lambda session, actor: road_map.save(
            session, actor, deps.clock.now(), raw_id, draft))
        if said is not None:
            deps.soon(lambda: post_dm(client, user_id, mrkdwn(said)))
            deps.deliver_now()
