"""Scaling out: two `mentorat serve --no-scheduler` replicas and two `mentorat worker`s on one PostgreSQL.

Requests alternate between the replicas (as behind a load balancer) through a whole pairing and
meeting flow; both workers tick at the same time. Every message reaches its person exactly once,
and nothing one replica needs lives only in the other's memory.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.demo.forms import meeting_values
from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator, button_value
from bot.demo.slack_requests import post
from storage.models import Convention, Meeting, Note, Person, Reminder, ReminderStatus
from tests.conftest import DEFAULT_NOW
from tests.scenarios.meeting_helpers import last_view
from tests.scenarios.test_slack_gate import command_body


@pytest.fixture
def replicas(postgres_database_url: str, emulator: SlackEmulator) -> Iterator[list[Harness]]:
    """Two replicas, each with its own process-like state (engine, server, work queue, clock), on one PostgreSQL."""
    started = [start_harness(postgres_database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD",))
               for _ in range(2)]
    try:
        yield started
    finally:
        for harness in started:
            harness.close()


def workers_tick(replicas: list[Harness]) -> None:
    """Both workers run their tick at the same moment (the outbox hands each row to one of them)."""
    barrier = threading.Barrier(len(replicas))
    errors: list[BaseException] = []

    def tick(harness: Harness) -> None:
        try:
            barrier.wait()
            harness.mentorat.jobs.tick()
        except BaseException as error:  # surfaced below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=tick, args=(h,)) for h in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def move_clocks(replicas: list[Harness], delta: timedelta) -> None:
    for harness in replicas:
        harness.clock.advance(delta)


def test_a_pairing_and_a_month_of_meetings_across_replicas(replicas: list[Harness]) -> None:
    a, b = replicas
    emulator = a.emulator
    a.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-11-23")
    for user, replica in (("UMENTOR", b), ("UMENTEE", a)):  # each accepts through another replica
        invitation = next(m for m in emulator.messages_to(user) if button_value(m, "convention-accept"))
        replica.click(user, "convention-accept", button_value(invitation, "convention-accept") or "",
                      message=invitation)
    with a.session_factory() as session:
        assert session.scalars(select(Convention.status)).one() == "active"

    b.command("UMENTEE", "prochaine-rencontre")  # the form opened through b is submitted through a
    a.submit_view("UMENTEE", last_view(a), meeting_values("2026-11-26", "19:00"))
    proposal = next(m for m in emulator.messages_to("UMENTOR") if button_value(m, "meeting-proposal-confirm"))
    b.click("UMENTOR", "meeting-proposal-confirm", button_value(proposal, "meeting-proposal-confirm") or "",
            message=proposal)
    with a.session_factory() as session:
        assert session.scalars(select(Meeting.status)).one() == "confirmed"

    # Time passes: the day-before reminder, then the check-in, planned and delivered by both workers at once.
    for hours in (24, 24, 24, 24):
        move_clocks(replicas, timedelta(hours=hours))
        workers_tick(replicas)
    checkin = next(m for m in reversed(emulator.messages_to("UMENTEE")) if button_value(m, "meeting-checkin-held"))
    a.click("UMENTEE", "meeting-checkin-held", button_value(checkin, "meeting-checkin-held") or "", message=checkin)
    workers_tick(replicas)

    with a.session_factory() as session:
        sent = session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.SENT)).all()
        assert session.scalar(select(func.count(Reminder.id)).where(Reminder.status == ReminderStatus.CLAIMED)) == 0
    kinds = Counter((r.kind, r.recipient_id, r.meeting_id) for r in sent)
    assert kinds and max(kinds.values()) == 1
    assert {"convention_invite", "convention_active", "meeting_proposal", "meeting_tomorrow",
            "meeting_checkin"} <= {r.kind for r in sent}
    # Each message sent from the outbox reached Slack once: as many DMs to each person as rows sent to them.
    posted = Counter(call.args.get("channel") for call in emulator.calls("chat.postMessage", ok_only=True))
    with a.session_factory() as session:
        for person in session.scalars(select(Person)):
            rows = sum(1 for r in sent if r.recipient_id == person.id)
            channel = emulator.im_channel_id(person.external_id)
            assert posted[channel] >= rows  # direct answers (acks in DMs) come on top of the outbox
    duplicates = [text for text, count in Counter(
        (call.args.get("channel"), call.args.get("text")) for call in emulator.calls("chat.postMessage", ok_only=True)
    ).items() if count > 1]
    assert duplicates == []


def test_a_replay_sent_to_the_other_replica_has_no_second_effect(replicas: list[Harness]) -> None:
    a, b = replicas
    a.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-11-23")
    for user in ("UMENTOR", "UMENTEE"):
        invitation = next(m for m in a.emulator.messages_to(user) if button_value(m, "convention-accept"))
        a.click(user, "convention-accept", button_value(invitation, "convention-accept") or "", message=invitation)
    body = command_body(a, "UMENTEE", "notes Un seul exemplaire")
    headers = a.signer.headers(body)
    for replica in (a, b, a, b):
        assert post(replica.events_url, body, headers, "application/x-www-form-urlencoded").status == 200
        replica.executor.drain()
    with a.session_factory() as session:
        assert session.scalar(select(func.count(Note.id))) == 1
