"""Meetings, as a person acts on them from Slack or Teams: `prochaine-rencontre`, the meeting form
(new, counter-proposal, move), the answers to a proposal, cancelling, the .ics, the check-in after
a meeting, and the mentee's agenda (`ordre-du-jour`).

Each function takes the unit of work's session and actor, and what the person typed or clicked,
already parsed. It returns what to show: a message, or a form to draw (its front end decides how).
The services ask the authorization policy; the rules that are about the clicker live here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Attachment, Message, Rich, Section, Text
from bot.services import meetings
from bot.services.errors import Conflict, NotAllowed
from bot.services.meeting_messages import (
    checkin_answered,
    confirmed_message,
    invitation,
    meeting_facts,
    proposal_closed_message,
    proposal_message,
    when,
)
from bot.services.people import mention
from bot.usecases.outcome import Done, Retire
from storage.models import Convention, Meeting, MeetingStatus, Person


class FormKind(StrEnum):
    NEW = "new"  # the subject is the convention
    COUNTER = "counter"  # the subject is the proposal answered
    MOVE = "move"  # the subject is the confirmed meeting moved


@dataclass(frozen=True)
class MeetingFormView:
    """What the meeting form shows: who it is with, the allowed lengths, the values to start from."""

    kind: FormKind
    subject_id: int
    convention: Convention
    other: Person
    durations: list[int]
    prefill: dict[str, str]  # field name -> text, as the form's fields hold it
    start_note: Text | None = None  # the corporate method's three-way start: who else is invited


@dataclass(frozen=True)
class MeetingEntry:
    """What the person typed in the meeting form, parsed by their front end (None: left empty or unreadable)."""

    day: date | None
    time: str | None  # "HH:MM"
    duration: int | None
    mode: str | None
    location: str = ""
    agenda: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AgendaFormView:
    """The mentee's agenda form: for a given meeting, or for the next one when none is planned yet."""

    convention: Convention
    meeting: Meeting | None
    about: Rich
    initial: str


def _prefill(actor: Actor, convention: Convention, meeting: Meeting | None) -> dict[str, str]:
    """The proposal answered or the meeting moved, else the agenda the mentee already sent."""
    if meeting is not None:
        local = meeting.starts_at.astimezone(ZoneInfo(actor.tz))
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"),
                "duration": str(meeting.duration_minutes), "mode": meeting.mode, "location": meeting.location or "",
                "agenda": meeting.agenda or ""}
    if convention.next_agenda and actor.person.id == convention.mentee_id:
        return {"agenda": convention.next_agenda}
    return {}


def _form(session: Session, actor: Actor, kind: FormKind, convention: Convention,
          meeting: Meeting | None = None) -> MeetingFormView:
    terms = convention.version
    restitution = meeting.restitution if meeting is not None else meetings.next_is_restitution(session, convention)
    starts = meeting.with_manager if meeting is not None else meetings.starts_with_manager(session, convention)
    note: Text | None = None
    if restitution:
        note = t(actor.lang, "meeting.restitution.form")
    elif starts and convention.manager is not None:
        note = rt(actor.lang, "meeting.start.form", manager=mention(convention.manager))
    return MeetingFormView(
        kind=kind, subject_id=meeting.id if meeting is not None else convention.id, convention=convention,
        other=meetings.other_side(convention, actor.person),
        durations=meetings.duration_choices(terms.meeting_min_minutes, terms.meeting_max_minutes),
        prefill=_prefill(actor, convention, meeting), start_note=note)


def clicked_meeting(session: Session, actor: Actor, meeting_id: int, status: MeetingStatus) -> Meeting:
    """The meeting a button is about, if the clicker is of its pair and it is still in `status`."""
    meeting = meetings.get_meeting(session, meeting_id, actor.person)
    if meeting.status != status:
        raise Conflict(N_("meeting.proposal_gone") if status == MeetingStatus.PROPOSED else N_("meeting.not_confirmed"))
    return meeting


def next_meeting(session: Session, actor: Actor, now: datetime, convention_id: int | None = None
                 ) -> Message | MeetingFormView:
    """`prochaine-rencontre` (or the App Home's button, for one convention): the next confirmed meeting,
    else a proposal waiting for the person's answer, else the form to propose one."""
    convention = meetings.plannable_convention(session, actor.person, convention_id)
    ahead = meetings.upcoming(session, convention, now)
    confirmed = next((m for m in ahead if m.status == MeetingStatus.CONFIRMED), None)
    if confirmed is not None:
        return confirmed_message(confirmed, actor.person, now, with_file=False)
    waiting = next((m for m in ahead if m.status == MeetingStatus.PROPOSED and m.proposed_by_id != actor.person.id),
                   None)
    if waiting is not None:
        return proposal_message(session, waiting, actor.person)
    return _form(session, actor, FormKind.NEW, convention)


