"""`/mentorat ordre-du-jour` (the mentee's agenda, sent to the mentor) and `/mentorat notes` (private notes)."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.services.typed_text import number
from bot.usecases import meetings as meeting_actions
from bot.usecases import notes as note_actions
from bot.usecases.outcome import Done
from handlers.slack.deps import Actor, Deps, acting_in_slack
from handlers.slack.forms import FormContext, MeetingForm, NoteForm
from handlers.slack.home_publish import publish_home
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_value, on_click, open_modal, post_dm, save_form
from handlers.slack.render import as_dicts, mention_of, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.journal import notes_blocks
from handlers.slack.views.meeting import agenda_modal, note_modal


def _agenda_view(actor: Actor, form: meeting_actions.AgendaFormView, team_id: str) -> dict:
    context = FormContext(team_id=team_id, kind="agenda", convention_id=form.convention.id,
                          meeting_id=form.meeting.id if form.meeting else None)
    return agenda_modal(actor.lang, about=mrkdwn(form.about), mentor=mention_of(form.convention.mentor),
                        initial=form.initial, metadata=context.dumps()).to_dict()


def run_agenda_command(req: CommandRequest) -> None:
    """`/mentorat ordre-du-jour` (bot/usecases/meetings.agenda_command)."""
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        answer = meeting_actions.agenda_command(session, actor, deps.clock.now(), req.args, req.convention_id)
        view = None if isinstance(answer, Done) else _agenda_view(actor, answer, req.team_id)
    if isinstance(answer, Done):
        req.respond(text=mrkdwn(answer.reply.text), blocks=as_dicts(message_blocks(answer.reply, header=False)))
        if answer.changed:
            deps.deliver_now()
    elif view is not None:
        req.client.views_open(trigger_id=req.body["trigger_id"], view=view)


def open_agenda_modal(deps: Deps, client: WebClient, body: dict, meeting_id: int | None) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        return _agenda_view(actor, meeting_actions.agenda_form(session, actor, deps.clock.now(), meeting_id), team_id)

    open_modal(deps, client, body, build)


def notes_overview(deps: Deps, team_id: str, user_id: str, convention_id: int | None = None
                   ) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        view = note_actions.shown(session, actor, convention_id)
        headed = [(mrkdwn(heading), body) for heading, body in view.lines]
        return t(actor.lang, "note.list.title"), notes_blocks(actor.lang, headed, convention_id=view.convention.id)


def run_notes_command(req: CommandRequest) -> None:
    """`/mentorat notes` lists; `/mentorat notes <text>` keeps a private note at once."""
    deps = req.deps
    if req.args:
        with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
            text = note_actions.keep_private(session, actor, deps.clock.now(), req.args)
        req.respond(text=text)
        return
    text, blocks = notes_overview(deps, req.team_id, req.user_id, req.convention_id)
    req.respond(text=text, blocks=blocks)


def _note_target(context: FormContext) -> str:
    """The form's target as the notes service names it."""
    if context.meeting_id is not None:
        return f"meeting:{context.meeting_id}"
    return f"convention:{context.convention_id}"


def open_note_modal(deps: Deps, client: WebClient, body: dict, value: str) -> None:
    """`value` is "meeting:<id>" (a note about that meeting) or "convention:<id>"."""
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        form = note_actions.note_form(session, actor, value)
        meeting_id = form.target_of.meeting.id if form.target_of.meeting else None
        context = FormContext(team_id=team_id, kind="note", convention_id=form.target_of.convention.id,
                              meeting_id=meeting_id)
        return note_modal(actor.lang, about=form.about, other=mention_of(form.other), metadata=context.dumps()).to_dict()

    open_modal(deps, client, body, build)


FIELD_BLOCKS = {"agenda": BlockId.MEETING_AGENDA, "body": BlockId.NOTE_BODY}


def register(app: App, deps: Deps) -> None:
    def write_agenda(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        value = str(action.get("value", ""))
        open_agenda_modal(deps, client, body, number(value))

    on_click(app, deps, ActionId.AGENDA_WRITE, write_agenda)
    on_click(app, deps, ActionId.NOTE_WRITE, lambda b, a, r, c: open_note_modal(deps, c, b, clicked_value(a)))

    def submitted(ack: Ack, body: dict, view: dict, client: WebClient,
                  save: Callable[[Session, Actor, FormContext], str]) -> None:
        """Save the form; then confirm by DM and refresh the author's Home (which shows notes)."""
        context = FormContext.loads(view.get("private_metadata")) or FormContext(body["team"]["id"], "agenda")
        user_id = body["user"]["id"]
        text = save_form(ack, deps, context.team_id, user_id, FIELD_BLOCKS,
                         lambda session, actor: save(session, actor, context))
        if not text:
            return

        def after() -> None:
            post_dm(client, user_id, text)
            deps.deliver_now()
            publish_home(deps, client, context.team_id, user_id)

        deps.soon(after)

    @app.view(CallbackId.AGENDA_FORM_SUBMIT)
    def submit_agenda(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        def save(session: Session, actor: Actor, context: FormContext) -> str:
            typed = MeetingForm.from_view(view).agenda
            done = meeting_actions.send_agenda(session, actor, deps.clock.now(), typed, context.meeting_id,
                                               context.convention_id)
            return mrkdwn(done.reply.text)

        submitted(ack, body, view, client, save)

    @app.view(CallbackId.NOTE_FORM_SUBMIT)
    def submit_note(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        def save(session: Session, actor: Actor, context: FormContext) -> str:
            form = NoteForm.from_view(view)
            return mrkdwn(note_actions.save_note(session, actor, deps.clock.now(), _note_target(context), form.body,
                                                 form.share))

        submitted(ack, body, view, client, save)
