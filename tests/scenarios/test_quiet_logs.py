"""At INFO, the log stays quiet: no line from alembic's migrations, Bolt's start, or APScheduler's ticks.

Each run used to print alembic's plugin and migration lines, Bolt's "`token` will be unused" warning
(SLACK_BOT_TOKEN is in the environment of every real start) and APScheduler's two lines per job run, every
30 seconds. Here the production configuration writes from INFO up while the test starts what a real start
does: a fresh database migrated, the app built, the scheduler running its jobs.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent

from bot.clock import SystemClock
from bot.demo.harness import start_harness
from bot.demo.slack_emulator import SlackEmulator
from scheduling.scheduler import Jobs, build_scheduler
from storage.migrate import upgrade
from tests.scenarios.log_capture import captured_log
from tests.support.people import DEFAULT_NOW

RUNS = 3


def _run_jobs(jobs: Jobs, runs: int) -> list[str]:
    """Start the real scheduler and run the delivery job `runs` times (not every 30 s: now, one after the other)."""
    scheduler = build_scheduler(jobs)
    done = threading.Semaphore(0)
    seen: list[str] = []

    def listener(event: JobExecutionEvent) -> None:
        seen.append(event.job_id)
        if event.job_id == "deliver":
            done.release()

    scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        for _ in range(runs):
            scheduler.modify_job("deliver", next_run_time=datetime.now(UTC))
            assert done.acquire(timeout=10), "the delivery job did not run"
    finally:
        scheduler.shutdown(wait=True)
    return seen


def test_migrating_starting_and_ticking_print_nothing_at_info(tmp_path: Path, emulator: SlackEmulator,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", emulator.bot_token)  # how a real start is configured
    url = f"sqlite:///{tmp_path / 'mentorat.db'}"
    with captured_log("INFO") as log:
        upgrade(url)  # every migration, from an empty file
        harness = start_harness(url, emulator, now=DEFAULT_NOW)
        try:
            jobs = dataclasses.replace(harness.mentorat.jobs, clock=SystemClock())
            seen = _run_jobs(jobs, RUNS)
        finally:
            harness.close()
    assert seen.count("deliver") == RUNS and "plan" in seen, "the jobs ran: the silence proves something"
    noisy = [(r.name, r.getMessage()) for r in log.raw.records if r.name.startswith(("alembic", "apscheduler", "slack"))]
    assert noisy == []
    assert log.text == "", "nothing at all at INFO: no start line here (the CLI's), no line per tick"


def test_a_failing_tick_is_one_record_of_ours_and_none_of_apscheduler(tmp_path: Path, emulator: SlackEmulator) -> None:
    url = f"sqlite:///{tmp_path / 'mentorat.db'}"
    upgrade(url)
    harness = start_harness(url, emulator, now=DEFAULT_NOW)

    def unreachable() -> object:
        raise ConnectionError("the database is down")

    try:
        jobs = dataclasses.replace(harness.mentorat.jobs, clock=SystemClock(), session_factory=unreachable)
        with captured_log("INFO") as log:
            _run_jobs(jobs, 1)
    finally:
        harness.close()
    records = [(r.name, r.levelname) for r in log.raw.records]
    # The planner's first run fails as well: one record for it, one for the delivery, nothing else.
    assert records == [("mentorat.unexpected", "ERROR")] * 2, records
