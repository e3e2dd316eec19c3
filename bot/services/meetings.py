"""Meetings: propose, counter-propose, confirm, move, cancel, the agenda and the check-in.

Every state change is a conditional UPDATE on the meeting's current status, so a double click,
a Slack retry or the other person acting at the same moment never applies twice. The messages
themselves go through the outbox (bot.services.outbox) and are composed at delivery time.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, outbox, road_maps
from bot.services.convention_choice import pick
from bot.services.conventions import get_convention
from bot.services.direction import direction_of
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.people import timezone_of
from bot.services.policy import Act, require
from bot.services.timing import next_good_moment, working_day_before
from bot.services.typed_text import required_text
from storage.db import rows_changed
from storage.models import (
    OPEN_CONVENTION_STATUSES,
    Convention,
    ConventionStatus,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Person,
    Reminder,
    ReminderStatus,
    Synthesis,
)

AGENDA_LIMIT = 3000
LOCATION_LIMIT = 500
REASON_LIMIT = 1000
AGENDA_DAYS_BEFORE = 3
CHECKIN_AFTER = timedelta(minutes=30)
UNANSWERED_AFTER = timedelta(days=7)
# Meetings can be planned while the convention is running (or closing: the final meeting).
PLANNABLE = (ConventionStatus.ACTIVE, ConventionStatus.CLOSING)
UPCOMING = (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
DURATION_STEP = 15  # the lengths a form offers, from the programme's shortest to its longest meeting


def duration_choices(low: int, high: int) -> list[int]:
    """low, low+15, … up to high, high always included (60 to 90 -> 60, 75, 90)."""
    values = list(range(low, high + 1, DURATION_STEP))
    return values if values and values[-1] == high else [*values, high]


class Outcome(StrEnum):
    HELD = "held"
    POSTPONED = "postponed"
    MISSED = "missed"


OUTCOME_STATUS = {Outcome.HELD: MeetingStatus.HELD, Outcome.POSTPONED: MeetingStatus.POSTPONED,
                  Outcome.MISSED: MeetingStatus.MISSED}



def outcome_of(status: str) -> Outcome | None:
    """The check-in answer a meeting's status records, if it records one."""
    return next((o for o, recorded in OUTCOME_STATUS.items() if recorded == status), None)

@dataclass(frozen=True)
class MeetingDraft:
    """What a person typed in the meeting form, the local date and time read in their zone."""

    day: date | None
    time: str | None  # "HH:MM"
    tz: str
    duration_minutes: int | None
    mode: str | None
    location: str
    agenda: str

    def starts_at(self) -> datetime | None:
        if self.day is None or not self.time:
            return None
        hour, minute = (int(part) for part in self.time.split(":")[:2])
        local = datetime(self.day.year, self.day.month, self.day.day, hour, minute, tzinfo=ZoneInfo(self.tz))
        return local.astimezone(ZoneInfo("UTC"))


def other_side(convention: Convention, person: Person) -> Person:
    return convention.mentee if convention.mentor_id == person.id else convention.mentor


def require_member(session: Session, convention: Convention, person: Person) -> str:
    """The person's side of the pair, if the policy lets them plan its meetings."""
    return require(session, person, Act.MEETING_PLAN, convention).part


