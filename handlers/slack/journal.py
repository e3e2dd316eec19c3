"""`/mentorat ordre-du-jour` (the mentee's agenda, sent to the mentor) and `/mentorat notes` (private notes)."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.i18n.dates import format_moment
from bot.services import meetings, notes
from bot.services.errors import DomainError, NotAllowed
from bot.services.meeting_messages import when
from handlers.slack.deps import Actor, Deps, error_for, ids_from_body, resolve_actor
from handlers.slack.forms import FormContext, MeetingForm, NoteForm
from handlers.slack.home_publish import publish_home
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.render import as_typed
from handlers.slack.request import CommandRequest
from handlers.slack.views.journal import notes_blocks
from handlers.slack.views.meeting import agenda_modal, note_modal
from storage.db import session_scope
from storage.models import Convention, Meeting


def _mention(person) -> str:  # type: ignore[no-untyped-def]
    return f"<@{person.external_id}>"


def _agenda_view(deps: Deps, actor: Actor, convention: Convention, meeting: Meeting | None, team_id: str) -> dict:
    if meeting is not None:
        about = t(actor.lang, "agenda.modal.about_meeting", when=when(meeting, actor.lang, actor.tz),
                  mentor=_mention(convention.mentor))
        initial = meeting.agenda or ""
    else:
        about = t(actor.lang, "agenda.modal.about_next", mentor=_mention(convention.mentor))
        initial = convention.next_agenda or ""
    context = FormContext(team_id=team_id, kind="agenda", convention_id=convention.id,
                          meeting_id=meeting.id if meeting else None)
    return agenda_modal(actor.lang, about=about, mentor=_mention(convention.mentor), initial=initial,
                        metadata=context.dumps()).to_dict()


def run_agenda_command(req: CommandRequest) -> None:
    """Mentee: write (or rewrite) the agenda; with text after the command it is sent at once.
    Mentor: read what the mentee sent for the next meeting."""
    deps, now = req.deps, req.deps.clock.now()
    view = None
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.team_id, req.user_id)
        convention = meetings.plannable_convention(session, actor.person)
        meeting = next(iter(meetings.upcoming(session, convention, now)), None)
        if actor.person.id == convention.mentor_id:
            agenda = meeting.agenda if meeting is not None else convention.next_agenda
            mentee = _mention(convention.mentee)
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
    mentor = _mention(result.convention.mentor)
    if result.meeting is not None:
        return t(actor.lang, "agenda.sent.meeting", mentor=mentor, when=when(result.meeting, actor.lang, actor.tz))
    return t(actor.lang, "agenda.sent.next", mentor=mentor)


def open_agenda_modal(deps: Deps, client: WebClient, body: dict, meeting_id: int | None) -> None:
    team_id, user_id = ids_from_body(body)
    now = deps.clock.now()
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        if meeting_id is not None:
            meeting: Meeting | None = meetings.get_meeting(session, meeting_id, actor.person)
            assert meeting is not None
            convention = meeting.convention
        else:
            convention = meetings.plannable_convention(session, actor.person)
            meeting = next(iter(meetings.upcoming(session, convention, now)), None)
        if actor.person.id != convention.mentee_id:
            raise NotAllowed("agenda.mentee_only")
        view = _agenda_view(deps, actor, convention, meeting, team_id)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def notes_overview(deps: Deps, team_id: str, user_id: str) -> tuple[str, list[dict]]:
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        convention = meetings.plannable_convention(session, actor.person)
        found = notes.visible_notes(session, actor.person, convention)
        other = meetings.other_side(convention, actor.person)
        lines = [(n.note.body, format_moment(n.note.created_at, actor.tz, actor.lang, with_zone=False), n.mine,
                  n.note.shared_at is not None) for n in found]
        return t(actor.lang, "note.list.title"), notes_blocks(actor.lang, lines, other=_mention(other),
                                                               convention_id=convention.id)


def run_notes_command(req: CommandRequest) -> None:
    """`/mentorat notes` lists; `/mentorat notes <text>` keeps a private note at once."""
    deps = req.deps
    if req.args:
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, req.team_id, req.user_id)
            notes.add_note(session, person=actor.person, body=req.args, share=False, now=deps.clock.now())
            text = t(actor.lang, "note.saved.private")
        req.respond(text=text)
        return
    text, blocks = notes_overview(deps, req.team_id, req.user_id)
    req.respond(text=text, blocks=blocks)


def open_note_modal(deps: Deps, client: WebClient, body: dict, value: str) -> None:
    """`value` is "meeting:<id>" (a note about that meeting) or "convention:<id>"."""
    team_id, user_id = ids_from_body(body)
    kind, _, raw_id = value.partition(":")
    subject = int(raw_id) if raw_id.isdigit() else int(value)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        if kind == "convention":
            convention = meetings.plannable_convention(session, actor.person, subject)
            meeting_id, about = None, t(actor.lang, "note.modal.about")
        else:
            meeting = meetings.get_meeting(session, subject, actor.person)
            convention, meeting_id = meeting.convention, meeting.id
            about = t(actor.lang, "note.modal.about_meeting", when=when(meeting, actor.lang, actor.tz))
        other = meetings.other_side(convention, actor.person)
        context = FormContext(team_id=team_id, kind="note", convention_id=convention.id, meeting_id=meeting_id)
        view = note_modal(actor.lang, about=about, other=_mention(other), metadata=context.dumps())
    client.views_open(trigger_id=body["trigger_id"], view=view.to_dict())


FIELD_BLOCKS = {"agenda": BlockId.MEETING_AGENDA, "body": BlockId.NOTE_BODY}


def register(app: App, deps: Deps) -> None:
    @app.action(ActionId.AGENDA_WRITE)
    def write_agenda(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        meeting_id = int(action["value"]) if str(action.get("value", "")).isdigit() else None
        deps.ack_then(ack, body, client, respond, lambda: open_agenda_modal(deps, client, body, meeting_id))

    @app.action(ActionId.NOTE_WRITE)
    def write_note(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: open_note_modal(deps, client, body, action["value"]))

    def submitted(ack: Ack, body: dict, view: dict, save) -> str | None:  # type: ignore[no-untyped-def]
        """Run `save`; a field error stays in the modal. Returns the confirmation to DM."""
        context = FormContext.loads(view.get("private_metadata")) or FormContext(body["team"]["id"], "agenda")
        user_id = body["user"]["id"]
        try:
            with session_scope(deps.session_factory) as session:
                actor = resolve_actor(session, deps, context.team_id, user_id)
                text = save(session, actor, context)
        except DomainError as error:
            block = FIELD_BLOCKS.get(error.field or "")
            if block is not None:
                ack(response_action="errors", errors={block: error_for(deps, context.team_id, user_id, error)})
                return None
            ack()
            raise
        ack()
        return text

    def confirm_by_dm(client: WebClient, team_id: str, user_id: str, text: str) -> None:
        def work() -> None:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
            client.chat_postMessage(channel=channel, text=text)
            deps.deliver_now()
            publish_home(deps, client, team_id, user_id)  # the author's Home shows the new note or agenda

        if not deps.work.submit(work):
            work()

    @app.view(CallbackId.AGENDA_FORM_SUBMIT)
    def submit_agenda(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        def save(session, actor: Actor, context: FormContext) -> str:  # type: ignore[no-untyped-def]
            result = meetings.set_agenda(session, person=actor.person, text=MeetingForm.from_view(view).agenda,
                                         now=deps.clock.now(), meeting_id=context.meeting_id)
            return _sent_text(actor, result)

        text = submitted(ack, body, view, save)
        if text:
            confirm_by_dm(client, body["team"]["id"], body["user"]["id"], text)

    @app.view(CallbackId.NOTE_FORM_SUBMIT)
    def submit_note(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        def save(session, actor: Actor, context: FormContext) -> str:  # type: ignore[no-untyped-def]
            form = NoteForm.from_view(view)
            note = notes.add_note(session, person=actor.person, body=form.body, share=form.share,
                                  now=deps.clock.now(), meeting_id=context.meeting_id,
                                  convention_id=context.convention_id)
            if note.shared_at is None:
                return t(actor.lang, "note.saved.private")
            convention = session.get(Convention, note.convention_id)
            return t(actor.lang, "note.saved.shared", other=_mention(meetings.other_side(convention, actor.person)))

        text = submitted(ack, body, view, save)
        if text:
            confirm_by_dm(client, body["team"]["id"], body["user"]["id"], text)
