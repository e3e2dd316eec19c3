"""A burst to one Teams conversation, end to end: the outbox, the Teams notifier's limiter and the
Bot Connector emulator enforcing Teams' documented limits (7 a second, 60 in 30 s per conversation).

Every clock is virtual: the emulator's windows, the limiter's and the notifier's waits share one
counter that only moves when the bot waits, so the test never sleeps and the timings are exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.demo.harness import Harness, start_harness
from bot.demo.paced_time import PacedTime
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.teams_connector import BotConnectorEmulator, text_of
from bot.services import outbox
from handlers.teams.limits import SendLimiter, Window
from storage.db import session_scope
from storage.models import Convention, Person, Reminder, ReminderStatus
from tests.conftest import DEFAULT_NOW
from tests.scenarios.teams_helpers import (
    COORD,
    MENTOR,
    add_everyone,
    cards_for,
    teams_pair_and_accept,
)

BURST = 75  # more than one 30-second window holds


@pytest.fixture
def time_() -> PacedTime:
    return PacedTime()


@pytest.fixture
def strict_connector(time_: PacedTime) -> Iterator[BotConnectorEmulator]:
    with BotConnectorEmulator(clock=time_) as emu:
        yield add_everyone(emu)


def _harness(database_url: str, emulator: SlackEmulator, connector: BotConnectorEmulator, time_: PacedTime,
             limiter: SendLimiter) -> Harness:
    return start_harness(database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD", COORD.aad_object_id),
                         connector=connector, teams_limiter=limiter, teams_sleep=time_.sleep)


def _queue_questions(bot: Harness, count: int) -> None:
    """`count` essential messages for the coordinator at once (as when many pairs ask at the same time)."""
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        coordinator = session.scalars(select(Person).where(Person.external_id == COORD.aad_object_id)).one()
        for n in range(count):
            outbox.enqueue(session, kind="convention_question", recipient_id=coordinator.id, due_at=now,
                           dedupe_key=f"burst:{n}", now=now, convention_id=convention.id, essential=True,
                           payload={"asked_by": convention.mentor_id})


def _deliver_until_done(bot: Harness, time_: PacedTime, step_s: int = 5) -> int:
    """Delivery passes, the clocks moving `step_s` between them; returns the passes it took."""
    for passes in range(1, 200):
        bot.mentorat.jobs.deliver()
        with session_scope(bot.session_factory) as session:
            left = session.scalar(select(func.count()).select_from(Reminder).where(
                Reminder.kind == "convention_question", Reminder.status != ReminderStatus.SENT))
        if not left:
            return passes
        bot.clock.advance(timedelta(seconds=step_s))
        time_.sleep(step_s)
    raise AssertionError("the burst was never delivered")


def _questions_seen(connector: BotConnectorEmulator) -> list[str]:
    return [text_of(card) for card in cards_for(connector, COORD) if MENTOR.name in text_of(card)
            and "question" in text_of(card).lower()]


@pytest.mark.both_databases
def test_a_burst_to_one_person_stays_within_teams_limits_and_arrives_once(
        database_url: str, emulator: SlackEmulator, strict_connector: BotConnectorEmulator, time_: PacedTime) -> None:
    bot = _harness(database_url, emulator, strict_connector, time_, SendLimiter(clock=time_))
    try:
        teams_pair_and_accept(bot, strict_connector)
        time_.sleep(60)  # the pairing's own messages are out of every window
        strict_connector.enforce_limits()
        seen_before = len(_questions_seen(strict_connector))
        started = time_()
        _queue_questions(bot, BURST)
        _deliver_until_done(bot, time_)
        assert len(_questions_seen(strict_connector)) - seen_before == BURST  # every one, none twice
        assert strict_connector.throttled == 0  # the bot kept the pace itself: Teams never had to say 429
        posts = [c.at for c in strict_connector.calls if c.method == "POST" and c.succeeded
                 and c.conversation_id == COORD.conversation_id and c.at >= started]
        assert len(posts) >= BURST
        assert max(sum(1 for t in posts if s <= t < s + 30) for s in posts) <= 60
        assert max(sum(1 for t in posts if s <= t < s + 1) for s in posts) <= 7
        assert posts[-1] - posts[0] >= 30  # 75 messages need more than one 30-second window
    finally:
        bot.close()


def test_without_the_local_pace_teams_429s_are_waited_out_and_nothing_is_lost_or_doubled(
        database_url: str, emulator: SlackEmulator, strict_connector: BotConnectorEmulator, time_: PacedTime) -> None:
    """Another process sending to the same person does not share this one's limiter: Teams answers 429
    and the outbox waits Retry-After for those rows only."""
    unlimited = (Window(10**9, 1.0),)
    unaware = SendLimiter(per_conversation=unlimited, per_bot=unlimited, clock=time_)
    bot = _harness(database_url, emulator, strict_connector, time_, unaware)
    try:
        teams_pair_and_accept(bot, strict_connector)
        time_.sleep(60)
        strict_connector.enforce_limits()
        seen_before = len(_questions_seen(strict_connector))
        _queue_questions(bot, BURST)
        passes = _deliver_until_done(bot, time_)
        assert strict_connector.throttled > 0 and passes > 1  # Teams pushed back; the rest waited Retry-After
        assert len(_questions_seen(strict_connector)) - seen_before == BURST  # none lost, none twice
    finally:
        bot.close()