def meeting_form(session: Session, actor: Actor, kind: FormKind, subject_id: int | None) -> MeetingFormView:
    """The form to open from a button: plan (the nudge's, the check-in's), counter-propose, or move."""
    if kind == FormKind.NEW:
        return _form(session, actor, kind, meetings.plannable_convention(session, actor.person, subject_id))
    if subject_id is None:
        raise Conflict("meeting.proposal_gone")
    if kind == FormKind.COUNTER:
        meeting = clicked_meeting(session, actor, subject_id, MeetingStatus.PROPOSED)
        if meeting.proposed_by_id == actor.person.id:
            raise Conflict("meeting.own_proposal")
        return _form(session, actor, kind, meeting.convention, meeting)
    meeting = clicked_meeting(session, actor, subject_id, MeetingStatus.CONFIRMED)
    return _form(session, actor, kind, meeting.convention, meeting)


def refill_form(session: Session, actor: Actor, kind: FormKind, subject_id: int | None) -> MeetingFormView:
    """The same form again, to show what was typed with an error on a field (no state check: the save said why)."""
    if kind == FormKind.NEW or subject_id is None:
        return _form(session, actor, FormKind.NEW, meetings.plannable_convention(session, actor.person, subject_id))
    meeting = meetings.get_meeting(session, subject_id, actor.person)
    return _form(session, actor, kind, meeting.convention, meeting)


def save_meeting(session: Session, actor: Actor, now: datetime, kind: FormKind, subject_id: int | None,
                 entry: MeetingEntry) -> Done:
    """A proposal sent from the form: a new one, a counter-proposal (never to one's own), or a move."""
    draft = meetings.MeetingDraft(day=entry.day, time=entry.time, tz=actor.tz, duration_minutes=entry.duration,
                                  mode=entry.mode, location=entry.location, agenda=entry.agenda)
    if kind == FormKind.COUNTER and subject_id is not None:
        proposal = meetings.counter(session, meeting_id=subject_id, person=actor.person, draft=draft, now=now)
    elif kind == FormKind.MOVE and subject_id is not None:
        proposal = meetings.move(session, meeting_id=subject_id, person=actor.person, draft=draft,
                                 reason=entry.reason, now=now)
    else:
        convention = meetings.plannable_convention(session, actor.person, subject_id)
        proposal = meetings.propose(session, convention=convention, person=actor.person, draft=draft, now=now)
    meeting = proposal.meeting
    other = meetings.other_side(meeting.convention, actor.person)
    text = rt(actor.lang, "meeting.proposal.sent", other=mention(other), when=when(meeting, actor.lang, actor.tz))
    sections = (Section(t(actor.lang, "meeting.agenda.title"), meeting.agenda, literal=True),) if meeting.agenda else ()
    reply = Message(text=text, facts=meeting_facts(meeting, actor.lang, actor.tz), sections=sections, headline=False)
    return Done(reply, meeting.convention_id,
                (Retire("meeting_proposal", tuple(proposal.retired), N_("meeting.closed.replaced")),))


def confirm(session: Session, actor: Actor, now: datetime, meeting_id: int) -> Done:
    """« Confirmer » on a proposal; a second click says it is confirmed already."""
    result = meetings.confirm(session, meeting_id=meeting_id, person=actor.person, now=now)
    key = N_("meeting.closed.already") if result.already else N_("meeting.closed.confirmed")
    return Done(proposal_closed_message(result.meeting, actor.person, key), result.meeting.convention_id)


def cancel_form(session: Session, actor: Actor, meeting_id: int) -> Meeting:
    """The confirmed meeting the cancel form is about."""
    return clicked_meeting(session, actor, meeting_id, MeetingStatus.CONFIRMED)


def cancel(session: Session, actor: Actor, now: datetime, meeting_id: int, reason: str) -> Done:
    meeting = meetings.cancel(session, meeting_id=meeting_id, person=actor.person, reason=reason, now=now)
    return Done(proposal_closed_message(meeting, actor.person, N_("teams.meeting.cancelled")), meeting.convention_id)


def invitation_file(session: Session, actor: Actor, now: datetime, meeting_id: int) -> tuple[Meeting, Attachment]:
    """The .ics of a confirmed meeting, in the clicker's words."""
    meeting = clicked_meeting(session, actor, meeting_id, MeetingStatus.CONFIRMED)
    return meeting, invitation(meeting, actor.person, now)


