"""`mes-donnees effacer`: a person's right to erasure.

All of their typed text and their profile go, in every table: notes, agendas, the reasons and places of
the meetings they proposed, the objectives they wrote and their comments, their bilan answers, thanks and
news, the différends they raised, a mentor's replies to requests, evaluation suggestions, their shared
files (and their bytes), the messages queued or sent to them, their chat references. What the programme's
figures count stays, anonymised: conventions (dates, statuses), meetings held, bilan ratings and
decisions. Their person row keeps its id for those figures, with no name, no platform id, no zone.

While one of their conventions runs, the convention's rule stands (an early end goes through the
coordination): the request is noted, and the planner erases them once no convention of theirs runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.notify import Message
from bot.services import audit, outbox
from bot.services.disputes import escalation_people
from bot.services.people import language_of
from bot.services.roles import CoordinatorRule
from storage.models import (
    OPEN_CONVENTION_STATUSES,
    Bilan,
    Convention,
    Dispute,
    Gratitude,
    Meeting,
    MentorRequest,
    MessageRef,
    Milestone,
    Note,
    Objective,
    ObjectiveUpdate,
    Person,
    Profile,
    Programme,
    ProgrammeDirection,
    ProgrammeEvaluation,
    Reminder,
    RoadMap,
    SharedFile,
    Synthesis,
    TeamsConversation,
)

ERASED = "person_erased"  # to the coordination: someone left and erased their data (no name, no text)


def running(session: Session, person: Person) -> list[Convention]:
    return list(session.scalars(select(Convention).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id),
        Convention.status.in_(OPEN_CONVENTION_STATUSES)).order_by(Convention.id)))


def programmes_of(session: Session, person: Person) -> list[Programme]:
    ids = set(session.scalars(select(Convention.programme_id).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id))))
    ids |= set(session.scalars(select(Profile.programme_id).where(Profile.person_id == person.id)))
    return list(session.scalars(select(Programme).where(Programme.id.in_(ids)))) if ids else []


def request(session: Session, person: Person, rule: CoordinatorRule, now: datetime) -> bool:
    """Erase now (True), or note the request while a convention runs (False)."""
    if running(session, person):
        person.erasure_requested_at = person.erasure_requested_at or now
        return False
    erase(session, person, rule, now)
    return True


def erase(session: Session, person: Person, rule: CoordinatorRule, now: datetime) -> None:
    pid = person.id
    mine = select(Convention.id).where(or_(Convention.mentor_id == pid, Convention.mentee_id == pid))
    as_mentee = select(Convention.id).where(Convention.mentee_id == pid)
    programmes = programmes_of(session, person)
    session.execute(delete(Profile).where(Profile.person_id == pid))
    session.execute(update(Profile).where(Profile.manager_id == pid).values(manager_id=None))
    session.execute(update(Profile).where(Profile.avoid_id == pid).values(avoid_id=None))
    session.execute(update(Profile).where(Profile.loaded_by_id == pid).values(loaded_by_id=None))
    session.execute(delete(Note).where(Note.author_id == pid))
    session.execute(update(Meeting).where(Meeting.convention_id.in_(as_mentee)).values(agenda=None))
    session.execute(update(Meeting).where(Meeting.proposed_by_id == pid).values(location=None, reason=None))
    session.execute(update(Convention).where(Convention.mentee_id == pid).values(next_agenda=None))
    session.execute(update(Objective).where(Objective.created_by_id == pid, Objective.convention_id.in_(mine))
                    .values(title="—", description=None, success_measure=None))
    session.execute(update(ObjectiveUpdate).where(ObjectiveUpdate.author_id == pid).values(comment=None))
    # The road map is the mentor's writing; its hours and dates stay as figures.
    as_mentor = select(Convention.id).where(Convention.mentor_id == pid)
    session.execute(update(RoadMap).where(RoadMap.convention_id.in_(as_mentor)).values(axes="", strategies=""))
    session.execute(update(Milestone).where(Milestone.convention_id.in_(as_mentor)).values(title="—"))
    session.execute(update(Synthesis).where(Synthesis.convention_id.in_(as_mentor))
                    .values(points="", results="", axes="", follow_up=""))
    # The mentee's words are in them too (the agendas the synthesis starts from, the road map agreed together).
    session.execute(update(Synthesis).where(Synthesis.convention_id.in_(as_mentee))
                    .values(points="", results="", axes="", follow_up="", comment=None))
    session.execute(update(RoadMap).where(RoadMap.convention_id.in_(as_mentee)).values(axes="", strategies=""))
    session.execute(update(Milestone).where(Milestone.convention_id.in_(as_mentee)).values(title="—"))
    session.execute(delete(ProgrammeDirection).where(ProgrammeDirection.person_id == pid))
    session.execute(update(Convention).where(Convention.manager_id == pid).values(manager_id=None))
    session.execute(update(Bilan).where(Bilan.person_id == pid).values(answers={}))
    session.execute(update(Gratitude).where(Gratitude.author_id == pid).values(message="", achievements=None))
    session.execute(update(Dispute).where(Dispute.raised_by_id == pid).values(summary=""))
    session.execute(update(MentorRequest).where(MentorRequest.mentor_id == pid).values(reply=""))
    session.execute(update(ProgrammeEvaluation).where(ProgrammeEvaluation.person_id == pid).values(suggestion=""))
    session.execute(delete(SharedFile).where(SharedFile.person_id == pid))
    session.execute(delete(Reminder).where(Reminder.recipient_id == pid))
    session.execute(delete(MessageRef).where(MessageRef.person_id == pid))
    session.execute(delete(TeamsConversation).where(TeamsConversation.person_id == pid))
    person.display_name, person.timezone, person.locale, person.language_choice = "", None, None, None
    person.dm_channel, person.reminders_paused_until, person.erasure_requested_at = None, None, None
    person.external_id = f"erased-{pid}"  # the platform's id no longer leads here; the figures keep the row
    person.profile_refreshed_at = None
    for programme in programmes:
        audit.record_for_programme(session, programme, "data.erased", None, now, person=pid)
        for coordinator in escalation_people(session, programme, rule, "", now).coordinators:
            outbox.enqueue(session, kind=ERASED, recipient_id=coordinator.id, due_at=now, now=now,
                           payload={"programme": programme.id}, dedupe_key=f"{ERASED}:{pid}:{coordinator.id}")


def erase_pending(session: Session, rule: CoordinatorRule, now: datetime) -> int:
    """The planner's pass: those who asked while a convention ran, now that none of theirs runs."""
    erased = 0
    for person in session.scalars(select(Person).where(Person.erasure_requested_at.is_not(None))):
        if not running(session, person):
            erase(session, person, rule, now)
            erased += 1
    return erased


def _erased(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    programme = session.get(Programme, reminder.payload.get("programme"))
    if programme is None:
        return None
    lang = language_of(person, programme.language)
    return Message(text=t(lang, "erasure.told.coordination", programme=programme.name), headline=False)


COMPOSERS = {ERASED: _erased}
