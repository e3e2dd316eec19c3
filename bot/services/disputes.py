"""Différends and early-end requests: raised by one side of a pair, handled by the coordination.

The convention asks the pair to look for a friendly solution first, then to bring a lasting
disagreement to the programme's coordinator; an early end must be discussed with the
coordinator, with its reasons, before it takes effect. The text a person writes here goes to
the coordinators only: never to the other side of the pair, never to figures, audit or logs.

Every transition is a conditional UPDATE on the current status, so two coordinators clicking
at once, or a double click, apply once. Messages go through the outbox, escalations included:
they are written when the dispute is raised, due two working days later, and their composer
sends nothing once someone has taken the dispute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.i18n import N_, labels
from bot.services import audit, closure, outbox
from bot.services.convention_choice import pick
from bot.services.danger import mentions_danger
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.people import ensure_person, timezone_of
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, coordinators, fits_platform
from bot.services.timing import next_good_moment, working_days_after
from bot.services.typed_text import required_text
from storage.db import rows_changed
from storage.models import (
    OPEN_DISPUTE_STATUSES,
    Convention,
    ConventionStatus,
    Dispute,
    DisputeKind,
    DisputeStatus,
    Person,
    Programme,
    Reminder,
    ReminderStatus,
    Workspace,
)

SUMMARY_LIMIT = 3000
URGENCIES = ("low", "normal", "urgent")
# Nobody took it within two working days: every coordinator again; one working day more: the fallback.
ESCALATE_AFTER_DAYS = 2
FALLBACK_AFTER_DAYS = 3
RUNNING = (ConventionStatus.ACTIVE, ConventionStatus.CLOSING)


@dataclass(frozen=True)
class DisputeDraft:
    """What the person wrote in the form."""

    kind: DisputeKind
    summary: str
    amicable_tried: bool | None = None  # différends only
    go_on: bool = False  # "bring it to the coordination anyway" when no friendly solution was tried
    urgency: str | None = "normal"


@dataclass(frozen=True)
class Escalation:
    """Who gets the alerts: the coordinators of the programme and the fallback person(s)."""

    coordinators: list[Person]
    fallback: list[Person]


def _audit(session: Session, dispute: Dispute, action: str, actor: Person | None, now: datetime) -> None:
    # Never the summary: the audit trail holds who and when, not what.
    audit.record(session, dispute.convention, action, actor, now, dispute=dispute.id, kind=dispute.kind)


def escalation_people(session: Session, programme: Programme, rule: CoordinatorRule, fallback_admin: str,
                      now: datetime) -> Escalation:
    """The coordinators (env ids included, even before they ever used the bot) and the fallback."""
    workspace = session.get(Workspace, programme.workspace_id)
    assert workspace is not None
    for external_id in rule.ids_on(workspace.platform):
        ensure_person(session, workspace, external_id, now=now)
    people = [p for p in coordinators(session, programme, rule) if not p.is_bot]
    if fallback_admin and fits_platform(fallback_admin, workspace.platform):
        fallback = [ensure_person(session, workspace, fallback_admin, now=now)]
    else:
        fallback = [p for p in people if p.is_workspace_admin]
    return Escalation(people, fallback)


def running_convention(session: Session, person: Person, convention_id: int | None = None) -> Convention:
    """The convention a person raises something about: the given one, else their only running one."""
    if convention_id is not None:
        convention = session.get(Convention, convention_id)
        if convention is None:
            raise NotFound("dispute.not_yours")
    else:
        convention = pick(session, person, Act.DISPUTE_RAISE, [RUNNING], convention_id=None,
                          none=NotFound("dispute.no_convention"))
    require(session, person, Act.DISPUTE_RAISE, convention)
    if convention.status not in RUNNING:
        raise Conflict("dispute.convention_not_running")
    return convention


def open_dispute(session: Session, convention: Convention, kind: str, *, by: Person | None = None) -> Dispute | None:
    stmt = select(Dispute).where(Dispute.convention_id == convention.id, Dispute.kind == kind,
                                 Dispute.status.in_(OPEN_DISPUTE_STATUSES))
    if by is not None:
        stmt = stmt.where(Dispute.raised_by_id == by.id)
    return session.scalars(stmt.order_by(Dispute.id)).first()


def validate(draft: DisputeDraft) -> tuple[str, str, bool]:
    """(summary, urgency, danger), or the first problem with the form, on its field."""
    summary = required_text(draft.summary, field="summary", limit=SUMMARY_LIMIT, missing="error.dispute.summary",
                            too_long=N_("error.dispute.too_long"))
    danger = mentions_danger(summary)
    urgency = draft.urgency or "normal"
    if draft.kind == DisputeKind.DIFFEREND:
        if draft.urgency not in URGENCIES:
            raise InvalidInput("error.dispute.urgency", field="urgency")
        if draft.amicable_tried is None:
            raise InvalidInput("error.dispute.amicable", field="amicable")
        if draft.amicable_tried is False and not draft.go_on and not danger:
            raise InvalidInput("dispute.try_first", field="amicable")
    return summary, ("urgent" if danger else urgency), danger


def raise_dispute(session: Session, *, convention: Convention, person: Person, draft: DisputeDraft,
                  people: Escalation, now: datetime) -> Dispute:
    """Record the différend or early-end request and alert the coordination at once."""
    require(session, person, Act.DISPUTE_RAISE, convention)
    summary, urgency, danger = validate(draft)
    already = open_dispute(session, convention, draft.kind, by=person if draft.kind == DisputeKind.DIFFEREND else None)
    if already is not None:
        raise Conflict(labels.ALREADY_OPEN[draft.kind], when=already.created_at)
    dispute = Dispute(convention_id=convention.id, kind=draft.kind, raised_by_id=person.id, summary=summary,
                      amicable_tried=draft.amicable_tried, urgency=urgency, danger=danger,
                      status=DisputeStatus.OPEN, escalation_level=0, created_at=now, updated_at=now)
    session.add(dispute)
    session.flush()
    dispute.convention = convention
    _audit(session, dispute, f"{draft.kind}.raised", person, now)
    hour = convention.programme.reminder_hour
    pair = {convention.mentor_id, convention.mentee_id}
    # The other side of the pair never reads the text, even when they coordinate too.
    alerted = [p for p in people.coordinators if p.id not in pair]
    for coordinator in alerted:
        tz = timezone_of(coordinator, convention.programme.timezone)
        outbox.enqueue(session, kind="dispute_raised", recipient_id=coordinator.id, convention_id=convention.id,
                       due_at=now, now=now, essential=True, payload={"dispute": dispute.id},
                       dedupe_key=f"dispute_raised:{dispute.id}:{coordinator.id}")
        deadline = working_days_after(now, tz, ESCALATE_AFTER_DAYS, hour)
        outbox.enqueue(session, kind="dispute_escalated", recipient_id=coordinator.id, convention_id=convention.id,
                       due_at=next_good_moment(deadline, tz, hour), now=now, essential=True,
                       payload={"dispute": dispute.id, "level": 1},
                       dedupe_key=f"dispute_escalated:{dispute.id}:1:{coordinator.id}")
    for person_ in [p for p in people.fallback if p.id not in pair]:
        tz = timezone_of(person_, convention.programme.timezone)
        deadline = working_days_after(now, tz, FALLBACK_AFTER_DAYS, hour)
        outbox.enqueue(session, kind="dispute_escalated", recipient_id=person_.id, convention_id=convention.id,
                       due_at=next_good_moment(deadline, tz, hour), now=now, essential=True,
                       payload={"dispute": dispute.id, "level": 2},
                       dedupe_key=f"dispute_escalated:{dispute.id}:2:{person_.id}")
    return dispute


def raise_for(session: Session, *, person: Person, convention_id: int | None, draft: DisputeDraft,
              rule: CoordinatorRule, fallback_admin: str, now: datetime) -> Dispute:
    """A submitted form, on any platform: the person's running convention, who to alert, the dispute."""
    convention = running_convention(session, person, convention_id)
    people = escalation_people(session, convention.programme, rule, fallback_admin, now)
    return raise_dispute(session, convention=convention, person=person, draft=draft, people=people, now=now)


