"""The convention: pairing, each side's acceptance, activation, and where a pair stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import bindparam, func, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.i18n import N_, labels
from bot.services import audit, convention_versions, outbox, profiles
from bot.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.services.people import mention
from bot.services.policy import Act, part_in, require
from bot.services.programmes import require_running
from bot.services.reviews import plan_reviews
from bot.services.roles import CoordinatorRule, is_coordinator
from bot.services.timing import add_months
from storage.db import rows_changed
from storage.models import (
    OPEN_CONVENTION_STATUSES,
    Convention,
    ConventionStatus,
    ConventionVersion,
    Meeting,
    MeetingStatus,
    MentorRequest,
    Person,
    Programme,
    RequestStatus,
)

EARLIEST_START = timedelta(days=31)
LATEST_START = timedelta(days=366)


class Phase(StrEnum):
    LAUNCH = "launch"
    DEVELOPMENT = "development"
    SEPARATION = "separation"


def _open_convention(session: Session, programme: Programme, *, mentor: Person | None = None,
                     mentee: Person | None = None) -> Convention | None:
    stmt = select(Convention).where(
        Convention.programme_id == programme.id, Convention.status.in_(OPEN_CONVENTION_STATUSES)
    )
    if mentor is not None:
        stmt = stmt.where(Convention.mentor_id == mentor.id)
    if mentee is not None:
        stmt = stmt.where(Convention.mentee_id == mentee.id)
    return session.scalars(stmt).first()


@dataclass(frozen=True)
class PairResult:
    convention: Convention
    created: bool


def check_pair(session: Session, programme: Programme, mentor: Person, mentee: Person) -> Convention | None:
    """Raise the first reason the pairing is refused; return an identical open convention if any."""
    require_running(programme)
    if mentor.id == mentee.id:
        raise InvalidInput("error.pair.same_person", field="mentee")
    for person, field in ((mentor, "mentor"), (mentee, "mentee")):
        if person.is_bot:
            raise InvalidInput("error.pair.bot", field=field, name=mention(person))
    same = _open_convention(session, programme, mentor=mentor, mentee=mentee)
    if same is not None:
        return same
    # The mentor's row is locked until the end of the transaction (PostgreSQL): two pairings of the same
    # mentor run one after the other, so neither counts before the other has written. SQLite writes one
    # transaction at a time anyway.
    session.execute(select(Person.id).where(Person.id == mentor.id).with_for_update())
    capacity = profiles.capacity_of(session, programme, mentor)
    if profiles.open_count(session, programme, mentor=mentor) >= capacity:
        raise Conflict("error.pair.mentor_busy", field="mentor", name=mention(mentor), count=capacity)
    if _open_convention(session, programme, mentee=mentee) is not None:
        raise Conflict("error.pair.mentee_busy", field="mentee", name=mention(mentee))
    return None


def check_start(starts_on: date, today: date) -> None:
    if starts_on < today - EARLIEST_START:
        raise InvalidInput("error.pair.date_too_early", field="start", earliest=today - EARLIEST_START)
    if starts_on > today + LATEST_START:
        raise InvalidInput("error.pair.date_too_late", field="start", latest=today + LATEST_START)


def pair(
    session: Session,
    *,
    programme: Programme,
    coordinator: Person,
    mentor: Person,
    mentee: Person,
    starts_on: date,
    today: date,
    now: datetime,
    rule: CoordinatorRule,
    manager: Person | None = None,
) -> PairResult:
    """Create the convention and queue both invitations. Idempotent for the same pair.

    `manager`: the mentee's manager, in a programme run with the corporate method."""
    require(session, coordinator, Act.PAIR, programme, rule)
    check_manager(programme, mentor, mentee, manager)
    if manager is not None and is_coordinator(session, manager, programme, rule):
        # A coordinator handles the pair's différends and reads its figures: not the manager's place.
        raise InvalidInput(N_("error.pair.manager_coordinates"), field="manager")
    return _create(session, programme, coordinator, mentor, mentee, starts_on, today, now, manager=manager)


