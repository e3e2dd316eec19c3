"""`/mentorat prochaine-rencontre` and everything around a meeting on Slack: the modal, the answers to
a proposal, moving and cancelling, the .ics, and the check-in after it (bot/usecases/meetings.py)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.notify import Message
from bot.services import meetings
from bot.services.errors import InvalidInput
from bot.services.meeting_messages import when
from bot.services.typed_text import row_id
from bot.usecases import meetings as meeting_actions
from bot.usecases.meetings import FormKind
from bot.usecases.outcome import Done, retire_stale
from handlers.slack.deps import Actor, Deps, acting_in_slack, ids_from_body
from handlers.slack.forms import FormContext, MeetingForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, dm_channel, on_click, open_modal, post_dm, save_form
from handlers.slack.render import as_dicts, mention_of, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.meeting import MeetingPrefill, cancel_modal, meeting_modal

FIELD_BLOCKS = {
    "date": BlockId.MEETING_DATE, "time": BlockId.MEETING_TIME, "duration": BlockId.MEETING_DURATION,
    "mode": BlockId.MEETING_MODE, "location": BlockId.MEETING_LOCATION, "agenda": BlockId.MEETING_AGENDA,
    "reason": BlockId.MEETING_REASON,
}
OUTCOME_OF_ACTION = {ActionId.MEETING_HELD: meetings.Outcome.HELD,
                     ActionId.MEETING_POSTPONED: meetings.Outcome.POSTPONED,
                     ActionId.MEETING_MISSED: meetings.Outcome.MISSED}
KIND_OF_ACTION = {ActionId.MEETING_PLAN: FormKind.NEW, ActionId.NUDGE_PLAN_MEETING: FormKind.NEW,
                  ActionId.MEETING_COUNTER: FormKind.COUNTER, ActionId.MEETING_MOVE: FormKind.MOVE}


def _form_view(deps: Deps, actor: Actor, form: meeting_actions.MeetingFormView, team_id: str) -> dict:
    terms = form.convention.version
    is_meeting = form.kind != FormKind.NEW
    context = FormContext(team_id=team_id, kind=form.kind.value, convention_id=form.convention.id,
                          meeting_id=form.subject_id if is_meeting else None)
    view = meeting_modal(actor.lang, actor.tz, deps.clock.now(), low=terms.meeting_min_minutes,
                         high=terms.meeting_max_minutes, other=mention_of(form.other), kind=form.kind.value,
                         metadata=context.dumps(), prefill=MeetingPrefill.from_fields(form.prefill),
                         note=mrkdwn(form.start_note) if form.start_note else None)
    return view.to_dict()


def _entry(view: dict) -> meeting_actions.MeetingEntry:
    form = MeetingForm.from_view(view)
    return meeting_actions.MeetingEntry(day=form.day, time=form.time, duration=form.duration, mode=form.mode,
                                        location=form.location, agenda=form.agenda, reason=form.reason)


def _reply(respond: Respond, message: Message) -> None:
    respond(text=mrkdwn(message.text), blocks=as_dicts(message_blocks(message, header=False)), replace_original=True)


def _settle(deps: Deps, team_id: str, done: Done) -> None:
    """After the commit: retire stale buttons, send what was queued, refresh both App Homes."""
    retire_stale(deps, done)
    if done.changed:
        deps.deliver_now()
        refresh_homes(deps, deps.client_for(team_id), team_id, done.convention_id)


def next_meeting_answer(deps: Deps, team_id: str, user_id: str, convention_id: int | None = None) -> Message | dict:
    """The next meeting or the proposal waiting (a message), else the meeting modal to open (a view)."""
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        answer = meeting_actions.next_meeting(session, actor, deps.clock.now(), convention_id)
        return answer if isinstance(answer, Message) else _form_view(deps, actor, answer, team_id)


def run_meeting_command(req: CommandRequest) -> None:
    """`/mentorat prochaine-rencontre`."""
    answer = next_meeting_answer(req.deps, req.team_id, req.user_id, req.convention_id)
    if isinstance(answer, Message):
        req.respond(text=mrkdwn(answer.text), blocks=as_dicts(message_blocks(answer, header=False)))
    else:
        req.client.views_open(trigger_id=req.body["trigger_id"], view=answer)


def open_meeting_modal(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    kind = KIND_OF_ACTION[ActionId(action["action_id"])]

    def build(session: Session, actor: Actor, team_id: str) -> dict:
        subject = row_id(action.get("value"))
        if subject is None and kind != FormKind.NEW:
            raise InvalidInput("error.stale_button")
        return _form_view(deps, actor, meeting_actions.meeting_form(session, actor, kind, subject), team_id)

    open_modal(deps, client, body, build)


def open_cancel_modal(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        meeting = meeting_actions.cancel_form(session, actor, clicked_id(action))
        other = meetings.other_side(meeting.convention, actor.person)
        context = FormContext(team_id=team_id, kind="cancel", meeting_id=meeting.id)
        return cancel_modal(actor.lang, when=str(when(meeting, actor.lang, actor.tz)), other=mention_of(other),
                            metadata=context.dumps()).to_dict()

    open_modal(deps, client, body, build)


def confirm_proposal(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        done = meeting_actions.confirm(session, actor, deps.clock.now(), clicked_id(action))
    _reply(respond, done.reply)
    _settle(deps, team_id, done)


def send_invitation(deps: Deps, client: WebClient, body: dict, action: dict) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        _meeting, file = meeting_actions.invitation_file(session, actor, deps.clock.now(), clicked_id(action))
    client.files_upload_v2(channel=dm_channel(client, user_id), content=file.content, filename=file.filename,
                           title=file.title)


def answer_checkin(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    outcome = OUTCOME_OF_ACTION[ActionId(action["action_id"])]
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        done = meeting_actions.answer_checkin(session, actor, deps.clock.now(), clicked_id(action), outcome)
    _reply(respond, done.reply)
    _settle(deps, team_id, done)


def register(app: App, deps: Deps) -> None:
    on_click(app, deps, ActionId.MEETING_CONFIRM, lambda b, a, r, c: confirm_proposal(deps, b, a, r))
    for form_action in KIND_OF_ACTION:
        on_click(app, deps, form_action, lambda b, a, r, c: open_meeting_modal(deps, c, b, a))
    on_click(app, deps, ActionId.MEETING_CANCEL, lambda b, a, r, c: open_cancel_modal(deps, c, b, a))
    on_click(app, deps, ActionId.MEETING_ICS, lambda b, a, r, c: send_invitation(deps, c, b, a))
    for checkin_action in OUTCOME_OF_ACTION:
        on_click(app, deps, checkin_action, lambda b, a, r, c: answer_checkin(deps, b, a, r))

    @app.view(CallbackId.MEETING_FORM_SUBMIT)
    def submit_meeting(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata")) or FormContext(body["team"]["id"], "new")
        kind = FormKind(context.kind) if context.kind in FormKind._value2member_map_ else FormKind.NEW
        subject = context.meeting_id if kind != FormKind.NEW else context.convention_id
        entry, user_id = _entry(view), body["user"]["id"]
        done = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS, lambda session, actor:
                         meeting_actions.save_meeting(session, actor, deps.clock.now(), kind, subject, entry))
        if done is None:
            return

        def after() -> None:
            post_dm(client, user_id, mrkdwn(done.reply.text), as_dicts(message_blocks(done.reply, header=False)))
            _settle(deps, context.team_id, done)

        deps.soon(after)

    @app.view(CallbackId.MEETING_CANCEL_SUBMIT)
    def submit_cancel(ack: Ack, body: dict, view: dict) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        if context is None or context.meeting_id is None:
            ack()
            return
        meeting_id, reason = context.meeting_id, MeetingForm.from_view(view).reason
        done = save_form(ack, deps, context.team_id, body["user"]["id"], FIELD_BLOCKS, lambda session, actor:
                         meeting_actions.cancel(session, actor, deps.clock.now(), meeting_id, reason))
        if done is not None:
            deps.soon(lambda: _settle(deps, context.team_id, done))
