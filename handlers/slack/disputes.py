"""`/mentorat differend` and `/mentorat fin-hative`: the modals, and the coordinators' buttons."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.notify import Message
from bot.services import disputes
from bot.services.dispute_messages import coordinator_view, raised_ack
from bot.services.people import mention
from bot.services.roles import coordinator_names
from handlers.slack.deps import Actor, Deps, ids_from_body, resolve_actor
from handlers.slack.dispute_forms import DisputeContext, DisputeForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, on_click, post_dm, save_form
from handlers.slack.render import as_dicts, message_blocks
from handlers.slack.request import CommandRequest
from handlers.slack.views.disputes import differend_modal, early_end_modal
from storage.db import session_scope
from storage.models import DisputeKind

FIELD_BLOCKS = {"summary": BlockId.DISPUTE_SUMMARY, "amicable": BlockId.DISPUTE_AMICABLE,
                "urgency": BlockId.DISPUTE_URGENCY}
MODALS = {DisputeKind.DIFFEREND: differend_modal, DisputeKind.EARLY_END: early_end_modal}


def _open_form(req: CommandRequest, kind: DisputeKind) -> None:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.team_id, req.user_id)
        convention = disputes.running_convention(session, actor.person)
        other = convention.mentee if convention.mentor_id == actor.person.id else convention.mentor
        context = DisputeContext(team_id=req.team_id, kind=kind, convention_id=convention.id)
        view = MODALS[kind](actor.lang, other=mention(other), metadata=context.dumps())
    req.client.views_open(trigger_id=req.body["trigger_id"], view=view)


def run_differend_command(req: CommandRequest) -> None:
    _open_form(req, DisputeKind.DIFFEREND)


def run_early_end_command(req: CommandRequest) -> None:
    _open_form(req, DisputeKind.EARLY_END)


def _save(deps: Deps, context: DisputeContext, form: DisputeForm) -> Callable[[Session, Actor], Message]:
    def save(session: Session, actor: Actor) -> Message:
        draft = disputes.DisputeDraft(kind=DisputeKind(context.kind), summary=form.summary,
                                      amicable_tried=form.amicable, go_on=form.go_on, urgency=form.urgency)
        dispute = disputes.raise_for(session, person=actor.person, convention_id=context.convention_id, draft=draft,
                                     rule=deps.rule, fallback_admin=deps.settings.fallback_admin,
                                     now=deps.clock.now())
        programme = dispute.convention.programme
        return raised_ack(dispute, actor.person, coordinator_names(session, programme, deps.rule))

    return save


def _coordinator_answer(deps: Deps, body: dict, action: dict, respond: Respond, act: disputes.CoordinatorAct,
                        *, key_done: str | None) -> None:
    """Run a coordinator's click, then show them the case as it now stands."""
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id, fresh=True)  # a privileged act: re-read admin flag
        change = act(session, dispute_id=clicked_id(action), person=actor.person, rule=deps.rule,
                     now=deps.clock.now())
        message, note = coordinator_view(change.dispute, actor.person, done=change.done, key_done=key_done)
        convention_id = change.dispute.convention_id
    respond(text=message.text, blocks=as_dicts(message_blocks(message, header=False)), replace_original=True)
    if note:
        post_dm(deps.client_for(team_id), user_id, note)
    deps.deliver_now()
    refresh_homes(deps, deps.client_for(team_id), team_id, convention_id)


def register(app: App, deps: Deps) -> None:
    def submit(ack: Ack, body: dict, view: dict) -> None:
        context = DisputeContext.loads(view.get("private_metadata"))
        if context is None:
            ack()
            return
        user_id = body["user"]["id"]
        message = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS,
                            _save(deps, context, DisputeForm.from_view(view)))
        if message is None:
            return

        def after() -> None:
            blocks = as_dicts(message_blocks(message, header=False))
            post_dm(deps.client_for(context.team_id), user_id, message.text, blocks)
            deps.deliver_now()

        deps.soon(after)

    app.view(CallbackId.DIFFEREND_FORM_SUBMIT)(submit)
    app.view(CallbackId.EARLY_END_FORM_SUBMIT)(submit)

    on_click(app, deps, ActionId.DISPUTE_TAKE,
             lambda b, a, r, c: _coordinator_answer(deps, b, a, r, disputes.take, key_done=N_("dispute.taken.you")))
    on_click(app, deps, ActionId.DISPUTE_MEET,
             lambda b, a, r, c: _coordinator_answer(deps, b, a, r, disputes.request_meeting,
                                                    key_done=N_("dispute.meeting.sent")))
    on_click(app, deps, ActionId.DISPUTE_RESOLVE,
             lambda b, a, r, c: _coordinator_answer(deps, b, a, r, disputes.resolve, key_done=None))
    on_click(app, deps, ActionId.EARLY_END_CONFIRM,
             lambda b, a, r, c: _coordinator_answer(deps, b, a, r, disputes.confirm_early_end, key_done=None))

    def withdraw(body: dict, action: dict, respond: Respond, client: object) -> None:
        team_id, user_id = ids_from_body(body)
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, team_id, user_id)
            change = disputes.withdraw(session, dispute_id=clicked_id(action), person=actor.person,
                                       now=deps.clock.now())
            text = t(actor.lang, N_("early_end.withdrawn.you") if change.done else "dispute.already_closed")
        respond(text=text, replace_original=True)
        deps.deliver_now()

    on_click(app, deps, ActionId.EARLY_END_WITHDRAW, withdraw)
