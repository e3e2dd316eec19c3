"""Reminders at scale: the planner at 100,000 conventions, delivery at Slack's pace, and APScheduler.

    python -m benchmarks.reminders [--conventions 100000] [--deliver 10000] [--backend postgresql|sqlite|both]
                                   [--cap 100] [--apscheduler-jobs 100000] [--check]

1. Planner. 100,000 active conventions (two people each, half of them with a meeting held 45 days
   ago), all due for their monthly nudge, are bulk-inserted on PostgreSQL (a temporary server from
   tests/support/postgres.py) and on SQLite. At 10k, 50k and 100k conventions, each measured in a
   fresh process: one `plan(factory, now)` pass that writes every nudge, a second pass right after
   (steady state: nothing new), the growth of the process's peak RSS during the first pass, and the
   tracemalloc peak of the same pass run again (after the nudges are deleted) with tracing on.
2. Delivery. `--deliver` due nudges to as many DM channels, through the real SlackNotifier and
   WebClient, to the Slack emulator with chat.postMessage limited to 1 message per second per
   channel and `--cap` messages per second for the whole workspace (Slack itself says "several
   hundred per minute"; the cap here is higher so that the run stays short). A worker loop calls
   `deliver_due` with the real time until nothing is pending. Throughput is compared with what the
   limits allow; lost (never delivered) and doubled (delivered twice) reminders are counted.
3. The common alternative: one APScheduler 3 job per reminder in a SQLAlchemyJobStore on the same
   PostgreSQL: time to add the jobs, time to start a scheduler on the filled store, and the time
   and memory of one wake-up when they are all due (get_due_jobs loads every due job at once).

Targets (PASS/FAIL): planner pass < 2 s at 100,000 conventions on PostgreSQL (each pass), memory
flat in the number of conventions, delivery >= 90 % of the limit with 0 lost and 0 doubled. The
exit code is 0 whatever the figures, unless --check is given. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, func, insert, select, text

from bot.demo.slack_emulator import SlackEmulator, _RateLimit
from storage.crypto import KEY_VARIABLE, new_key
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
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
    Workspace,
)

# Wednesday 3 March 2027, 15:00 UTC: 10:00 in Toronto, 16:00 in Paris, 7:00 in Vancouver.
NOW = datetime(2027, 3, 3, 15, 0, tzinfo=UTC)
SIZES = (10_000, 50_000, 100_000)
PROGRAMMES = 5
ZONES = ("America/Toronto", "America/Vancouver", "Europe/Paris", None)
SEED_BATCH = 10_000
TEAM_ID = "T0BENCH"

PLANNER_TARGET_S = 2.0
MEMORY_FLAT_RATIO = 1.5  # peak at the largest size at most 1.5x the peak at the smallest
DELIVERY_TARGET = 0.90
DEFAULT_CAP = 100  # messages per second, workspace-wide
DELIVERY_DEADLINE_S = 600.0  # the worker loop's bound besides "nothing pending"
APS_FULL_RUN_LIMIT_S = 300.0  # add 100k jobs only if the 10k run says it takes less than this


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --------------------------------------------------------------------------- seeding


def _batches(start: int, end: int) -> Iterator[range]:
    for low in range(start, end, SEED_BATCH):
        yield range(low, min(end, low + SEED_BATCH))


def seed_base(engine: Engine) -> None:
    """One workspace and PROGRAMMES programmes (monthly rhythm)."""
    with engine.begin() as conn:
        conn.execute(insert(Workspace), [{"id": 1, "platform": "slack", "external_id": TEAM_ID, "name": "Bench",
                                          "created_at": NOW - timedelta(days=400)}])
        conn.execute(insert(Programme), [
            {"id": p + 1, "workspace_id": 1, "name": f"Programme {p + 1}", "language": ("fr", "en")[p % 2],
             "timezone": "America/Toronto", "length_months": 10, "meeting_every_days": 30,
             "meeting_min_minutes": 60, "meeting_max_minutes": 90, "reminder_hour": 9,
             "created_at": NOW - timedelta(days=400)}
            for p in range(PROGRAMMES)
        ])
        conn.execute(insert(ConventionVersion), [
            {"id": p + 1, "programme_id": p + 1, "number": 1, "programme_name": f"Programme {p + 1}",
             "length_months": 10, "meeting_every_days": 30, "meeting_min_minutes": 60, "meeting_max_minutes": 90,
             "closing_notice_days": 30, "parts": {}, "created_at": NOW - timedelta(days=400)}
            for p in range(PROGRAMMES)
        ])


def _people(ids: range) -> list[dict[str, Any]]:
    return [
        {"id": 2 * i + side + 1, "workspace_id": 1, "external_id": f"U{'ME'[side]}{i:07d}", "display_name": "",
         "timezone": ZONES[(i + side) % len(ZONES)], "locale": "fr-CA", "language_choice": None,
         "is_workspace_admin": False, "is_bot": False, "profile_refreshed_at": None,
         "reminders_paused_until": None, "created_at": NOW - timedelta(days=120)}
        for i in ids for side in (0, 1)
    ]


def _conventions(ids: range, activated: datetime) -> list[dict[str, Any]]:
    starts = activated.date()
    return [
        {"id": i + 1, "programme_id": i % PROGRAMMES + 1, "version_id": i % PROGRAMMES + 1,
         "mentor_id": 2 * i + 1, "mentee_id": 2 * i + 2,
         "paired_by_id": None, "status": ConventionStatus.ACTIVE, "starts_on": starts,
         "planned_end_on": starts + timedelta(days=300), "mentor_accepted_at": activated,
         "mentee_accepted_at": activated, "activated_at": activated, "closed_at": None, "closure_decision": None,
         "interaction_modes": None, "created_at": activated, "updated_at": activated}
        for i in ids
    ]


def _old_meetings(ids: range, now: datetime) -> list[dict[str, Any]]:
    """A meeting held 45 days ago for every other convention: older than the rhythm, so still due."""
    held = now - timedelta(days=45)
    return [
        {"convention_id": i + 1, "proposed_by_id": 2 * i + 1, "starts_at": held, "duration_minutes": 60,
         "mode": "video", "location": None, "status": MeetingStatus.HELD, "agenda": None, "reason": None,
         "created_at": held, "updated_at": held}
        for i in ids if i % 2 == 0
    ]


def seed_conventions(engine: Engine, start: int, end: int, now: datetime = NOW) -> None:
    """Conventions [start, end), active for 90 days at `now`, with bulk executemany inserts."""
    activated = now - timedelta(days=90)
    for ids in _batches(start, end):
        with engine.begin() as conn:
            conn.execute(insert(Person), _people(ids))
            conn.execute(insert(Convention), _conventions(ids, activated))
            meetings = _old_meetings(ids, now)
            if meetings:
                conn.execute(insert(Meeting), meetings)
    analyze(engine)


def analyze(engine: Engine) -> None:
    """Fresh statistics, as autovacuum would have them on a database that grew over months."""
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def fresh_database(backend: str, server: Any, workdir: Path, name: str) -> str:
    url = f"sqlite:///{workdir / f'{name}.db'}" if backend == "sqlite" else server.create_database(name)
    upgrade(url)
    return url


# --------------------------------------------------------------------------- 1. planner


@dataclass
class PlannerFigures:
    conventions: int
    first_s: float
    first_nudges: int
    steady_s: float
    steady_nudges: int
    rss_growth_mib: float
    traced_peak_mib: float


def _clear_nudges(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(delete(Reminder))
    analyze(engine)


def _planner_child(url: str, conventions: int, out: Any) -> None:
    """Runs in a fresh process, so that its peak RSS belongs to these passes alone."""
    from scheduling.planner import plan

    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:  # connect and warm the imports outside the measurement
        session.scalar(select(func.count()).select_from(Programme))
    gc.collect()
    rss_before = maxrss_mib()
    started = time.perf_counter()
    first = plan(factory, NOW)
    first_s = time.perf_counter() - started
    rss_growth = maxrss_mib() - rss_before
    started = time.perf_counter()
    steady = plan(factory, NOW)
    steady_s = time.perf_counter() - started
    _clear_nudges(engine)
    tracemalloc.start()
    plan(factory, NOW)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    _clear_nudges(engine)
    engine.dispose()
    out.send(PlannerFigures(conventions, first_s, first.nudges, steady_s, steady.nudges, rss_growth, traced_peak))


def in_child(target: Callable[..., None], *args: Any) -> Any:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, sender))
    process.start()
    try:
        if not receiver.poll(1800):
            raise TimeoutError(f"{target.__name__} gave no answer in 30 minutes")
        return receiver.recv()
    finally:
        process.join(timeout=60)
        if process.is_alive():
            process.kill()


def bench_planner(backend: str, server: Any, workdir: Path, sizes: list[int]) -> list[PlannerFigures]:
    url = fresh_database(backend, server, workdir, "bench_planner")
    engine = make_engine(url)
    seed_base(engine)
    figures: list[PlannerFigures] = []
    seeded = 0
    for size in sizes:
        started = time.perf_counter()
        seed_conventions(engine, seeded, size)
        seeded = size
        print(f"  [{backend}] seeded {size:,} conventions in {time.perf_counter() - started:.1f} s", flush=True)
        figures.append(in_child(_planner_child, url, size))
        print(f"  [{backend}] {describe_planner(figures[-1])}", flush=True)
    engine.dispose()
    return figures


def describe_planner(f: PlannerFigures) -> str:
    return (f"{f.conventions:>7,} conventions: first pass {f.first_s:6.2f} s ({f.first_nudges:,} nudges), "
            f"steady pass {f.steady_s:5.2f} s ({f.steady_nudges} new), peak RSS growth {f.rss_growth_mib:6.1f} MiB, "
            f"tracemalloc peak {f.traced_peak_mib:6.1f} MiB")


# --------------------------------------------------------------------------- 2. delivery


class CappedEmulator(SlackEmulator):
    """The emulator with a workspace-wide cap on top of its per-channel limit.

    SlackEmulator keeps one token bucket per method (per channel here); Slack also limits a
    workspace as a whole, so a second bucket, shared by all channels, is checked after it.
    """

    def __init__(self, cap_per_second: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.workspace_bucket = _RateLimit(cap_per_second, per_channel=False, capacity=cap_per_second)

    def _rate_limited(self, method: str, args: dict[str, Any]) -> int | None:
        wait = super()._rate_limited(method, args)
        if wait is None and method == "chat.postMessage":
            wait = self.workspace_bucket.retry_after(None, self._time_source())
        return wait


@dataclass
class DeliveryFigures:
    reminders: int
    cap: float
    workers: int
    seconds: float
    passes: int
    delivered: int
    lost: int
    doubled: int
    rate_limited_calls: int
    rows_sent: int

    @property
    def achievable_s(self) -> float:
        """Every channel gets one message, so the workspace cap binds; the first second is a burst."""
        return max(0.0, (self.reminders - self.cap) / self.cap)

    @property
    def share(self) -> float:
        return self.achievable_s / self.seconds if self.seconds else 0.0


def _seed_due_nudges(engine: Engine, count: int, now: datetime) -> None:
    """count/2 active conventions and one due monthly nudge for each of their two people."""
    pairs = count // 2
    seed_base(engine)
    seed_conventions(engine, 0, pairs, now=now)
    rows = [
        {"kind": "monthly_nudge", "recipient_id": person, "convention_id": i + 1, "due_at": now,
         "status": ReminderStatus.PENDING, "essential": False, "attempts": 0,
         "dedupe_key": f"monthly_nudge:{i + 1}:2:{person}", "payload": {}, "created_at": now}
        for i in range(pairs) for person in (2 * i + 1, 2 * i + 2)
    ]
    with engine.begin() as conn:
        for low in range(0, len(rows), SEED_BATCH):
            conn.execute(insert(Reminder), rows[low:low + SEED_BATCH])
    analyze(engine)


def _pending(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.CLAIMED)))) or 0)


def _emulator_child(cap: float, users: list[str], conn: Any) -> None:
    """The emulator in its own process: in the benchmark's process it would share the GIL with the deliverer."""
    with CappedEmulator(cap, team_id=TEAM_ID) as emu:
        for user in users:
            emu.add_user(user, user.lower())
        emu.set_rate_limit("chat.postMessage", per_second=1, per_channel=True)
        conn.send((emu.api_url, emu.bot_token))
        conn.recv()  # "report"
        calls = emu.calls("chat.postMessage")
        posted = Counter(call.args["channel"] for call in calls if call.succeeded)
        conn.send((posted, sum(1 for call in calls if call.answered_status == 429)))