def check_manager(programme: Programme, mentor: Person, mentee: Person, manager: Person | None) -> None:
    """The third person of the corporate method: only there, someone else than the pair, of the workspace."""
    if manager is None:
        return
    if not programme.corporate_method:
        raise InvalidInput(N_("error.pair.no_corporate_method"), field="manager", programme=programme.name)
    if manager.id in (mentor.id, mentee.id):
        raise InvalidInput(N_("error.pair.manager_in_pair"), field="manager")
    if manager.is_bot:
        raise InvalidInput("error.pair.bot", field="manager", name=mention(manager))
    if manager.workspace_id != programme.workspace_id:
        raise NotAllowed("error.no_access")


def pair_chosen(session: Session, request: MentorRequest, *, today: date, now: datetime) -> PairResult:
    """The pair's own choice, in a programme that trusts it: the mentee asked, the mentor agreed.

    The coordination is told rather than asked (services/mentor_requests.py); the same refusals apply."""
    if request.programme.mentee_choice != "trusted" or request.status != RequestStatus.AGREED:
        raise NotAllowed("error.coordinator_only", names="")
    return _create(session, request.programme, None, request.mentor, request.mentee, today, today, now,
                   actor=request.mentor)


def _create(session: Session, programme: Programme, paired_by: Person | None, mentor: Person, mentee: Person,
            starts_on: date, today: date, now: datetime, *, actor: Person | None = None,
            manager: Person | None = None) -> PairResult:
    if mentor.workspace_id != programme.workspace_id or mentee.workspace_id != programme.workspace_id:
        raise NotAllowed("error.no_access")  # nobody is paired into another workspace's programme
    existing = check_pair(session, programme, mentor, mentee)
    if existing is not None:
        return PairResult(existing, created=False)
    check_start(starts_on, today)
    version = convention_versions.current(session, programme, now=now)
    convention = Convention(
        programme_id=programme.id,
        version_id=version.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        paired_by_id=paired_by.id if paired_by else None,
        manager_id=manager.id if manager else None,
        status=ConventionStatus.AWAITING_SIGNATURES,
        starts_on=starts_on,
        planned_end_on=add_months(starts_on, version.length_months),
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(convention)
    except IntegrityError:
        # Lost a race with a concurrent identical request (Slack retry, double click).
        existing = check_pair(session, programme, mentor, mentee)
        if existing is not None:
            return PairResult(existing, created=False)
        raise
    convention.programme = programme
    audit.record(session, convention, "convention.paired", paired_by or actor, now)
    for person in (mentor, mentee):
        outbox.enqueue(
            session,
            kind="convention_invite",
            recipient_id=person.id,
            convention_id=convention.id,
            due_at=now,
            now=now,
            essential=True,
            dedupe_key=f"convention_invite:{convention.id}:{person.id}",
        )
    return PairResult(convention, created=True)


def get_convention(session: Session, convention_id: int) -> Convention:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise NotFound("conv.not_yours")
    return convention


role_in = part_in  # "mentor", "mentee" or None: a fact about the pair, not a permission (that is policy.require)


def accepted_at(convention: Convention, person: Person) -> datetime | None:
    return convention.mentor_accepted_at if role_in(convention, person) == "mentor" else convention.mentee_accepted_at


@dataclass(frozen=True)
class AcceptResult:
    convention: Convention
    accepted_at: datetime
    already: bool
    activated: bool


def accept(session: Session, *, convention_id: int, person: Person, now: datetime) -> AcceptResult:
    """Record one side's acceptance; activate once both sides have accepted.

    Conditional UPDATEs make double clicks and retries harmless, even when concurrent.
    """
    convention = get_convention(session, convention_id)
    role = require(session, person, Act.CONVENTION_SIGN, convention).part
    column = Convention.mentor_accepted_at if role == "mentor" else Convention.mentee_accepted_at
    if accepted_at(convention, person) is None and convention.status != ConventionStatus.AWAITING_SIGNATURES:
        raise Conflict("conv.not_open", status=convention.status)
    written = rows_changed(session.execute(
        update(Convention)
        .where(Convention.id == convention.id, column.is_(None),
               Convention.status == ConventionStatus.AWAITING_SIGNATURES)
        .values({column: now, Convention.updated_at: now})
    ))
    activated = bool(
        rows_changed(session.execute(
            update(Convention)
            .where(
                Convention.id == convention.id,
                Convention.status == ConventionStatus.AWAITING_SIGNATURES,
                Convention.mentor_accepted_at.is_not(None),
                Convention.mentee_accepted_at.is_not(None),
            )
            .values(status=ConventionStatus.ACTIVE, activated_at=now, updated_at=now)
        ))
    )
    session.refresh(convention)
    if written:
        audit.record(session, convention, "convention.accepted", person, now)
    if activated:
        audit.record(session, convention, "convention.activated", None, now)
        plan_reviews(session, convention, now)
        recipients = [convention.mentor_id, convention.mentee_id]
        if convention.paired_by_id is not None:
            recipients.append(convention.paired_by_id)
        if convention.manager_id is not None:  # the mentee agreed to them by accepting
            recipients.append(convention.manager_id)
        for recipient_id in recipients:
            outbox.enqueue(
                session,
                kind="convention_active",
                recipient_id=recipient_id,
                convention_id=convention.id,
                due_at=now,
                now=now,
                essential=True,
                dedupe_key=f"convention_active:{convention.id}:{recipient_id}",
            )
    stamp = accepted_at(convention, person)
    assert stamp is not None
    return AcceptResult(convention, stamp, already=not written, activated=activated)


def ask_question(session: Session, *, convention_id: int, person: Person, now: datetime,
                 coordinator_ids: list[int]) -> Convention:
    """Tell the coordinator(s) that a person has a question before accepting. Once a day at most."""
    convention = get_convention(session, convention_id)
    require(session, person, Act.CONVENTION_SIGN, convention)
    targets = [convention.paired_by_id] if convention.paired_by_id else coordinator_ids
    for coordinator_id in targets:
        if coordinator_id is None:
            continue
        outbox.enqueue(
            session,
            kind="convention_question",
            recipient_id=coordinator_id,
            convention_id=convention.id,
            due_at=now,
            now=now,
            essential=True,
            payload={"asked_by": person.id},
            dedupe_key=f"convention_question:{convention.id}:{person.id}:{now.date().isoformat()}",
        )
    audit.record(session, convention, "convention.question", person, now)
    return convention


_CONVENTIONS_OF = (select(Convention)
                   .where(or_(Convention.mentor_id == bindparam("person"), Convention.mentee_id == bindparam("person")))
                   .order_by(Convention.id))
# Built once: help, status and the App Home run it on nearly every request.
_OPEN_CONVENTIONS_OF = _CONVENTIONS_OF.where(Convention.status.in_(OPEN_CONVENTION_STATUSES))


def conventions_of(session: Session, person: Person, *, open_only: bool = True) -> list[Convention]:
    stmt = _OPEN_CONVENTIONS_OF if open_only else _CONVENTIONS_OF
    return list(session.scalars(stmt, {"person": person.id}))


@dataclass(frozen=True)
class StatusInfo:
    convention: Convention
    role: str
    other: Person
    phase: Phase
    month: int
    months: int
    meetings_held: int
    meetings_expected: int
    next_step: str  # an i18n key under next.*
    you_accepted: bool
    next_meeting: Meeting | None = None  # the next confirmed meeting
    proposal: Meeting | None = None  # a proposal waiting for an answer


_MEETINGS_HELD = select(func.count(Meeting.id)).where(Meeting.convention_id == bindparam("convention"),
                                                      Meeting.status == MeetingStatus.HELD)
_MEETINGS_AHEAD = select(Meeting).where(
    Meeting.convention_id == bindparam("convention"),
    Meeting.status.in_((MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)),
    Meeting.starts_at >= bindparam("since"),
).order_by(Meeting.starts_at)


# The terms as signed and the other party in one round trip rather than two lazy loads, for each `statut`
# (Slack and Teams): two rows found by their keys, side by side (ON true).
_TERMS_AND_OTHER = (select(ConventionVersion, Person).join_from(ConventionVersion, Person, true())
                    .where(ConventionVersion.id == bindparam("version"), Person.id == bindparam("other")))


def meetings_held(session: Session, convention: Convention) -> int:
    return session.scalar(_MEETINGS_HELD, {"convention": convention.id}) or 0


def phase_of(convention: Convention, today: date) -> Phase:
    if convention.status in (ConventionStatus.CLOSING, ConventionStatus.CLOSED, ConventionStatus.ENDED_EARLY):
        return Phase.SEPARATION
    if convention.status != ConventionStatus.ACTIVE or today < add_months(convention.starts_on, 2):
        return Phase.LAUNCH
    if today >= add_months(convention.planned_end_on, -2):
        return Phase.SEPARATION
    return Phase.DEVELOPMENT


def month_of(convention: Convention, today: date, months: int) -> int:
    """Month N of the convention (1-based), counted from its start date, capped at its length."""
    if today < convention.starts_on:
        return 1
    elapsed = (today.year - convention.starts_on.year) * 12 + today.month - convention.starts_on.month
    if today.day < convention.starts_on.day:
        elapsed -= 1
    return max(1, min(months, elapsed + 1))


def status_of(session: Session, convention: Convention, person: Person, today: date) -> StatusInfo:
    role = require(session, person, Act.CONVENTION_READ, convention).part
    # The terms as signed: a later edit of the programme does not change them.
    terms, other = session.execute(_TERMS_AND_OTHER, {
        "version": convention.version_id,
        "other": convention.mentee_id if role == "mentor" else convention.mentor_id}).one()
    held = meetings_held(session, convention)
    days = (today - convention.starts_on).days
    expected = 0
    if convention.status == ConventionStatus.ACTIVE and days > 0:
        expected = min(days // terms.meeting_every_days, terms.length_months)
    you_accepted = accepted_at(convention, person) is not None
    phase = phase_of(convention, today)
    ahead = list(session.scalars(_MEETINGS_AHEAD, {
        "convention": convention.id, "since": datetime.combine(today, datetime.min.time(), tzinfo=UTC)}))
    if convention.status == ConventionStatus.AWAITING_SIGNATURES:
        next_step = N_("next.wait_other") if you_accepted else N_("next.accept")
    elif convention.status in (ConventionStatus.CLOSED, ConventionStatus.ENDED_EARLY):
        next_step = N_("next.closed")
    elif today < convention.starts_on:
        next_step = N_("next.not_started")
    else:
        next_step = labels.NEXT_STEP[phase]
    return StatusInfo(
        convention=convention,
        role=role,
        other=other,
        phase=phase,
        month=month_of(convention, today, terms.length_months),
        months=terms.length_months,
        meetings_held=held,
        meetings_expected=expected,
        next_step=next_step,
        you_accepted=you_accepted,
        next_meeting=next((m for m in ahead if m.status == MeetingStatus.CONFIRMED), None),
        proposal=next((m for m in ahead if m.status == MeetingStatus.PROPOSED), None),
    )


def has_meeting_planned(session: Session, convention: Convention, since: datetime) -> bool:
    """A meeting confirmed (or held) that was set after `since`, or any confirmed one still ahead."""
    return (session.scalar(
        select(func.count(Meeting.id)).where(
            Meeting.convention_id == convention.id,
            Meeting.status.in_((MeetingStatus.CONFIRMED, MeetingStatus.HELD)),
            or_(Meeting.updated_at >= since, Meeting.starts_at >= since),
        )
    ) or 0) > 0
