"""Delivery: claim due outbox rows with a lease, send them, record the outcome.

The contract is at least once. Slack's chat.postMessage has no idempotency key, so a message whose
send was under way when a worker died (or whose answer never came back) may arrive twice: each
row is recorded as sent in its own transaction right after its call returns, and a grouped
message's rows together, so only what was in flight at a crash (at most one message per sending
thread) can be doubled, never a claimed batch.

A claim is one conditional UPDATE … RETURNING over the first due rows (status still pending,
or claimed with an expired lease), so two deliverers never send the same row; on PostgreSQL the
rows are picked with FOR UPDATE SKIP LOCKED so parallel workers do not even contend.

Sends are slow network calls, so on PostgreSQL a batch goes out through a few threads, one
recipient per thread at a time: each person still gets their messages in order, and a 429 for
one DM channel only holds back that channel. SQLite (one writer at a time) sends serially.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import ColumnElement, and_, case, or_, select, update
from sqlalchemy.orm import Session

from bot.i18n import DEFAULT_LANGUAGE
from bot.logs import log_unexpected
from bot.notify import Delivered, Message, Notifier, NotifierError, Recipient
from bot.services.meeting_messages import TRACKED_KINDS
from bot.services.message_refs import remember_message
from bot.services.messages import ComposeContext, compose
from bot.services.people import language_of, remember_dm_channel, timezone_of
from bot.services.reminders import is_paused
from bot.services.timing import next_good_moment
from scheduling.weekly_cap import CapPlan, bundle, plan_batch
from storage.db import SessionFactory, engine_of, session_scope
from storage.models import Person, Platform, Reminder, ReminderStatus, Workspace

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
DEFAULT_TZ = "America/Toronto"
MAX_ATTEMPTS = 8
# Concurrent sends on PostgreSQL, each thread holding at most one pooled connection at a time (the
# engine's pool has 10). Four keep up with Slack's pace (about one call in flight per 100-300 ms
# each) without the threads of one process fighting over the GIL.
SEND_THREADS = 4
# A lease is counted from the injected `now`, but runs out in real time: a claimed row is sent only
# within half a lease of real time after its claim (else it is given back unsent), and a pass
# stops claiming after that long, so a slow Slack can never let another worker take a row over.
SAFE_SECONDS = LEASE.total_seconds() / 2


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0
    deferred: int = 0

    def add(self, other: DeliveryReport) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


class Outcome(Enum):
    GONE = "gone"
    SENT = "sent"
    SKIPPED = "skipped"
    DEFERRED = "deferred"
    RETRY = "retry"
    RATE_LIMITED = "rate_limited"
    FAILED = "failed"


@dataclass(frozen=True)
class Claimed:
    id: int
    recipient_id: int


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= now),
        and_(Reminder.status == ReminderStatus.CLAIMED, Reminder.lease_expires_at < now),
    )


def _claim_rows(factory: SessionFactory, now: datetime, limit: int) -> list[Claimed]:
    """Claim up to `limit` due rows in one statement; returned in due order.

    One UPDATE over the picked rows instead of one UPDATE per row: a single round trip, and on
    SQLite a single write statement (no read-then-write upgrade that could fail with a busy
    snapshot when another process claims at the same time). The pick is a MATERIALIZED CTE, run
    once: as `id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may run the subquery
    again for each row it scans, and claim many times n rows (795 instead of 100 was seen).
    """
    with session_scope(factory) as session:
        pick = select(Reminder.id).where(_due(now)).order_by(Reminder.due_at, Reminder.id).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        picked = pick.cte("picked").prefix_with("MATERIALIZED")
        rows = session.execute(
            update(Reminder)
            .where(Reminder.id == picked.c.id, _due(now))
            .values(status=ReminderStatus.CLAIMED, lease_expires_at=now + LEASE)
            .returning(Reminder.id, Reminder.recipient_id, Reminder.due_at)
            .execution_options(synchronize_session=False)
        ).all()
    ordered = sorted(rows, key=lambda row: (row.due_at, row.id))  # RETURNING has no order
    return [Claimed(row.id, row.recipient_id) for row in ordered]


def _settle(factory: SessionFactory, reminder_id: int, **values: object) -> None:
    # A Core connection, not an ORM session: this runs once per message sent, and the session's
    # bookkeeping cost more than the UPDATE itself.
    with engine_of(factory).begin() as conn:
        conn.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == ReminderStatus.CLAIMED)
            .values(**values)
        )


def _settle_sent(factory: SessionFactory, rows: list[tuple[int, int]], now: datetime) -> None:
    """Mark rows sent together (one message carried them), each with its attempt count, in one transaction."""
    with engine_of(factory).begin() as conn:
        for reminder_id, attempts in rows:
            conn.execute(
                update(Reminder)
                .where(Reminder.id == reminder_id, Reminder.status == ReminderStatus.CLAIMED)
                .values(status=ReminderStatus.SENT, attempts=attempts, sent_at=now, lease_expires_at=None,
                        last_error=None)
            )


def _release(factory: SessionFactory, ids: Iterable[int], due_at: datetime) -> None:
    """Give claimed rows back, unsent and with no attempt counted, due again at `due_at`."""
    with engine_of(factory).begin() as conn:
        conn.execute(
            update(Reminder)
            .where(Reminder.id.in_(list(ids)), Reminder.status == ReminderStatus.CLAIMED)
            .values(status=ReminderStatus.PENDING, due_at=due_at, lease_expires_at=None)
        )


def _load(session: Session, reminder_id: int) -> tuple[Reminder, Person, Workspace] | None:
    """The row, its recipient and their workspace in one round trip (three lookups before)."""
    found = session.execute(
        select(Reminder, Person, Workspace)
        .join(Person, Person.id == Reminder.recipient_id)
        .join(Workspace, Workspace.id == Person.workspace_id)
        .where(Reminder.id == reminder_id)
    ).one_or_none()
    return None if found is None else (found[0], found[1], found[2])


def _cancel(session: Session, reminder_id: int) -> None:
    """A row with no recipient any more (the outbox has no foreign keys): never sent, never claimed again."""
    session.execute(update(Reminder).where(Reminder.id == reminder_id)
                    .values(status=ReminderStatus.CANCELLED, lease_expires_at=None))


def _deliver(factory: SessionFactory, notifier: Notifier, reminder_id: int, now: datetime,
             ctx: ComposeContext) -> tuple[Outcome, timedelta | None]:
    """Send one claimed row and record the outcome; the wait asked for by a 429, if any.

    Whatever goes wrong with one row (a bug, data a composer cannot read) is logged and the row put back
    with a delay: it must never stop the pass, nor the rows claimed with it.
    """
    try:
        return _deliver_row(factory, notifier, reminder_id, now, ctx)
    except Exception as error:
        log_unexpected("delivering a reminder", error)
        return _put_back_after_crash(factory, [reminder_id], now, error), None


def _put_back_after_crash(factory: SessionFactory, ids: list[int], now: datetime, error: Exception) -> Outcome:
    """Rows whose delivery crashed: another attempt counted, due again later; failed after MAX_ATTEMPTS."""
    attempts = Reminder.attempts + 1
    with engine_of(factory).begin() as conn:
        conn.execute(
            update(Reminder)
            .where(Reminder.id.in_(ids), Reminder.status == ReminderStatus.CLAIMED)
            .values(attempts=attempts, lease_expires_at=None, last_error=f"crash:{type(error).__name__}"[:500],
                    status=case((attempts >= MAX_ATTEMPTS, ReminderStatus.FAILED), else_=ReminderStatus.PENDING),
                    due_at=now + backoff(MAX_ATTEMPTS // 2))
        )
    return Outcome.RETRY


def _deliver_row(factory: SessionFactory, notifier: Notifier, reminder_id: int, now: datetime,
                 ctx: ComposeContext) -> tuple[Outcome, timedelta | None]:
    with session_scope(factory) as session:
        found = _load(session, reminder_id)
        if found is None:  # the row was deleted, or its recipient was: nobody to send it to
            _cancel(session, reminder_id)
            return Outcome.GONE, None
        reminder, person, workspace = found
        if not reminder.essential and is_paused(person, now):
            assert person.reminders_paused_until is not None
            resume_at = next_good_moment(person.reminders_paused_until, timezone_of(person, DEFAULT_TZ))
            reminder.status, reminder.due_at, reminder.lease_expires_at = ReminderStatus.PENDING, resume_at, None
            return Outcome.DEFERRED, None
        message = compose(session, reminder, person, ctx)
        recipient = _recipient(workspace, person)
        person_id = person.id
        attempts = reminder.attempts + 1
        tracked = (reminder.kind, reminder.meeting_id, person.id) if reminder.kind in TRACKED_KINDS else None
    if message is None:
        _settle(factory, reminder_id, status=ReminderStatus.CANCELLED, lease_expires_at=None)
        return Outcome.SKIPPED, None
    try:
        delivered = notifier.send(recipient, message)
    except NotifierError as exc:
        return _after_error(factory, reminder_id, attempts, exc, now)
    _settle(factory, reminder_id, status=ReminderStatus.SENT, attempts=attempts, sent_at=now,
            lease_expires_at=None, last_error=None)
    _remember_channel(factory, recipient, person_id, delivered)
    if tracked is not None and tracked[1] is not None:
        with session_scope(factory) as session:
            remember_message(session, tracked[0], tracked[1], tracked[2], delivered, now)
    return Outcome.SENT, None


def _recipient(workspace: Workspace, person: Person) -> Recipient:
    channel = (person.dm_channel or "") if workspace.platform == Platform.SLACK else ""
    return Recipient(workspace.platform, workspace.external_id, person.external_id, channel)


def _remember_channel(factory: SessionFactory, recipient: Recipient, person_id: int, delivered: Delivered) -> None:
    """A Slack DM channel learnt by this send is kept for every later one (and every process)."""
    if recipient.platform == Platform.SLACK and delivered.channel and delivered.channel != recipient.channel:
        with session_scope(factory) as session:
            remember_dm_channel(session, person_id, delivered.channel)


def _after_error(factory: SessionFactory, reminder_id: int, attempts: int, exc: NotifierError,
                 now: datetime) -> tuple[Outcome, timedelta | None]:
    """Fail for good, or put the row back with a delay.

    A 429 never fails a row: the platform said the message is fine and when to come back, so
    giving up after MAX_ATTEMPTS rate limits would lose it under a sustained load.
    """
    rate_limited = exc.retry_after is not None and not exc.permanent
    if exc.permanent or (attempts >= MAX_ATTEMPTS and not rate_limited):
        _settle(factory, reminder_id, status=ReminderStatus.FAILED, attempts=attempts,
                last_error=str(exc)[:500], lease_expires_at=None)
        log.warning("reminder %s failed for good after %s attempts: %s", reminder_id, attempts, exc)
        return Outcome.FAILED, None
    wait = timedelta(seconds=exc.retry_after) if exc.retry_after else backoff(attempts)
    _settle(factory, reminder_id, status=ReminderStatus.PENDING, attempts=attempts, due_at=now + wait,
            last_error=str(exc)[:500], lease_expires_at=None)
    return (Outcome.RATE_LIMITED, wait) if rate_limited else (Outcome.RETRY, None)


# Which counter of the report each outcome adds to (a row already gone counts nowhere).
COUNTED_AS = {Outcome.SENT: "sent", Outcome.SKIPPED: "skipped", Outcome.DEFERRED: "deferred",
              Outcome.RETRY: "retried", Outcome.RATE_LIMITED: "retried", Outcome.FAILED: "failed"}


def _count(report: DeliveryReport, outcome: Outcome) -> None:
    name = COUNTED_AS.get(outcome)
    if name:
        setattr(report, name, getattr(report, name) + 1)


def _cap_plan(factory: SessionFactory, ids: list[int], now: datetime) -> CapPlan:
    with session_scope(factory) as session:
        first = session.get(Reminder, ids[0])
        person = session.get(Person, first.recipient_id) if first else None
        if person is None or is_paused(person, now):
            return CapPlan(alone=ids, grouped=[], deferred=[])  # a pause defers row by row
        return plan_batch(session, person, ids, now, timezone_of(person, DEFAULT_TZ))


def _deliver_group(factory: SessionFactory, notifier: Notifier, ids: list[int], now: datetime,
                   ctx: ComposeContext) -> DeliveryReport:
    """The counted rows of one pass, as one message (a row with a file still goes on its own)."""
    report = DeliveryReport()
    messages: list[tuple[int, int, Message]] = []  # row id, attempts once sent, message
    alone: list[int] = []
    with session_scope(factory) as session:
        recipient: Recipient | None = None
        lang = DEFAULT_LANGUAGE
        for reminder_id in ids:
            found = _load(session, reminder_id)
            if found is None:
                _cancel(session, reminder_id)
                continue
            reminder, person, workspace = found
            recipient, person_id = _recipient(workspace, person), person.id
            lang = language_of(person, DEFAULT_LANGUAGE)
            message = compose(session, reminder, person, ctx)
            if message is None:
                reminder.status, reminder.lease_expires_at = ReminderStatus.CANCELLED, None
                report.skipped += 1
            elif message.attachment is not None:
                alone.append(reminder_id)
            else:
                messages.append((reminder_id, reminder.attempts + 1, message))
    for reminder_id in alone:
        _count(report, _deliver(factory, notifier, reminder_id, now, ctx)[0])
    if len(messages) == 1:
        _count(report, _deliver(factory, notifier, messages[0][0], now, ctx)[0])
    elif messages and recipient is not None:
        try:
            delivered = notifier.send(recipient, bundle([m for _, _, m in messages], lang))
        except NotifierError as exc:
            for reminder_id, attempts, _message in messages:
                _count(report, _after_error(factory, reminder_id, attempts, exc, now)[0])
            return report
        # All the rows of the one message at once: a crash can double the message, never split it in two.
        _settle_sent(factory, [(reminder_id, attempts) for reminder_id, attempts, _message in messages], now)
        report.sent += len(messages)
        _remember_channel(factory, recipient, person_id, delivered)
    return report


def _deliver_to_one_person(factory: SessionFactory, notifier: Notifier, ids: list[int], now: datetime,
                           ctx: ComposeContext, claimed_at: float) -> DeliveryReport:
    """One recipient's rows of a batch, in order; after a 429 the rest wait out its Retry-After.

    Outside the person's good hours the non-essential rows wait; the counted ones go grouped in one
    message, or next week once the person's week is full."""
    report = DeliveryReport()
    plan = _cap_plan(factory, ids, now)
    if plan.deferred and plan.resume_at is not None:
        _release(factory, plan.deferred, plan.resume_at)
        report.deferred += len(plan.deferred)
    ids = plan.alone
    for index, reminder_id in enumerate(ids):
        if time.monotonic() - claimed_at > SAFE_SECONDS:
            _release(factory, ids[index:], now)  # the lease is running out: another pass sends these
            report.retried += len(ids) - index
            break
        outcome, wait = _deliver(factory, notifier, reminder_id, now, ctx)
        _count(report, outcome)
        if wait is not None:
            rest = ids[index + 1:] + plan.grouped
            if rest:
                _release(factory, rest, now + wait)
                report.retried += len(rest)
            return report
    if plan.grouped:
        report.add(_deliver_group(factory, notifier, plan.grouped, now, ctx))
    return report


def _by_recipient(rows: list[Claimed]) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        groups[row.recipient_id].append(row.id)
    return list(groups.values())


def _send_threads(factory: SessionFactory) -> int:
    return SEND_THREADS if engine_of(factory).dialect.name == "postgresql" else 1


def _map(threads: int, fn: Callable[[list[int]], DeliveryReport], groups: list[list[int]]) -> list[DeliveryReport]:
    if threads == 1 or len(groups) == 1:
        return [fn(ids) for ids in groups]
    with ThreadPoolExecutor(min(threads, len(groups)), thread_name_prefix="deliver") as pool:
        return list(pool.map(fn, groups))


def deliver_due(factory: SessionFactory, notifier: Notifier, now: datetime, ctx: ComposeContext,
                *, batch: int = 100, max_batches: int = 50) -> DeliveryReport:
    """Send what is due now, batch after batch, until nothing is left (or a cap is hit)."""
    report = DeliveryReport()
    threads = _send_threads(factory)
    started = time.monotonic()
    for _ in range(max_batches):
        if time.monotonic() - started > SAFE_SECONDS:
            break
        claimed_at = time.monotonic()
        rows = _claim_rows(factory, now, batch)
        if not rows:
            break
        report.claimed += len(rows)

        def send(ids: list[int], claimed_at: float = claimed_at) -> DeliveryReport:
            try:
                return _deliver_to_one_person(factory, notifier, ids, now, ctx, claimed_at)
            except Exception as error:  # e.g. the weekly cap's plan for this person: the others go on
                log_unexpected("delivering a person's reminders", error)
                _put_back_after_crash(factory, ids, now, error)
                return DeliveryReport(retried=len(ids))

        for part in _map(threads, send, _by_recipient(rows)):
            report.add(part)
    return report
