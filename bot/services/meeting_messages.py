"""What people read about meetings: proposals, confirmations, reminders, check-ins.

Composed at delivery time from the meeting's current state, in the recipient's language and
time zone; a message that no longer applies (a proposal already answered, a meeting cancelled)
is not sent. Private texts (agenda, reasons) only ever go to the pair.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot.i18n import N_, labels, t
from bot.i18n.dates import format_moment, zone_name
from bot.i18n.rich import rt
from bot.notify import Attachment, Button, Delivered, Message, Moment, Notifier, NotifierError, Rich, Section, Text
from bot.services import actions
from bot.services.calendar_invite import meeting_ics
from bot.services.meetings import CheckIn, attendees, other_side, outcome_of
from bot.services.message_refs import delivered_at, messages_about
from bot.services.notes import VisibleNote
from bot.services.people import language_of, mention, timezone_of
from storage.db import SessionFactory, session_scope
from storage.models import Convention, Meeting, MeetingMode, MeetingStatus, Note, Person, Reminder

log = logging.getLogger(__name__)


def _reader(person: Person, convention: Convention) -> tuple[str, str]:
    programme = convention.programme
    return language_of(person, programme.language), timezone_of(person, programme.timezone)


def when(meeting: Meeting, lang: str, tz: str) -> Moment:
    """When a meeting starts, as data: the instant and its words for this reader."""
    return Moment(meeting.starts_at, format_moment(meeting.starts_at, tz, lang))


def meeting_facts(meeting: Meeting, lang: str, tz: str) -> tuple[tuple[str, str], ...]:
    facts = [
        (t(lang, "meeting.fact.when"), str(when(meeting, lang, tz))),
        (t(lang, "meeting.fact.duration"), t(lang, "meeting.minutes", minutes=meeting.duration_minutes)),
        (t(lang, "meeting.fact.mode"), t(lang, labels.MEETING_MODE[meeting.mode])),
    ]
    if meeting.location:
        label = N_("meeting.fact.link") if meeting.mode == MeetingMode.VIDEO else N_("meeting.fact.place")
        facts.append((t(lang, label), meeting.location))
    return tuple(facts)


def _agenda_section(meeting: Meeting, lang: str) -> tuple[Section, ...]:
    return (Section(t(lang, "meeting.agenda.title"), meeting.agenda, literal=True),) if meeting.agenda else ()


def _guests(meeting: Meeting) -> list[Person]:
    """Who is invited besides the pair (the manager at the start; the direction too at the restitution)."""
    pair = (meeting.convention.mentor_id, meeting.convention.mentee_id)
    return [p for p in attendees(meeting.convention, meeting) if p.id not in pair]


def _start_section(meeting: Meeting, lang: str) -> tuple[Section, ...]:
    """For the pair: this meeting is the three-way start or the restitution, and who else is invited."""
    guests = _guests(meeting)
    if not guests:
        return ()
    if meeting.restitution:
        return (Section(t(lang, "meeting.restitution.title"),
                        rt(lang, "meeting.restitution.pair", guests=Rich.join(", ", [mention(g) for g in guests]))),)
    return (Section(t(lang, "meeting.start.title"), rt(lang, "meeting.start.pair", manager=mention(guests[0]))),)


def _is_guest(meeting: Meeting, person: Person) -> bool:
    """Anyone but the pair reads the guest's version, whatever the invitations say now: never the agenda."""
    return person.id not in (meeting.convention.mentor_id, meeting.convention.mentee_id)


def guest_confirmed_message(meeting: Meeting, guest: Person, now: datetime) -> Message:
    """The start or the restitution as a guest reads it: when, how, where, and the invitation. Never the
    agenda, which is the pair's; no buttons, since only the pair plans, moves or cancels."""
    convention = meeting.convention
    lang, tz = _reader(guest, convention)
    key = N_("meeting.restitution.guest") if meeting.restitution else N_("meeting.start.manager")
    text = rt(lang, key, mentor=mention(convention.mentor), mentee=mention(convention.mentee),
              when=when(meeting, lang, tz))
    return Message(text=text, facts=meeting_facts(meeting, lang, tz), headline=False,
                   context=t(lang, "meeting.start.manager_context"), attachment=invitation(meeting, guest, now))


