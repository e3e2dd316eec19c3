"""The mentee's choice, when the programme lets mentees choose: a waiting mentee asks one of the mentors
suggested to them; the mentor agrees or declines, with a word; the coordination confirms the pair, or,
when the programme trusts the pair's choice, the pair is made at once and the coordination told.

One request at a time per mentee (a unique index); the request shares the mentee's profile with the
mentor asked (policy: Act.PROFILE_READ). The mentor's word goes to the mentee only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services import audit, conventions, match_pool, outbox, profiles
from bot.services.disputes import escalation_people
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule
from storage.models import MatchOutcome, MentorRequest, Person, Profile, Programme, RequestStatus

if TYPE_CHECKING:  # the engine loads numpy: imported where a pairing is computed
    from bot.services.matching.fit import Fit

CHOICES = 3  # mentors shown to a mentee who chooses
REPLY_LIMIT = 1000
CHOICE_MODES = ("off", "confirm", "trusted")
EXPIRE_AFTER = timedelta(days=14)  # two weeks without an answer: the mentee may ask someone else

# Outbox kinds
ASKED = "mentor_request"  # to the mentor
ANSWERED = "mentor_request_answer"  # to the mentee
AGREED = "mentor_request_agreed"  # to the coordination, to confirm
PAIRED = "mentor_request_paired"  # to the coordination, told only
REFUSED = "mentor_request_refused"  # to both, the coordination did not confirm


def choosing(programme: Programme) -> bool:
    return programme.mentee_choice in ("confirm", "trusted")


def choices_for(session: Session, programme: Programme, mentee: Person, on: date) -> list[tuple[Profile, Fit]]:
    """The best mentors for this mentee among those with room: (their profile, the fit), best first."""
    return _best(match_pool.pool(session, programme, on), mentee)


def _best(pool: match_pool.Pool, mentee: Person) -> list[tuple[Profile, Fit]]:
    if mentee.id not in pool.mentees:
        return []
    found = [(profile, f) for mentor_id, profile in pool.mentors.items()
             if (f := pool.fit_of(mentee.id, mentor_id)) is not None]
    found.sort(key=lambda item: (-item[1].score, item[0].person_id))
    return found[:CHOICES]


def still_open(request: MentorRequest) -> None:
    """A request the mentor can still answer: not answered, withdrawn or expired since."""
    if request.status in (RequestStatus.WITHDRAWN, RequestStatus.EXPIRED):
        raise Conflict("request.closed")
    if request.status != RequestStatus.ASKED:
        raise Conflict("request.answered")


def cancel(session: Session, mentee: Person, request_id: int, now: datetime) -> MentorRequest:
    """The mentee takes their request back (to ask someone else): the mentor's buttons no longer apply."""
    request = get_request(session, request_id)
    require(session, mentee, Act.REQUEST_CANCEL, request)
    still_open(request)
    request.status, request.decided_at = RequestStatus.WITHDRAWN, now
    audit.record_for_programme(session, request.programme, "request.cancelled", mentee, now, request=request.id)
    return request


def withdrawn(session: Session, programme: Programme, person: Person, now: datetime) -> int:
    """Someone left the waiting pool: their own pending request goes, and so do the requests addressed to
    them as a mentor (each mentee is told, and may ask someone else). Returns the requests closed."""
    closed = 0
    for request in session.scalars(select(MentorRequest).where(
            MentorRequest.programme_id == programme.id,
            (MentorRequest.mentee_id == person.id) | (MentorRequest.mentor_id == person.id),
            MentorRequest.status.in_((RequestStatus.ASKED, RequestStatus.AGREED)))):
        request.status, request.decided_at = RequestStatus.WITHDRAWN, now
        if request.mentor_id == person.id:
            _queue(session, ANSWERED, request, request.mentee, now)
        closed += 1
    return closed


def expire(session: Session, now: datetime) -> int:
    """Requests the mentor left unanswered for EXPIRE_AFTER: closed, and the mentee told (they may ask another)."""
    expired = 0
    for request in session.scalars(select(MentorRequest).where(MentorRequest.status == RequestStatus.ASKED,
                                                               MentorRequest.asked_at < now - EXPIRE_AFTER)):
        request.status, request.decided_at = RequestStatus.EXPIRED, now
        _queue(session, ANSWERED, request, request.mentee, now)
        expired += 1
    return expired


def get_request(session: Session, request_id: int) -> MentorRequest:
    request = session.get(MentorRequest, request_id)
    if request is None:
        raise NotFound("request.not_yours")
    return request


def _queue(session: Session, kind: str, request: MentorRequest, recipient: Person, now: datetime,
           essential: bool = False) -> None:
    outbox.enqueue(session, kind=kind, recipient_id=recipient.id, due_at=now, now=now, essential=essential,
                   payload={"request": request.id}, dedupe_key=f"{kind}:{request.id}:{request.status}:{recipient.id}")