def get_meeting(session: Session, meeting_id: int, person: Person) -> Meeting:
    """The meeting, if `person` is one of its pair; anyone else gets the same polite refusal."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting.not_yours")
    require_member(session, meeting.convention, person)
    return meeting


def plannable_convention(session: Session, person: Person, convention_id: int | None = None) -> Convention:
    """The convention a person plans a meeting for: the given one, else their only running one (else
    their only open one, to say why not); several: ChoiceNeeded."""
    if convention_id is not None:
        convention = get_convention(session, convention_id)
        require_member(session, convention, person)
    else:
        # Running conventions first: one still awaiting signatures only explains why nothing can be planned.
        convention = pick(session, person, Act.MEETING_PLAN, [PLANNABLE, OPEN_CONVENTION_STATUSES],
                          convention_id=None, none=NotFound("meeting.no_convention"))
    if convention.status == ConventionStatus.AWAITING_SIGNATURES:
        raise Conflict("meeting.not_signed")
    if convention.status not in PLANNABLE:
        raise Conflict("meeting.convention_over")
    return convention


def upcoming(session: Session, convention: Convention, now: datetime) -> list[Meeting]:
    """Proposed and confirmed meetings still ahead, soonest first."""
    return list(session.scalars(
        select(Meeting).where(Meeting.convention_id == convention.id, Meeting.status.in_(UPCOMING),
                              Meeting.starts_at > now).order_by(Meeting.starts_at)))


def validate(session: Session, convention: Convention, draft: MeetingDraft, now: datetime, *,
             ignoring: int | None = None) -> datetime:
    """The start in UTC, or the first problem with the form, on its field."""
    if draft.day is None:
        raise InvalidInput("error.meeting.date_missing", field="date")
    if not draft.time:
        raise InvalidInput("error.meeting.time_missing", field="time")
    starts_at = draft.starts_at()
    assert starts_at is not None
    if starts_at <= now:
        same_day = draft.day == now.astimezone(ZoneInfo(draft.tz)).date()
        raise InvalidInput("error.meeting.past", field="time" if same_day else "date")
    if draft.day < convention.starts_on or draft.day > convention.planned_end_on:
        raise InvalidInput("error.meeting.outside", field="date", start=convention.starts_on,
                           end=convention.planned_end_on)
    low, high = convention.version.meeting_min_minutes, convention.version.meeting_max_minutes
    if draft.duration_minutes is None or not low <= draft.duration_minutes <= high:
        raise InvalidInput("error.meeting.duration", field="duration", min=low, max=high)
    if draft.mode not in {m.value for m in MeetingMode}:
        raise InvalidInput("error.meeting.mode", field="mode")
    location = draft.location.strip()
    if len(location) > LOCATION_LIMIT:
        raise InvalidInput("error.meeting.location_long", field="location", limit=LOCATION_LIMIT)
    if draft.mode == MeetingMode.VIDEO and location and not URL.match(location):
        raise InvalidInput("error.meeting.link", field="location", value=location[:80])
    if len(draft.agenda) > AGENDA_LIMIT:
        raise InvalidInput("error.meeting.agenda_long", field="agenda", limit=AGENDA_LIMIT)
    other = confirmed_overlap(session, convention, starts_at, starts_at + timedelta(minutes=draft.duration_minutes),
                              ignoring=ignoring)
    if other is not None:
        raise InvalidInput("error.meeting.overlap", field="time", when=other.starts_at)
    return starts_at


def confirmed_overlap(session: Session, convention: Convention, starts_at: datetime, ends_at: datetime, *,
                      ignoring: int | None = None) -> Meeting | None:
    """A confirmed meeting of the pair that overlaps [starts_at, ends_at), if any."""
    earlier = session.scalars(select(Meeting).where(
        Meeting.convention_id == convention.id, Meeting.status == MeetingStatus.CONFIRMED,
        Meeting.id != (ignoring or 0), Meeting.starts_at < ends_at,
    ))
    return next((m for m in earlier if m.ends_at > starts_at), None)  # the end is computed: checked here


def _supersede_proposals(session: Session, convention: Convention, now: datetime) -> list[int]:
    """Retire the pair's pending proposals (a newer one replaces them). Returns their ids."""
    ids = list(session.scalars(select(Meeting.id).where(Meeting.convention_id == convention.id,
                                                        Meeting.status == MeetingStatus.PROPOSED)))
    if ids:
        session.execute(update(Meeting).where(Meeting.id.in_(ids), Meeting.status == MeetingStatus.PROPOSED)
                        .values(status=MeetingStatus.SUPERSEDED, updated_at=now))
        _cancel_reminders(session, ids)
    return ids


@dataclass(frozen=True)
class Proposal:
    meeting: Meeting
    retired: list[int]  # earlier proposals this one replaces (their buttons must go)


