"""The road map's milestones, on their dates: the pair reviews progress together, the mentor records the
status (on track or not, the hours so far), and the mentee decides whether the manager reads it. Declined,
the manager learns only that the milestone was held; nothing unapproved ever reaches them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, outbox
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.people import timezone_of
from bot.services.policy import Act, require
from bot.services.timing import next_good_moment, start_of_day
from bot.services.typed_text import number
from storage.models import Convention, ConventionStatus, Milestone, Person, RoadMap

DUE, SHARE, STATUS = "milestone_due", "milestone_share", "milestone_status"
MAX_HOURS = 2000
SHARED, DECLINED = "shared", "declined"


def plan(session: Session, convention: Convention, milestones: list[Milestone], now: datetime) -> None:
    """Once the road map is agreed: each side is asked, on each milestone's day, to review it together."""
    for milestone in milestones:
        if milestone.held_at is not None:
            continue
        for person in (convention.mentor, convention.mentee):
            tz = timezone_of(person, convention.programme.timezone)
            due = next_good_moment(start_of_day(milestone.due_on, tz), tz, convention.programme.reminder_hour)
            outbox.enqueue(session, kind=DUE, recipient_id=person.id, convention_id=convention.id,
                           due_at=max(due, now), now=now, dedupe_key=f"{DUE}:{milestone.id}:{person.id}",
                           payload={"milestone": milestone.id})


def get_milestone(session: Session, milestone_id: int) -> Milestone:
    found = session.get(Milestone, milestone_id)
    if found is None:
        raise NotFound(N_("milestone.gone"))
    return found


@dataclass(frozen=True)
class StatusEntry:
    on_track: str  # "yes" | "no", as the form sends it
    hours: str


def record(session: Session, *, milestone_id: int, person: Person, entry: StatusEntry, now: datetime) -> Milestone:
    """The mentor's status of a milestone reviewed together; the mentee is asked whether to share it."""
    milestone = get_milestone(session, milestone_id)
    require(session, person, Act.MILESTONE_RECORD, milestone)
    if milestone.convention.status != ConventionStatus.ACTIVE:
        raise Conflict(N_("roadmap.not_active"))
    if milestone.held_at is not None:  # the mentee was shown this status: it is theirs to share or keep
        raise Conflict(N_("milestone.decided"))
    road_map = session.scalars(select(RoadMap).where(RoadMap.convention_id == milestone.convention_id)).first()
    if road_map is None or road_map.manager_confirmed_at is None:
        raise Conflict(N_("milestone.not_agreed"))
    if entry.on_track not in ("yes", "no"):
        raise InvalidInput(N_("milestone.error.on_track"), field="on_track")
    hours = number(entry.hours.strip(), digits=4)
    if hours is None or hours > MAX_HOURS:
        raise InvalidInput(N_("milestone.error.hours"), field="hours", high=MAX_HOURS)
    milestone.held_at, milestone.on_track, milestone.hours_so_far = now, entry.on_track == "yes", hours
    convention = milestone.convention
    outbox.enqueue(session, kind=SHARE, recipient_id=convention.mentee_id, convention_id=convention.id, due_at=now,
                   now=now, essential=True, dedupe_key=f"{SHARE}:{milestone.id}:{now.isoformat()}",
                   payload={"milestone": milestone.id})
    audit.record(session, convention, "milestone.recorded", person, now, milestone=milestone.id)
    return milestone


def decide(session: Session, *, milestone_id: int, person: Person, share: bool, now: datetime) -> Milestone:
    """The mentee's answer: the manager gets the status, or only that the milestone was held."""
    milestone = get_milestone(session, milestone_id)
    require(session, person, Act.MILESTONE_SHARE, milestone)
    if milestone.held_at is None:
        raise Conflict(N_("milestone.not_recorded"))
    if milestone.sharing is not None:
        return milestone  # a second click changes nothing: the manager was told once
    milestone.sharing, milestone.decided_at = (SHARED if share else DECLINED), now
    convention = milestone.convention
    if convention.manager_id is not None:
        outbox.enqueue(session, kind=STATUS, recipient_id=convention.manager_id, convention_id=convention.id,
                       due_at=now, now=now, dedupe_key=f"{STATUS}:{milestone.id}", payload={"milestone": milestone.id})
    audit.record(session, convention, f"milestone.{milestone.sharing}", person, now, milestone=milestone.id)
    return milestone