def get_dispute(session: Session, dispute_id: int) -> Dispute:
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        raise NotFound("dispute.gone")
    return dispute


def _coordinator_of(session: Session, dispute: Dispute, person: Person, rule: CoordinatorRule) -> None:
    """Only the programme's coordination acts on a dispute, and never on one about their own pair."""
    require(session, person, Act.DISPUTE_HANDLE, dispute, rule)


@dataclass(frozen=True)
class Change:
    dispute: Dispute
    done: bool  # False: it was already in that state (a double click, another coordinator first)


def _tell(session: Session, dispute: Dispute, kind: str, recipients: list[int], now: datetime) -> None:
    for recipient_id in recipients:
        outbox.enqueue(session, kind=kind, recipient_id=recipient_id, convention_id=dispute.convention_id,
                       due_at=now, now=now, essential=True, payload={"dispute": dispute.id},
                       dedupe_key=f"{kind}:{dispute.id}:{recipient_id}")


class CoordinatorAct(Protocol):
    """A coordinator's button on an alert (take, meet, resolve, confirm the end): one signature for all."""

    def __call__(self, session: Session, *, dispute_id: int, person: Person, rule: CoordinatorRule,
                 now: datetime) -> Change: ...


def take(session: Session, *, dispute_id: int, person: Person, rule: CoordinatorRule, now: datetime) -> Change:
    """« Je m'en occupe »: the first coordinator to click takes it; the person who raised it is told."""
    dispute = get_dispute(session, dispute_id)
    _coordinator_of(session, dispute, person, rule)
    written = rows_changed(session.execute(
        update(Dispute).where(Dispute.id == dispute.id, Dispute.status == DisputeStatus.OPEN)
        .values(status=DisputeStatus.ACKNOWLEDGED, taken_by_id=person.id, taken_at=now, updated_at=now)
    ))
    session.refresh(dispute)
    if written:
        _audit(session, dispute, f"{dispute.kind}.taken", person, now)
        _tell(session, dispute, "dispute_taken", [dispute.raised_by_id], now)
    return Change(dispute, bool(written))