def starts_with_manager(session: Session, convention: Convention) -> bool:
    """Whether the next meeting proposed is the corporate method's three-way start: the convention names a
    manager and no start meeting is planned or held yet (a cancelled or missed one is planned again)."""
    if convention.manager_id is None:
        return False
    return not _planned(session, convention, Meeting.with_manager.is_(True) & Meeting.restitution.is_(False))


def next_is_restitution(session: Session, convention: Convention) -> bool:
    """Whether the next meeting proposed is the corporate method's restitution: the mentee approved the
    synthesis report and no restitution is planned or held yet."""
    if convention.manager_id is None or convention.restitution_held_at is not None:
        return False
    approved = session.scalars(select(Synthesis.id).where(Synthesis.convention_id == convention.id,
                                                          Synthesis.status == "approved")).first()
    return approved is not None and not _planned(session, convention, Meeting.restitution.is_(True))


def _planned(session: Session, convention: Convention, which: ColumnElement[bool]) -> bool:
    """A meeting of this kind proposed, confirmed or held (a cancelled or missed one is planned again)."""
    return session.scalars(select(Meeting.id).where(
        Meeting.convention_id == convention.id, which,
        Meeting.status.in_((MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED, MeetingStatus.HELD)))).first() is not None


def attendees(convention: Convention, meeting: Meeting) -> list[Person]:
    """Who is invited: the pair; the manager at the three-way start; everyone at the restitution."""
    invited = [convention.mentor, convention.mentee]
    if meeting.with_manager and convention.manager is not None:
        invited.append(convention.manager)
    if meeting.restitution:
        guests = direction_of(convention.programme)
        if convention.programme.restitution_coordinator and convention.paired_by is not None:
            guests.append(convention.paired_by)
        invited += [p for p in guests if p.id not in {i.id for i in invited}]
    return invited


def propose(session: Session, *, convention: Convention, person: Person, draft: MeetingDraft, now: datetime,
            replaces: Meeting | None = None) -> Proposal:
    """Record a proposal from `person` and send it to the other side."""
    require_member(session, convention, person)
    starts_at = validate(session, convention, draft, now, ignoring=replaces.id if replaces else None)
    same = session.scalars(select(Meeting).where(
        Meeting.convention_id == convention.id, Meeting.status == MeetingStatus.PROPOSED,
        Meeting.proposed_by_id == person.id, Meeting.starts_at == starts_at,
        Meeting.duration_minutes == draft.duration_minutes, Meeting.mode == draft.mode)).first()
    if same is not None and (same.location or "") == draft.location.strip() and replaces is None:
        return Proposal(same, [])  # the same form sent twice (double click, retry): one proposal
    retired = _supersede_proposals(session, convention, now)
    restitution = replaces.restitution if replaces is not None else next_is_restitution(session, convention)
    with_manager = replaces.with_manager if replaces is not None else (
        restitution or starts_with_manager(session, convention))
    agenda = draft.agenda.strip() or (convention.next_agenda or "")
    meeting = Meeting(
        convention_id=convention.id, proposed_by_id=person.id, starts_at=starts_at,
        duration_minutes=draft.duration_minutes, mode=draft.mode, location=draft.location.strip() or None,
        status=MeetingStatus.PROPOSED, agenda=agenda or None, replaces_id=replaces.id if replaces else None,
        with_manager=with_manager, restitution=restitution,
        calendar_uid=replaces.calendar_uid if replaces and replaces.calendar_uid else f"{uuid.uuid4()}@mentorat",
        calendar_sequence=replaces.calendar_sequence + 1 if replaces else 0, created_at=now, updated_at=now,
    )
    session.add(meeting)
    session.flush()
    meeting.convention = convention
    if agenda and convention.next_agenda:
        convention.next_agenda = None  # it now belongs to this meeting
    recipient = other_side(convention, person)
    outbox.enqueue(session, kind="meeting_proposal", recipient_id=recipient.id, convention_id=convention.id,
                   meeting_id=meeting.id, due_at=now, now=now, essential=True,
                   dedupe_key=f"meeting_proposal:{meeting.id}:{recipient.id}")
    audit.record(session, convention, "meeting.proposed", person, now, meeting=meeting.id)
    return Proposal(meeting, retired)


