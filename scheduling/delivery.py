"""Delivery: claim due outbox rows with a lease, send them, record the outcome.

Claiming is a conditional UPDATE per row (status still pending, or claimed with an
expired lease), so two deliverers never send the same row; on PostgreSQL candidates are
first picked with FOR UPDATE SKIP LOCKED so parallel workers do not even contend.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from bot.notify import Notifier, NotifierError, Recipient
from bot.services.messages import ComposeContext, compose
from bot.services.reminders import is_paused
from scheduling.timing import next_good_moment
from storage.db import SessionFactory, session_scope
from storage.models import Person, Reminder, ReminderStatus, Workspace

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
DEFAULT_TZ = "America/Toronto"
MAX_ATTEMPTS = 8


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0
    deferred: int = 0


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def _due(now: datetime):  # type: ignore[no-untyped-def]
    return or_(
        and_(Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= now),
        and_(Reminder.status == ReminderStatus.CLAIMED, Reminder.lease_expires_at < now),
    )


def claim(factory: SessionFactory, now: datetime, limit: int) -> list[int]:
    with session_scope(factory) as session:
        stmt = select(Reminder.id).where(_due(now)).order_by(Reminder.due_at, Reminder.id).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        ids = list(session.scalars(stmt))
        claimed = []
        for reminder_id in ids:
            won = session.execute(
                update(Reminder)
                .where(Reminder.id == reminder_id, _due(now))
                .values(status=ReminderStatus.CLAIMED, lease_expires_at=now + LEASE)
            ).rowcount
            if won:
                claimed.append(reminder_id)
        return claimed


def _settle(factory: SessionFactory, reminder_id: int, **values: object) -> None:
    with session_scope(factory) as session:
        session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == ReminderStatus.CLAIMED)
            .values(**values)
        )


def deliver_one(factory: SessionFactory, notifier: Notifier, reminder_id: int, now: datetime,
                ctx: ComposeContext, report: DeliveryReport) -> None:
    with session_scope(factory) as session:
        reminder = session.get(Reminder, reminder_id)
        if reminder is None:
            return
        person = session.get(Person, reminder.recipient_id)
        assert person is not None
        workspace = session.get(Workspace, person.workspace_id)
        assert workspace is not None
        if not reminder.essential and is_paused(person, now):
            assert person.reminders_paused_until is not None
            resume_at = next_good_moment(person.reminders_paused_until, person.timezone or DEFAULT_TZ)
            reminder.status, reminder.due_at, reminder.lease_expires_at = ReminderStatus.PENDING, resume_at, None
            report.deferred += 1
            return
        message = compose(session, reminder, person, ctx)
        recipient = Recipient(workspace.platform, workspace.external_id, person.external_id)
        attempts = reminder.attempts + 1
    if message is None:
        _settle(factory, reminder_id, status=ReminderStatus.CANCELLED, lease_expires_at=None)
        report.skipped += 1
        return
    try:
        notifier.send(recipient, message)
    except NotifierError as exc:
        if exc.permanent or attempts >= MAX_ATTEMPTS:
            _settle(factory, reminder_id, status=ReminderStatus.FAILED, attempts=attempts,
                    last_error=str(exc)[:500], lease_expires_at=None)
            report.failed += 1
            log.warning("reminder %s failed for good after %s attempts: %s", reminder_id, attempts, exc)
            return
        wait = timedelta(seconds=exc.retry_after) if exc.retry_after else backoff(attempts)
        _settle(factory, reminder_id, status=ReminderStatus.PENDING, attempts=attempts, due_at=now + wait,
                last_error=str(exc)[:500], lease_expires_at=None)
        report.retried += 1
        return
    _settle(factory, reminder_id, status=ReminderStatus.SENT, attempts=attempts, sent_at=now,
            lease_expires_at=None, last_error=None)
    report.sent += 1


def deliver_due(factory: SessionFactory, notifier: Notifier, now: datetime, ctx: ComposeContext,
                *, batch: int = 100, max_batches: int = 50) -> DeliveryReport:
    """Send what is due now, batch after batch, until nothing is left (or the cap is hit)."""
    report = DeliveryReport()
    for _ in range(max_batches):
        ids = claim(factory, now, batch)
        if not ids:
            break
        report.claimed += len(ids)
        for reminder_id in ids:
            deliver_one(factory, notifier, reminder_id, now, ctx, report)
    return report
