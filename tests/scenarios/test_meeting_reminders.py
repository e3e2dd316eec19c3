"""Before and after a meeting: the agenda request, the reminder the day before, the check-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import MeetingStatus
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import at, click_last, meetings, pending, propose, texts_to, with_button
from tests.support.texts import fr, fr_lead, fr_part


def _confirmed(bot: Harness, day: str, time: str, proposer: str = "UMENTEE", **fields: str) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, proposer, day, time, **fields)
    click_last(bot, "UMENTOR" if proposer == "UMENTEE" else "UMENTEE", "meeting-proposal-confirm")
    assert meetings(bot)[-1].status == MeetingStatus.CONFIRMED


@pytest.mark.both_databases
def test_reminders_land_at_nine_local_on_working_days(bot: Harness) -> None:
    # Thursday 10 December, 17:00 in Paris (16:00 UTC, 8:00 in Vancouver), no agenda yet.
    _confirmed(bot, "2026-12-10", "17:00")
    assert pending(bot, "agenda_request") == {"UMENTEE": datetime(2026, 12, 7, 8, 0, tzinfo=UTC)}, \
        "three days before, Monday 9:00 in Paris"
    assert pending(bot, "meeting_tomorrow") == {
        "UMENTEE": datetime(2026, 12, 9, 8, 0, tzinfo=UTC),  # Wednesday 9:00 Paris
        "UMENTOR": datetime(2026, 12, 9, 17, 0, tzinfo=UTC),  # Wednesday 9:00 Vancouver
    }
    assert pending(bot, "meeting_checkin") == {
        "UMENTOR": datetime(2026, 12, 10, 17, 30, tzinfo=UTC),  # 9:30 in Vancouver, half an hour after the end
        "UMENTEE": datetime(2026, 12, 11, 8, 0, tzinfo=UTC),  # 18:30 in Paris is evening: Friday 9:00
    }
    at(bot, datetime(2026, 12, 7, 7, 59, tzinfo=UTC))
    assert not with_button(bot, "UMENTEE", "agenda-write-open")
    at(bot, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    [request] = with_button(bot, "UMENTEE", "agenda-write-open")
    assert "Thursday, December 10, 2026 at 5:00 p.m." in text_of(request)
    at(bot, datetime(2026, 12, 9, 8, 0, tzinfo=UTC))
    assert any("coming up" in t for t in texts_to(bot, "UMENTEE"))
    assert not any("<@UMENTEE> approche" in t for t in texts_to(bot, "UMENTOR")), "not yet 9:00 in Vancouver"
    at(bot, datetime(2026, 12, 9, 17, 0, tzinfo=UTC))
    assert any(fr_lead("meeting.tomorrow", other="<@UMENTEE>") + "jeudi 10 décembre 2026 à 8 h 00" in t
               for t in texts_to(bot, "UMENTOR"))


def test_the_day_before_a_monday_meeting_is_the_friday(bot: Harness) -> None:
    _confirmed(bot, "2026-12-14", "10:00", proposer="UMENTOR", agenda="Déjà prêt")
    due = pending(bot, "meeting_tomorrow")
    assert due["UMENTOR"] == datetime(2026, 12, 11, 17, 0, tzinfo=UTC), "Friday 9:00 in Vancouver"
    assert due["UMENTEE"] == datetime(2026, 12, 11, 8, 0, tzinfo=UTC), "Friday 9:00 in Paris"
    assert pending(bot, "agenda_request") == {}, "an agenda came with the proposal: no need to ask"


def test_meeting_set_at_short_notice_skips_what_would_be_late(bot: Harness) -> None:
    # Proposed Monday 23 Nov 15:00 UTC for Tuesday 24 Nov at 9:00 in Vancouver (17:00 UTC).
    _confirmed(bot, "2026-11-24", "09:00", proposer="UMENTOR")
    assert pending(bot, "agenda_request") == {}, "less than a day ahead: no agenda request"
    # 9:00 the day before has passed in Paris (the confirmation itself reminds), not yet in Vancouver.
    assert pending(bot, "meeting_tomorrow") == {"UMENTOR": datetime(2026, 11, 23, 17, 0, tzinfo=UTC)}
    assert set(pending(bot, "meeting_checkin")) == {"UMENTOR", "UMENTEE"}


def test_agenda_from_the_reminder_goes_to_the_mentor_and_stops_the_request(bot: Harness) -> None:
    _confirmed(bot, "2026-12-10", "17:00")
    at(bot, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    click_last(bot, "UMENTEE", "agenda-write-open")
    view = [v for v in bot.emulator.views_opened() if v.get("callback_id") == "agenda-form-submit"][-1]
    empty = bot.submit_view("UMENTEE", view, {"meeting-agenda": {"meeting-agenda-input": {"value": "   "}}})
    assert "at least one topic" in empty.json()["errors"]["meeting-agenda"]
    bot.submit_view("UMENTEE", view, {"meeting-agenda": {"meeting-agenda-input": {"value": "1. Bilan *Q4*\n2. <@U1>"}}})
    assert any("Agenda sent to <@UMENTOR>" in t for t in texts_to(bot, "UMENTEE"))
    shared = [m for m in bot.emulator.messages_to("UMENTOR") if "a préparé l'ordre du jour" in text_of(m)]
    assert shared and "&lt;@U1&gt;" in str(shared[-1]["blocks"]), "a typed mention is shown as typed"
    assert meetings(bot)[0].agenda == "1. Bilan *Q4*\n2. <@U1>"
    # The mentor reads it with the command; the reminder the day before shows it too.
    bot.command("UMENTOR", "ordre-du-jour")
    assert "1. Bilan" in text_of(bot.last_response())
    at(bot, datetime(2026, 12, 9, 17, 0, tzinfo=UTC))
    assert any("1. Bilan" in t for t in texts_to(bot, "UMENTOR") if "<@UMENTEE> approche" in t)


def test_agenda_command_without_meeting_is_kept_for_the_next_proposal(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "agenda Mes objectifs pour 2027")
    assert "attached to your next meeting" in text_of(bot.last_response())
    assert any("Mes objectifs pour 2027" in t for t in texts_to(bot, "UMENTOR"))
    bot.command("UMENTOR", "ordre-du-jour Je veux écrire")
    assert "Mes objectifs pour 2027" in text_of(bot.last_response()), "the mentor reads, does not write"
    propose(bot, "UMENTOR", "2026-12-07", "10:00")
    assert meetings(bot)[0].agenda == "Mes objectifs pour 2027"


def test_checkin_one_answer_is_enough_and_the_other_is_told(bot: Harness) -> None:
    _confirmed(bot, "2026-12-10", "17:00")
    at(bot, datetime(2026, 12, 10, 17, 30, tzinfo=UTC))
    [question] = with_button(bot, "UMENTOR", "meeting-checkin-held")
    assert "a-t-elle eu lieu" in text_of(question)
    click_last(bot, "UMENTOR", "meeting-checkin-held")
    assert meetings(bot)[0].status == MeetingStatus.HELD
    answer = bot.last_response()
    assert answer["replace_original"] is True
    assert "meeting-plan-open" in str(answer["blocks"]) and "note-write-open" in str(answer["blocks"])
    assert not any("took place" in text_of(m) for m in bot.emulator.messages_to("UMENTEE")), "18:30 in Paris"
    # Friday, 9:00 in Paris: the mentee is told, and their own check-in is no longer sent.
    at(bot, datetime(2026, 12, 11, 8, 0, tzinfo=UTC))
    told = [m for m in bot.emulator.messages_to("UMENTEE") if "took place" in text_of(m)]
    assert told and "meeting-plan-open" in str(told[0]["blocks"])
    assert not with_button(bot, "UMENTEE", "meeting-checkin-held")
    # "Planifier la prochaine rencontre" right away, and a private note.
    plan = next(e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["action_id"] == "meeting-plan-open")
    bot.click("UMENTOR", "meeting-plan-open", plan["value"])
    assert bot.emulator.views_opened()[-1]["callback_id"] == "meeting-form-submit"


def test_checkin_second_answer_learns_the_first(bot: Harness) -> None:
    _confirmed(bot, "2026-12-10", "17:00")
    at(bot, datetime(2026, 12, 11, 8, 0, tzinfo=UTC))  # both questions are out
    click_last(bot, "UMENTEE", "meeting-checkin-postponed")
    assert meetings(bot)[0].status == MeetingStatus.POSTPONED
    assert "Propose a new date" in text_of(bot.last_response())
    # The mentor's question lost its buttons; a click on a stale copy changes nothing.
    mentor_question = with_button(bot, "UMENTOR", "meeting-checkin-held")[-1]
    updated = bot.emulator.message(mentor_question["channel"], mentor_question["ts"])
    assert "meeting-checkin-held" not in str(updated.get("blocks"))
    bot.click("UMENTOR", "meeting-checkin-held", str(meetings(bot)[0].id), message=mentor_question)
    assert fr_part("checkin.already", answer=fr("checkin.answer.postponed")) in text_of(bot.last_response())
    assert meetings(bot)[0].status == MeetingStatus.POSTPONED


def test_checkin_no_and_the_week_without_answer(bot: Harness) -> None:
    _confirmed(bot, "2026-12-10", "17:00")
    at(bot, datetime(2026, 12, 10, 17, 0, tzinfo=UTC) + timedelta(days=6))
    assert meetings(bot)[0].status == MeetingStatus.CONFIRMED
    at(bot, datetime(2026, 12, 10, 17, 0, tzinfo=UTC) + timedelta(days=7, hours=1))
    assert meetings(bot)[0].status == MeetingStatus.UNCONFIRMED, "nobody answered within a week"
    # A late answer still counts.
    click_last(bot, "UMENTEE", "meeting-checkin-missed")
    assert meetings(bot)[0].status == MeetingStatus.MISSED