def counter(session: Session, *, meeting_id: int, person: Person, draft: MeetingDraft, now: datetime) -> Proposal:
    """Answer a proposal with another moment: the proposal is retired, the proposer gets the new one."""
    original = get_meeting(session, meeting_id, person)
    if original.status != MeetingStatus.PROPOSED:
        raise Conflict("meeting.proposal_gone")
    if original.proposed_by_id == person.id:
        raise Conflict("meeting.own_proposal")  # one answers the other's proposal, not one's own
    return propose(session, convention=original.convention, person=person, draft=draft, now=now, replaces=original)


@dataclass(frozen=True)
class Confirmation:
    meeting: Meeting
    already: bool


def confirm(session: Session, *, meeting_id: int, person: Person, now: datetime) -> Confirmation:
    meeting = get_meeting(session, meeting_id, person)
    if meeting.status == MeetingStatus.CONFIRMED:
        return Confirmation(meeting, already=True)
    if meeting.status != MeetingStatus.PROPOSED:
        raise Conflict("meeting.proposal_gone")
    if meeting.proposed_by_id == person.id:
        raise Conflict("meeting.own_proposal")
    if meeting.starts_at <= now:
        raise Conflict("meeting.proposal_past")
    other = confirmed_overlap(session, meeting.convention, meeting.starts_at, meeting.ends_at)
    if other is not None:  # confirmed meanwhile, at a time that clashes
        raise Conflict("error.meeting.overlap", when=other.starts_at)
    written = rows_changed(session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.status == MeetingStatus.PROPOSED)
        .values(status=MeetingStatus.CONFIRMED, confirmed_at=now, confirmed_by_id=person.id, updated_at=now)
    ))
    session.refresh(meeting)
    if not written:
        if meeting.status == MeetingStatus.CONFIRMED:
            return Confirmation(meeting, already=True)
        raise Conflict("meeting.proposal_gone")
    convention = meeting.convention
    for side in attendees(convention, meeting):
        outbox.enqueue(session, kind="meeting_confirmed", recipient_id=side.id, convention_id=convention.id,
                       meeting_id=meeting.id, due_at=now, now=now, essential=True,
                       dedupe_key=f"meeting_confirmed:{meeting.id}:{side.id}")
    plan_meeting_reminders(session, meeting, now)
    audit.record(session, convention, "meeting.confirmed", person, now, meeting=meeting.id)
    return Confirmation(meeting, already=False)


def _cancel_reminders(session: Session, meeting_ids: Sequence[int | None]) -> None:
    ids = [i for i in meeting_ids if i is not None]
    session.execute(update(Reminder).where(Reminder.meeting_id.in_(ids), Reminder.status == ReminderStatus.PENDING,
                                           Reminder.kind.in_(MEETING_REMINDER_KINDS))
                    .values(status=ReminderStatus.CANCELLED))


MEETING_REMINDER_KINDS = ("agenda_request", "meeting_tomorrow", "meeting_checkin", "meeting_proposal")


def plan_meeting_reminders(session: Session, meeting: Meeting, now: datetime) -> None:
    """The agenda request (mentee, three days before), the day-before reminder, the check-in after.

    Each lands at the programme's hour on a working day in its recipient's zone; one that would
    already be late is sent now if it is still useful, else skipped.
    """
    convention = meeting.convention
    programme = convention.programme
    hour = programme.reminder_hour
    mentee_tz = timezone_of(convention.mentee, programme.timezone)
    if not meeting.agenda:
        ask_at = working_day_before(meeting.starts_at, mentee_tz, hour, days=AGENDA_DAYS_BEFORE)
        if ask_at < now:
            ask_at = next_good_moment(now, mentee_tz, hour)
        if ask_at < meeting.starts_at - timedelta(days=1):
            _enqueue(session, "agenda_request", meeting, convention.mentee, ask_at, now, essential=False)
    for side in (convention.mentor, convention.mentee):
        tz = timezone_of(side, programme.timezone)
        remind_at = working_day_before(meeting.starts_at, tz, hour)
        if remind_at >= now:  # else the meeting is so close that the confirmation itself reminds them
            _enqueue(session, "meeting_tomorrow", meeting, side, remind_at, now, essential=True)
        checkin_at = next_good_moment(meeting.ends_at + CHECKIN_AFTER, tz, hour)
        _enqueue(session, "meeting_checkin", meeting, side, checkin_at, now, essential=False)


