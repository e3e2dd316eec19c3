"""Every validation error of the meeting modal, on its field, with nothing saved; and who may act."""

from __future__ import annotations

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import MeetingStatus
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import click_last, last_view, meeting_values, meetings, propose, with_button
from tests.support.texts import fr_fixed

# The mentor (Vancouver, French) fills the modal on Monday 23 November 2026, 7:00 local.
CASES = [
    (dict(day=None, time="10:00"), "meeting-date", "Choisissez une date."),
    (dict(day="2026-12-07", time=None), "meeting-time", "Choisissez une heure."),
    (dict(day="2026-11-20", time="10:00"), "meeting-date", "déjà passé"),
    (dict(day="2026-11-23", time="06:30"), "meeting-time", "déjà passé"),
    (dict(day="2027-10-01", time="10:00"), "meeting-date", "du 23 novembre 2026 au 23 septembre 2027"),
    (dict(day="2026-12-07", time="10:00", duration="45"), "meeting-duration", "de 60 à 90 minutes"),
    (dict(day="2026-12-07", time="10:00", mode="carrier-pigeon"), "meeting-mode", "en personne, vidéo"),
    (dict(day="2026-12-07", time="10:00", location="meet.example/abc"), "meeting-location",
     "« meet.example/abc » n'est pas un lien"),
    (dict(day="2026-12-07", time="10:00", location="x" * 501, mode="in_person"), "meeting-location", "500"),
    (dict(day="2026-12-07", time="10:00", agenda="y" * 3001), "meeting-agenda", "3000"),
]


@pytest.mark.parametrize(("fields", "block", "expected"), CASES, ids=[c[1] + "-" + c[2][:12] for c in CASES])
def test_each_bad_value_is_shown_on_its_field_and_nothing_is_saved(bot: Harness, fields: dict, block: str,
                                                                   expected: str) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTOR", "prochaine-rencontre")
    values = dict(fields)
    answer = bot.submit_view("UMENTOR", last_view(bot), meeting_values(values.pop("day"), values.pop("time"),
                                                                       **values))
    body = answer.json()
    assert body["response_action"] == "errors", "the modal stays open with what was typed"
    assert list(body["errors"]) == [block]
    assert expected in body["errors"][block]
    assert meetings(bot) == [] and not with_button(bot, "UMENTEE", "meeting-proposal-confirm")


def test_an_overlapping_meeting_is_refused_with_its_time_in_the_callers_zone(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTOR", "2026-12-07", "10:00", duration="90")
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    # 20:00 in Paris is 11:00 in Vancouver: inside the confirmed 10:00-11:30.
    bot.command("UMENTEE", "prochaine-rencontre")  # shows the confirmed meeting
    assert "meeting-move-open" in str(bot.last_response()["blocks"])
    convention_id = str(meetings(bot)[0].convention_id)
    bot.click("UMENTEE", "meeting-plan-open", convention_id)
    answer = bot.submit_view("UMENTEE", last_view(bot), meeting_values("2026-12-07", "20:00"))
    error = answer.json()["errors"]["meeting-time"]
    assert "already have a confirmed meeting at that time (Monday, December 7, 2026 at 7:00 p.m." in error
    # Right after it ends is fine.
    answer = bot.submit_view("UMENTEE", last_view(bot), meeting_values("2026-12-07", "20:30"))
    assert answer.body.strip(b"{} \n") == b""
    assert [m.status for m in meetings(bot)] == [MeetingStatus.CONFIRMED, MeetingStatus.PROPOSED]


def test_outsiders_get_a_polite_refusal_and_nothing_changes(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTOR", "2026-12-07", "10:00")
    meeting_id = str(meetings(bot)[0].id)
    for action in ("meeting-proposal-confirm", "meeting-proposal-counter", "meeting-move-open",
                   "meeting-cancel-open", "meeting-checkin-held", "agenda-write-open", "note-write-open",
                   "meeting-ics-send"):
        opened = len(bot.emulator.views_opened())
        bot.click("UOTHER", action, meeting_id)
        assert "concerne d'autres personnes" in text_of(bot.last_response()), action
        assert len(bot.emulator.views_opened()) == opened, action
    bot.click("UCOORD", "meeting-proposal-confirm", meeting_id)
    assert "concerne d'autres personnes" in text_of(bot.last_response()), "coordinators do not act for the pair"
    assert meetings(bot)[0].status == MeetingStatus.PROPOSED
    assert bot.emulator.uploads() == []
    # The proposer cannot confirm their own proposal either.
    bot.click("UMENTOR", "meeting-proposal-confirm", meeting_id)
    assert fr_fixed("meeting.own_proposal") in text_of(bot.last_response())
    assert meetings(bot)[0].status == MeetingStatus.PROPOSED
    # And the commands tell outsiders what to do.
    bot.command("UOTHER", "prochaine-rencontre")
    assert "réservé" in text_of(bot.last_response())


def test_the_same_form_sent_twice_makes_one_proposal(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "prochaine-rencontre")
    view = last_view(bot)
    for _ in range(2):
        bot.submit_view("UMENTEE", view, meeting_values("2026-12-07", "19:00"))
    assert len(meetings(bot)) == 1
    assert len(with_button(bot, "UMENTOR", "meeting-proposal-confirm")) == 1


def test_no_meeting_before_the_convention_is_signed(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-11-23")
    opened = len(bot.emulator.views_opened())
    bot.command("UMENTOR", "prochaine-rencontre")
    assert fr_fixed("meeting.not_signed") in text_of(bot.last_response())
    assert len(bot.emulator.views_opened()) == opened


def test_a_second_proposal_replaces_the_first(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTEE", "2026-12-07", "19:00")
    first = with_button(bot, "UMENTOR", "meeting-proposal-confirm")[-1]
    propose(bot, "UMENTEE", "2026-12-08", "19:00")
    assert [m.status for m in meetings(bot)] == [MeetingStatus.SUPERSEDED, MeetingStatus.PROPOSED]
    updated = bot.emulator.message(first["channel"], first["ts"])
    assert "meeting-proposal-confirm" not in str(updated.get("blocks"))
    assert "remplacée" in text_of(updated)
    # The command now shows the waiting proposal to the mentor, with its buttons.
    bot.command("UMENTOR", "prochaine-rencontre")
    assert "meeting-proposal-confirm" in str(bot.last_response()["blocks"])
    assert "mardi 8 décembre 2026 à 10 h 00" in text_of(bot.last_response())
