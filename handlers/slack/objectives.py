"""`/mentorat objectifs`: list, add, update (with history), the mentor's feedback."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.services import objectives
from bot.usecases import objectives as objective_actions
from bot.usecases.outcome import Done
from handlers.slack.deps import Actor, Deps, acting_in_slack, ids_from_body
from handlers.slack.forms import FormContext, ObjectiveForm, ObjectiveUpdateForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import ClickWork, clicked_id, on_click, open_modal, post_dm, save_form
from handlers.slack.render import mention_of, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.objectives import add_modal, feedback_modal, history_modal, objectives_blocks, update_modal

FIELD_BLOCKS = {"title": BlockId.OBJECTIVE_TITLE, "description": BlockId.OBJECTIVE_DESCRIPTION,
                "horizon": BlockId.OBJECTIVE_HORIZON, "due": BlockId.OBJECTIVE_DUE,
                "success": BlockId.OBJECTIVE_SUCCESS, "status": BlockId.OBJECTIVE_STATUS,
                "progress": BlockId.OBJECTIVE_PROGRESS, "comment": BlockId.OBJECTIVE_COMMENT}




def objectives_overview(deps: Deps, team_id: str, user_id: str, convention_id: int | None = None
                        ) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        view = objective_actions.shown(session, actor, convention_id)
        blocks = objectives_blocks(actor.lang, view.objectives, convention_id=view.convention.id,
                                   is_mentor=view.is_mentor, other=mention_of(view.other))
        return t(actor.lang, "objective.list.title"), blocks


def run_objectives_command(req: CommandRequest) -> None:
    text, blocks = objectives_overview(req.deps, req.team_id, req.user_id, req.convention_id)
    req.respond(text=text, blocks=blocks)


def _add_view(deps: Deps, convention_id: int | None) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        convention, other = objective_actions.add_form(session, actor, convention_id)
        context = FormContext(team_id=team_id, kind="objective", convention_id=convention.id)
        return add_modal(actor.lang, other=mention_of(other), today=actor.today(deps), metadata=context.dumps()).to_dict()
    return build


def _objective_view(objective_id: int, kind: str) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        context = FormContext(team_id=team_id, kind=kind, objective_id=objective_id).dumps()
        if kind == "update":
            return update_modal(actor.lang, objective_actions.update_form(session, actor, objective_id),
                                metadata=context).to_dict()
        if kind == "feedback":
            objective, last = objective_actions.feedback_form(session, actor, objective_id)
            return feedback_modal(actor.lang, objective, last=last, metadata=context).to_dict()
        objective, lines = objective_actions.history(session, actor, objective_id)
        return history_modal(actor.lang, objective.title, lines).to_dict()
    return build


def register(app: App, deps: Deps) -> None:
    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        post_dm(client, user_id, *objectives_overview(deps, team_id, user_id, clicked_id(action)))

    on_click(app, deps, ActionId.OBJECTIVES_SHOW, show)
    on_click(app, deps, ActionId.OBJECTIVE_ADD,
             lambda b, a, r, c: open_modal(deps, c, b, _add_view(deps, clicked_id(a))))

    def opener(kind: str) -> ClickWork:
        return lambda b, a, r, c: open_modal(deps, c, b, _objective_view(clicked_id(a), kind))

    for action_id, kind in ((ActionId.OBJECTIVE_UPDATE, "update"), (ActionId.OBJECTIVE_FEEDBACK, "feedback"),
                            (ActionId.OBJECTIVE_HISTORY, "history")):
        on_click(app, deps, action_id, opener(kind))

    def submitted(ack: Ack, body: dict, view: dict, client: WebClient,
                  save: Callable[[Session, Actor, FormContext], Done]) -> None:
        """Save the form; then the confirmation with the list by DM, the news, both Home tabs."""
        context = FormContext.loads(view.get("private_metadata"))
        user_id = body["user"]["id"]
        if context is None:
            ack()
            return
        done = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS,
                         lambda session, actor: save(session, actor, context))
        if done is None:
            return
        text, convention_id = mrkdwn(done.reply.text), done.convention_id

        def after() -> None:
            _title, blocks = objectives_overview(deps, context.team_id, user_id, convention_id)
            post_dm(client, user_id, text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}, *blocks])
            deps.deliver_now()
            refresh_homes(deps, client, context.team_id, convention_id)

        deps.soon(after)

    @app.view(CallbackId.OBJECTIVE_ADD_SUBMIT)
    def submit_add(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        form = ObjectiveForm.from_view(view)
        draft = objectives.ObjectiveDraft(title=form.title, description=form.description, horizon=form.horizon,
                                          due_on=form.due, success_measure=form.success)
        submitted(ack, body, view, client, lambda session, actor, context: objective_actions.add(
            session, actor, deps.clock.now(), context.convention_id, draft))

    @app.view(CallbackId.OBJECTIVE_UPDATE_SUBMIT)
    def submit_update(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        form = ObjectiveUpdateForm.from_view(view)
        entry = objective_actions.UpdateEntry(status=form.status, progress=form.progress, comment=form.comment)
        submitted(ack, body, view, client, lambda session, actor, context: objective_actions.update(
            session, actor, deps.clock.now(), context.objective_id or 0, entry))

    @app.view(CallbackId.OBJECTIVE_FEEDBACK_SUBMIT)
    def submit_feedback(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        comment = ObjectiveUpdateForm.from_view(view).comment
        submitted(ack, body, view, client, lambda session, actor, context: objective_actions.feedback(
            session, actor, deps.clock.now(), context.objective_id or 0, comment))