def _enqueue(session: Session, kind: str, meeting: Meeting, person: Person, due_at: datetime, now: datetime, *,
             essential: bool) -> None:
    outbox.enqueue(session, kind=kind, recipient_id=person.id, convention_id=meeting.convention_id,
                   meeting_id=meeting.id, due_at=due_at, now=now, essential=essential,
                   dedupe_key=f"{kind}:{meeting.id}:{person.id}")


def _check_reason(reason: str) -> str:
    return required_text(reason, field="reason", limit=REASON_LIMIT, missing="error.meeting.reason_missing",
                         too_long=N_("error.meeting.reason_long"))


def _changeable(session: Session, meeting_id: int, person: Person, now: datetime) -> Meeting:
    meeting = get_meeting(session, meeting_id, person)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise Conflict("meeting.not_confirmed")
    if meeting.starts_at <= now:
        raise Conflict("meeting.already_started")
    return meeting


def move(session: Session, *, meeting_id: int, person: Person, draft: MeetingDraft, reason: str,
         now: datetime) -> Proposal:
    """Replace a confirmed meeting by a new proposal, with the reason: the old moment is off (its
    reminders stop) and the other person is asked to confirm the new one."""
    meeting = _changeable(session, meeting_id, person, now)
    reason = _check_reason(reason)
    proposal = propose(session, convention=meeting.convention, person=person, draft=draft, now=now,
                       replaces=meeting)
    proposal.meeting.reason = reason
    written = rows_changed(session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.status == MeetingStatus.CONFIRMED)
        .values(status=MeetingStatus.SUPERSEDED, reason=reason, outcome_by_id=person.id, outcome_at=now,
                updated_at=now)
    ))
    if not written:
        raise Conflict("meeting.not_confirmed")  # moved or cancelled meanwhile: nothing of this is kept
    _cancel_reminders(session, [meeting.id])
    audit.record(session, meeting.convention, "meeting.move_asked", person, now, meeting=meeting.id)
    return proposal


def cancel(session: Session, *, meeting_id: int, person: Person, reason: str, now: datetime) -> Meeting:
    meeting = _changeable(session, meeting_id, person, now)
    reason = _check_reason(reason)
    written = rows_changed(session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.status == MeetingStatus.CONFIRMED)
        .values(status=MeetingStatus.CANCELLED, reason=reason, outcome_by_id=person.id, outcome_at=now,
                updated_at=now)
    ))
    session.refresh(meeting)
    if not written:
        raise Conflict("meeting.not_confirmed")
    _cancel_reminders(session, [meeting.id])
    convention = meeting.convention
    for side in attendees(convention, meeting):
        outbox.enqueue(session, kind="meeting_cancelled", recipient_id=side.id, convention_id=convention.id,
                       meeting_id=meeting.id, due_at=now, now=now, essential=True,
                       dedupe_key=f"meeting_cancelled:{meeting.id}:{side.id}")
    audit.record(session, convention, "meeting.cancelled", person, now, meeting=meeting.id)
    return meeting


@dataclass(frozen=True)
class CheckIn:
    meeting: Meeting
    outcome: Outcome
    already: bool  # somebody (maybe the other person) had already answered
    answered_by: Person | None


