"""The planner: turns the state of conventions and meetings into reminder rows.

It runs every hour and after changes, from any number of processes: every row has a stable
dedupe key, so planning twice never sends twice.

A programme's nudges are written by one INSERT … SELECT (… ON CONFLICT DO NOTHING when another
planner races it): the database picks the due conventions and writes their rows itself, so a pass
moves no rows through Python and its memory does not depend on the number of conventions. At
100,000 conventions an hourly pass with nothing new takes well under a second; the rare pass where
all of them are due at once spends most of its time inserting the 200,000 rows and their four index
entries each.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    case,
    cast,
    exists,
    extract,
    func,
    literal,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from bot.logs import log_unexpected
from bot.services import closure, erasure, mentor_requests, retention
from bot.services.digest import plan_digests
from bot.services.disputes import mark_escalations
from bot.services.enrolment_news import plan_enrolment_news
from bot.services.evaluations import plan_evaluations
from bot.services.meetings import expire_unanswered
from bot.services.roles import CoordinatorRule
from bot.services.shared_files import purge_expired
from bot.services.timing import next_good_moment
from storage.db import SessionFactory, dialect_insert, engine_of, rows_changed, session_scope
from storage.models import (
    Convention,
    ConventionStatus,
    ConventionVersion,
    Meeting,
    MeetingStatus,
    Person,
    Programme,
    Reminder,
    ReminderStatus,
)
from storage.types import UTCDateTime

MONTHLY_NUDGE = "monthly_nudge"
T = TypeVar("T")
# Programmes planned side by side on PostgreSQL: one per core, at most 4 (each holds a pooled connection).
PLANNER_CONNECTIONS = max(1, min(4, os.cpu_count() or 1))


@dataclass
class PlanReport:
    nudges: int = 0
    unconfirmed: int = 0  # meetings whose check-in nobody answered within a week
    closures_planned: int = 0  # conventions whose closure prompts were written
    closed: int = 0  # conventions closed on their end date
    escalated: int = 0  # différends nobody took in time
    digests: int = 0  # coordinators' monthly digests written
    enrolment_news: int = 0  # coordinators' daily messages of new enrolments written
    evaluations: int = 0  # programme evaluation invitations and reminders written
    requests_expired: int = 0  # mentees' requests a mentor left unanswered too long
    erased: int = 0  # people whose erasure waited for their convention's end
    texts_purged: int = 0  # ended conventions whose free text reached the end of its retention
    audit_purged: int = 0  # audit events older than their programme keeps them
    files_purged: int = 0  # shared files (.ics, PDFs, charts) whose link expired


def _due_conventions(programme: Programme, every_days: int, now: datetime
                     ) -> Select[int, datetime | None, int, int]:
    """Active conventions of a programme signed with this rhythm, with no meeting set and none in its last period."""
    threshold = now - timedelta(days=every_days)
    signed_with = select(ConventionVersion.id).where(ConventionVersion.programme_id == programme.id,
                                                     ConventionVersion.meeting_every_days == every_days)
    upcoming = exists().where(
        Meeting.convention_id == Convention.id,
        Meeting.status == MeetingStatus.CONFIRMED,
        Meeting.starts_at >= now,
    )
    recent = exists().where(
        Meeting.convention_id == Convention.id,
        Meeting.status.in_((MeetingStatus.CONFIRMED, MeetingStatus.HELD)),
        Meeting.starts_at > threshold,
    )
    nudged = exists().where(
        Reminder.convention_id == Convention.id,
        Reminder.kind == MONTHLY_NUDGE,
        Reminder.created_at > threshold,
    )
    return select(Convention.id, Convention.activated_at, Convention.mentor_id, Convention.mentee_id).where(
        Convention.programme_id == programme.id,
        Convention.version_id.in_(signed_with),
        Convention.status == ConventionStatus.ACTIVE,
        Convention.activated_at <= threshold,
        Convention.starts_on <= threshold.date(),
        ~upcoming,
        ~recent,
        ~nudged,
    )


def _period(dialect: str, now: datetime, activated_at: Any, every: timedelta) -> ColumnElement[int]:
    """int((now - activated_at) / every), the rhythm period a nudge belongs to, in SQL."""
    at = literal(now, UTCDateTime())
    if dialect == "postgresql":
        seconds: ColumnElement[Any] = extract("epoch", at - activated_at)
        return cast(func.floor(seconds / every.total_seconds()), Integer)
    seconds = (func.julianday(at) - func.julianday(activated_at)) * 86400.0
    return cast(seconds / every.total_seconds(), Integer)  # SQLite's CAST truncates, like int()


def _due_at(session: Session, programme: Programme, now: datetime, zone: Any) -> ColumnElement[datetime]:
    """next_good_moment(now, zone) for each recipient: computed once per time zone in use, in Python."""
    zones = session.scalars(
        select(Person.timezone).distinct().where(Person.workspace_id == programme.workspace_id,
                                                 Person.timezone.is_not(None))
    ).all()
    hour = programme.reminder_hour

    def moment(tz: str) -> ColumnElement[datetime]:
        return literal(next_good_moment(now, tz, hour), UTCDateTime())

    known = {}
    for tz in zones:
        if tz is None:  # the query excludes them; the column allows them
            continue
        try:
            known[tz] = moment(tz)
        except (ZoneInfoNotFoundError, ValueError):
            continue  # an unknown zone on one profile must not stop the pass: the programme's zone applies
    if not known:
        return moment(programme.timezone)
    return case(known, value=zone, else_=moment(programme.timezone))


def _nudge_rows(session: Session, programme: Programme, every_days: int, now: datetime) -> Select[Any]:
    """One row per side (mentor, mentee) of each due convention, with the columns outbox.enqueue writes."""
    dialect = session.get_bind().dialect.name
    # A subquery, not a CTE: "WITH … INSERT" hides the row count from SQLite's driver. OFFSET 0
    # keeps it a unit: the due conventions are found first and only they are joined to people
    # (an hourly pass with nothing due then reads no people at all).
    due = _due_conventions(programme, every_days, now).offset(0).subquery("due")
    mentor, mentee = aliased(Person), aliased(Person)
    # Two rows per convention by a join with a two-row table: no OR in a join condition, which
    # only a nested loop could serve.
    sides = union_all(select(literal(0).label("n")), select(literal(1).label("n"))).subquery("sides")
    mentor_side = sides.c.n == 0
    person_id = case((mentor_side, mentor.id), else_=mentee.id)
    zone = case((mentor_side, mentor.timezone), else_=mentee.timezone)
    period = cast(_period(dialect, now, due.c.activated_at, timedelta(days=every_days)), String)
    key = literal(f"{MONTHLY_NUDGE}:") + cast(due.c.id, String) + ":" + period + ":" + cast(person_id, String)
    return (
        select(
            literal(MONTHLY_NUDGE), person_id, due.c.id, _due_at(session, programme, now, zone),
            literal(ReminderStatus.PENDING.value), literal(False), literal(0), key,
            literal({}, Reminder.payload.type), literal(now, UTCDateTime()),
        )
        .select_from(due.join(mentor, mentor.id == due.c.mentor_id).join(mentee, mentee.id == due.c.mentee_id)
                     .join(sides, true()))
        .where(true())  # SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT
    )


@contextmanager
def _sound_plan(session: Session) -> Iterator[None]:
    """On PostgreSQL, plan the pass with hash joins, and without JIT.

    The reminders table is the one a pass fills, so its statistics lag behind it: believing it
    empty, PostgreSQL picks a nested loop that rescans it for every convention, quadratic in the
    number of due conventions (seconds at 20,000, minutes at 100,000). Hash anti-joins read each
    table once whatever the statistics say. Nested loops priced out make the plan look costly
    enough for JIT, which would then spend ~0.4 s compiling a statement that runs in one.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SET LOCAL enable_nestloop = off"))
        session.execute(text("SET LOCAL jit = off"))
    yield
    # Back to the defaults for the rest of the transaction; after an error, the rollback does it.
    if postgres:
        session.execute(text("SET LOCAL enable_nestloop TO DEFAULT"))
        session.execute(text("SET LOCAL jit TO DEFAULT"))


