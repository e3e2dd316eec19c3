"""Meetings on Teams: `mentorat prochaine-rencontre` (the meeting card), the answers to a proposal
(confirm, counter-propose), moving a meeting, the check-in after it and `mentorat ordre-du-jour`.

Mirrors handlers/slack/meetings.py and handlers/slack/journal.py: the same services, the same texts;
Slack's modals are Adaptive Card forms here, and a refused form comes back in place with what was typed.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.dates import zone_name
from bot.i18n.errors import error_text
from bot.notify import Message, Section
from bot.services import actions, meetings
from bot.services.errors import Conflict, DomainError, InvalidInput, NotAllowed
from bot.services.meeting_messages import (
    checkin_answered,
    confirmed_message,
    invitation,
    meeting_facts,
    proposal_closed_message,
    proposal_message,
    retire_messages,
    when,
)
from bot.services.people import mention
from bot.services.typed_text import number, picked_date
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsDeps,
    TeamsRequest,
    message_reply,
    people_markdown,
    resolve_actor,
)
from handlers.teams.forms import FormState, choice_input, date_input, form_card, text_input, time_input
from storage.db import session_scope
from storage.models import Convention, Meeting, MeetingMode, MeetingStatus

# Card actions of the forms (the neutral buttons' keys are in bot/services/actions.py).
MEETING_NEW_SUBMIT = "teams-meeting-new-submit"  # value: the convention id
MEETING_COUNTER_SUBMIT = "teams-meeting-counter-submit"  # value: the proposal answered
MEETING_MOVE_SUBMIT = "teams-meeting-move-submit"  # value: the confirmed meeting moved
MEETING_CANCEL_SUBMIT = "teams-meeting-cancel-submit"  # value: the confirmed meeting cancelled
AGENDA_SUBMIT = "teams-agenda-submit"  # value: the meeting id, or "" for the next meeting
SUBMIT_KIND = {MEETING_NEW_SUBMIT: "new", MEETING_COUNTER_SUBMIT: "counter", MEETING_MOVE_SUBMIT: "move"}
ACTION_OF_KIND = {kind: key for key, kind in SUBMIT_KIND.items()}
FIELDS = ("date", "time", "duration", "mode", "location", "agenda", "reason")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:\d\d)?$")
OUTCOME_OF_ACTION = {actions.MEETING_HELD: meetings.Outcome.HELD,
                     actions.MEETING_POSTPONED: meetings.Outcome.POSTPONED,
                     actions.MEETING_MISSED: meetings.Outcome.MISSED}


def _prefill(meeting: Meeting | None, tz: str, convention: Convention, actor: Actor) -> dict[str, str]:
    """What the card shows first: the proposal answered or the meeting moved, else the mentee's agenda."""
    if meeting is not None:
        local = meeting.starts_at.astimezone(ZoneInfo(tz))
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"),
                "duration": str(meeting.duration_minutes), "mode": meeting.mode, "location": meeting.location or "",
                "agenda": meeting.agenda or ""}
    if convention.next_agenda and actor.person.id == convention.mentee_id:
        return {"agenda": convention.next_agenda}
    return {}


def meeting_card(deps: TeamsDeps, actor: Actor, convention: Convention, *, kind: str, subject_id: int,
                 meeting: Meeting | None = None, state: FormState | None = None) -> Reply:
    """The meeting form ("new", "counter" a proposal, "move" a confirmed meeting), as Slack's modal."""
    lang, tz = actor.lang, actor.tz
    programme = convention.programme
    other = meetings.other_side(convention, actor.person)
    lengths = [str(m) for m in meetings.duration_choices(programme.meeting_min_minutes,
                                                         programme.meeting_max_minutes)]
    fill = _prefill(meeting, tz, convention, actor)
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
                           placeholder=people_markdown(t(lang, "meeting.modal.reason_hint", other=mention(other)), other),
                           error_message=t(lang, "error.meeting.reason_missing"))
    else:
        body += text_input("agenda", t(lang, "meeting.modal.agenda"), state, multiline=True,
                           max_length=meetings.AGENDA_LIMIT, placeholder=t(lang, "meeting.modal.agenda_hint"))
    intro = people_markdown(t(lang, labels.MEETING_FORM_INTRO[kind], other=mention(other)), other)
    title = t(lang, labels.MEETING_FORM_TITLE[kind])
    content = form_card(lang, title, body, submit_label=t(lang, labels.MEETING_FORM_SUBMIT[kind]),
                        action=ACTION_OF_KIND[kind], value=str(subject_id), intro=intro, state=state)
    content["body"].append({"type": "TextBlock", "wrap": True, "isSubtle": True, "size": "Small",
                            "text": people_markdown(t(lang, "meeting.modal.footer", other=mention(other)), other)})
    return Reply(content, title, replace=bool(state.errors))