def proposal_message(session: Session, meeting: Meeting, person: Person) -> Message:
    """A proposal as the person asked to answer it reads it, with Confirmer / Proposer un autre moment."""
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    proposer = mention(meeting.proposed_by)
    replaced = session.get(Meeting, meeting.replaces_id) if meeting.replaces_id else None
    if replaced is not None and replaced.status == MeetingStatus.SUPERSEDED and replaced.confirmed_at:
        text = rt(lang, "meeting.proposal.moved", person=proposer, old=when(replaced, lang, tz))
    elif replaced is not None:
        text = rt(lang, "meeting.proposal.counter", person=proposer)
    else:
        text = rt(lang, "meeting.proposal.new", person=proposer)
    sections: list[Section] = []
    if meeting.reason:
        sections.append(Section(t(lang, "meeting.reason.title"), meeting.reason, literal=True))
    sections += _agenda_section(meeting, lang)
    sections += _start_section(meeting, lang)
    value = str(meeting.id)
    return Message(
        text=text, sections=tuple(sections), facts=meeting_facts(meeting, lang, tz), headline=False,
        buttons=(Button(t(lang, "meeting.button.confirm"), actions.MEETING_CONFIRM, value, style="primary"),
                 Button(t(lang, "meeting.button.counter"), actions.MEETING_COUNTER, value)),
        context=t(lang, "meeting.zone_note", zone=zone_name(meeting.starts_at, tz, lang)),
    )


def proposal_closed_message(meeting: Meeting, person: Person, key: str) -> Message:
    """The same proposal once answered or replaced: the facts stay, the buttons go."""
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    return Message(text=t(lang, key, when=when(meeting, lang, tz)), facts=meeting_facts(meeting, lang, tz))


def confirmed_message(meeting: Meeting, person: Person, now: datetime, *, with_file: bool = True) -> Message:
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    other = other_side(convention, person)
    text = rt(lang, "meeting.confirmed", other=mention(other), when=when(meeting, lang, tz))
    value = str(meeting.id)
    sections = _agenda_section(meeting, lang) + _start_section(meeting, lang)
    if convention.mentee_id == person.id and not meeting.agenda:
        sections += (Section(None, rt(lang, "meeting.confirmed.agenda_hint", other=mention(other))),)
    return Message(
        text=text, sections=sections, facts=meeting_facts(meeting, lang, tz), headline=False,
        buttons=(Button(t(lang, "meeting.button.ics"), actions.MEETING_ICS, value),
                 Button(t(lang, "meeting.button.move"), actions.MEETING_MOVE, value),
                 Button(t(lang, "meeting.button.cancel"), actions.MEETING_CANCEL, value, style="danger")),
        context=t(lang, "meeting.confirmed.context"),
        attachment=invitation(meeting, person, now) if with_file else None,
    )


def invitation(meeting: Meeting, person: Person, now: datetime, *, cancelled: bool = False) -> Attachment:
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    if meeting.restitution:
        summary = t(lang, "meeting.restitution.ics", mentor=_named(convention.mentor), mentee=_named(convention.mentee))
    elif _is_guest(meeting, person):
        summary = t(lang, "meeting.start.ics_manager", mentor=_named(convention.mentor),
                    mentee=_named(convention.mentee))
    elif meeting.with_manager and convention.manager is not None:
        summary = t(lang, "meeting.start.ics_pair", other=_named(other_side(convention, person)),
                    manager=_named(convention.manager))
    else:
        other = other_side(convention, person)
        summary = t(lang, "meeting.ics.summary", other=other.display_name or other.external_id)
    description = t(lang, "meeting.ics.description", mode=t(lang, labels.MEETING_MODE[meeting.mode]))
    content = meeting_ics(meeting, tz=tz, summary=summary, description=description, location=meeting.location,
                          organizer=convention.programme.name, now=now, cancelled=cancelled)
    stamp = meeting.starts_at.strftime("%Y-%m-%d")
    return Attachment(filename=f"mentorat-{stamp}.ics", content=content, title=t(lang, "meeting.ics.title"))


def _named(person: Person) -> str:
    return person.display_name or person.external_id


def _meeting(session: Session, reminder: Reminder) -> Meeting | None:
    return session.get(Meeting, reminder.meeting_id) if reminder.meeting_id else None


def _meeting_in(session: Session, reminder: Reminder, status: MeetingStatus) -> Meeting | None:
    """The reminder's meeting if it is still in `status`; else the message no longer applies."""
    meeting = _meeting(session, reminder)
    return meeting if meeting is not None and meeting.status == status else None


def _proposal(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.PROPOSED)
    if meeting is None:
        return None  # answered, replaced or withdrawn before it went out
    return proposal_message(session, meeting, person)


