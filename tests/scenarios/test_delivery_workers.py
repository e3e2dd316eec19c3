"""Several delivery workers, killed workers and a misbehaving Slack: every reminder arrives, at most once.

The two-worker and SIGKILL scenarios run real `mentorat tick` processes against one PostgreSQL
(the claim relies on FOR UPDATE SKIP LOCKED); the failure scenario calls deliver_due in process
with the real SlackNotifier and WebClient, on both backends. Time is injected (`--now`, `now=`).
Sizes are the smallest that prove the point (a few claim batches); the same delivery at load size
is `python -m benchmarks.delivery_workers`.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.app import make_client
from bot.config import Settings
from bot.demo.slack_emulator import SlackEmulator
from bot.notify import Message, NotifierError, Recipient
from bot.services.messages import ComposeContext
from bot.services.roles import CoordinatorRule
from handlers.slack.clients import WorkspaceClients
from handlers.slack.notifier import SlackNotifier
from scheduling.delivery import LEASE, SEND_THREADS, deliver_due
from storage.db import make_engine, make_session_factory
from storage.models import ReminderStatus
from tests.scenarios.delivery_helpers import (
    NOW,
    delivered,
    finish,
    seed_invitations,
    statuses,
    tick,
    tick_until_done,
    unfinished,
)

CLAIM_BATCH = 100  # deliver_due's default batch
BATCHES = 6  # claim batches in the two-worker scenario: enough for both workers to take several


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    """A fresh migrated PostgreSQL database (several processes share it, so not SQLite)."""
    return request.getfixturevalue("postgres_database_url")  # type: ignore[no-any-return]


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    emu = SlackEmulator(team_id="T0TEST")
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


def wait_until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.postgres
def test_two_worker_processes_deliver_every_reminder_exactly_once(pg_url: str, slack: SlackEmulator) -> None:
    total = BATCHES * CLAIM_BATCH
    expected = seed_invitations(pg_url, slack, pairs=total // 2)
    assert len(expected) == total
    # Both must take part whatever their start-up times. Slack holds the first SEND_THREADS calls: the
    # worker that gets there first is held in its first batch (unless the other takes some of the holds,
    # and so a batch too) until a call goes through, which only a worker with a batch of its own can
    # make. Both started together, the hold lasts about the difference of their start-ups.
    slack.hang_next("chat.postMessage", count=SEND_THREADS)
    workers = [tick(pg_url, slack, NOW) for _ in range(2)]
    try:
        assert slack.wait_for_hangs(SEND_THREADS, timeout=120), "a worker is in its first batch"
        wait_until(lambda: any(c.succeeded for c in slack.calls("chat.postMessage")), 120,
                   "a message from the other worker")
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    finally:
        slack.release_hangs()
    sent = [finish(worker) for worker in workers]
    assert sent[0] > 0 and sent[1] > 0 and sum(sent) == total, f"both processes delivered, together once: {sent}"
    got = delivered(slack)
    assert set(got) == expected, "every invitation arrived, and nothing else"
    assert [key for key, n in got.items() if n > 1] == [], "none twice"
    assert sum(got.values()) == total
    assert statuses(pg_url) == Counter({ReminderStatus.SENT: total})


@pytest.mark.postgres
def test_worker_killed_mid_delivery_loses_nothing(pg_url: str, slack: SlackEmulator) -> None:
    expected = seed_invitations(pg_url, slack, pairs=3 * CLAIM_BATCH // 2)  # three batches
    worker = tick(pg_url, slack, NOW)
    try:
        wait_until(lambda: len(slack.calls("chat.postMessage")) >= CLAIM_BATCH, 120, "a batch of messages")
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
    assert in_flight > 0, "the kill caught a batch in flight"
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


@pytest.mark.both_databases
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
