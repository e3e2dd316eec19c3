"""`/mentorat prochaine-rencontre`: propose, counter-propose, confirm with an .ics, move, cancel.

The mentor is in Vancouver (fr-CA), the mentee in Paris (en-US): each reads times on their own clock.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, MeetingStatus, ReminderStatus
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import (
    click_last,
    last_view,
    meeting_values,
    meetings,
    propose,
    reminders,
    text_values,
    texts_to,
    with_button,
)
from tests.support.itip import itip_problems, organizer_name
from tests.support.texts import fr_fixed, fr_lead, fr_part


def pairs_programme_name(bot: Harness) -> str:
    with bot.session_factory() as session:
        return session.scalars(select(Convention)).one().programme.name


@pytest.mark.both_databases
def test_propose_then_confirm_sends_both_an_ics_in_their_own_zone(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    # Marie (Vancouver) proposes Monday 7 December at 10:00 her time = 18:00 UTC = 19:00 in Paris.
    answer = propose(bot, "UMENTOR", "2026-12-07", "10:00", duration="75", location="https://meet.example/abc",
                     agenda="Mon plan de carrière")
    assert answer.status == 200 and not answer.body.strip(b"{} \n")
    assert any(fr_part("meeting.proposal.sent", other="<@UMENTEE>") in text for text in texts_to(bot, "UMENTOR"))
    [proposal] = with_button(bot, "UMENTEE", "meeting-proposal-confirm")
    shown = text_of(proposal)
    assert "Monday, December 7, 2026 at 7:00 p.m." in shown, "the mentee reads Paris time"
    assert "75 minutes" in shown and "https://meet.example/abc" in shown and "Mon plan de carrière" in shown
    assert meetings(bot)[0].status == MeetingStatus.PROPOSED

    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    [meeting] = meetings(bot)
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.starts_at == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
    replaced = bot.last_response()
    assert replaced.get("replace_original") is True
    assert "meeting-proposal-confirm" not in str(replaced.get("blocks")), "stale buttons are gone"
    assert any(fr_lead("meeting.confirmed", other="<@UMENTEE>") + "lundi 7 décembre 2026 à 10 h 00" in t
               for t in texts_to(bot, "UMENTOR"))
    assert any("Meeting confirmed with <@UMENTOR>: Monday, December 7, 2026 at 7:00 p.m." in t
               for t in texts_to(bot, "UMENTEE"))

    uploads = {u["channels"][0] if u.get("channels") else u.get("channel"): u for u in bot.emulator.uploads()}
    assert len(bot.emulator.uploads()) == 2
    by_zone = {}
    for upload in bot.emulator.uploads():
        calendar = Calendar.from_ical(upload["content"])
        event = next(iter(calendar.walk("VEVENT")))
        start = event.decoded("dtstart")
        by_zone[str(start.tzinfo)] = event
        assert start.astimezone(UTC) == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
        assert event.decoded("dtend").astimezone(UTC) == datetime(2026, 12, 7, 19, 15, tzinfo=UTC)
        assert event.decoded("dtstamp").utcoffset().total_seconds() == 0, "DTSTAMP is in UTC"
        assert str(event["location"]) == "https://meet.example/abc"
        assert [c for c in calendar.walk("VTIMEZONE")], "the zone travels with the file"
        assert itip_problems(upload["content"]) == [], "calendar clients take the file (RFC 5546 PUBLISH)"
        assert organizer_name(upload["content"]) == pairs_programme_name(bot)
    assert set(by_zone) == {"America/Vancouver", "Europe/Paris"}
    assert by_zone["America/Vancouver"].decoded("dtstart").hour == 10
    assert by_zone["Europe/Paris"].decoded("dtstart").hour == 19
    assert len({str(e["uid"]) for e in by_zone.values()}) == 1
    assert uploads  # both DMs got their file

    # Clicking "Confirmer" again (a double click, a forwarded message) changes nothing.
    sent = len(bot.emulator.messages())
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    answer = text_of(bot.last_response())
    assert fr_fixed("meeting.closed.already") in answer or "already confirmed" in answer
    assert len(bot.emulator.messages()) == sent and len(bot.emulator.uploads()) == 2


def test_counter_proposal_retires_the_first_and_goes_back_to_the_proposer(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTEE", "2026-12-08", "18:00", mode="phone", location="+33 6 12 34 56 78")
    first = with_button(bot, "UMENTOR", "meeting-proposal-counter")[-1]
    assert "mardi 8 décembre 2026 à 9 h 00" in text_of(first), "18:00 in Paris is 9:00 in Vancouver"
    click_last(bot, "UMENTOR", "meeting-proposal-counter")
    view = last_view(bot)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["meeting-date"]["element"]["initial_date"] == "2026-12-08"
    assert blocks["meeting-time"]["element"]["initial_time"] == "09:00", "prefilled on the mentor's clock"
    assert blocks["meeting-time"]["element"]["timezone"] == "America/Vancouver"
    assert blocks["meeting-mode"]["element"]["initial_option"]["value"] == "phone"
    assert "Pacifique" in blocks["meeting-time"]["label"]["text"]
    bot.submit_view("UMENTOR", view, meeting_values("2026-12-09", "09:30", mode="phone",
                                                    location="+33 6 12 34 56 78"))
    first_meeting, second = meetings(bot)
    assert first_meeting.status == MeetingStatus.SUPERSEDED and second.status == MeetingStatus.PROPOSED
    assert second.replaces_id == first_meeting.id
    # The mentor's copy of the first proposal lost its buttons.
    updated = bot.emulator.message(first["channel"], first["ts"])
    assert updated is not None and "meeting-proposal-confirm" not in str(updated.get("blocks"))
    # The mentee gets the counter-proposal in Paris time and confirms it.
    counter = with_button(bot, "UMENTEE", "meeting-proposal-confirm")[-1]
    assert "suggests another time" in text_of(counter) and "6:30 p.m." in text_of(counter)
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    assert meetings(bot)[1].status == MeetingStatus.CONFIRMED
    # The proposer cannot confirm their own proposal; the retired one cannot be confirmed either.
    bot.click("UMENTEE", "meeting-proposal-confirm", str(first_meeting.id))
    assert fr_fixed("meeting.proposal_gone") in text_of(bot.last_response()) or \
        "no longer applies" in text_of(bot.last_response())
    assert meetings(bot)[0].status == MeetingStatus.SUPERSEDED


def test_move_asks_a_reason_tells_the_other_and_cancels_old_reminders(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTEE", "2026-12-10", "17:00")
    click_last(bot, "UMENTOR", "meeting-proposal-confirm")
    old = meetings(bot)[0]
    pending = [r for r in reminders(bot) if r.meeting_id == old.id and r.status == ReminderStatus.PENDING]
    assert {r.kind for r in pending} >= {"meeting_tomorrow", "meeting_checkin"}

    click_last(bot, "UMENTEE", "meeting-move-open")
    view = last_view(bot)
    assert view["title"]["text"] == "Move the meeting"
    # No reason: the modal stays open with the error on the reason field.
    answer = bot.submit_view("UMENTEE", view, meeting_values("2026-12-11", "17:00", reason="  "))
    assert answer.json()["response_action"] == "errors"
    assert "Say why" in answer.json()["errors"]["meeting-reason"]
    assert meetings(bot)[0].status == MeetingStatus.CONFIRMED, "nothing changed"

    bot.submit_view("UMENTEE", view, meeting_values("2026-12-11", "17:00", reason="Déplacement <urgent> & imprévu"))
    old, new = meetings(bot)
    assert old.status == MeetingStatus.SUPERSEDED and new.status == MeetingStatus.PROPOSED
    assert new.calendar_uid == old.calendar_uid and new.calendar_sequence == old.calendar_sequence + 1
    assert not [r for r in reminders(bot) if r.meeting_id == old.id and r.status == ReminderStatus.PENDING]
    moved = with_button(bot, "UMENTOR", "meeting-proposal-confirm")[-1]
    assert fr_lead("meeting.proposal.moved", person="<@UMENTEE>") + "jeudi 10 décembre 2026 à 8 h 00" in text_of(moved)
    assert "Déplacement &lt;urgent&gt; &amp; imprévu" in str(moved["blocks"]), "the reason is shown as typed"
    click_last(bot, "UMENTOR", "meeting-proposal-confirm")
    assert meetings(bot)[1].status == MeetingStatus.CONFIRMED
    uploads = bot.emulator.uploads()
    sequences = {Calendar.from_ical(u["content"]).walk("VEVENT")[0]["sequence"] for u in uploads}
    assert sequences == {0, 1}, "the moved meeting updates the same calendar event"


def test_cancel_with_reason_stops_reminders_and_offers_a_new_date(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    propose(bot, "UMENTOR", "2026-12-14", "09:00", mode="in_person", location="Bureau 3, 2e étage")
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    click_last(bot, "UMENTOR", "meeting-cancel-open")
    view = last_view(bot, "meeting-cancel-submit")
    answer = bot.submit_view("UMENTOR", view, text_values("meeting-reason", "meeting-reason-input", ""))
    assert "Dites en quelques mots pourquoi" in answer.json()["errors"]["meeting-reason"]
    bot.submit_view("UMENTOR", view, text_values("meeting-reason", "meeting-reason-input", "Malade"))
    [meeting] = meetings(bot)
    assert meeting.status == MeetingStatus.CANCELLED and meeting.reason == "Malade"
    assert not [r for r in reminders(bot) if r.meeting_id == meeting.id and r.status == ReminderStatus.PENDING]
    told = [m for m in bot.emulator.messages_to("UMENTEE") if "had to cancel" in text_of(m)]
    assert told and "Malade" in text_of(told[0])
    assert with_button(bot, "UMENTEE", "meeting-plan-open"), "asked right away for a new date"
    cancel_files = [u for u in bot.emulator.uploads() if b"METHOD:CANCEL" in u["content"]]
    assert len(cancel_files) == 2
    for upload in cancel_files:
        assert itip_problems(upload["content"]) == [], "calendar clients take the cancellation (RFC 5546 CANCEL)"
        assert "STATUS:CANCELLED" in upload["content"].decode() and "SEQUENCE:1" in upload["content"].decode()
    # The new-date button opens the meeting modal again.
    click_last(bot, "UMENTEE", "meeting-plan-open")
    assert last_view(bot)["title"]["text"] == "Next meeting"


def test_the_nudge_button_opens_the_meeting_modal(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.click("UMENTEE", "nudge-meeting-plan", str(convention_id))
    view = last_view(bot)
    assert view["title"]["text"] == "Next meeting"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["meeting-duration"]["element"]["initial_option"]["value"] == "60"
    assert [o["value"] for o in blocks["meeting-duration"]["element"]["options"]] == ["60", "75", "90"]