def _confirmed(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.CONFIRMED)
    if meeting is None:
        return None
    if _is_guest(meeting, person):
        return guest_confirmed_message(meeting, person, reminder.created_at)
    return confirmed_message(meeting, person, reminder.created_at)


def _cancelled(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.CANCELLED)
    if meeting is None:
        return None
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    if _is_guest(meeting, person):  # the reason is the pair's: a guest learns only that it is off
        return Message(text=rt(lang, "meeting.start.cancelled_manager", when=when(meeting, lang, tz),
                               mentor=mention(convention.mentor), mentee=mention(convention.mentee)),
                       headline=False, attachment=invitation(meeting, person, reminder.created_at, cancelled=True))
    if meeting.outcome_by_id == person.id:
        text = rt(lang, "meeting.cancelled.you", when=when(meeting, lang, tz), other=mention(other_side(convention, person)))
    else:
        text = rt(lang, "meeting.cancelled.other", when=when(meeting, lang, tz), person=mention(meeting.outcome_by))
    sections: tuple[Section, ...] = ()
    if meeting.reason:
        sections = (Section(t(lang, "meeting.reason.title"), meeting.reason, literal=True),)
    return Message(
        text=text, sections=sections, headline=False,
        buttons=(Button(t(lang, "meeting.button.plan"), actions.MEETING_PLAN, str(convention.id), style="primary"),),
        attachment=invitation(meeting, person, reminder.created_at, cancelled=True),
    )


def _agenda_request(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.CONFIRMED)
    if meeting is None or meeting.agenda:
        return None
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    text = rt(lang, "agenda.request", other=mention(convention.mentor), when=when(meeting, lang, tz))
    return Message(text=text, buttons=(
        Button(t(lang, "agenda.button.write"), actions.AGENDA_WRITE, str(meeting.id), style="primary"),))


