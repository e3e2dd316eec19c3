"""`/mentorat differend` and `/mentorat fin-hative`: the modals, and the coordinators' buttons."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from sqlalchemy.orm import Session

from bot.usecases import disputes as dispute_actions
from bot.usecases.outcome import Done
from handlers.slack.deps import Actor, Deps, acting_in_slack, ids_from_body
from handlers.slack.dispute_forms import DisputeContext, DisputeForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import ClickWork, clicked_id, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, mention_of, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.disputes import differend_modal, early_end_modal
from storage.models import DisputeKind

FIELD_BLOCKS = {"summary": BlockId.DISPUTE_SUMMARY, "amicable": BlockId.DISPUTE_AMICABLE,
                "urgency": BlockId.DISPUTE_URGENCY}
MODALS = {DisputeKind.DIFFEREND: differend_modal, DisputeKind.EARLY_END: early_end_modal}


def _open_form(req: CommandRequest, kind: DisputeKind) -> None:
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        convention, other = dispute_actions.dispute_form(session, actor, req.convention_id)
        context = DisputeContext(team_id=req.team_id, kind=kind, convention_id=convention.id)
        view = MODALS[kind](actor.lang, other=mention_of(other), metadata=context.dumps())
    req.client.views_open(trigger_id=req.body["trigger_id"], view=view)


def run_differend_command(req: CommandRequest) -> None:
    _open_form(req, DisputeKind.DIFFEREND)


def run_early_end_command(req: CommandRequest) -> None:
    _open_form(req, DisputeKind.EARLY_END)


def _save(deps: Deps, context: DisputeContext, form: DisputeForm) -> Callable[[Session, Actor], Done]:
    entry = dispute_actions.DisputeEntry(kind=DisputeKind(context.kind), summary=form.summary, amicable=form.amicable,
                                         go_on=form.go_on, urgency=form.urgency)

    def save(session: Session, actor: Actor) -> Done:
        return dispute_actions.raise_case(session, actor, deps.clock.now(), deps.rule, deps.settings.fallback_admin,
                                          context.convention_id, entry)

    return save


def _coordinator_answer(deps: Deps, body: dict, action: dict, respond: Respond,
                        step: dispute_actions.CoordinatorStep) -> None:
    """Run a coordinator's click, then show them the case as it now stands."""
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged act: re-read admin flag
        case = dispute_actions.coordinator_step(session, actor, deps.clock.now(), deps.rule, clicked_id(action), step)
    respond(text=mrkdwn(case.message.text), blocks=as_dicts(message_blocks(case.message, header=False)),
            replace_original=True)
    if case.note:
        post_dm(deps.client_for(team_id), user_id, mrkdwn(case.note))
    deps.deliver_now()
    refresh_homes(deps, deps.client_for(team_id), team_id, case.convention_id)


STEP_OF_ACTION = {ActionId.DISPUTE_TAKE: dispute_actions.CoordinatorStep.TAKE,
                  ActionId.DISPUTE_MEET: dispute_actions.CoordinatorStep.MEET,
                  ActionId.DISPUTE_RESOLVE: dispute_actions.CoordinatorStep.RESOLVE,
                  ActionId.EARLY_END_CONFIRM: dispute_actions.CoordinatorStep.CONFIRM_END}


def register(app: App, deps: Deps) -> None:
    def submit(ack: Ack, body: dict, view: dict) -> None:
        context = DisputeContext.loads(view.get("private_metadata"))
        if context is None:
            ack()
            return
        user_id = body["user"]["id"]
        done = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS,
                         _save(deps, context, DisputeForm.from_view(view)))
        if done is None:
            return
        message = done.reply

        def after() -> None:
            blocks = as_dicts(message_blocks(message, header=False))
            post_dm(deps.client_for(context.team_id), user_id, mrkdwn(message.text), blocks)
            deps.deliver_now()

        deps.soon(after)

    app.view(CallbackId.DIFFEREND_FORM_SUBMIT)(submit)
    app.view(CallbackId.EARLY_END_FORM_SUBMIT)(submit)

    def answer(step: dispute_actions.CoordinatorStep) -> ClickWork:
        return lambda b, a, r, c: _coordinator_answer(deps, b, a, r, step)

    for action_id, step in STEP_OF_ACTION.items():
        on_click(app, deps, action_id, answer(step))

    def withdraw(body: dict, action: dict, respond: Respond, client: object) -> None:
        team_id, user_id = ids_from_body(body)
        with acting_in_slack(deps, team_id, user_id) as (session, actor):
            text = dispute_actions.withdraw(session, actor, deps.clock.now(), clicked_id(action))
        respond(text=text, replace_original=True)
        deps.deliver_now()

    on_click(app, deps, ActionId.EARLY_END_WITHDRAW, withdraw)
