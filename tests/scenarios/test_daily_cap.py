"""The daily cap: three non-essential messages a day at most; the rest arrive grouped, or tomorrow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services import outbox
from storage.models import Person, Reminder, ReminderStatus
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import texts_to
from tests.support.texts import fr_n, fr_part


def _queue(bot: Harness, user: str, convention_id: int, months: list[int], *, essential: bool = False,
           kind: str = "objectives_review") -> None:
    with bot.session_factory() as session, session.begin():
        person = session.scalars(select(Person).where(Person.external_id == user)).one()
        for month in months:
            outbox.enqueue(session, kind=kind, recipient_id=person.id, convention_id=convention_id,
                           due_at=bot.clock.now(), now=bot.clock.now(), essential=essential, payload={"month": month},
                           dedupe_key=f"test:{kind}:{month}:{essential}:{person.id}")


def _rows(bot: Harness, kind: str = "objectives_review") -> list[Reminder]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Reminder).where(Reminder.kind == kind, Reminder.dedupe_key.like("test:%"))
                                    .order_by(Reminder.id)))


@pytest.mark.both_databases
def test_past_the_cap_the_rest_arrive_grouped_then_wait_for_tomorrow(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2027, 2, 2, 17, 0, tzinfo=UTC))  # Tuesday 9:00 in Vancouver
    before = len(bot.emulator.messages_to("UMENTOR"))
    _queue(bot, "UMENTOR", convention_id, [1, 2, 3, 4, 5])
    bot.mentorat.jobs.tick()
    received = [text_of(m) for m in bot.emulator.messages_to("UMENTOR")[before:]]
    # Five reviews and the month's nudge: two on their own, the four others in one message.
    assert len(received) == 3
    grouped = received[-1]
    assert grouped.startswith(fr_n("cap.grouped.title", 4)) and "Planifier la prochaine rencontre" in grouped
    assert all(f"Mois {n} sur 10" in grouped for n in (3, 4, 5)) and "Mois 1 sur 10" not in grouped
    assert "au plus 3 rappels par jour" in grouped
    assert all(r.status == ReminderStatus.SENT for r in _rows(bot))
    # Later the same day: the cap is reached, a new reminder waits for tomorrow 9:00 (Vancouver)...
    bot.clock.set(datetime(2027, 2, 2, 20, 0, tzinfo=UTC))
    _queue(bot, "UMENTOR", convention_id, [6])
    bot.mentorat.jobs.tick()
    [late] = [r for r in _rows(bot) if r.payload["month"] == 6]
    assert late.status == ReminderStatus.PENDING and late.due_at == datetime(2027, 2, 3, 17, 0, tzinfo=UTC)
    # ... but an essential message is never held back.
    _queue(bot, "UMENTOR", convention_id, [7], essential=True, kind="convention_active")
    bot.mentorat.jobs.tick()
    assert fr_part("conv.active.pair", other="<@UMENTEE>") in texts_to(bot, "UMENTOR")[-1]
    bot.clock.set(datetime(2027, 2, 3, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert "Mois 6 sur 10" in texts_to(bot, "UMENTOR")[-1]
    # The other person's day is their own.
    _queue(bot, "UMENTEE", convention_id, [1, 2])
    bot.mentorat.jobs.tick()
    assert sum("Month" in t for t in texts_to(bot, "UMENTEE")[-2:]) == 2