def request_meeting(session: Session, *, dispute_id: int, person: Person, rule: CoordinatorRule,
                    now: datetime) -> Change:
    """« Planifier une rencontre »: takes the dispute if nobody had, and tells both sides of the pair."""
    dispute = get_dispute(session, dispute_id)
    if dispute.status not in OPEN_DISPUTE_STATUSES:
        _coordinator_of(session, dispute, person, rule)
        return Change(dispute, False)
    take(session, dispute_id=dispute_id, person=person, rule=rule, now=now)
    written = rows_changed(session.execute(
        update(Dispute).where(Dispute.id == dispute.id, Dispute.meeting_requested_at.is_(None),
                              Dispute.status.in_(OPEN_DISPUTE_STATUSES))
        .values(meeting_requested_at=now, updated_at=now)
    ))
    session.refresh(dispute)
    if written:
        convention = dispute.convention
        outbox_kind = "dispute_meeting"
        for recipient_id in (convention.mentor_id, convention.mentee_id):
            outbox.enqueue(session, kind=outbox_kind, recipient_id=recipient_id, convention_id=convention.id,
                           due_at=now, now=now, essential=True, payload={"dispute": dispute.id, "by": person.id},
                           dedupe_key=f"{outbox_kind}:{dispute.id}:{recipient_id}")
    return Change(dispute, bool(written))


def _close(session: Session, dispute: Dispute, status: DisputeStatus, person: Person, now: datetime, *,
           takes: bool = True) -> bool:
    """Close an open case. A coordinator who closes it untaken has taken it (`takes`); the person who
    withdraws their own request has not."""
    taken = {"taken_by_id": dispute.taken_by_id or person.id, "taken_at": dispute.taken_at or now} if takes else {}
    return bool(rows_changed(session.execute(
        update(Dispute).where(Dispute.id == dispute.id, Dispute.status.in_(OPEN_DISPUTE_STATUSES))
        .values(status=status, closed_by_id=person.id, closed_at=now, updated_at=now, **taken)
    )))


