"""Private notes after a meeting (author only, unless shared) and the meeting in status and App Home."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import click_last, meetings, propose
from tests.support.texts import fr_fixed, fr_lead


def _note_view(bot: Harness) -> dict:
    return [v for v in bot.emulator.views_opened() if v.get("callback_id") == "note-form-submit"][-1]


def _note(body: str, share: bool) -> dict:
    chosen = [{"value": "share"}] if share else []
    return {"note-body": {"note-body-input": {"type": "plain_text_input", "value": body}},
            "note-share": {"note-share-check": {"type": "checkboxes", "selected_options": chosen}}}


@pytest.mark.both_databases
def test_notes_are_private_unless_shared(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTOR", "2026-12-07", "10:00")
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    bot.clock.set(datetime(2026, 12, 7, 19, 30, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    click_last(bot, "UMENTOR", "meeting-checkin-held")
    meeting_id = str(meetings(bot)[0].id)
    bot.click("UMENTOR", "note-write-open", meeting_id)
    empty = bot.submit_view("UMENTOR", _note_view(bot), _note("  ", False))
    assert fr_fixed("error.note.empty") in empty.json()["errors"]["note-body"]
    bot.submit_view("UMENTOR", _note_view(bot), _note("Sam hésite entre deux postes 🤔", False))
    bot.click("UMENTOR", "note-write-open", meeting_id)
    bot.submit_view("UMENTOR", _note_view(bot), _note("Lectures : « Le mentor » <https://x.example>", True))

    home = bot.emulator.home_view("UMENTOR")
    assert home is not None and "Sam hésite entre deux postes 🤔" in text_of(home), "recent notes on the Home tab"
    bot.command("UMENTOR", "notes")
    mine = str(bot.last_response()["blocks"])
    assert "Sam hésite entre deux postes 🤔" in mine and "Le mentor" in mine and "&lt;https://x.example&gt;" in mine
    bot.command("UMENTEE", "notes")
    theirs = str(bot.last_response()["blocks"])
    assert "Le mentor" in theirs and "hésite" not in theirs, "only the shared note reaches the partner"
    assert not any("shared a note with you" in text_of(m) for m in bot.emulator.messages_to("UMENTEE")), \
        "20:30 in Paris: the news waits for the morning"
    bot.clock.set(datetime(2026, 12, 8, 8, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert any("shared a note with you" in text_of(m) for m in bot.emulator.messages_to("UMENTEE"))
    # Outsiders and coordinators cannot write into (or read) the pair's notes.
    bot.click("UOTHER", "note-write-open", meeting_id)
    assert "concerne d'autres personnes" in text_of(bot.last_response())
    bot.command("UCOORD", "notes")
    assert "réservé" in text_of(bot.last_response())
    everything_coordinator_saw = " ".join(text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    assert "hésite" not in everything_coordinator_saw and "Le mentor" not in everything_coordinator_saw


@pytest.mark.both_databases  # status_of reads the terms and the other party in one query: SQL on both backends
def test_status_and_home_show_the_next_meeting_in_the_readers_zone(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "statut")
    assert "No meeting set" in text_of(bot.last_response())
    propose(bot, "UMENTEE", "2026-12-07", "19:00")
    bot.command("UMENTOR", "statut")
    assert fr_lead("status.meeting.proposed") + "lundi 7 décembre 2026 à 10 h 00" in text_of(bot.last_response())
    click_last(bot, "UMENTOR", "meeting-proposal-confirm")
    bot.event({"type": "app_home_opened", "user": "UMENTEE", "tab": "home", "channel": "D1"})
    home = bot.emulator.home_view("UMENTEE")
    assert home is not None
    shown = text_of(home)
    assert "Next meeting: Monday, December 7, 2026 at 7:00 p.m." in shown
    actions = {e["action_id"] for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert {"home-meeting-plan", "home-agenda-write", "home-notes-show"} <= actions
    # From the Home tab, the meeting button shows the confirmed meeting with Move / Cancel.
    bot.click("UMENTEE", "home-meeting-plan", str(convention_id), container="view")
    last = bot.emulator.messages_to("UMENTEE")[-1]
    assert "meeting-move-open" in str(last["blocks"]) and "meeting-cancel-open" in str(last["blocks"])
    bot.click("UMENTEE", "home-agenda-write", "agenda", container="view")
    assert bot.emulator.views_opened()[-1]["callback_id"] == "agenda-form-submit"


def test_help_lists_the_meeting_commands_for_participants(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "aide")
    shown = text_of(bot.last_response())
    assert "prochaine-rencontre" in shown and "ordre-du-jour" in shown and "notes" in shown
    bot.command("UMENTEE", "next-meeting")
    assert bot.emulator.views_opened()[-1]["callback_id"] == "meeting-form-submit", "English alias works"
