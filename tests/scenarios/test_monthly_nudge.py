"""The monthly nudge: planned from the state, one per period, at 9:00 local on a working day."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Meeting, MeetingStatus, Reminder
from tests.scenarios.helpers import button_value, pair_and_accept
from tests.support.texts import fr_fixed, fr_lead

NUDGE = "Planifier la prochaine rencontre"


def _nudges(bot: Harness, user: str) -> list[dict]:
    return [m for m in bot.emulator.messages_to(user) if button_value(m, "nudge-meeting-plan")]


def _nudge_rows(bot: Harness) -> list[Reminder]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Reminder).where(Reminder.kind == "monthly_nudge").order_by(Reminder.id)))


def test_nudge_after_a_month_without_meeting_lands_at_nine_local(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")  # activated Monday 23 Nov 2026, 10:00 Toronto
    jobs = bot.mentorat.jobs
    bot.clock.set(datetime(2026, 12, 22, 15, 0, tzinfo=UTC))  # 29 days later: too early
    jobs.tick()
    assert _nudge_rows(bot) == []
    # Saturday 26 December 2026, 12:00 UTC: 31+ days, but a weekend everywhere.
    bot.clock.set(datetime(2026, 12, 26, 12, 0, tzinfo=UTC))
    jobs.tick()
    rows = {r.recipient_id: r for r in _nudge_rows(bot)}
    assert len(rows) == 2
    local_times = sorted(
        (r.due_at.astimezone(ZoneInfo(tz)).strftime("%a %H:%M"))
        for r, tz in zip(_nudge_rows(bot), ("America/Vancouver", "Europe/Paris"), strict=True)
    )
    assert local_times == ["Mon 09:00", "Mon 09:00"], "Monday 9:00 in Vancouver and in Paris"
    assert _nudges(bot, "UMENTOR") == [] and _nudges(bot, "UMENTEE") == []
    # Monday 9:00 in Paris comes first (08:00 UTC); Vancouver's 9:00 is 17:00 UTC.
    bot.clock.set(datetime(2026, 12, 28, 8, 0, tzinfo=UTC))
    jobs.tick()
    assert len(_nudges(bot, "UMENTEE")) == 1 and _nudges(bot, "UMENTOR") == []
    assert "no meeting is planned with <@UMENTOR>" in text_of(_nudges(bot, "UMENTEE")[0])
    bot.clock.set(datetime(2026, 12, 28, 17, 0, tzinfo=UTC))
    jobs.tick()
    assert len(_nudges(bot, "UMENTOR")) == 1
    assert NUDGE in text_of(_nudges(bot, "UMENTOR")[0])


@pytest.mark.both_databases
def test_one_nudge_per_period_whatever_the_number_of_runs(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    jobs = bot.mentorat.jobs
    for hour in range(0, 48, 3):
        bot.clock.set(datetime(2026, 12, 28, 0, 0, tzinfo=UTC) + timedelta(hours=hour))
        jobs.tick()
    assert len(_nudge_rows(bot)) == 2
    assert len(_nudges(bot, "UMENTOR")) == 1 and len(_nudges(bot, "UMENTEE")) == 1
    # A month later, still no meeting: a second nudge, once.
    for hour in range(0, 48, 6):
        bot.clock.set(datetime(2027, 1, 27, 0, 0, tzinfo=UTC) + timedelta(hours=hour))
        jobs.tick()
    assert len(_nudges(bot, "UMENTOR")) == 2 and len(_nudge_rows(bot)) == 4


def test_no_nudge_when_a_meeting_is_set_or_was_just_held(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    now = datetime(2026, 12, 28, 17, 0, tzinfo=UTC)
    with bot.session_factory.begin() as session:
        session.add(Meeting(convention_id=convention_id, starts_at=now + timedelta(days=5), status=MeetingStatus.CONFIRMED,
                            created_at=now, updated_at=now))
    bot.clock.set(now)
    bot.mentorat.jobs.tick()
    assert _nudge_rows(bot) == []
    with bot.session_factory.begin() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.status, meeting.starts_at = MeetingStatus.HELD, now - timedelta(days=10)
    bot.mentorat.jobs.tick()
    assert _nudge_rows(bot) == []


def test_nudge_planned_then_meeting_confirmed_is_not_sent(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2026, 12, 26, 12, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert len(_nudge_rows(bot)) == 2
    with bot.session_factory.begin() as session:
        session.add(Meeting(convention_id=convention_id, starts_at=datetime(2027, 1, 5, 15, tzinfo=UTC),
                            status=MeetingStatus.CONFIRMED, created_at=bot.clock.now(), updated_at=bot.clock.now()))
    for moment in (datetime(2026, 12, 28, 8, 0, tzinfo=UTC), datetime(2026, 12, 28, 17, 0, tzinfo=UTC)):  # 9:00 each
        bot.clock.set(moment)
        bot.mentorat.jobs.tick()
    assert _nudges(bot, "UMENTOR") == [] and _nudges(bot, "UMENTEE") == []
    assert {r.status for r in _nudge_rows(bot)} == {"cancelled"}


def test_pause_defers_nudges_and_resume_brings_them_back(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTOR", "pause 3 semaines")
    assert fr_lead("pause.set") + "lundi 14 décembre 2026" in bot.last_response()["text"]
    bot.clock.set(datetime(2026, 12, 28, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert len(_nudges(bot, "UMENTOR")) == 1, "the pause was over by then"
    bot.clock.set(datetime(2026, 12, 29, 9, 0, tzinfo=UTC))  # Tuesday 10:00 in Paris
    bot.mentorat.jobs.tick()
    assert len(_nudges(bot, "UMENTEE")) == 1
    bot.command("UMENTEE", "pause 2 months")
    bot.clock.set(datetime(2027, 1, 27, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()  # planned for Thursday 9:00 in Paris …
    bot.clock.set(datetime(2027, 1, 28, 9, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()  # … and then held back by the pause
    assert len(_nudges(bot, "UMENTEE")) == 1, "only the first nudge, sent before the pause"
    deferred = [r for r in _nudge_rows(bot) if r.status == "pending"]
    assert deferred and all(r.due_at >= datetime(2027, 2, 28, tzinfo=UTC) for r in deferred)
    bot.command("UMENTEE", "reprendre")
    assert "Your reminders are back on" in bot.last_response()["text"]
    bot.mentorat.jobs.tick()  # deferred rows stay deferred to the old end of the pause …
    bot.clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()  # … and go out then
    assert len(_nudges(bot, "UMENTEE")) == 2


def test_pause_usage_errors(bot: Harness) -> None:
    for text in ("pause 2 ans", "pause 5 mois", "pause demain matin"):
        bot.command("UMENTOR", text)
        assert "trois mois au plus" in bot.last_response()["text"], text
    bot.command("UMENTOR", "reprendre")
    assert fr_fixed("pause.not_paused") in bot.last_response()["text"]


def test_nudge_button_opens_the_meeting_modal(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.clock.set(datetime(2026, 12, 28, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    nudge = _nudges(bot, "UMENTOR")[0]
    bot.click("UMENTOR", "nudge-meeting-plan", button_value(nudge, "nudge-meeting-plan") or "", message=nudge)
    assert bot.emulator.views_opened()[-1]["callback_id"] == "meeting-form-submit"
    opened = len(bot.emulator.views_opened())
    bot.click("UOTHER", "nudge-meeting-plan", button_value(nudge, "nudge-meeting-plan") or "", message=nudge)
    assert "concerne d'autres personnes" in bot.last_response()["text"]
    assert len(bot.emulator.views_opened()) == opened


def test_tick_command_delivers_what_is_due(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    env = {**os.environ, "SLACK_BOT_TOKEN": bot.settings.slack_bot_token, "SLACK_API_URL": bot.emulator.api_url,
           "DATABASE_URL": bot.settings.database_url, "MENTORAT_COORDINATORS": "UCOORD"}
    result = subprocess.run([sys.executable, "-m", "bot", "tick", "--now", "2026-12-28T12:00-05:00"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "planned: 2 monthly nudges" in result.stdout
    # 17:00 UTC: 9:00 in Vancouver (sent now), 18:00 in Paris (kept for the next morning)
    assert len(_nudges(bot, "UMENTOR")) == 1 and len(_nudges(bot, "UMENTEE")) == 0