def resolve(session: Session, *, dispute_id: int, person: Person, rule: CoordinatorRule, now: datetime) -> Change:
    """« Résolu » on a différend: closed, and the person who raised it is told."""
    dispute = get_dispute(session, dispute_id)
    _coordinator_of(session, dispute, person, rule)
    if dispute.kind != DisputeKind.DIFFEREND:
        raise Conflict("dispute.gone")
    written = _close(session, dispute, DisputeStatus.RESOLVED, person, now)
    session.refresh(dispute)
    if written:
        _audit(session, dispute, "differend.resolved", person, now)
        _tell(session, dispute, "dispute_resolved", [dispute.raised_by_id], now)
    return Change(dispute, written)


def confirm_early_end(session: Session, *, dispute_id: int, person: Person, rule: CoordinatorRule,
                      now: datetime) -> Change:
    """The coordinator has talked with the pair and confirms: the convention ends now, reminders stop."""
    dispute = get_dispute(session, dispute_id)
    _coordinator_of(session, dispute, person, rule)
    if dispute.kind != DisputeKind.EARLY_END:
        raise Conflict("dispute.gone")
    written = _close(session, dispute, DisputeStatus.RESOLVED, person, now)
    session.refresh(dispute)
    if not written:
        return Change(dispute, False)
    convention = dispute.convention
    session.execute(update(Convention).where(Convention.id == convention.id, Convention.status.in_(RUNNING))
                    .values(status=ConventionStatus.ENDED_EARLY, closed_at=now, updated_at=now))
    # Every reminder still waiting for this pair stops (nudges, meetings, reviews, other disputes' alerts).
    session.execute(update(Reminder).where(Reminder.convention_id == convention.id,
                                           Reminder.status == ReminderStatus.PENDING)
                    .values(status=ReminderStatus.CANCELLED))
    session.refresh(convention)
    _audit(session, dispute, "convention.ended_early", person, now)
    _tell(session, dispute, "early_end_confirmed", [convention.mentor_id, convention.mentee_id], now)
    closure.offer_bilan(session, convention, now)  # both are offered the short bilan
    return Change(dispute, True)


def withdraw(session: Session, *, dispute_id: int, person: Person, now: datetime) -> Change:
    """The person who asked for an early end changes their mind: the convention simply goes on."""
    dispute = get_dispute(session, dispute_id)
    require(session, person, Act.EARLY_END_WITHDRAW, dispute)
    written = _close(session, dispute, DisputeStatus.WITHDRAWN, person, now, takes=False)
    session.refresh(dispute)
    if written:
        _audit(session, dispute, f"{dispute.kind}.withdrawn", person, now)
        # Stop the alerts still waiting, and tell the coordinators who were told of the request.
        session.execute(update(Reminder).where(Reminder.kind == "dispute_escalated",
                                               Reminder.status == ReminderStatus.PENDING,
                                               Reminder.dedupe_key.like(f"dispute_escalated:{dispute.id}:%"))
                        .values(status=ReminderStatus.CANCELLED))
        told = session.scalars(select(Reminder.recipient_id).where(
            Reminder.kind == "dispute_raised", Reminder.convention_id == dispute.convention_id,
            Reminder.dedupe_key.like(f"dispute_raised:{dispute.id}:%"))).all()
        _tell(session, dispute, "dispute_withdrawn", sorted(set(told)), now)
    return Change(dispute, written)


def mark_escalations(session: Session, now: datetime) -> int:
    """Record how far each untaken dispute was escalated (for the figures). Returns disputes changed."""
    changed = 0
    waiting = session.scalars(select(Dispute).where(Dispute.status == DisputeStatus.OPEN,
                                                    Dispute.escalation_level < 2)).all()
    for dispute in waiting:
        keys = session.scalars(select(Reminder.dedupe_key).where(
            Reminder.dedupe_key.like(f"dispute_escalated:{dispute.id}:%"), Reminder.due_at <= now,
            Reminder.status != ReminderStatus.CANCELLED)).all()
        level = max((int(key.split(":")[2]) for key in keys), default=0)
        if level > dispute.escalation_level:
            dispute.escalation_level, dispute.escalated_at, dispute.updated_at = level, now, now
            changed += 1
    return changed