# -- opening the card ------------------------------------------------------------------------------
def next_meeting(req: TeamsRequest) -> list[Reply]:
    """`mentorat prochaine-rencontre`: the next confirmed meeting, or the proposal waiting for the person,
    else the meeting card (as Slack's command)."""
    deps = req.deps
    now = deps.clock.now()
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        convention = meetings.plannable_convention(session, actor.person)
        ahead = meetings.upcoming(session, convention, now)
        confirmed = next((m for m in ahead if m.status == MeetingStatus.CONFIRMED), None)
        waiting = next((m for m in ahead if m.status == MeetingStatus.PROPOSED
                        and m.proposed_by_id != actor.person.id), None)
        if confirmed is not None:
            return [message_reply(session, actor, confirmed_message(confirmed, actor.person, now, with_file=False))]
        if waiting is not None:
            return [message_reply(session, actor, proposal_message(session, waiting, actor.person))]
        return [meeting_card(deps, actor, convention, kind="new", subject_id=convention.id)]


def open_plan(req: TeamsRequest) -> list[Reply]:
    """The nudge's and the check-in's "Planifier la prochaine rencontre" (value: the convention)."""
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        raw = req.field("value")
        convention = meetings.plannable_convention(session, actor.person, number(raw))
        return [meeting_card(req.deps, actor, convention, kind="new", subject_id=convention.id)]


def _clicked_meeting(session: Session, actor: Actor, req: TeamsRequest, status: MeetingStatus,
                     gone_key: str) -> Meeting:
    """The meeting a button is about, if the clicker is of its pair and it is still in `status`."""
    meeting = meetings.get_meeting(session, req.subject_id(), actor.person)
    if meeting.status != status:
        raise Conflict(gone_key)
    return meeting