def ask(session: Session, programme: Programme, mentee: Person, mentor_id: int, today: date,
        now: datetime) -> MentorRequest:
    """The mentee asks this mentor. Refused when the programme does not let mentees choose, when the
    mentee is not waiting, or when the mentor is not among those they may have."""
    if not choosing(programme):
        raise Conflict("request.not_open")
    pool = match_pool.pool(session, programme, today)
    if mentee.id not in pool.mentees:
        raise Conflict("request.not_waiting")
    if mentor_id not in {profile.person_id for profile, _fit in _best(pool, mentee)}:
        raise Conflict("match.gone")  # only the mentors the mentee was shown, as they stand now
    request = MentorRequest(programme_id=programme.id, mentee_id=mentee.id, mentor_id=mentor_id,
                            status=RequestStatus.ASKED, asked_at=now)
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError as exc:  # a pending request already (a double click, a second tab)
        raise Conflict("request.pending") from exc
    request.programme, request.mentee = programme, mentee
    request.mentor = pool.mentors[mentor_id].person
    audit.record_for_programme(session, programme, "request.asked", mentee, now, request=request.id)
    _queue(session, ASKED, request, request.mentor, now)
    return request


@dataclass(frozen=True)
class Answered:
    request: MentorRequest
    paired: conventions.PairResult | None  # the programme trusts the pair's choice: made at once


def answer(session: Session, mentor: Person, request_id: int, *, agree: bool, reply: str, rule: CoordinatorRule,
           today: date, now: datetime) -> Answered:
    request = get_request(session, request_id)
    require(session, mentor, Act.REQUEST_ANSWER, request)
    still_open(request)
    mentor_profile = profiles.profile_of(session, request.programme, mentor)
    if mentor_profile is None or not profiles.enrolled(mentor_profile) or not mentor_profile.as_mentor:
        raise Conflict("request.mentor_gone")
    words = reply.strip()
    if len(words) > REPLY_LIMIT:
        raise InvalidInput("profile.error.too_long", field="reply", limit=REPLY_LIMIT)
    request.reply, request.answered_at = words, now
    programme = request.programme
    if not agree:
        request.status = RequestStatus.DECLINED
        audit.record_for_programme(session, programme, "request.declined", mentor, now, request=request.id)
        _queue(session, ANSWERED, request, request.mentee, now)
        return Answered(request, None)
    request.status = RequestStatus.AGREED
    audit.record_for_programme(session, programme, "request.agreed", mentor, now, request=request.id)
    paired = None
    if programme.mentee_choice == "trusted":
        paired = conventions.pair_chosen(session, request, today=today, now=now)
        request.status, request.decided_at = RequestStatus.CONFIRMED, now
        match_pool.decide(session, programme, mentee_id=request.mentee_id, mentor_id=request.mentor_id,
                          suggested_mentor_id=None, outcome=MatchOutcome.CHOSEN, by=mentor, now=now)
    _queue(session, ANSWERED, request, request.mentee, now)
    for coordinator in escalation_people(session, programme, rule, "", now).coordinators:
        _queue(session, PAIRED if paired else AGREED, request, coordinator, now)
    return Answered(request, paired)


def decide(session: Session, coordinator: Person, request_id: int, *, confirm: bool, rule: CoordinatorRule,
           today: date, now: datetime) -> tuple[MentorRequest, conventions.PairResult | None]:
    """The coordination confirms the pair the mentee and the mentor agreed on (the pairing's own refusals
    apply), or does not, and both are told."""
    request = get_request(session, request_id)
    require(session, coordinator, Act.PAIR, request.programme, rule)
    if request.status != RequestStatus.AGREED:
        raise Conflict("request.decided")
    request.decided_at = now
    if not confirm:
        request.status = RequestStatus.REFUSED
        audit.record_for_programme(session, request.programme, "request.refused", coordinator, now,
                                   request=request.id)
        for person in (request.mentee, request.mentor):
            _queue(session, REFUSED, request, person, now)
        return request, None
    paired = conventions.pair(session, programme=request.programme, coordinator=coordinator, mentor=request.mentor,
                              mentee=request.mentee, starts_on=today, today=today, now=now, rule=rule)
    request.status = RequestStatus.CONFIRMED
    match_pool.decide(session, request.programme, mentee_id=request.mentee_id, mentor_id=request.mentor_id,
                      suggested_mentor_id=None, outcome=MatchOutcome.CHOSEN, by=coordinator, now=now)
    return request, paired


def set_mode(session: Session, coordinator: Person, programme: Programme, rule: CoordinatorRule, mode: str,
             now: datetime) -> None:
    require(session, coordinator, Act.ENROLMENT_EDIT, programme, rule)
    if mode not in CHOICE_MODES:
        raise InvalidInput("request.usage")
    programme.mentee_choice = mode
    audit.record_for_programme(session, programme, "enrolment.choice", coordinator, now, mode=mode)
