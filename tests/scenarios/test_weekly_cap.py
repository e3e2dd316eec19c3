"""Humane timing at delivery: good hours whatever caused a message, and two non-essential messages a week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services import objectives, outbox
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
def test_what_arrives_together_is_grouped_and_past_the_cap_waits_for_next_week(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2027, 2, 2, 17, 0, tzinfo=UTC))  # Tuesday 9:00 in Vancouver
    before = len(bot.emulator.messages_to("UMENTOR"))
    _queue(bot, "UMENTOR", convention_id, [1, 2, 3, 4, 5])
    bot.mentorat.jobs.tick()
    received = [text_of(m) for m in bot.emulator.messages_to("UMENTOR")[before:]]
    # Five reviews and the month's nudge, due together: one message.
    assert len(received) == 1
    [grouped] = received
    assert grouped.startswith(fr_n("cap.grouped.title", 6)) and "Planifier la prochaine rencontre" in grouped
    assert all(f"Mois {n} sur 10" in grouped for n in (1, 3, 5))
    assert "au plus 2 rappels par semaine" in grouped
    assert all(r.status == ReminderStatus.SENT for r in _rows(bot))
    # Thursday: the second message of the week goes alone...
    bot.clock.set(datetime(2027, 2, 4, 18, 0, tzinfo=UTC))
    _queue(bot, "UMENTOR", convention_id, [6])
    bot.mentorat.jobs.tick()
    assert "Mois 6 sur 10" in texts_to(bot, "UMENTOR")[-1]
    # ... the third waits for next Monday 9:00 (Vancouver)...
    _queue(bot, "UMENTOR", convention_id, [7])
    bot.mentorat.jobs.tick()
    [late] = [r for r in _rows(bot) if r.payload["month"] == 7]
    assert late.status == ReminderStatus.PENDING and late.due_at == datetime(2027, 2, 8, 17, 0, tzinfo=UTC)
    # ... but an essential message is never held back.
    _queue(bot, "UMENTOR", convention_id, [8], essential=True, kind="convention_active")
    bot.mentorat.jobs.tick()
    assert fr_part("conv.active.pair", other="<@UMENTEE>") in texts_to(bot, "UMENTOR")[-1]
    bot.clock.set(datetime(2027, 2, 8, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert "Mois 7 sur 10" in texts_to(bot, "UMENTOR")[-1]
    # The other person's week is their own (Paris: Monday 18:00 there is after hours, so Tuesday 9:00).
    bot.clock.set(datetime(2027, 2, 9, 8, 0, tzinfo=UTC))
    _queue(bot, "UMENTEE", convention_id, [1])
    bot.mentorat.jobs.tick()
    assert "Month 1" in texts_to(bot, "UMENTEE")[-1]


def test_a_message_caused_by_someone_else_waits_for_the_recipients_morning(bot: Harness) -> None:
    """The mentee edits an objective at 10:00 in Paris: 1:00 in Vancouver, so the mentor hears of it at 9:00."""
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2027, 2, 3, 9, 0, tzinfo=UTC))  # Wednesday 10:00 in Paris, 1:00 in Vancouver
    with bot.session_factory() as session, session.begin():
        mentee = session.scalars(select(Person).where(Person.external_id == "UMENTEE")).one()
        objectives.add(session, person=mentee, draft=objectives.ObjectiveDraft("Parler en public", "", "short", None, ""),
                       today=bot.clock.now().date(), now=bot.clock.now(), convention_id=convention_id)
    before = len(bot.emulator.messages_to("UMENTOR"))
    bot.clock.set(datetime(2027, 2, 3, 9, 15, tzinfo=UTC))  # the grouping window is over
    bot.mentorat.jobs.tick()
    assert len(bot.emulator.messages_to("UMENTOR")) == before
    [news] = _rows_of(bot, objectives.NEWS)
    assert news.status == ReminderStatus.PENDING and news.due_at == datetime(2027, 2, 3, 17, 0, tzinfo=UTC)
    bot.clock.set(news.due_at)
    bot.mentorat.jobs.tick()
    assert "Parler en public" in texts_to(bot, "UMENTOR")[-1]


def test_a_message_answering_ones_own_action_is_immediate(bot: Harness) -> None:
    """At 1:00 in Vancouver, the mentor's own command is answered at once: only what others cause waits."""
    pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2027, 2, 3, 9, 0, tzinfo=UTC))
    bot.command("UMENTOR", "objectifs")
    assert bot.last_response().get("text") or bot.last_response().get("blocks")


def _rows_of(bot: Harness, kind: str) -> list[Reminder]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Reminder).where(Reminder.kind == kind).order_by(Reminder.id)))
