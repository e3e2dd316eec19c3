"""Meetings on Teams: `mentorat prochaine-rencontre` (the meeting card), the answers to a proposal
(confirm, counter-propose), moving a meeting, the check-in after it and `mentorat ordre-du-jour`.

The same use cases as Slack (bot/usecases/meetings.py); Slack's modals are Adaptive Card forms here,
and a refused form comes back in place with what was typed.
"""

from __future__ import annotations

import re

from bot.actor import Actor
from bot.i18n import labels, t
from bot.i18n.dates import zone_name
from bot.i18n.rich import rt
from bot.notify import Message
from bot.services import actions, meetings
from bot.services.errors import DomainError, InvalidInput
from bot.services.meeting_messages import (
    meeting_facts,
    when,
)
from bot.services.people import mention
from bot.services.typed_text import number, picked_date, row_id
from bot.usecases import meetings as meeting_actions
from bot.usecases.meetings import FormKind
from bot.usecases.outcome import Done, retire_stale
from handlers.teams.cards import teams_text
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsDeps,
    TeamsRequest,
    message_reply,
    refused_state,
)
from handlers.teams.forms import FormState, choice_input, date_input, form_card, text_input, time_input
from storage.models import Meeting, MeetingMode

# Card actions of the forms (the neutral buttons' keys are in bot/services/actions.py).
MEETING_NEW_SUBMIT = "teams-meeting-new-submit"  # value: the convention id
MEETING_COUNTER_SUBMIT = "teams-meeting-counter-submit"  # value: the proposal answered
MEETING_MOVE_SUBMIT = "teams-meeting-move-submit"  # value: the confirmed meeting moved
MEETING_CANCEL_SUBMIT = "teams-meeting-cancel-submit"  # value: the confirmed meeting cancelled
AGENDA_SUBMIT = "teams-agenda-submit"  # value: the meeting id, or "" for the next meeting
SUBMIT_KIND = {MEETING_NEW_SUBMIT: FormKind.NEW, MEETING_COUNTER_SUBMIT: FormKind.COUNTER,
               MEETING_MOVE_SUBMIT: FormKind.MOVE}
KIND_OF_ACTION = {actions.NUDGE_PLAN_MEETING: FormKind.NEW, actions.MEETING_PLAN: FormKind.NEW,
                  actions.MEETING_COUNTER: FormKind.COUNTER, actions.MEETING_MOVE: FormKind.MOVE}
ACTION_OF_KIND = {kind: key for key, kind in SUBMIT_KIND.items()}
FIELDS = ("date", "time", "duration", "mode", "location", "agenda", "reason")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:\d\d)?$")
OUTCOME_OF_ACTION = {actions.MEETING_HELD: meetings.Outcome.HELD,
                     actions.MEETING_POSTPONED: meetings.Outcome.POSTPONED,
                     actions.MEETING_MISSED: meetings.Outcome.MISSED}


def meeting_card(deps: TeamsDeps, actor: Actor, form: meeting_actions.MeetingFormView,
                 state: FormState | None = None) -> Reply:
    """The meeting form ("new", "counter" a proposal, "move" a confirmed meeting), as Slack's modal."""
    lang, tz, kind, subject_id = actor.lang, actor.tz, form.kind.value, form.subject_id
    other = form.other
    lengths = [str(m) for m in form.durations]
    fill = form.prefill
    if state is None:
        state = FormState(fill)
    duration = fill["duration"] if fill.get("duration") in lengths else lengths[0]
    body = [
        *date_input("date", t(lang, "meeting.modal.date"), state, error_message=t(lang, "error.meeting.date_missing")),
        *time_input("time", t(lang, "meeting.modal.time", zone=zone_name(deps.clock.now(), tz, lang)), state,
                    error_message=t(lang, "error.meeting.time_missing")),
        *choice_input("duration", t(lang, "meeting.modal.duration"), state,
                      [(t(lang, "meeting.minutes", minutes=m), m) for m in lengths],
                      default=duration, required=True),
        *choice_input("mode", t(lang, "meeting.modal.mode"), state,
                      [(t(lang, labels.MEETING_MODE[m]), m.value) for m in MeetingMode],
                      default=fill.get("mode", MeetingMode.VIDEO.value), expanded=True, required=True,
                      error_message=t(lang, "error.meeting.mode")),
        *text_input("location", t(lang, "meeting.modal.location"), state, max_length=meetings.LOCATION_LIMIT,
                    placeholder=t(lang, "meeting.modal.location_hint")),
    ]
    if kind == "move":
        body += text_input("reason", t(lang, "meeting.modal.reason"), state, multiline=True,
                           max_length=meetings.REASON_LIMIT, required=True,
                           placeholder=teams_text(rt(lang, "meeting.modal.reason_hint", other=mention(other))),
                           error_message=t(lang, "error.meeting.reason_missing"))
    else:
        body += text_input("agenda", t(lang, "meeting.modal.agenda"), state, multiline=True,
                           max_length=meetings.AGENDA_LIMIT, placeholder=t(lang, "meeting.modal.agenda_hint"))
    intro = teams_text(rt(lang, labels.MEETING_FORM_INTRO[kind], other=mention(other)))
    if form.start_note is not None:
        intro += "\n\n" + teams_text(form.start_note)
    title = t(lang, labels.MEETING_FORM_TITLE[kind])
    content = form_card(lang, title, body, submit_label=t(lang, labels.MEETING_FORM_SUBMIT[kind]),
                        action=ACTION_OF_KIND[form.kind], value=str(subject_id), intro=intro, state=state)
    content["body"].append({"type": "TextBlock", "wrap": True, "isSubtle": True, "size": "Small",
                            "text": teams_text(rt(lang, "meeting.modal.footer", other=mention(other)))})
    return Reply(content, title, replace=bool(state.errors))