def humane_moment(after: datetime) -> datetime:
    """The first weekday hour, from `after`, when it is 8:00-17:00 for people of every seeded zone: the nudges
    are non-essential, and delivery holds them for their recipients' good hours (the run takes minutes)."""
    zones = [ZoneInfo(zone or "America/Toronto") for zone in ZONES]
    moment = after.replace(minute=0, second=0, microsecond=0)
    while not all(local.weekday() < 5 and 8 <= local.hour < 17 for local in (moment.astimezone(z) for z in zones)):
        moment += timedelta(hours=1)
    return moment


def _worker_child(url: str, api_url: str, token: str, shift: timedelta, conn: Any) -> None:
    """One `mentorat worker`: deliver_due back to back until nothing is pending, on the real clock moved by
    `shift` to the humane moment the nudges are due at (Retry-After and leases run in real time)."""
    from bot.app import make_client
    from bot.config import Settings
    from bot.services.messages import ComposeContext
    from bot.services.roles import CoordinatorRule
    from handlers.slack.clients import WorkspaceClients
    from handlers.slack.notifier import SlackNotifier
    from scheduling.delivery import deliver_due

    engine = make_engine(url)
    client = make_client(Settings(slack_bot_token=token, slack_api_url=api_url), wait_out_rate_limits=False)
    notifier, ctx = SlackNotifier(WorkspaceClients(client)), ComposeContext(rule=CoordinatorRule(frozenset()))
    factory = make_session_factory(engine)
    _pending(engine)  # connected and warm before the start
    conn.send("ready")
    conn.recv()  # "go"
    passes, deadline = 0, time.monotonic() + DELIVERY_DEADLINE_S
    while _pending(engine) and time.monotonic() < deadline:
        passes += 1
        if not deliver_due(factory, notifier, datetime.now(UTC) + shift, ctx).claimed:
            time.sleep(0.05)  # what is left waits out a Retry-After (or is in the other worker's hands)
    conn.send((time.monotonic(), passes))
    engine.dispose()


