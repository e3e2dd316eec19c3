"""Several delivery workers, killed workers and a misbehaving Slack: every reminder arrives, at most once.

The two-worker and SIGKILL scenarios run real `mentorat tick` processes against one PostgreSQL
(the claim relies on FOR UPDATE SKIP LOCKED); the failure scenario calls deliver_due in process
with the real SlackNotifier and WebClient, on both backends. Time is injected (`--now`, `now=`).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.app import make_client
from bot.config import Settings
from bot.demo.slack_emulator import SlackEmulator
from bot.notify import Message, NotifierError, Recipient
from bot.services import outbox
from bot.services.messages import ComposeContext
from bot.services.roles import CoordinatorRule
from handlers.slack.clients import WorkspaceClients
from handlers.slack.notifier import SlackNotifier
from scheduling.delivery import LEASE, SEND_THREADS, deliver_due
from storage.db import make_engine, make_session_factory
from storage.models import Convention, ConventionStatus, Person, Programme, Reminder, ReminderStatus, Workspace
from tests.scenarios.helpers import button_value

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in Toronto
TICK_TIMEOUT = 300  # seconds, per `mentorat tick` process
MAX_TICKS = 5  # a tick delivers up to 5,000 rows; a few more rounds at most

CLAIM_BATCH = 100  # deliver_due's default batch
Delivery = tuple[str, str]  # (DM channel, convention id)


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    """A fresh migrated PostgreSQL database (several processes share it, so not SQLite)."""
    if os.environ.get("MENTORAT_TEST_SKIP_POSTGRES") == "1":
        pytest.skip("MENTORAT_TEST_SKIP_POSTGRES=1")
    server, template = request.getfixturevalue("pg_template")
    return server.clone(template)  # type: ignore[no-any-return]


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    emu = SlackEmulator(team_id="T0TEST")
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


def seed_invitations(url: str, emu: SlackEmulator, pairs: int, now: datetime = NOW) -> set[Delivery]:
    """`pairs` conventions awaiting signatures, each with its two invitations due in the outbox.

    Returns what Slack should receive: one invitation per (person, convention).
    """
    engine = make_engine(url, one_shot=True)
    try:
        with make_session_factory(engine).begin() as session:
            workspace = Workspace(platform="slack", external_id="T0TEST", name="Test", created_at=now)
            session.add(workspace)
            session.flush()
            programme = Programme(workspace_id=workspace.id, name="Mentorat", created_at=now)
            coordinator = Person(workspace_id=workspace.id, external_id="UCOORD", timezone="America/Toronto",
                                 created_at=now)
            people = [Person(workspace_id=workspace.id, external_id=f"U{side}{i:05d}", timezone="America/Toronto",
                             created_at=now) for i in range(pairs) for side in "RE"]
            session.add_all([programme, coordinator, *people])
            session.flush()
            conventions = [
                Convention(programme_id=programme.id, mentor_id=people[2 * i].id, mentee_id=people[2 * i + 1].id,
                           paired_by_id=coordinator.id, status=ConventionStatus.AWAITING_SIGNATURES,
                           starts_on=date(2026, 12, 1), planned_end_on=date(2027, 10, 1), created_at=now,
                           updated_at=now)
                for i in range(pairs)
            ]
            session.add_all(conventions)
            session.flush()
            expected: set[Delivery] = set()
            for i, convention in enumerate(conventions):
                for person in people[2 * i:2 * i + 2]:
                    outbox.enqueue(session, kind="convention_invite", recipient_id=person.id,
                                   convention_id=convention.id, due_at=now - timedelta(minutes=1), now=now,
                                   essential=True, dedupe_key=f"convention_invite:{convention.id}:{person.id}")
                    expected.add((f"D{person.external_id}", str(convention.id)))
    finally:
        engine.dispose()
    emu.add_user("UCOORD", "camille")
    for person in people:
        emu.add_user(person.external_id, person.external_id.lower())
    return expected


def delivered(emu: SlackEmulator) -> Counter[Delivery]:
    """Invitations Slack accepted, per (DM channel, convention)."""
    return Counter((m["channel"], button_value(m, "convention-accept") or "?") for m in emu.messages())


def statuses(url: str) -> Counter[str]:
    engine = make_engine(url, one_shot=True)
    try:
        with engine.connect() as conn:
            return Counter(dict(conn.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all()))
    finally:
        engine.dispose()


def unfinished(url: str) -> int:
    counts = statuses(url)
    return counts[ReminderStatus.PENDING] + counts[ReminderStatus.CLAIMED]


# --------------------------------------------------------------------------- worker processes


def tick(url: str, emu: SlackEmulator, now: datetime) -> subprocess.Popen[str]:
    """A real `mentorat tick --now …` process (plan, deliver what is due, exit)."""
    env = {**os.environ, "SLACK_BOT_TOKEN": emu.bot_token, "SLACK_API_URL": emu.api_url, "DATABASE_URL": url,
           "MENTORAT_COORDINATORS": "UCOORD"}
    return subprocess.Popen([sys.executable, "-m", "bot", "tick", "--now", now.isoformat()], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=TICK_TIMEOUT)
    assert process.returncode == 0, err[-3000:]
    return out


def tick_until_done(url: str, emu: SlackEmulator, now: datetime, workers: int) -> list[int]:
    """Run `workers` ticks side by side, again while something is left (bounded); how many each sent."""
    sent: list[int] = []
    for _ in range(MAX_TICKS):
        for process in [tick(url, emu, now) for _ in range(workers)]:
            found = re.search(r"delivered: (\d+) sent", finish(process))
            assert found, "tick printed no delivery line"
            sent.append(int(found.group(1)))
        if not unfinished(url):
            return sent
    pytest.fail(f"still unfinished after {MAX_TICKS} rounds: {statuses(url)}")


def wait_until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.postgres
def test_two_worker_processes_deliver_5000_reminders_exactly_once(pg_url: str, slack: SlackEmulator) -> None:
    expected = seed_invitations(pg_url, slack, pairs=2500)
    assert len(expected) == 5000
    sent = tick_until_done(pg_url, slack, NOW, workers=2)
    assert sent[0] > 0 and sent[1] > 0 and sum(sent) == 5000, f"both processes delivered, together once: {sent}"
    got = delivered(slack)
    assert set(got) == expected, "every invitation arrived, and nothing else"
    assert [key for key, n in got.items() if n > 1] == [], "none twice"
    assert sum(got.values()) == 5000
    assert statuses(pg_url) == Counter({ReminderStatus.SENT: 5000})


@pytest.mark.postgres
def test_worker_killed_mid_delivery_loses_nothing(pg_url: str, slack: SlackEmulator) -> None:
    expected = seed_invitations(pg_url, slack, pairs=500)
    worker = tick(pg_url, slack, NOW)
    try:
        wait_until(lambda: len(slack.calls("chat.postMessage")) >= 200, 120, "200 messages")
        # Freeze every sending thread in the middle of a call, then kill the process outright.
        slack.hang_next("chat.postMessage", count=SEND_THREADS)
        assert slack.wait_for_hangs(1, timeout=30)
        slack.wait_for_hangs(SEND_THREADS, timeout=5)  # best effort: the batch may have fewer recipients left
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        if worker.poll() is None:
            worker.kill()  # a step above failed before the SIGKILL (or it is not reaped yet: harmless)
        worker.wait(timeout=30)
    in_flight = statuses(pg_url)[ReminderStatus.CLAIMED]
    frozen = next((k for k in range(SEND_THREADS, 0, -1) if slack.wait_for_hangs(k, timeout=0)), 0)
    # Slack goes on with the calls the dead worker had made: they land, but were never recorded as sent.
    slack.clear_failures()
    wait_until(lambda: sum(c.hung for c in slack.calls("chat.postMessage")) >= frozen, 10, "the frozen calls")
    tick_until_done(pg_url, slack, NOW + LEASE + timedelta(minutes=1), workers=1)
    got = delivered(slack)
    twice = sum(n - 1 for n in got.values())
    print(f"\nSIGKILL: {in_flight} rows claimed but not settled at the kill, {frozen} of them in a call Slack "
          f"answered after the kill; {twice} invitations delivered twice")
    assert set(got) == expected, "nothing lost"
    assert twice <= in_flight, "duplicates only among the rows in flight at the kill"
    assert in_flight <= CLAIM_BATCH, "a worker holds one batch at a time"
    assert statuses(pg_url) == Counter({ReminderStatus.SENT: len(expected)})


# --------------------------------------------------------------------------- a misbehaving Slack


def outbox_notifier(emu: SlackEmulator, timeout: int = 1) -> SlackNotifier:
    """The outbox's real notifier and client (as create_app builds them), with a short read timeout."""
    settings = Settings(slack_bot_token=emu.bot_token, slack_api_url=emu.api_url)
    return SlackNotifier(WorkspaceClients(make_client(settings, timeout=timeout, wait_out_rate_limits=False)))