# -- opening the card ------------------------------------------------------------------------------
def next_meeting(req: TeamsRequest) -> list[Reply]:
    """`mentorat prochaine-rencontre`: the next confirmed meeting, or the proposal waiting for the person,
    else the meeting card."""
    with req.acting() as (session, actor):
        answer = meeting_actions.next_meeting(session, actor, req.deps.clock.now(), req.convention_id)
        if isinstance(answer, Message):
            return [message_reply(answer)]
        return [meeting_card(req.deps, actor, answer)]


def open_form(req: TeamsRequest) -> list[Reply]:
    """"Planifier" (the nudge's, the check-in's: value, the convention), "Proposer un autre moment",
    "Déplacer" (value: the meeting)."""
    kind = KIND_OF_ACTION[req.field("mentorat")]
    subject = row_id(req.field("value")) if kind == FormKind.NEW else req.subject_id()
    with req.acting() as (session, actor):
        return [meeting_card(req.deps, actor, meeting_actions.meeting_form(session, actor, kind, subject))]


# -- the submitted card ------------------------------------------------------------------------------
def _as_time(raw: str) -> str | None:
    found = TIME.match(raw.strip())
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None


def entry_of(values: dict[str, str]) -> meeting_actions.MeetingEntry:
    """The card's values as Slack's MeetingForm reads its modal."""
    if values.get("date", "").strip() and picked_date(values["date"]) is None:
        raise InvalidInput("error.meeting.date_missing", field="date")
    return meeting_actions.MeetingEntry(
        day=picked_date(values.get("date", "")), time=_as_time(values.get("time", "")),
        duration=number(values.get("duration", "").strip()), mode=values.get("mode") or None,
        location=values.get("location", ""), agenda=values.get("agenda", ""), reason=values.get("reason", ""))


def submit_meeting(req: TeamsRequest) -> list[Reply]:
    kind = SUBMIT_KIND[req.field("mentorat")]
    values = {name: req.field(name) for name in FIELDS}
    subject_id = req.subject_id()
    try:
        entry = entry_of(values)
        with req.acting() as (session, actor):
            done = meeting_actions.save_meeting(session, actor, req.deps.clock.now(), kind, subject_id, entry)
            reply = message_reply(done.reply, replace=True)
    except DomainError as error:
        if error.field not in FIELDS:
            raise
        with req.acting() as (session, actor):
            state = refused_state(session, actor, values, error)
            form = meeting_actions.refill_form(session, actor, kind, subject_id)
            return [meeting_card(req.deps, actor, form, state)]
    retire_stale(req.deps, done)
    return [reply]


def open_cancel(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_cancel_card(actor, meeting_actions.cancel_form(session, actor, req.subject_id()))]


def _cancel_card(actor: Actor, meeting: Meeting, state: FormState | None = None) -> Reply:
    lang = actor.lang
    other = meetings.other_side(meeting.convention, actor.person)
    state = state or FormState()
    body = text_input("reason", t(lang, "meeting.modal.reason"), state, multiline=True,
                      max_length=meetings.REASON_LIMIT, required=True,
                      placeholder=teams_text(rt(lang, "meeting.modal.reason_hint", other=mention(other))),
                      error_message=t(lang, "error.meeting.reason_missing"))
    intro = teams_text(rt(lang, "meeting.cancel.intro", when=when(meeting, lang, actor.tz), other=mention(other)))
    content = form_card(lang, t(lang, "meeting.cancel.title"), body, submit_label=t(lang, "meeting.cancel.submit"),
                        action=MEETING_CANCEL_SUBMIT, value=str(meeting.id), intro=intro, state=state)
    return Reply(content, t(lang, "meeting.cancel.title"), replace=bool(state.errors))


def submit_cancel(req: TeamsRequest) -> list[Reply]:
    deps, reason, meeting_id = req.deps, req.field("reason"), req.subject_id()
    try:
        with req.acting() as (session, actor):
            done = meeting_actions.cancel(session, actor, deps.clock.now(), meeting_id, reason)
            return [message_reply(done.reply, replace=True)]
    except DomainError as error:
        if error.field != "reason":
            raise
        with req.acting() as (session, actor):
            meeting = meetings.get_meeting(session, meeting_id, actor.person)
            state = refused_state(session, actor, {"reason": reason}, error)
            return [_cancel_card(actor, meeting, state)]