def _run_workers(url: str, api_url: str, token: str, workers: int, shift: timedelta) -> tuple[float, int]:
    """Start the workers, let them go at once, return the time until the last one is done."""
    context = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for _ in range(workers):
        parent, child = context.Pipe()
        process = context.Process(target=_worker_child, args=(url, api_url, token, shift, child), daemon=True)
        process.start()
        child.close()  # the child's end is the child's: if it dies, recv() here ends instead of waiting forever
        pipes.append(parent)
        processes.append(process)
    try:
        for pipe in pipes:
            pipe.recv()  # ready
        go = time.monotonic()
        for pipe in pipes:
            pipe.send("go")
        ends = [pipe.recv() for pipe in pipes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    return max(end for end, _ in ends) - go, sum(passes for _, passes in ends)


def bench_delivery(url: str, count: int, cap: float, workers: int) -> DeliveryFigures:
    engine = make_engine(url)
    moment = humane_moment(datetime.now(UTC))
    shift = moment - datetime.now(UTC)
    _seed_due_nudges(engine, count, moment - timedelta(minutes=1))
    users = [f"U{'ME'[side]}{i:07d}" for i in range(count // 2) for side in (0, 1)]
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    emulator = context.Process(target=_emulator_child, args=(cap, users, child), daemon=True)
    emulator.start()
    try:
        api_url, token = parent.recv()
        seconds, passes = _run_workers(url, api_url, token, workers, shift)
        parent.send("report")
        posted, limited = parent.recv()
    finally:
        emulator.join(timeout=30)
        if emulator.is_alive():
            emulator.kill()
    with engine.connect() as conn:
        rows_sent = int(conn.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.status == ReminderStatus.SENT)) or 0)
    engine.dispose()
    expected = {f"D{user}" for user in users}
    return DeliveryFigures(
        reminders=len(expected), cap=cap, workers=workers, seconds=seconds, passes=passes,
        delivered=sum(posted.values()), lost=len(expected - set(posted)),
        doubled=sum(n - 1 for n in posted.values() if n > 1), rate_limited_calls=limited, rows_sent=rows_sent,
    )


# --------------------------------------------------------------------------- 3. APScheduler


def send_reminder(reminder_id: int) -> None:
    """The job an APScheduler-per-reminder design would run (never run here)."""


@dataclass
class ApsFigures:
    jobs: int
    add_s: float
    start_s: float
    wakeup_s: float
    wakeup_traced_mib: float
    rss_growth_mib: float


RUN_AT = datetime(2030, 1, 1, tzinfo=UTC)  # every job's date: far enough that none runs while they are added


def _aps_store(url: str) -> Any:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    return SQLAlchemyJobStore(url=url)


def _aps_add_child(url: str, jobs: int, out: Any) -> None:
    """Add one job per reminder to a started (paused) scheduler, as a job-per-reminder design would."""
    from apscheduler.schedulers.background import BackgroundScheduler

    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler = BackgroundScheduler(jobstores={"default": _aps_store(url)}, timezone="UTC")
    scheduler.start(paused=True)  # paused: jobs are stored, nothing runs
    started = time.perf_counter()
    for i in range(jobs):
        scheduler.add_job(send_reminder, "date", run_date=RUN_AT, args=[i], id=f"reminder-{i}")
    add_s = time.perf_counter() - started
    scheduler.shutdown(wait=False)
    out.send(add_s)


def _aps_wakeup_child(url: str, jobs: int, out: Any) -> None:
    """A fresh process starts a scheduler on the filled store, then wakes up once every job is due."""
    from apscheduler.schedulers.background import BackgroundScheduler

    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    gc.collect()
    rss_before = maxrss_mib()
    started = time.perf_counter()
    scheduler = BackgroundScheduler(jobstores={"default": _aps_store(url)}, timezone="UTC")
    scheduler.start(paused=True)
    start_s = time.perf_counter() - started
    # What _process_jobs does at a wake-up: ask the store for every due job at once.
    store = scheduler._lookup_jobstore("default")
    tracemalloc.start()
    started = time.perf_counter()
    due = store.get_due_jobs(RUN_AT + timedelta(seconds=1))
    wakeup_s = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert len(due) == jobs, (len(due), jobs)
    rss_growth = maxrss_mib() - rss_before
    scheduler.shutdown(wait=False)
    out.send((start_s, wakeup_s, traced, rss_growth))


def _aps_run(server: Any, jobs: int) -> ApsFigures:
    url = server.create_database(f"bench_aps_{jobs}")
    add_s = in_child(_aps_add_child, url, jobs)
    return ApsFigures(jobs, add_s, *in_child(_aps_wakeup_child, url, jobs))


def bench_apscheduler(server: Any, jobs: int) -> list[ApsFigures]:
    """Measured at 10k jobs, then at `jobs` if the 10k run says that takes less than a few minutes."""
    figures = [_aps_run(server, min(10_000, jobs))]
    print(f"  {describe_aps(figures[-1])}", flush=True)
    if jobs > 10_000 and figures[0].add_s * jobs / 10_000 < APS_FULL_RUN_LIMIT_S:
        figures.append(_aps_run(server, jobs))
        print(f"  {describe_aps(figures[-1])}", flush=True)
    return figures


def describe_aps(f: ApsFigures) -> str:
    return (f"{f.jobs:>7,} APScheduler jobs: add {f.add_s:6.1f} s, start {f.start_s:5.2f} s, wake-up with all due "
            f"{f.wakeup_s:5.2f} s, tracemalloc peak {f.wakeup_traced_mib:6.1f} MiB, peak RSS growth "
            f"{f.rss_growth_mib:6.1f} MiB")


def extrapolated(figures: list[ApsFigures], jobs: int) -> tuple[ApsFigures, bool]:
    """The run at `jobs`, or the 10k run scaled linearly (clearly labelled by the caller)."""
    for f in figures:
        if f.jobs == jobs:
            return f, False
    base, k = figures[0], jobs / figures[0].jobs
    return ApsFigures(jobs, base.add_s * k, base.start_s, base.wakeup_s * k, base.wakeup_traced_mib * k,
                      base.rss_growth_mib * k), True


# --------------------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def planner_verdicts(results: dict[str, list[PlannerFigures]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pg = results.get("postgresql")
    if pg:
        big = pg[-1]
        out.append((f"planner pass < {PLANNER_TARGET_S:.0f} s at {big.conventions:,} conventions on PostgreSQL, all due "
                    f"(writes {big.first_nudges:,} reminders): {big.first_s:.2f} s", big.first_s < PLANNER_TARGET_S))
        out.append((f"planner pass < {PLANNER_TARGET_S:.0f} s at {big.conventions:,} conventions on PostgreSQL, steady "
                    f"state (nothing new): {big.steady_s:.2f} s", big.steady_s < PLANNER_TARGET_S))
    for backend, figures in results.items():
        low, high = figures[0], figures[-1]
        flat = high.traced_peak_mib <= MEMORY_FLAT_RATIO * max(low.traced_peak_mib, 1.0) and \
            high.rss_growth_mib <= MEMORY_FLAT_RATIO * max(low.rss_growth_mib, 8.0)
        out.append((f"memory flat on {backend}: tracemalloc peak {low.traced_peak_mib:.1f} -> "
                    f"{high.traced_peak_mib:.1f} MiB, RSS growth {low.rss_growth_mib:.1f} -> "
                    f"{high.rss_growth_mib:.1f} MiB from {low.conventions:,} to {high.conventions:,}", flat))
    return out


def print_delivery(d: DeliveryFigures) -> None:
    print(f"  {d.reminders:,} reminders to {d.reminders:,} DM channels, limit 1 msg/s per channel and "
          f"{d.cap:g} msg/s for the workspace (burst {d.cap:g})")
    print(f"  delivered {d.delivered:,} by {d.workers} worker processes in {d.seconds:.1f} s over {d.passes} passes = "
          f"{d.delivered / d.seconds:.1f} msg/s; the limits allow it in {d.achievable_s:.1f} s -> "
          f"{100 * d.share:.1f} % of the limit")
    print(f"  lost {d.lost}, doubled {d.doubled}, 429 answers {d.rate_limited_calls:,}, rows marked sent "
          f"{d.rows_sent:,}")


def print_comparison(aps: list[ApsFigures], planner: PlannerFigures | None, jobs: int) -> None:
    full, guessed = extrapolated(aps, jobs)
    if guessed:
        print(f"  {describe_aps(full)} (EXTRAPOLATED linearly from the 10k run)")
    if planner is None:
        return
    print(f"  outbox + planner at {planner.conventions:,} conventions: nothing to load at start; "
          f"a pass {planner.first_s:.2f} s writing {planner.first_nudges:,} reminders, steady {planner.steady_s:.2f} s, "
          f"tracemalloc peak {planner.traced_peak_mib:.1f} MiB")
    per_job = full.add_s / full.jobs
    per_row = planner.first_s / max(planner.first_nudges, 1)
    print(f"  ratio, registering reminders: APScheduler add_job {1e3 * per_job:.2f} ms per job vs planner "
          f"{1e6 * per_row:.1f} µs per reminder row = {per_job / per_row:.0f}x "
          f"({full.add_s:.1f} s for {full.jobs:,} jobs vs {planner.first_s:.2f} s for {planner.first_nudges:,} rows)")
    print(f"  ratio, memory when all are due: APScheduler wake-up {full.wakeup_traced_mib:.1f} MiB / planner pass "
          f"{planner.traced_peak_mib:.1f} MiB = {full.wakeup_traced_mib / max(planner.traced_peak_mib, 0.1):.0f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conventions", type=int, default=100_000)
    parser.add_argument("--deliver", type=int, default=10_000)
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--cap", type=float, default=DEFAULT_CAP, help="workspace-wide chat.postMessage per second")
    parser.add_argument("--workers", type=int, default=2, help="worker processes delivering side by side")
    parser.add_argument("--apscheduler-jobs", type=int, default=100_000, help="0 to skip the comparison")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault(KEY_VARIABLE, new_key())  # its own data key, which the worker processes inherit
    sizes = sorted({s for s in SIZES if s < args.conventions} | {args.conventions})
    backends = ["postgresql", "sqlite"] if args.backend == "both" else [args.backend]
    from tests.support.postgres import postgres_server

    verdicts: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="bench-reminders-") as tmp, postgres_server() as server:
        print(f"Planner ({', '.join(backends)}; sizes {', '.join(f'{s:,}' for s in sizes)}):", flush=True)
        results = {backend: bench_planner(backend, server, Path(tmp), sizes) for backend in backends}
        verdicts += planner_verdicts(results)
        delivery = None
        if args.deliver:
            print("Delivery (PostgreSQL):", flush=True)
            delivery = bench_delivery(fresh_database("postgresql", server, Path(tmp), "bench_delivery"), args.deliver,
                                      args.cap, args.workers)
            print_delivery(delivery)
            verdicts.append((f"delivery >= {100 * DELIVERY_TARGET:.0f} % of the limit with 0 lost and 0 doubled",
                             delivery.share >= DELIVERY_TARGET and delivery.lost == 0 and delivery.doubled == 0))
        if args.apscheduler_jobs:
            print("APScheduler, one job per reminder in SQLAlchemyJobStore (PostgreSQL):", flush=True)
            aps = bench_apscheduler(server, args.apscheduler_jobs)
            pg = results.get("postgresql")
            print_comparison(aps, pg[-1] if pg else None, args.apscheduler_jobs)
    print("Targets:")
    for label, ok in verdicts:
        print(f"  {verdict(ok)}  {label}")
    return 1 if args.check and not all(ok for _, ok in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