def record_outcome(session: Session, *, meeting_id: int, person: Person, outcome: Outcome,
                   now: datetime) -> CheckIn:
    """'Did it take place?' One answer is enough; the second one learns what the first said."""
    meeting = get_meeting(session, meeting_id, person)
    if meeting.starts_at > now:
        raise Conflict("meeting.not_yet")
    answerable = (MeetingStatus.CONFIRMED, MeetingStatus.UNCONFIRMED)
    written = rows_changed(session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.status.in_(answerable))
        .values(status=OUTCOME_STATUS[outcome], outcome_by_id=person.id, outcome_at=now, updated_at=now)
    ))
    session.refresh(meeting)
    if not written:
        recorded = outcome_of(meeting.status)
        if recorded is None:
            raise Conflict("meeting.not_confirmed")
        return CheckIn(meeting, recorded, already=True, answered_by=meeting.outcome_by)
    convention = meeting.convention
    other = other_side(convention, person)
    # The other side's check-in question is answered: its pending row goes, and they are told.
    session.execute(update(Reminder).where(Reminder.meeting_id == meeting.id, Reminder.kind == "meeting_checkin",
                                           Reminder.recipient_id == other.id,
                                           Reminder.status == ReminderStatus.PENDING)
                    .values(status=ReminderStatus.CANCELLED))
    outbox.enqueue(session, kind="meeting_outcome", recipient_id=other.id, convention_id=convention.id,
                   meeting_id=meeting.id, due_at=now, now=now, essential=False,
                   dedupe_key=f"meeting_outcome:{meeting.id}:{other.id}")
    audit.record(session, convention, f"meeting.{outcome.value}", person, now, meeting=meeting.id)
    if outcome == Outcome.HELD and meeting.restitution:  # held in front of everyone: the closure is validated
        convention.restitution_held_at = now
        audit.record(session, convention, "closure.validated", person, now, meeting=meeting.id)
    elif outcome == Outcome.HELD and meeting.with_manager:  # the three agreed: the mentor writes the road map
        road_maps.prompt_mentor(session, convention, now)
    return CheckIn(meeting, outcome, already=False, answered_by=person)


def expire_unanswered(session: Session, now: datetime) -> int:
    """Confirmed meetings over for a week with no check-in answer become 'unconfirmed'."""
    return rows_changed(session.execute(
        update(Meeting).where(Meeting.status == MeetingStatus.CONFIRMED,
                              Meeting.starts_at < now - UNANSWERED_AFTER)
        .values(status=MeetingStatus.UNCONFIRMED, updated_at=now)
        .execution_options(synchronize_session=False)
    ))


@dataclass(frozen=True)
class AgendaResult:
    meeting: Meeting | None  # the meeting it was attached to, if one is planned
    convention: Convention


def set_agenda(session: Session, *, person: Person, text: str, now: datetime,
               meeting_id: int | None = None, convention_id: int | None = None) -> AgendaResult:
    """The mentee's agenda for the next meeting, sent to the mentor."""
    text = required_text(text, field="agenda", limit=AGENDA_LIMIT, missing="error.agenda.empty",
                         too_long=N_("error.meeting.agenda_long"))
    if meeting_id is not None:
        meeting: Meeting | None = get_meeting(session, meeting_id, person)
        assert meeting is not None
        convention = meeting.convention
        if meeting.status not in UPCOMING or meeting.starts_at <= now:
            meeting = None  # that meeting is past or gone: the agenda is for the next one
    else:
        convention = plannable_convention(session, person, convention_id)
        meeting = None
    require(session, person, Act.AGENDA_WRITE, convention)
    if meeting is None:
        meeting = next(iter(upcoming(session, convention, now)), None)
    if meeting is not None:
        meeting.agenda, meeting.agenda_sent_at, meeting.updated_at = text, now, now
        session.execute(update(Reminder).where(Reminder.meeting_id == meeting.id,
                                               Reminder.kind == "agenda_request",
                                               Reminder.status == ReminderStatus.PENDING)
                        .values(status=ReminderStatus.CANCELLED))
    else:
        convention.next_agenda = text
    outbox.enqueue(session, kind="agenda_shared", recipient_id=convention.mentor_id, convention_id=convention.id,
                   meeting_id=meeting.id if meeting else None, due_at=now, now=now, essential=True,
                   dedupe_key=f"agenda_shared:{convention.id}:{now.isoformat()}")
    audit.record(session, convention, "meeting.agenda_sent", person, now, meeting=meeting.id if meeting else None)
    return AgendaResult(meeting, convention)
