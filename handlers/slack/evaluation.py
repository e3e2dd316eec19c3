"""The programme's evaluation on Slack: `/mentorat evaluation` or « Évaluer le programme », its modal."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.services.errors import DomainError
from bot.services.evaluations import RATINGS, EvaluationInput
from bot.usecases import evaluation
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.forms import EvaluationForm, FormContext
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, on_click, post_dm, refuse_form
from handlers.slack.render import mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.enrolment import evaluation_modal

FIELD_BLOCKS = {**{name: f"{BlockId.EVALUATION_RATING}:{name}" for name in RATINGS},
                "recommend": BlockId.EVALUATION_RECOMMEND, "suggestion": BlockId.EVALUATION_SUGGESTION}


def open_form(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str,
              convention_id: int | None) -> None:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        view = evaluation.evaluation_form(session, actor, convention_id)
    context = FormContext(team_id=team_id, kind="evaluation", convention_id=view.convention_id)
    client.views_open(trigger_id=trigger_id, view=evaluation_modal(view, metadata=context.dumps()).to_dict())


def run_evaluation_command(req: CommandRequest) -> None:
    open_form(req.deps, req.client, req.body["trigger_id"], req.team_id, req.user_id, req.convention_id)


def _typed(view: dict) -> EvaluationInput:
    form = EvaluationForm.from_view(view, RATINGS)
    return EvaluationInput(form.ratings, form.recommend, form.suggestion)


def register(app: App, deps: Deps) -> None:
    def open_from_click(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        open_form(deps, client, body["trigger_id"], team_id, user_id, clicked_id(action))

    on_click(app, deps, ActionId.EVALUATION_OPEN, open_from_click)

    @app.view(CallbackId.EVALUATION_FORM_SUBMIT)
    def submit_evaluation(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        user_id = body["user"]["id"]
        if context is None or context.convention_id is None:
            ack()
            return
        try:
            with acting_in_slack(deps, context.team_id, user_id) as (session, actor):
                text = evaluation.save_evaluation(session, actor, deps.clock.now(), context.convention_id,
                                                  _typed(view))
        except DomainError as error:
            refuse_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS, error)
            return
        ack()
        deps.soon(lambda: post_dm(client, user_id, mrkdwn(text)))
