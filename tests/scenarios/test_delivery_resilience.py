"""Invitations are never lost when Slack rate-limits or fails: they stay queued and go out later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import text_of
from bot.services.outbox import enqueue
from bot.services.people import forget_people
from scheduling.delivery import deliver_due
from storage.models import Convention, Person, Reminder, ReminderStatus
from tests.scenarios.helpers import button_value, pair_and_accept


@pytest.mark.both_databases
def test_rate_limited_invitation_is_sent_later_once(bot: Harness) -> None:
    bot.emulator.fail_next("chat.postMessage", status=429, retry_after=30, count=1)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    sent_now = [m for u in ("UMENTOR", "UMENTEE") for m in bot.emulator.messages_to(u)]
    assert len(sent_now) == 1, "one invitation went out, the other waits out Retry-After"
    with bot.session_factory() as session:
        waiting = session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.PENDING)).one()
        assert waiting.attempts == 1 and waiting.due_at == bot.clock.now() + timedelta(seconds=30)
    deps = bot.mentorat.deps
    deliver_due(deps.session_factory, deps.notifier, bot.clock.now(), deps.compose_ctx)
    assert sum(len(bot.emulator.messages_to(u)) for u in ("UMENTOR", "UMENTEE")) == 1, "not before it is due"
    later = bot.clock.advance(timedelta(seconds=31))
    deliver_due(deps.session_factory, deps.notifier, later, deps.compose_ctx)
    deliver_due(deps.session_factory, deps.notifier, later, deps.compose_ctx)
    for user in ("UMENTOR", "UMENTEE"):
        invites = [m for m in bot.emulator.messages_to(user) if button_value(m, "convention-accept")]
        assert len(invites) == 1, user


def test_permanent_error_is_marked_failed(bot: Harness) -> None:
    bot.emulator.fail_next("chat.postMessage", error="account_inactive", count=1)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    with bot.session_factory() as session:
        statuses = sorted(r.status for r in session.scalars(select(Reminder)))
    assert statuses == [ReminderStatus.FAILED, ReminderStatus.SENT]


def test_a_dm_channel_is_opened_once_whichever_process_sends_later(bot: Harness, database_url: str) -> None:
    """conversations.open is rate-limited per workspace: the DM learnt by the first message is kept in
    the database, so another worker process (its memory empty) sends without opening it again."""
    pair_and_accept(bot)
    with bot.session_factory() as session:
        kept = {p.external_id: p.dm_channel for p in session.scalars(select(Person))}
    assert kept["UMENTOR"] == bot.emulator.im_channel_id("UMENTOR")
    opened = len(bot.emulator.calls("conversations.open"))
    other = start_harness(database_url, bot.emulator, now=bot.clock.now() + timedelta(days=45),
                          coordinators=("UCOORD",))
    try:
        _planned, delivered = other.mentorat.jobs.tick()  # the monthly nudges, from a fresh process
        assert delivered.sent == 2
        assert len(bot.emulator.calls("conversations.open")) == opened
    finally:
        other.close()


def test_a_kept_dm_channel_that_is_gone_is_opened_again(bot: Harness) -> None:
    pair_and_accept(bot)
    with bot.session_factory.begin() as session:
        mentee = session.scalars(select(Person).where(Person.external_id == "UMENTEE")).one()
        mentee.dm_channel = "DGONE0001"  # e.g. the app was reinstalled since
    seen = len(bot.emulator.messages_to("UMENTEE"))
    bot.clock.advance(timedelta(days=45))
    _planned, delivered = bot.mentorat.jobs.tick()  # the mentee's nudge (9:00 in Paris) is due
    assert delivered.failed == 0
    assert len(bot.emulator.messages_to("UMENTEE")) == seen + 1
    assert "meeting" in text_of(bot.emulator.messages_to("UMENTEE")[-1]).lower()
    with bot.session_factory() as session:
        mentee = session.scalars(select(Person).where(Person.external_id == "UMENTEE")).one()
        assert mentee.dm_channel == bot.emulator.im_channel_id("UMENTEE")


def _nudge_for(bot: Harness, external_id: str, key: str) -> int:
    with bot.session_factory.begin() as session:
        person = session.scalars(select(Person).where(Person.external_id == external_id)).one()
        convention = session.scalars(select(Convention)).one()
        enqueue(session, kind="monthly_nudge", recipient_id=person.id, convention_id=convention.id,
                due_at=bot.clock.now(), dedupe_key=key, now=bot.clock.now())
        return person.id


def test_a_reminder_whose_recipient_is_gone_is_cancelled_not_retried(bot: Harness) -> None:
    """The outbox has no foreign keys: a row left behind by a deleted person is dropped at delivery."""
    pair_and_accept(bot)
    bot.clock.set(datetime(2026, 11, 23, 17, 0, tzinfo=UTC))  # 9:00 in Vancouver: a nudge may reach the mentor
    gone = _nudge_for(bot, "UCOORD", "orphan")
    with bot.session_factory.begin() as session:
        session.execute(delete(Person).where(Person.id == gone))  # as an operator's clean-up would
    _nudge_for(bot, "UMENTOR", "kept")
    seen = len(bot.emulator.calls("chat.postMessage"))
    deps = bot.mentorat.deps
    report = deliver_due(deps.session_factory, deps.notifier, bot.clock.now(), deps.compose_ctx)
    assert report.sent == 1 and len(bot.emulator.calls("chat.postMessage")) == seen + 1
    with bot.session_factory() as session:
        statuses = {r.dedupe_key: r.status for r in session.scalars(select(Reminder))}
    assert statuses["orphan"] == ReminderStatus.CANCELLED and statuses["kept"] == ReminderStatus.SENT
    later = bot.clock.advance(timedelta(hours=1))
    assert deliver_due(deps.session_factory, deps.notifier, later, deps.compose_ctx).sent == 0


def test_forgetting_a_person_deletes_their_reminders_and_no_one_elses(bot: Harness) -> None:
    pair_and_accept(bot)  # the coordinator was told of the pairing: those rows are theirs too
    coordinator = _nudge_for(bot, "UCOORD", "coordinator")
    _nudge_for(bot, "UMENTOR", "mentor")
    with bot.session_factory.begin() as session:
        forget_people(session, [session.get(Person, coordinator)])
    with bot.session_factory() as session:
        left = {r.dedupe_key: r.recipient_id for r in session.scalars(select(Reminder))}
        assert session.get(Person, coordinator) is None
    assert "mentor" in left and "coordinator" not in left
    assert coordinator not in left.values()