def _agenda_shared(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None:
        return None
    lang, tz = _reader(person, convention)
    meeting = _meeting(session, reminder)
    agenda = meeting.agenda if meeting is not None else convention.next_agenda
    if not agenda:
        return None
    if meeting is not None:
        text = rt(lang, "agenda.shared.meeting", person=mention(convention.mentee), when=when(meeting, lang, tz))
    else:
        text = rt(lang, "agenda.shared.next", person=mention(convention.mentee))
    return Message(text=text, sections=(Section(t(lang, "meeting.agenda.title"), agenda, literal=True),),
                   headline=False)


def _tomorrow(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.CONFIRMED)
    if meeting is None:
        return None
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    text = rt(lang, "meeting.tomorrow", other=mention(other_side(convention, person)), when=when(meeting, lang, tz))
    buttons: tuple[Button, ...] = (Button(t(lang, "meeting.button.move"), actions.MEETING_MOVE, str(meeting.id)),)
    if convention.mentee_id == person.id and not meeting.agenda:
        buttons = (Button(t(lang, "agenda.button.write"), actions.AGENDA_WRITE, str(meeting.id), style="primary"),
                   *buttons)
    return Message(text=text, sections=_agenda_section(meeting, lang), facts=meeting_facts(meeting, lang, tz),
                   buttons=buttons, headline=False)


def checkin_message(meeting: Meeting, person: Person) -> Message:
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    text = rt(lang, "checkin.question", other=mention(other_side(convention, person)), when=when(meeting, lang, tz))
    value = str(meeting.id)
    return Message(text=text, buttons=(
        Button(t(lang, "checkin.button.held"), actions.MEETING_HELD, value, style="primary"),
        Button(t(lang, "checkin.button.postponed"), actions.MEETING_POSTPONED, value),
        Button(t(lang, "checkin.button.missed"), actions.MEETING_MISSED, value),
    ))


def _checkin(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting_in(session, reminder, MeetingStatus.CONFIRMED)
    if meeting is None:
        return None  # the other person has already answered
    return checkin_message(meeting, person)


def _after_checkin(meeting: Meeting, lang: str) -> tuple[Button, ...]:
    """Plan the next meeting, and after one that took place, keep a private note of it."""
    plan = Button(t(lang, "meeting.button.plan_next"), actions.MEETING_PLAN, str(meeting.convention_id),
                  style="primary")
    if meeting.status != MeetingStatus.HELD:
        return (plan,)
    return plan, Button(t(lang, "note.button.write"), actions.NOTE_WRITE, str(meeting.id))


def outcome_followup(meeting: Meeting, person: Person, outcome: str) -> Message:
    """What follows an answer to the check-in, for the person who gave it."""
    convention = meeting.convention
    lang, tz = _reader(person, convention)
    text = rt(lang, labels.CHECKIN_THANKS[outcome], other=mention(other_side(convention, person)),
             when=when(meeting, lang, tz))
    return Message(text=text, buttons=_after_checkin(meeting, lang))


def checkin_answered(result: CheckIn, person: Person, lang: str) -> Message:
    """The answer to a check-in click: what follows, or, when the other side answered first, who and what."""
    if not result.already:
        return outcome_followup(result.meeting, person, result.outcome.value)
    by = result.answered_by
    who = t(lang, "checkin.you") if by is not None and by.id == person.id else (mention(by) if by else "?")
    return Message(text=rt(lang, "checkin.already", person=who, answer=t(lang, labels.CHECKIN_ANSWER[result.outcome])))


def _outcome(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    meeting = _meeting(session, reminder)
    outcome = outcome_of(meeting.status) if meeting is not None else None
    if meeting is None or meeting.outcome_by is None or outcome is None:
        return None
    lang, tz = _reader(person, meeting.convention)
    text = rt(lang, labels.CHECKIN_TOLD[outcome], person=mention(meeting.outcome_by), when=when(meeting, lang, tz))
    return Message(text=text, buttons=_after_checkin(meeting, lang))


COMPOSERS = {
    "meeting_proposal": _proposal,
    "meeting_confirmed": _confirmed,
    "meeting_cancelled": _cancelled,
    "agenda_request": _agenda_request,
    "agenda_shared": _agenda_shared,
    "meeting_tomorrow": _tomorrow,
    "meeting_checkin": _checkin,
    "meeting_outcome": _outcome,
}

# Messages whose buttons may need retiring later: where they went is kept (storage.models.MessageRef).
TRACKED_KINDS = frozenset({"meeting_proposal", "meeting_checkin"})


def _note_shared(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    note = session.get(Note, reminder.payload.get("note"))
    convention = session.get(Convention, reminder.convention_id)
    if note is None or convention is None or note.shared_at is None:
        return None
    lang, _tz = _reader(person, convention)
    text = rt(lang, "note.shared", person=mention(session.get(Person, note.author_id)))
    return Message(text=text, sections=(Section(None, note.body, literal=True),), headline=False)


COMPOSERS["note_shared"] = _note_shared


def note_intro(meeting: Meeting | None, lang: str, tz: str) -> str:
    """The note form's first line: who will read the note, and which meeting it is about."""
    if meeting is None:
        return t(lang, "note.modal.about")
    return t(lang, "note.modal.about_meeting", when=when(meeting, lang, tz))


def note_saved(session: Session, note: Note, author: Person, lang: str) -> Text:
    """The author's confirmation: kept private, or shared with the other side."""
    if note.shared_at is None:
        return t(lang, "note.saved.private")
    convention = session.get(Convention, note.convention_id)
    assert convention is not None
    return rt(lang, "note.saved.shared", other=mention(other_side(convention, author)))


def note_heading(found: VisibleNote, lang: str, tz: str, other: Person) -> Rich:
    """Above a note in a list: who wrote it, when, and who may read it."""
    moment = format_moment(found.note.created_at, tz, lang, with_zone=False)
    if not found.mine:
        key = N_("note.list.from_other")
    elif found.note.shared_at is not None:
        key = N_("note.list.mine_shared")
    else:
        key = N_("note.list.mine_private")
    return rt(lang, key, when=moment, other=mention(other))


def retire_messages(factory: SessionFactory, notifier: Notifier, purpose: str, meeting_ids: list[int], key: str,
                    *, skip_person: int | None = None) -> None:
    """Replace earlier messages about these meetings (on either platform) by a version without buttons.

    The updates go out after the unit of work: a slow platform must not hold the database."""
    updates: list[tuple[Delivered, Message]] = []
    with session_scope(factory) as session:
        for ref in messages_about(session, purpose, meeting_ids):
            meeting, person = session.get(Meeting, ref.subject_id), session.get(Person, ref.person_id)
            if meeting is None or person is None or person.id == skip_person:
                continue
            updates.append((delivered_at(ref, person), proposal_closed_message(meeting, person, key)))
    for delivered, message in updates:
        try:
            notifier.update(delivered, message)
        except NotifierError as exc:  # the buttons stay, but clicking them is refused politely
            log.warning("could not retire a %s message: %s", purpose, exc)  # a code such as slack:ratelimited