def plan_nudges(session: Session, programme: Programme, now: datetime) -> int:
    """Write the programme's due nudges; rows whose dedupe key exists are skipped. Returns rows written.

    The due conventions already exclude those nudged this period, so a plain INSERT is tried first:
    ON CONFLICT costs PostgreSQL a speculative insertion per row (about 10 % of an all-due pass).
    Only another planner writing the same rows at the same moment makes it fail; the savepoint
    then rolls it back and the rows are written again, skipping the keys the other one wrote.
    """
    insert = dialect_insert(session)
    columns = ["kind", "recipient_id", "convention_id", "due_at", "status", "essential", "attempts", "dedupe_key",
               "payload", "created_at"]
    # Each convention keeps the rhythm it was signed with: one statement per rhythm in use (nearly always one).
    rhythms = session.scalars(select(ConventionVersion.meeting_every_days).distinct()
                              .where(ConventionVersion.programme_id == programme.id)).all()
    written = 0
    for every_days in sorted(rhythms):
        stmt = insert(Reminder).from_select(columns, _nudge_rows(session, programme, every_days, now))
        with _sound_plan(session):
            try:
                with session.begin_nested():
                    written += rows_changed(session.execute(stmt.execution_options(preserve_rowcount=True)))
            except IntegrityError:
                skipping = stmt.on_conflict_do_nothing(index_elements=["dedupe_key"])
                written += rows_changed(session.execute(skipping.execution_options(preserve_rowcount=True)))
    return written


