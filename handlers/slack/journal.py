"""`/mentorat ordre-du-jour` (the mentee's agenda, sent to the mentor) and `/mentorat notes` (private notes)."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.services import meetings, notes
from bot.services.errors import NotAllowed
from bot.services.meeting_messages import note_heading, note_intro, note_saved, when
from bot.services.people import mention
from bot.services.typed_text import number
from handlers.slack.deps import Actor, Deps, acting_in_slack
from handlers.slack.forms import FormContext, MeetingForm, NoteForm
from handlers.slack.home_publish import publish_home
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_value, on_click, open_modal, post_dm, save_form
from handlers.slack.render import as_typed
from handlers.slack.request import CommandRequest
from handlers.slack.views.journal import notes_blocks
from handlers.slack.views.meeting import agenda_modal, note_modal
from storage.models import Convention, Meeting


def _agenda_view(deps: Deps, actor: Actor, convention: Convention, meeting: Meeting | None, team_id: str) -> dict:
    if meeting is not None:
        about = t(actor.lang, "agenda.modal.about_meeting", when=when(meeting, actor.lang, actor.tz),
                  mentor=mention(convention.mentor))
        initial = meeting.agenda or ""
    else:
        about = t(actor.lang, "agenda.modal.about_next", mentor=mention(convention.mentor))
        initial = convention.next_agenda or ""
    context = FormContext(team_id=team_id, kind="agenda", convention_id=convention.id,
                          meeting_id=meeting.id if meeting else None)
    return agenda_modal(actor.lang, about=about, mentor=mention(convention.mentor), initial=initial,
                        metadata=context.dumps()).to_dict()


def run_agenda_command(req: CommandRequest) -> None:
    """Mentee: write (or rewrite) the agenda; with text after the command it is sent at once.
    Mentor: read what the mentee sent for the next meeting."""
    deps, now = req.deps, req.deps.clock.now()
    view = None
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        convention = meetings.plannable_convention(session, actor.person)
        meeting = next(iter(meetings.upcoming(session, convention, now)), None)
        if actor.person.id == convention.mentor_id:
            agenda = meeting.agenda if meeting is not None else convention.next_agenda
            mentee = mention(convention.mentee)
            text = (t(actor.lang, "agenda.mentor_view", person=mentee, agenda=as_typed(agenda)) if agenda
                    else t(actor.lang, "agenda.mentor_none", person=mentee))
        elif req.args:
            result = meetings.set_agenda(session, person=actor.person, text=req.args, now=now)
            text = _sent_text(actor, result)
        else:
            view = _agenda_view(deps, actor, convention, meeting, req.team_id)
    if view is not None:
        req.client.views_open(trigger_id=req.body["trigger_id"], view=view)
        return
    req.respond(text=text)
    deps.deliver_now()


def _sent_text(actor: Actor, result: meetings.AgendaResult) -> str:
    mentor = mention(result.convention.mentor)
    if result.meeting is not None:
        return t(actor.lang, "agenda.sent.meeting", mentor=mentor, when=when(result.meeting, actor.lang, actor.tz))
    return t(actor.lang, "agenda.sent.next", mentor=mentor)


def open_agenda_modal(deps: Deps, client: WebClient, body: dict, meeting_id: int | None) -> None:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        if meeting_id is not None:
            meeting: Meeting | None = meetings.get_meeting(session, meeting_id, actor.person)
            assert meeting is not None
            convention = meeting.convention
        else:
            convention = meetings.plannable_convention(session, actor.person)
            meeting = next(iter(meetings.upcoming(session, convention, deps.clock.now())), None)
        if actor.person.id != convention.mentee_id:
            raise NotAllowed("agenda.mentee_only")
        return _agenda_view(deps, actor, convention, meeting, team_id)

    open_modal(deps, client, body, build)


def notes_overview(deps: Deps, team_id: str, user_id: str) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        convention = meetings.plannable_convention(session, actor.person)
        found = notes.visible_notes(session, actor.person, convention)
        other = meetings.other_side(convention, actor.person)
        lines = [(note_heading(n, actor.lang, actor.tz, other), n.note.body) for n in found]
        return t(actor.lang, "note.list.title"), notes_blocks(actor.lang, lines, convention_id=convention.id)


def run_notes_command(req: CommandRequest) -> None:
    """`/mentorat notes` lists; `/mentorat notes <text>` keeps a private note at once."""
    deps = req.deps
    if req.args:
        with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
            notes.add_note(session, person=actor.person, body=req.args, share=False, now=deps.clock.now())
            text = t(actor.lang, "note.saved.private")
        req.respond(text=text)
        return
    text, blocks = notes_overview(deps, req.team_id, req.user_id)
    req.respond(text=text, blocks=blocks)


def open_note_modal(deps: Deps, client: WebClient, body: dict, value: str) -> None:
    """`value` is "meeting:<id>" (a note about that meeting) or "convention:<id>"."""
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        target = notes.note_target(session, actor.person, value)
        meeting_id = target.meeting.id if target.meeting else None
        other = meetings.other_side(target.convention, actor.person)
        context = FormContext(team_id=team_id, kind="note", convention_id=target.convention.id, meeting_id=meeting_id)
        return note_modal(actor.lang, about=note_intro(target.meeting, actor.lang, actor.tz), other=mention(other),
                          metadata=context.dumps()).to_dict()

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
            result = meetings.set_agenda(session, person=actor.person, text=MeetingForm.from_view(view).agenda,
                                         now=deps.clock.now(), meeting_id=context.meeting_id)
            return _sent_text(actor, result)

        submitted(ack, body, view, client, save)

    @app.view(CallbackId.NOTE_FORM_SUBMIT)
    def submit_note(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        def save(session: Session, actor: Actor, context: FormContext) -> str:
            form = NoteForm.from_view(view)
            note = notes.add_note(session, person=actor.person, body=form.body, share=form.share,
                                  now=deps.clock.now(), meeting_id=context.meeting_id,
                                  convention_id=context.convention_id)
            return note_saved(session, note, actor.person, actor.lang)

        submitted(ack, body, view, client, save)
