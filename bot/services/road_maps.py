"""The corporate method's road map: after the three-way start the mentor writes it (improvement axes,
strategies, the hours planned, the milestones with their dates, next to the pair's objectives); the mentee
confirms it, then the mentee's manager. Each edit is a new version, confirmed again by both.

The mentee sees it first: nothing reaches the manager before the mentee agreed to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, milestones, outbox
from bot.services.conventions import get_convention
from bot.services.errors import Conflict, InvalidInput, NotAllowed
from bot.services.policy import Act, require
from bot.services.typed_text import number, picked_date, required_text
from storage.db import rows_changed
from storage.models import Convention, ConventionStatus, Milestone, Person, RoadMap

TEXT_LIMIT = 2000  # the axes, the strategies
MILESTONE_LIMIT = 160
MAX_MILESTONES = 12
HOURS = (1, 500)
NUDGE_AFTER = timedelta(days=3)  # one gentle reminder to confirm, in the person's good hours
REVIEW, NUDGE, CONFIRMED, PROMPT = "road_map_review", "road_map_nudge", "road_map_confirmed", "road_map_prompt"


@dataclass(frozen=True)
class RoadMapDraft:
    """The form as typed; milestones one a line, "AAAA-MM-JJ what is reviewed then"."""

    axes: str
    strategies: str
    hours: str
    milestones: str


@dataclass(frozen=True)
class CheckedRoadMap:
    axes: str
    strategies: str
    hours: int
    milestones: list[tuple[date, str]]


def road_map_of(session: Session, convention: Convention) -> RoadMap | None:
    return session.scalars(select(RoadMap).where(RoadMap.convention_id == convention.id)).first()


def visible_to(road_map: RoadMap, convention: Convention, person: Person) -> bool:
    """The pair always reads it; the manager only a version the mentee already confirmed."""
    if person.id in (convention.mentor_id, convention.mentee_id):
        return True
    return person.id == convention.manager_id and road_map.mentee_confirmed_at is not None


def milestones_of(session: Session, convention: Convention) -> list[Milestone]:
    return list(session.scalars(select(Milestone).where(Milestone.convention_id == convention.id)
                                .order_by(Milestone.due_on, Milestone.id)))


def draft_of(session: Session, convention: Convention) -> RoadMapDraft:
    found = road_map_of(session, convention)
    if found is None:
        return RoadMapDraft("", "", "", "")
    lines = "\n".join(f"{m.due_on.isoformat()} {m.title}" for m in milestones_of(session, convention))
    return RoadMapDraft(found.axes, found.strategies, str(found.planned_hours), lines)


def _milestones(convention: Convention, typed: str) -> list[tuple[date, str]]:
    found = []
    for line in typed.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        day_text, _, title = line.partition(" ")
        day = picked_date(day_text)
        if day is None:
            raise InvalidInput(N_("roadmap.error.milestone_date"), field="milestones", line=line[:60])
        if not convention.starts_on <= day <= convention.planned_end_on:
            raise InvalidInput(N_("roadmap.error.milestone_outside"), field="milestones", line=line[:60],
                               start=convention.starts_on, end=convention.planned_end_on)
        if not title:
            raise InvalidInput(N_("roadmap.error.milestone_title"), field="milestones", line=line[:60])
        if len(title) > MILESTONE_LIMIT:
            raise InvalidInput(N_("roadmap.error.milestone_long"), field="milestones", limit=MILESTONE_LIMIT)
        found.append((day, title))
    if not found:
        raise InvalidInput(N_("roadmap.error.no_milestone"), field="milestones")
    if len(found) > MAX_MILESTONES:
        raise InvalidInput(N_("roadmap.error.too_many"), field="milestones", limit=MAX_MILESTONES)
    return sorted(found)


def check(convention: Convention, draft: RoadMapDraft) -> CheckedRoadMap:
    """The road map, or the first bad field, with its error on it."""
    axes = required_text(draft.axes, field="axes", limit=TEXT_LIMIT, missing=N_("roadmap.error.axes"),
                         too_long=N_("roadmap.error.too_long"))
    strategies = required_text(draft.strategies, field="strategies", limit=TEXT_LIMIT,
                               missing=N_("roadmap.error.strategies"), too_long=N_("roadmap.error.too_long"))
    hours = number(draft.hours.strip(), digits=4)
    if hours is None or not HOURS[0] <= hours <= HOURS[1]:
        raise InvalidInput(N_("roadmap.error.hours"), field="hours", low=HOURS[0], high=HOURS[1])
    return CheckedRoadMap(axes, strategies, hours, _milestones(convention, draft.milestones))


def _writable(session: Session, convention: Convention, person: Person) -> None:
    require(session, person, Act.ROADMAP_WRITE, convention)
    if convention.manager_id is None:
        raise Conflict(N_("roadmap.no_manager"))
    if convention.status != ConventionStatus.ACTIVE:
        raise Conflict(N_("roadmap.not_active"))


def may_write(session: Session, convention: Convention, person: Person) -> None:
    """Before the form opens: the mentor of a running convention under the corporate method."""
    _writable(session, convention, person)


def _ask(session: Session, road_map: RoadMap, recipient_id: int, now: datetime) -> None:
    """Ask one person to confirm this version, and remind them once, gently, a few days later."""
    key = f"{road_map.convention_id}:{road_map.version}:{recipient_id}"
    outbox.enqueue(session, kind=REVIEW, recipient_id=recipient_id, convention_id=road_map.convention_id,
                   due_at=now, now=now, dedupe_key=f"{REVIEW}:{key}", payload={"version": road_map.version})
    outbox.enqueue(session, kind=NUDGE, recipient_id=recipient_id, convention_id=road_map.convention_id,
                   due_at=now + NUDGE_AFTER, now=now, dedupe_key=f"{NUDGE}:{key}",
                   payload={"version": road_map.version})


def save(session: Session, *, convention: Convention, person: Person, draft: RoadMapDraft, now: datetime
         ) -> RoadMap:
    """Write the road map (a new version when it existed: both confirm it again) and ask the mentee."""
    _writable(session, convention, person)
    checked = check(convention, draft)
    road_map = road_map_of(session, convention)
    if road_map is None:
        road_map = RoadMap(convention_id=convention.id, version=1, axes=checked.axes, strategies=checked.strategies,
                           planned_hours=checked.hours, written_by_id=person.id, written_at=now)
        session.add(road_map)
    else:
        road_map.version += 1
        road_map.axes, road_map.strategies, road_map.planned_hours = checked.axes, checked.strategies, checked.hours
        road_map.written_by_id, road_map.written_at = person.id, now
        road_map.mentee_confirmed_at = road_map.manager_confirmed_at = None
    # Milestones already reviewed stay as they were (their status, the mentee's choice, the figures);
    # those still ahead are the new version's.
    held = {(m.due_on, m.title) for m in milestones_of(session, convention) if m.held_at is not None}
    session.execute(delete(Milestone).where(Milestone.convention_id == convention.id, Milestone.held_at.is_(None)))
    session.add_all([Milestone(convention_id=convention.id, due_on=day, title=title, created_at=now)
                     for day, title in checked.milestones if (day, title) not in held])
    session.flush()
    _ask(session, road_map, convention.mentee_id, now)
    audit.record(session, convention, "road_map.written", person, now, version=road_map.version,
                 hours=checked.hours, milestones=len(checked.milestones))
    return road_map


@dataclass(frozen=True)
class Confirmed:
    road_map: RoadMap
    part: str  # "mentee" | "manager"
    already: bool


def confirm(session: Session, *, convention_id: int, version: int, person: Person, now: datetime) -> Confirmed:
    """The mentee's click, then the manager's, on the version they read (an older one is refused)."""
    convention = get_convention(session, convention_id)
    part = require(session, person, Act.ROADMAP_CONFIRM, convention).part
    if part not in ("mentee", "manager"):
        raise NotAllowed(N_("roadmap.confirm_not_yours"))
    road_map = road_map_of(session, convention)
    if road_map is None or road_map.version != version:
        raise Conflict(N_("roadmap.changed"))
    stamp = road_map.mentee_confirmed_at if part == "mentee" else road_map.manager_confirmed_at
    if stamp is not None:
        return Confirmed(road_map, part, already=True)
    if convention.manager_id is None:  # the manager left (erased): nobody to confirm it with
        raise Conflict(N_("roadmap.manager_left"))
    if part == "manager" and road_map.mentee_confirmed_at is None:
        raise Conflict(N_("roadmap.mentee_first"))
    # Written only on the version read: an edit committed meanwhile makes this click change nothing.
    column = RoadMap.mentee_confirmed_at if part == "mentee" else RoadMap.manager_confirmed_at
    written = rows_changed(session.execute(update(RoadMap).where(
        RoadMap.id == road_map.id, RoadMap.version == version, column.is_(None)).values({column: now})))
    session.refresh(road_map)
    if not written:
        raise Conflict(N_("roadmap.changed"))
    if part == "mentee":
        _ask(session, road_map, convention.manager_id, now)
    else:
        milestones.plan(session, convention, milestones_of(session, convention), now)  # agreed: on their days
        for recipient_id in (convention.mentor_id, convention.mentee_id):
            outbox.enqueue(session, kind=CONFIRMED, recipient_id=recipient_id, convention_id=convention.id,
                           due_at=now, now=now, dedupe_key=f"{CONFIRMED}:{convention.id}:{road_map.version}:"
                                                           f"{recipient_id}")
    audit.record(session, convention, f"road_map.confirmed_by_{part}", person, now, version=road_map.version)
    return Confirmed(road_map, part, already=False)


def prompt_mentor(session: Session, convention: Convention, now: datetime) -> None:
    """Once the three-way start took place: the mentor is invited to write the road map."""
    if convention.manager_id is None or road_map_of(session, convention) is not None:
        return
    outbox.enqueue(session, kind=PROMPT, recipient_id=convention.mentor_id, convention_id=convention.id,
                   due_at=now, now=now, dedupe_key=f"{PROMPT}:{convention.id}")