def _nudges_of(factory: SessionFactory, programme: Programme, now: datetime) -> int:
    with session_scope(factory) as session:
        return plan_nudges(session, session.merge(programme, load=False), now)


def _plan_all_nudges(factory: SessionFactory, programmes: list[Programme], now: datetime) -> int:
    """Each programme's nudges in its own transaction; on PostgreSQL, several programmes at once.

    A pass where many conventions are due is spent inside PostgreSQL (index upkeep for each row
    written), one backend per statement: two programmes at a time use a second core (4.7 s -> 3.0 s
    for 200,000 rows on 2 cores, before the outbox lost its foreign keys). SQLite has one writer, so
    it goes in turn.
    """
    workers = min(PLANNER_CONNECTIONS, len(programmes))

    def nudges(programme: Programme) -> int:
        return _isolated("the monthly nudges of a programme", lambda: _nudges_of(factory, programme, now), 0)

    if workers < 2 or engine_of(factory).dialect.name != "postgresql":
        return sum(nudges(programme) for programme in programmes)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="planner") as pool:
        return sum(pool.map(nudges, programmes))


def _isolated(what: str, step: Callable[[], T], fallback: T) -> T:
    """One programme's (or one step's) failure is logged and the pass goes on with the others."""
    try:
        return step()
    except Exception as error:
        log_unexpected(f"the planner ({what})", error)
        return fallback


def plan(factory: SessionFactory, now: datetime, rule: CoordinatorRule | None = None) -> PlanReport:
    report = PlanReport()
    with session_scope(factory) as session:
        programmes = list(session.scalars(select(Programme)))
    report.nudges = _plan_all_nudges(factory, programmes, now)

    def in_unit(step: Callable[[Session], T]) -> Callable[[], T]:
        def run() -> T:
            with session_scope(factory) as session:
                return step(session)
        return run

    def closure_of(programme: Programme) -> Callable[[Session], tuple[int, int]]:
        return lambda session: closure.plan_programme(session, session.merge(programme, load=False), now)

    for programme in programmes:
        planned, closed = _isolated("the closure of a programme", in_unit(closure_of(programme)), (0, 0))
        report.closures_planned += planned
        report.closed += closed
    report.unconfirmed = _isolated("unanswered check-ins", in_unit(lambda s: expire_unanswered(s, now)), 0)
    report.escalated = _isolated("escalations", in_unit(lambda s: mark_escalations(s, now)), 0)
    report.evaluations = _isolated("programme evaluations", in_unit(lambda s: plan_evaluations(s, now)), 0)
    report.requests_expired = _isolated("mentor requests", in_unit(lambda s: mentor_requests.expire(s, now)), 0)
    report.texts_purged = _isolated("retention", in_unit(lambda s: retention.purge_due(s, now)), 0)
    report.audit_purged = _isolated("audit retention", in_unit(lambda s: retention.purge_audit(s, now)), 0)
    if rule is not None:
        report.digests = _isolated("digests", in_unit(lambda s: plan_digests(s, rule, now)), 0)
        report.enrolment_news = _isolated("enrolment news", in_unit(lambda s: plan_enrolment_news(s, rule, now)), 0)
        report.erased = _isolated("erasures", in_unit(lambda s: erasure.erase_pending(s, rule, now)), 0)
    # The bytes behind expired file links go with the links.
    report.files_purged = _isolated("expired files", in_unit(lambda s: purge_expired(s, now)), 0)
    return report


__all__ = ["MONTHLY_NUDGE", "PlanReport", "plan", "plan_nudges"]