def send_invitation(req: TeamsRequest) -> list[Reply]:
    """"Recevoir l'invitation (.ics)": on Teams, a link to the file (GET /files/<token>)."""
    deps = req.deps
    with req.acting() as (session, actor):
        meeting, file = meeting_actions.invitation_file(session, actor, deps.clock.now(), req.subject_id())
        link = deps.files(session, actor.person, file) if deps.files is not None else None
        if link is None:
            return [message_reply(Message(text=t(actor.lang, "teams.meeting.ics_unavailable"),
                                                          headline=False))]
        text = t(actor.lang, "teams.meeting.ics", when=when(meeting, actor.lang, actor.tz))
        message = Message(text=text, facts=meeting_facts(meeting, actor.lang, actor.tz), attachment=file,
                          headline=False)
        return [message_reply(message, file_url=link)]


# -- answers to a proposal, the check-in ----------------------------------------------------------------
def confirm(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        done = meeting_actions.confirm(session, actor, req.deps.clock.now(), req.subject_id())
        return [message_reply(done.reply, replace=True)]


def answer_checkin(req: TeamsRequest) -> list[Reply]:
    outcome = OUTCOME_OF_ACTION[req.field("mentorat")]
    with req.acting() as (session, actor):
        done = meeting_actions.answer_checkin(session, actor, req.deps.clock.now(), req.subject_id(), outcome)
        reply = message_reply(done.reply, replace=True)
    retire_stale(req.deps, done)
    return [reply]


# -- the agenda ---------------------------------------------------------------------------------------------
def _agenda_card(actor: Actor, form: meeting_actions.AgendaFormView, state: FormState | None = None) -> Reply:
    lang = actor.lang
    mentor = form.convention.mentor
    state = state or FormState({"agenda": form.initial})
    body = text_input("agenda", t(lang, "agenda.modal.label"), state, multiline=True,
                      max_length=meetings.AGENDA_LIMIT, required=True,
                      placeholder=teams_text(rt(lang, "agenda.modal.hint", mentor=mention(mentor))),
                      error_message=t(lang, "error.agenda.empty"))
    # The meeting, else the convention: the next agenda of someone in several conventions goes to this one.
    value = str(form.meeting.id) if form.meeting else f"convention:{form.convention.id}"
    content = form_card(lang, t(lang, "agenda.modal.title"), body, submit_label=t(lang, "agenda.modal.submit"),
                        action=AGENDA_SUBMIT, value=value, intro=teams_text(form.about), state=state)
    return Reply(content, t(lang, "agenda.modal.title"), replace=bool(state.errors))


def agenda_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat ordre-du-jour` (bot/usecases/meetings.agenda_command)."""
    with req.acting() as (session, actor):
        answer = meeting_actions.agenda_command(session, actor, req.deps.clock.now(), req.args, req.convention_id)
        if isinstance(answer, Done):
            return [message_reply(answer.reply)]
        return [_agenda_card(actor, answer)]


def open_agenda(req: TeamsRequest) -> list[Reply]:
    """The "Écrire l'ordre du jour" button (value: the meeting, if any)."""
    meeting_id = row_id(req.field("value"))
    with req.acting() as (session, actor):
        return [_agenda_card(actor, meeting_actions.agenda_form(session, actor, req.deps.clock.now(), meeting_id))]


def _agenda_subject(value: str) -> tuple[int | None, int | None]:
    """(meeting, convention) the agenda form is about: "<meeting id>" or "convention:<id>"."""
    kind, _, raw = value.partition(":")
    if kind == "convention":
        return None, row_id(raw)
    return row_id(value), None


def submit_agenda(req: TeamsRequest) -> list[Reply]:
    meeting_id, convention_id = _agenda_subject(req.field("value"))
    text = req.field("agenda")
    try:
        with req.acting() as (session, actor):
            done = meeting_actions.send_agenda(session, actor, req.deps.clock.now(), text, meeting_id, convention_id)
            return [message_reply(done.reply, replace=True)]
    except DomainError as error:
        if error.field != "agenda":
            raise
        with req.acting() as (session, actor):
            state = refused_state(session, actor, {"agenda": text}, error)
            return [_agenda_card(actor, meeting_actions.refill_agenda_form(session, actor, meeting_id, convention_id),
                                 state)]


COMMANDS: dict[str, Handler] = {"prochaine-rencontre": next_meeting, "ordre-du-jour": agenda_command}
ACTIONS: dict[str, Handler] = {
    **{key: open_form for key in KIND_OF_ACTION},
    actions.MEETING_CONFIRM: confirm,
    MEETING_NEW_SUBMIT: submit_meeting,
    MEETING_COUNTER_SUBMIT: submit_meeting,
    MEETING_MOVE_SUBMIT: submit_meeting,
    actions.MEETING_CANCEL: open_cancel,
    MEETING_CANCEL_SUBMIT: submit_cancel,
    actions.MEETING_ICS: send_invitation,
    actions.AGENDA_WRITE: open_agenda,
    AGENDA_SUBMIT: submit_agenda,
    **{key: answer_checkin for key in OUTCOME_OF_ACTION},
}