def test_a_read_timeout_is_a_transient_failure(slack: SlackEmulator) -> None:
    assert issubclass(TimeoutError, OSError)  # what the notifier catches besides SlackClientError
    slack.add_user("UMARIE", "marie")
    slack.hang_next("chat.postMessage")
    notifier = outbox_notifier(slack)
    try:
        with pytest.raises(NotifierError) as failure:
            notifier.send(Recipient("slack", "T0TEST", "UMARIE"), Message(text="Bonjour"))
        assert str(failure.value) == "slack:TimeoutError"
        assert not failure.value.permanent and failure.value.retry_after is None
        assert len(slack.calls("chat.postMessage")) == 0, "the client does not retry a timed-out call by itself"
    finally:
        slack.release_hangs()


TIMEOUTS = 3


def test_429_500_and_timeouts_every_reminder_arrives(database_url: str, slack: SlackEmulator) -> None:
    expected = seed_invitations(database_url, slack, pairs=150)
    slack.hang_next("chat.postMessage", count=TIMEOUTS)  # answered only later: the client gives up after 1 s
    slack.fail_rate("chat.postMessage", share=0.2, status=429, retry_after=2, seed=7)
    slack.fail_rate("chat.postMessage", share=0.1, status=500, seed=11)
    notifier, ctx = outbox_notifier(slack), ComposeContext(rule=CoordinatorRule(frozenset({"UCOORD"})))
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    now = NOW
    try:
        for _ in range(120):  # injected time: one minute per round is past every Retry-After and backoff soon
            deliver_due(factory, notifier, now, ctx)
            slack.release_hangs()  # Slack processes the timed-out calls after all
            if not unfinished(database_url):
                break
            now += timedelta(minutes=1)
    finally:
        engine.dispose()
    slack.clear_failures()
    calls = slack.calls("chat.postMessage")
    late = [c for c in calls if c.hung and c.succeeded]  # timed out for the client, yet posted
    got = delivered(slack)
    twice = sum(n - 1 for n in got.values())
    print(f"\n{sum(c.answered_status == 429 for c in calls)} answers 429, {sum(c.answered_status == 500 for c in calls)} "
          f"answers 500, {sum(c.hung for c in calls)} timeouts of which {len(late)} were posted anyway; "
          f"{twice} invitations delivered twice")
    assert set(got) == expected, "every reminder delivered in the end"
    assert statuses(database_url) == Counter({ReminderStatus.SENT: len(expected)})
    assert sum(c.hung for c in calls) == TIMEOUTS
    # A retry cannot know that Slack posted a message whose answer never came: that, and only that, doubles.
    assert twice == len(late)