def answer_checkin(session: Session, actor: Actor, now: datetime, meeting_id: int, outcome: meetings.Outcome) -> Done:
    """The check-in after a meeting: held, postponed or missed. The other side's check-in loses its buttons."""
    result = meetings.record_outcome(session, meeting_id=meeting_id, person=actor.person, outcome=outcome, now=now)
    retire = () if result.already else (
        Retire("meeting_checkin", (result.meeting.id,), N_("checkin.closed"), skip_person=actor.person.id),)
    return Done(checkin_answered(result, actor.person, actor.lang), result.meeting.convention_id, retire,
                changed=not result.already)


# -- the agenda ------------------------------------------------------------------------------------------
def _agenda_form(actor: Actor, convention: Convention, meeting: Meeting | None) -> AgendaFormView:
    mentor = mention(convention.mentor)
    if meeting is not None:
        about = rt(actor.lang, "agenda.modal.about_meeting", when=when(meeting, actor.lang, actor.tz), mentor=mentor)
        return AgendaFormView(convention, meeting, about, meeting.agenda or "")
    return AgendaFormView(convention, None, rt(actor.lang, "agenda.modal.about_next", mentor=mentor),
                          convention.next_agenda or "")


def agenda_form(session: Session, actor: Actor, now: datetime, meeting_id: int | None,
                convention_id: int | None = None) -> AgendaFormView:
    """« Écrire l'ordre du jour »: for that meeting, else the next one. Only the mentee writes it."""
    if meeting_id is not None:
        meeting: Meeting | None = meetings.get_meeting(session, meeting_id, actor.person)
        assert meeting is not None
        convention = meeting.convention
    else:
        convention = meetings.plannable_convention(session, actor.person, convention_id)
        meeting = next(iter(meetings.upcoming(session, convention, now)), None)
    if actor.person.id != convention.mentee_id:
        raise NotAllowed("agenda.mentee_only")
    return _agenda_form(actor, convention, meeting)


def _agenda_sent(actor: Actor, result: meetings.AgendaResult) -> Message:
    mentor = mention(result.convention.mentor)
    if result.meeting is not None:
        text = rt(actor.lang, "agenda.sent.meeting", mentor=mentor, when=when(result.meeting, actor.lang, actor.tz))
    else:
        text = rt(actor.lang, "agenda.sent.next", mentor=mentor)
    return Message(text=text, headline=False)


def agenda_command(session: Session, actor: Actor, now: datetime, typed: str, convention_id: int | None = None
                   ) -> Done | AgendaFormView:
    """`ordre-du-jour`: the mentor reads what the mentee sent; the mentee writes it (at once when typed
    after the command, else in the form). With several conventions and none named, ChoiceNeeded
    (the typed text is not carried by the question's buttons: the form opens instead)."""
    convention = meetings.plannable_convention(session, actor.person, convention_id)
    meeting = next(iter(meetings.upcoming(session, convention, now)), None)
    if actor.person.id == convention.mentor_id:
        agenda = meeting.agenda if meeting is not None else convention.next_agenda
        mentee = mention(convention.mentee)
        if not agenda:
            return Done(Message(text=rt(actor.lang, "agenda.mentor_none", person=mentee), headline=False),
                        convention.id, changed=False)
        text = rt(actor.lang, "agenda.mentor_view", person=mentee, agenda="").rstrip()
        return Done(Message(text=text, sections=(Section(None, agenda, literal=True),), headline=False),
                    convention.id, changed=False)
    if typed:
        return send_agenda(session, actor, now, typed, None, convention.id)
    return _agenda_form(actor, convention, meeting)


def send_agenda(session: Session, actor: Actor, now: datetime, typed: str, meeting_id: int | None,
                convention_id: int | None = None) -> Done:
    result = meetings.set_agenda(session, person=actor.person, text=typed, now=now, meeting_id=meeting_id,
                                 convention_id=convention_id)
    return Done(_agenda_sent(actor, result), result.convention.id)


def refill_agenda_form(session: Session, actor: Actor, meeting_id: int | None,
                       convention_id: int | None = None) -> AgendaFormView:
    """The agenda form again, to show what was typed with the error."""
    meeting = meetings.get_meeting(session, meeting_id, actor.person) if meeting_id is not None else None
    convention = meeting.convention if meeting else meetings.plannable_convention(session, actor.person,
                                                                                  convention_id)
    return _agenda_form(actor, convention, meeting)
