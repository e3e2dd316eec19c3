"""Enrolment and profiles on Slack: `/mentorat inscription`, `/mentorat profil [@personne]`, the profile
modal, « Devenir mentor » / « Trouver un mentor », withdrawing."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.services import profiles
from bot.services.errors import DomainError
from bot.usecases import enrolment, programmes
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body, known_person
from handlers.slack.forms import ModalOrigin, ProfileForm, ThemesForm
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import answer_click, clicked_value, on_click, post_dm, refuse_form
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.request import MENTION, CommandRequest
from handlers.slack.views.enrolment import profile_modal, themes_modal

FIELD_BLOCKS = {name: getattr(BlockId, f"PROFILE_{name.upper()}") for name in enrolment.FIELDS}


def open_profile_form(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str,
                      wish: str | None = None) -> None:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        view = enrolment.profile_form(session, actor, wish)
        origin = ModalOrigin(team_id=team_id, programme_id=actor.programme.id)
    client.views_open(trigger_id=trigger_id, view=profile_modal(view, metadata=origin.dumps()).to_dict())


def run_enrolment_command(req: CommandRequest) -> None:
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        found = enrolment.enrolment_command(session, actor, deps.rule, deps.clock.now(), req.args)
        origin = ModalOrigin(team_id=req.team_id, programme_id=actor.programme.id)
    if isinstance(found, str):
        req.respond(text=found)
        deps.deliver_now()  # a withdrawal closes requests: their mentees are told now
        return
    req.client.views_open(trigger_id=req.body["trigger_id"],
                          view=profile_modal(found, metadata=origin.dumps()).to_dict())


def run_profile_command(req: CommandRequest) -> None:
    deps = req.deps
    named = MENTION.findall(req.args)
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        subject = known_person(session, deps, actor.workspace, named[0]) if named else None
        message = enrolment.show_profile(session, actor, deps.rule, subject)
    req.respond(text=mrkdwn(message.text), blocks=as_dicts(message_blocks(message)))


def open_themes_form(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str) -> None:
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged act
        view = enrolment.themes_form(session, actor, deps.rule)
        origin = ModalOrigin(team_id=team_id, programme_id=actor.programme.id)
    client.views_open(trigger_id=trigger_id, view=themes_modal(view, metadata=origin.dumps()).to_dict())


def run_themes_command(req: CommandRequest) -> None:
    open_themes_form(req.deps, req.client, req.body["trigger_id"], req.team_id, req.user_id)


def register(app: App, deps: Deps) -> None:
    def open_from_click(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        wish = clicked_value(action)
        open_profile_form(deps, client, body["trigger_id"], team_id, user_id,
                          wish if wish in ("mentor", "mentee") else None)

    on_click(app, deps, ActionId.ENROL, open_from_click)
    on_click(app, deps, ActionId.PROFILE_EDIT, open_from_click)

    def withdraw(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            text = enrolment.withdraw(session, actor, deps.clock.now())
        answer_click(body, client, respond, text, replace=False)
        deps.deliver_now()

    on_click(app, deps, ActionId.ENROL_WITHDRAW, withdraw)
    on_click(app, deps, ActionId.THEMES_OPEN, lambda body, action, respond, client: open_themes_form(
        deps, client, body["trigger_id"], *ids_from_body(body)))

    @app.view(CallbackId.PROFILE_FORM_SUBMIT)
    def submit_profile(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        form = ProfileForm.from_view(view)
        origin = ModalOrigin.loads(view.get("private_metadata"))
        team_id = origin.team_id if origin else body["team"]["id"]
        user_id = body["user"]["id"]
        try:
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                programmes.opened_in(session, actor, origin.programme_id if origin else None)
                picked = {field: known_person(session, deps, actor.workspace, user, field_name=field)
                          for field, user in (("manager", form.manager), ("avoid", form.avoid)) if user}
                saved = enrolment.save_profile(session, actor, deps.clock.now(), form.typed,
                                               profiles.Avoid(picked.get("manager"), picked.get("avoid")))
        except DomainError as error:
            refuse_form(ack, deps, team_id, user_id, FIELD_BLOCKS, error)
            return
        ack()  # closes the modal: the profile is saved
        message = saved.reply
        deps.soon(lambda: post_dm(client, user_id, mrkdwn(message.text), as_dicts(message_blocks(message))))

    @app.view(CallbackId.THEMES_FORM_SUBMIT)
    def submit_themes(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        origin = ModalOrigin.loads(view.get("private_metadata"))
        team_id = origin.team_id if origin else body["team"]["id"]
        user_id = body["user"]["id"]
        form = ThemesForm.from_view(view)
        try:
            with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
                programmes.opened_in(session, actor, origin.programme_id if origin else None)
                text = enrolment.save_themes(session, actor, deps.rule, deps.clock.now(), form.kept, form.extra)
        except DomainError as error:
            refuse_form(ack, deps, team_id, user_id, {"defaults": BlockId.THEMES_DEFAULTS,
                                                       "extra": BlockId.THEMES_EXTRA}, error)
            return
        ack()
        deps.soon(lambda: post_dm(client, user_id, mrkdwn(text)))
