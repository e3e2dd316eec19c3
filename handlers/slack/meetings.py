"""`/mentorat prochaine-rencontre` and everything around a meeting: the modal, the answers to a
proposal, moving and cancelling, the .ics, and the check-in after it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.services import meetings
from bot.services.errors import Conflict
from bot.services.meeting_messages import (
    checkin_answered,
    confirmed_message,
    invitation,
    proposal_closed_message,
    proposal_message,
    retire_messages,
    when,
)
from bot.services.people import mention
from handlers.slack.deps import Actor, Deps, ids_from_body, resolve_actor
from handlers.slack.forms import FormContext, MeetingForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, dm_channel, on_click, open_modal, post_dm, save_form
from handlers.slack.render import as_dicts, message_blocks
from handlers.slack.request import CommandRequest
from handlers.slack.views.meeting import MeetingPrefill, cancel_modal, meeting_modal
from storage.db import session_scope
from storage.models import Convention, Meeting, MeetingStatus

FIELD_BLOCKS = {
    "date": BlockId.MEETING_DATE, "time": BlockId.MEETING_TIME, "duration": BlockId.MEETING_DURATION,
    "mode": BlockId.MEETING_MODE, "location": BlockId.MEETING_LOCATION, "agenda": BlockId.MEETING_AGENDA,
    "reason": BlockId.MEETING_REASON,
}
OUTCOME_OF_ACTION = {ActionId.MEETING_HELD: meetings.Outcome.HELD,
                     ActionId.MEETING_POSTPONED: meetings.Outcome.POSTPONED,
                     ActionId.MEETING_MISSED: meetings.Outcome.MISSED}


def _draft(form: MeetingForm, tz: str) -> meetings.MeetingDraft:
    return meetings.MeetingDraft(day=form.day, time=form.time, tz=tz, duration_minutes=form.duration,
                                 mode=form.mode, location=form.location, agenda=form.agenda)


def _plan_view(deps: Deps, actor: Actor, convention: Convention, *, kind: str, team_id: str,
               meeting: Meeting | None = None) -> dict:
    programme = convention.programme
    other = meetings.other_side(convention, actor.person)
    prefill = MeetingPrefill.from_meeting(meeting, actor.tz) if meeting is not None else None
    if prefill is None and convention.next_agenda and actor.person.id == convention.mentee_id:
        prefill = MeetingPrefill(agenda=convention.next_agenda)
    context = FormContext(team_id=team_id, kind=kind, convention_id=convention.id,
                          meeting_id=meeting.id if meeting else None)
    view = meeting_modal(actor.lang, actor.tz, deps.clock.now(), low=programme.meeting_min_minutes,
                         high=programme.meeting_max_minutes, other=mention(other), kind=kind,
                         metadata=context.dumps(), prefill=prefill)
    return view.to_dict()


def open_plan_modal(deps: Deps, client: WebClient, body: dict, convention_id: int | None = None) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        convention = meetings.plannable_convention(session, actor.person, convention_id)
        return _plan_view(deps, actor, convention, kind="new", team_id=team_id)

    open_modal(deps, client, body, build)


def next_meeting_answer(deps: Deps, team_id: str, user_id: str,
                        convention_id: int | None = None) -> tuple[str, list[dict]] | dict:
    """What `/mentorat prochaine-rencontre` answers: (text, blocks) of the next confirmed meeting or
    of the proposal waiting for the person; else the meeting modal to open (a view)."""
    now = deps.clock.now()
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        convention = meetings.plannable_convention(session, actor.person, convention_id)
        ahead = meetings.upcoming(session, convention, now)
        confirmed = next((m for m in ahead if m.status == MeetingStatus.CONFIRMED), None)
        waiting = next((m for m in ahead if m.status == MeetingStatus.PROPOSED
                        and m.proposed_by_id != actor.person.id), None)
        if confirmed is not None:
            message = confirmed_message(confirmed, actor.person, now, with_file=False)
        elif waiting is not None:
            message = proposal_message(session, waiting, actor.person)
        else:
            return _plan_view(deps, actor, convention, kind="new", team_id=team_id)
    return message.text, as_dicts(message_blocks(message, header=False))


def run_meeting_command(req: CommandRequest) -> None:
    answer = next_meeting_answer(req.deps, req.team_id, req.user_id)
    if isinstance(answer, dict):
        req.client.views_open(trigger_id=req.body["trigger_id"], view=answer)
    else:
        req.respond(text=answer[0], blocks=answer[1])


# -- the meeting form --------------------------------------------------------------------------
@dataclass(frozen=True)
class Saved:
    text: str
    retired: list[int]
    convention_id: int


def save_meeting_form(deps: Deps, context: FormContext, form: MeetingForm) -> Callable[[Session, Actor], Saved]:
    def save(session: Session, actor: Actor) -> Saved:
        now = deps.clock.now()
        draft = _draft(form, actor.tz)
        if context.kind == "counter" and context.meeting_id:
            proposal = meetings.counter(session, meeting_id=context.meeting_id, person=actor.person, draft=draft,
                                        now=now)
        elif context.kind == "move" and context.meeting_id:
            proposal = meetings.move(session, meeting_id=context.meeting_id, person=actor.person, draft=draft,
                                     reason=form.reason, now=now)
        else:
            convention = meetings.plannable_convention(session, actor.person, context.convention_id)
            proposal = meetings.propose(session, convention=convention, person=actor.person, draft=draft, now=now)
        meeting = proposal.meeting
        other = meetings.other_side(meeting.convention, actor.person)
        text = t(actor.lang, "meeting.proposal.sent", other=mention(other), when=when(meeting, actor.lang, actor.tz))
        return Saved(text, proposal.retired, meeting.convention_id)

    return save


# -- answers to a proposal and changes to a meeting -----------------------------------------------
def confirm_proposal(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        result = meetings.confirm(session, meeting_id=clicked_id(action), person=actor.person,
                                  now=deps.clock.now())
        key = N_("meeting.closed.already") if result.already else N_("meeting.closed.confirmed")
        message = proposal_closed_message(result.meeting, actor.person, key)
        convention_id = result.meeting.convention_id
    respond(text=message.text, blocks=as_dicts(message_blocks(message, header=False)), replace_original=True)
    deps.deliver_now()
    refresh_homes(deps, deps.client_for(team_id), team_id, convention_id)


def _clicked_meeting(session: Session, actor: Actor, action: dict, status: MeetingStatus, gone_key: str) -> Meeting:
    """The meeting a button is about, if the clicker is of its pair and it is still in `status`."""
    meeting = meetings.get_meeting(session, clicked_id(action), actor.person)
    if meeting.status != status:
        raise Conflict(gone_key)
    return meeting


def open_counter_modal(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        meeting = _clicked_meeting(session, actor, action, MeetingStatus.PROPOSED, N_("meeting.proposal_gone"))
        return _plan_view(deps, actor, meeting.convention, kind="counter", team_id=team_id, meeting=meeting)

    open_modal(deps, client, body, build)


def open_move_modal(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        meeting = _clicked_meeting(session, actor, action, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        return _plan_view(deps, actor, meeting.convention, kind="move", team_id=team_id, meeting=meeting)

    open_modal(deps, client, body, build)


def open_cancel_modal(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        meeting = _clicked_meeting(session, actor, action, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        other = meetings.other_side(meeting.convention, actor.person)
        context = FormContext(team_id=team_id, kind="cancel", meeting_id=meeting.id)
        return cancel_modal(actor.lang, when=when(meeting, actor.lang, actor.tz), other=mention(other),
                            metadata=context.dumps()).to_dict()

    open_modal(deps, client, body, build)


def send_invitation(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        meeting = _clicked_meeting(session, actor, action, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        file = invitation(meeting, actor.person, deps.clock.now())
    client.files_upload_v2(channel=dm_channel(client, user_id), content=file.content, filename=file.filename,
                           title=file.title)


def answer_checkin(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        result = meetings.record_outcome(session, meeting_id=clicked_id(action), person=actor.person,
                                         outcome=OUTCOME_OF_ACTION[ActionId(action["action_id"])],
                                         now=deps.clock.now())
        message = checkin_answered(result, actor.person, actor.lang)
        meeting_id, person_id, already = result.meeting.id, actor.person.id, result.already
        convention_id = result.meeting.convention_id
    respond(text=message.text, blocks=as_dicts(message_blocks(message, header=False)), replace_original=True)
    if not already:
        retire_messages(deps.session_factory, deps.notifier, "meeting_checkin", [meeting_id], N_("checkin.closed"),
                        skip_person=person_id)
        deps.deliver_now()
        refresh_homes(deps, deps.client_for(team_id), team_id, convention_id)


def register(app: App, deps: Deps) -> None:
    on_click(app, deps, ActionId.MEETING_CONFIRM, lambda b, a, r, c: confirm_proposal(deps, b, a, r))
    on_click(app, deps, ActionId.MEETING_COUNTER, lambda b, a, r, c: open_counter_modal(deps, c, b, a))
    on_click(app, deps, ActionId.MEETING_MOVE, lambda b, a, r, c: open_move_modal(deps, c, b, a))
    on_click(app, deps, ActionId.MEETING_CANCEL, lambda b, a, r, c: open_cancel_modal(deps, c, b, a))
    on_click(app, deps, ActionId.MEETING_ICS, lambda b, a, r, c: send_invitation(deps, c, b, a))
    for plan_action in (ActionId.MEETING_PLAN, ActionId.NUDGE_PLAN_MEETING):
        on_click(app, deps, plan_action, lambda b, a, r, c: open_plan_modal(deps, c, b, clicked_id(a)))
    for checkin_action in OUTCOME_OF_ACTION:
        on_click(app, deps, checkin_action, lambda b, a, r, c: answer_checkin(deps, b, a, r))

    @app.view(CallbackId.MEETING_FORM_SUBMIT)
    def submit_meeting(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata")) or FormContext(body["team"]["id"], "new")
        user_id = body["user"]["id"]
        saved = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS,
                          save_meeting_form(deps, context, MeetingForm.from_view(view)))
        if saved is None:
            return

        def after() -> None:
            post_dm(client, user_id, saved.text)
            retire_messages(deps.session_factory, deps.notifier, "meeting_proposal", saved.retired,
                            N_("meeting.closed.replaced"))
            deps.deliver_now()
            refresh_homes(deps, client, context.team_id, saved.convention_id)

        deps.soon(after)

    @app.view(CallbackId.MEETING_CANCEL_SUBMIT)
    def submit_cancel(ack: Ack, body: dict, view: dict) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        if context is None or context.meeting_id is None:
            ack()
            return
        meeting_id, reason = context.meeting_id, MeetingForm.from_view(view).reason

        def cancel(session: Session, actor: Actor) -> int:
            return meetings.cancel(session, meeting_id=meeting_id, person=actor.person, reason=reason,
                                   now=deps.clock.now()).convention_id

        convention_id = save_form(ack, deps, context.team_id, body["user"]["id"], FIELD_BLOCKS, cancel)
        if convention_id is None:
            return

        def after() -> None:
            deps.deliver_now()
            refresh_homes(deps, deps.client_for(context.team_id), context.team_id, convention_id)

        deps.soon(after)
