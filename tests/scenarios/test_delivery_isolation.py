"""One bad row, or one person's bad profile, never stops the others' messages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator
from bot.services import outbox
from bot.services.people import ensure_person, ensure_workspace
from scheduling.delivery import MAX_ATTEMPTS
from storage.models import Person, Reminder, ReminderStatus
from tests.scenarios.helpers import dm_texts
from tests.scenarios.log_capture import captured_log
from tests.scenarios.teams_helpers import MENTOR, channel, connector, teams_bot  # noqa: F401 - fixtures


def poison(bot: Harness) -> int:
    """A row no composer knows, due before everything else (what a bug or a half-migrated row looks like)."""
    now = bot.clock.now()
    with bot.session_factory.begin() as session:
        workspace = ensure_workspace(session, platform="slack", external_id="T0TEST", now=now)
        person = ensure_person(session, workspace, "UOTHER", now=now)
        outbox.enqueue(session, kind="no_such_kind", recipient_id=person.id, due_at=now - timedelta(hours=1),
                       now=now, essential=True, dedupe_key="no_such_kind:1")
        return session.scalars(select(Reminder.id).where(Reminder.kind == "no_such_kind")).one()


@pytest.mark.both_databases
def test_a_row_that_crashes_is_put_back_and_the_others_go_out(bot: Harness) -> None:
    bad = poison(bot)
    with captured_log() as log:
        bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01")
    assert any("Votre convention" in text for text in dm_texts(bot, "UMENTOR")), "the invitation went out"
    assert any("unexpected KeyError in delivering a reminder" in m for m in log.messages())
    with bot.session_factory() as session:
        row = session.get(Reminder, bad)
        assert row is not None and (row.status, row.attempts) == (ReminderStatus.PENDING, 1)
        assert row.due_at > bot.clock.now() and row.last_error == "crash:KeyError"
    for _ in range(MAX_ATTEMPTS):  # it is tried again later, then given up, without stopping anything
        bot.clock.advance(timedelta(days=1))
        bot.mentorat.jobs.deliver()
    with bot.session_factory() as session:
        assert session.get(Reminder, bad).status == ReminderStatus.FAILED  # type: ignore[union-attr]


def test_a_made_up_time_zone_from_teams_is_not_kept(teams_bot: Harness,  # noqa: F811
                                                    connector: BotConnectorEmulator) -> None:  # noqa: F811
    """Teams sends the device's zone with every activity; an unknown one would break every later date."""
    channel(teams_bot).say(MENTOR, "mentorat aide")  # the device's real zone first
    activity = channel(teams_bot)._activity(MENTOR, text="mentorat aide", localTimezone="Mars/Olympus_Mons")
    assert channel(teams_bot).post(activity).status in (200, 202)
    with teams_bot.session_factory() as session:
        zones = session.scalars(select(Person.timezone).where(Person.external_id == MENTOR.aad_object_id)).all()
    assert zones == [MENTOR.timezone]  # the made-up one never replaced it
    teams_bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01")
    assert any("Votre convention" in text for text in dm_texts(teams_bot, "UMENTOR"))