def open_counter(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        meeting = _clicked_meeting(session, actor, req, MeetingStatus.PROPOSED, N_("meeting.proposal_gone"))
        if meeting.proposed_by_id == actor.person.id:
            raise Conflict("meeting.own_proposal")
        return [meeting_card(req.deps, actor, meeting.convention, kind="counter", subject_id=meeting.id,
                             meeting=meeting)]


def open_move(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        meeting = _clicked_meeting(session, actor, req, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        return [meeting_card(req.deps, actor, meeting.convention, kind="move", subject_id=meeting.id,
                             meeting=meeting)]


# -- the submitted card ------------------------------------------------------------------------------
def _as_time(raw: str) -> str | None:
    found = TIME.match(raw.strip())
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None


def draft_of(values: dict[str, str], tz: str) -> meetings.MeetingDraft:
    """The card's values as Slack's MeetingForm reads its modal; the date and time are in `tz`."""
    raw = values.get("duration", "").strip()
    if values.get("date", "").strip() and picked_date(values["date"]) is None:
        raise InvalidInput("error.meeting.date_missing", field="date")
    return meetings.MeetingDraft(day=picked_date(values.get("date", "")), time=_as_time(values.get("time", "")), tz=tz,
                                 duration_minutes=number(raw),
                                 mode=values.get("mode") or None, location=values.get("location", ""),
                                 agenda=values.get("agenda", ""))


def submit_meeting(req: TeamsRequest) -> list[Reply]:
    kind = SUBMIT_KIND[req.field("mentorat")]
    values = {name: req.field(name) for name in FIELDS}
    try:
        return _save(req, kind, values)
    except DomainError as error:
        if error.field not in FIELDS:
            raise
        with session_scope(req.deps.session_factory) as session:
            actor = resolve_actor(session, req.deps, req.incoming)
            message = error_text(actor.lang, actor.tz, error)
            subject_id = req.subject_id()
            if kind == "new":
                convention = meetings.plannable_convention(session, actor.person, subject_id)
            else:
                convention = meetings.get_meeting(session, subject_id, actor.person).convention
            return [meeting_card(req.deps, actor, convention, kind=kind, subject_id=subject_id,
                                 state=FormState(values, {error.field: message}))]


def _save(req: TeamsRequest, kind: str, values: dict[str, str]) -> list[Reply]:
    deps = req.deps
    now = deps.clock.now()
    subject_id = req.subject_id()
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        draft = draft_of(values, actor.tz)
        if kind == "counter":
            proposal = meetings.counter(session, meeting_id=subject_id, person=actor.person, draft=draft, now=now)
        elif kind == "move":
            proposal = meetings.move(session, meeting_id=subject_id, person=actor.person, draft=draft,
                                     reason=values["reason"], now=now)
        else:
            convention = meetings.plannable_convention(session, actor.person, subject_id)
            proposal = meetings.propose(session, convention=convention, person=actor.person, draft=draft, now=now)
        meeting = proposal.meeting
        other = meetings.other_side(meeting.convention, actor.person)
        text = t(actor.lang, "meeting.proposal.sent", other=mention(other),
                 when=when(meeting, actor.lang, actor.tz))
        sections = (Section(t(actor.lang, "meeting.agenda.title"), meeting.agenda, literal=True),) \
            if meeting.agenda else ()
        reply = message_reply(session, actor, Message(text=text, facts=meeting_facts(meeting, actor.lang, actor.tz),
                                                      sections=sections, headline=False), replace=True)
        retired = proposal.retired
    retire_messages(deps.session_factory, deps.notifier, "meeting_proposal", retired, N_("meeting.closed.replaced"))
    return [reply]


def open_cancel(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        meeting = _clicked_meeting(session, actor, req, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        return [_cancel_card(actor, meeting)]


def _cancel_card(actor: Actor, meeting: Meeting, state: FormState | None = None) -> Reply:
    lang = actor.lang
    other = meetings.other_side(meeting.convention, actor.person)
    state = state or FormState()
    body = text_input("reason", t(lang, "meeting.modal.reason"), state, multiline=True,
                      max_length=meetings.REASON_LIMIT, required=True,
                      placeholder=people_markdown(t(lang, "meeting.modal.reason_hint", other=mention(other)), other),
                      error_message=t(lang, "error.meeting.reason_missing"))
    intro = people_markdown(t(lang, "meeting.cancel.intro", when=when(meeting, lang, actor.tz), other=mention(other)), other)
    content = form_card(lang, t(lang, "meeting.cancel.title"), body, submit_label=t(lang, "meeting.cancel.submit"),
                        action=MEETING_CANCEL_SUBMIT, value=str(meeting.id), intro=intro, state=state)
    return Reply(content, t(lang, "meeting.cancel.title"), replace=bool(state.errors))


def submit_cancel(req: TeamsRequest) -> list[Reply]:
    deps, reason = req.deps, req.field("reason")
    try:
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, req.incoming)
            meeting = meetings.cancel(session, meeting_id=req.subject_id(), person=actor.person, reason=reason,
                                      now=deps.clock.now())
            message = proposal_closed_message(meeting, actor.person, N_("teams.meeting.cancelled"))
            return [message_reply(session, actor, message, replace=True)]
    except DomainError as error:
        if error.field != "reason":
            raise
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, req.incoming)
            meeting = meetings.get_meeting(session, req.subject_id(), actor.person)
            state = FormState({"reason": reason}, {"reason": error_text(actor.lang, actor.tz, error)})
            return [_cancel_card(actor, meeting, state)]


def send_invitation(req: TeamsRequest) -> list[Reply]:
    """"Recevoir l'invitation (.ics)": on Teams, a link to the file (GET /files/<token>)."""
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        meeting = _clicked_meeting(session, actor, req, MeetingStatus.CONFIRMED, N_("meeting.not_confirmed"))
        file = invitation(meeting, actor.person, deps.clock.now())
        link = deps.files(session, actor.person, file) if deps.files is not None else None
        if link is None:
            return [message_reply(session, actor, Message(text=t(actor.lang, "teams.meeting.ics_unavailable"),
                                                          headline=False))]
        text = t(actor.lang, "teams.meeting.ics", when=when(meeting, actor.lang, actor.tz))
        message = Message(text=text, facts=meeting_facts(meeting, actor.lang, actor.tz), attachment=file,
                          headline=False)
        return [message_reply(session, actor, message, file_url=link)]


# -- answers to a proposal, the check-in ----------------------------------------------------------------
def confirm(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        result = meetings.confirm(session, meeting_id=req.subject_id(), person=actor.person, now=deps.clock.now())
        key = N_("meeting.closed.already") if result.already else N_("meeting.closed.confirmed")
        return [message_reply(session, actor, proposal_closed_message(result.meeting, actor.person, key),
                              replace=True)]


def answer_checkin(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        result = meetings.record_outcome(session, meeting_id=req.subject_id(), person=actor.person,
                                         outcome=OUTCOME_OF_ACTION[req.field("mentorat")], now=deps.clock.now())
        reply = message_reply(session, actor, checkin_answered(result, actor.person, actor.lang), replace=True)
        meeting_id, person_id, already = result.meeting.id, actor.person.id, result.already
    if not already:
        retire_messages(deps.session_factory, deps.notifier, "meeting_checkin", [meeting_id], N_("checkin.closed"),
                        skip_person=person_id)
    return [reply]


# -- the agenda (handlers/slack/journal.py) -----------------------------------------------------------
def _agenda_card(actor: Actor, convention: Convention, meeting: Meeting | None,
                 state: FormState | None = None) -> Reply:
    lang = actor.lang
    mentor = convention.mentor
    if meeting is not None:
        about = t(lang, "agenda.modal.about_meeting", when=when(meeting, lang, actor.tz), mentor=mention(mentor))
        initial = meeting.agenda or ""
    else:
        about = t(lang, "agenda.modal.about_next", mentor=mention(mentor))
        initial = convention.next_agenda or ""
    state = state or FormState({"agenda": initial})
    body = text_input("agenda", t(lang, "agenda.modal.label"), state, multiline=True,
                      max_length=meetings.AGENDA_LIMIT, required=True,
                      placeholder=people_markdown(t(lang, "agenda.modal.hint", mentor=mention(mentor)), mentor),
                      error_message=t(lang, "error.agenda.empty"))
    content = form_card(lang, t(lang, "agenda.modal.title"), body, submit_label=t(lang, "agenda.modal.submit"),
                        action=AGENDA_SUBMIT, value=str(meeting.id) if meeting else "", intro=people_markdown(about, mentor),
                        state=state)
    return Reply(content, t(lang, "agenda.modal.title"), replace=bool(state.errors))


def _agenda_sent(actor: Actor, result: meetings.AgendaResult) -> str:
    mentor = mention(result.convention.mentor)
    if result.meeting is not None:
        return t(actor.lang, "agenda.sent.meeting", mentor=mentor, when=when(result.meeting, actor.lang, actor.tz))
    return t(actor.lang, "agenda.sent.next", mentor=mentor)


def agenda_command(req: TeamsRequest) -> list[Reply]:
    """Mentee: write (or rewrite) the agenda; with text after the command it is sent at once.
    Mentor: read what the mentee sent for the next meeting."""
    deps, now = req.deps, req.deps.clock.now()
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        convention = meetings.plannable_convention(session, actor.person)
        meeting = next(iter(meetings.upcoming(session, convention, now)), None)
        if actor.person.id == convention.mentor_id:
            agenda = meeting.agenda if meeting is not None else convention.next_agenda
            mentee = mention(convention.mentee)
            if not agenda:
                return [message_reply(session, actor, Message(text=t(actor.lang, "agenda.mentor_none",
                                                                     person=mentee), headline=False))]
            text = t(actor.lang, "agenda.mentor_view", person=mentee, agenda="").rstrip()
            return [message_reply(session, actor, Message(text=text, sections=(Section(None, agenda, literal=True),),
                                                          headline=False))]
        if req.args:
            result = meetings.set_agenda(session, person=actor.person, text=req.args, now=now)
            return [message_reply(session, actor, Message(text=_agenda_sent(actor, result), headline=False))]
        return [_agenda_card(actor, convention, meeting)]


def open_agenda(req: TeamsRequest) -> list[Reply]:
    """The "Écrire l'ordre du jour" button (value: the meeting, if any)."""
    raw = req.field("value")
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        if (meeting_id := number(raw, digits=18)) is not None:
            meeting: Meeting | None = meetings.get_meeting(session, meeting_id, actor.person)
            assert meeting is not None
            convention = meeting.convention
        else:
            convention = meetings.plannable_convention(session, actor.person)
            meeting = next(iter(meetings.upcoming(session, convention, req.deps.clock.now())), None)
        if actor.person.id != convention.mentee_id:
            raise NotAllowed("agenda.mentee_only")
        return [_agenda_card(actor, convention, meeting)]


def submit_agenda(req: TeamsRequest) -> list[Reply]:
    raw = req.field("value")
    text = req.field("agenda")
    deps = req.deps
    try:
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, req.incoming)
            result = meetings.set_agenda(session, person=actor.person, text=text, now=deps.clock.now(),
                                         meeting_id=number(raw))
            return [message_reply(session, actor, Message(text=_agenda_sent(actor, result), headline=False),
                                  replace=True)]
    except DomainError as error:
        if error.field != "agenda":
            raise
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, req.incoming)
            found = number(raw, digits=18)
            meeting = meetings.get_meeting(session, found, actor.person) if found is not None else None
            convention = meeting.convention if meeting else meetings.plannable_convention(session, actor.person)
            state = FormState({"agenda": text}, {"agenda": error_text(actor.lang, actor.tz, error)})
            return [_agenda_card(actor, convention, meeting, state)]


COMMANDS: dict[str, Handler] = {"prochaine-rencontre": next_meeting, "ordre-du-jour": agenda_command}
ACTIONS: dict[str, Handler] = {
    actions.NUDGE_PLAN_MEETING: open_plan,
    actions.MEETING_PLAN: open_plan,
    actions.MEETING_CONFIRM: confirm,
    actions.MEETING_COUNTER: open_counter,
    actions.MEETING_MOVE: open_move,
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
