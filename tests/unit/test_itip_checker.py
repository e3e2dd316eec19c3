"""The suite's invitation checker (tests/support/itip.py) refuses what calendar clients refuse."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services.calendar_invite import meeting_ics
from storage.models import Meeting
from tests.support.itip import itip_problems, organizer_name

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _meeting() -> Meeting:
    return Meeting(id=7, calendar_uid="abc@mentorat", calendar_sequence=2,
                   starts_at=datetime(2026, 12, 7, 18, 0, tzinfo=UTC), duration_minutes=60)


def _ics(*, cancelled: bool) -> str:
    return meeting_ics(_meeting(), tz="Europe/Paris", summary="Rencontre", description="Visio", location=None,
                       organizer="Mentorat 2026", now=NOW, cancelled=cancelled)


@pytest.mark.parametrize("cancelled", [False, True])
def test_the_bot_s_invitations_pass(cancelled: bool) -> None:
    content = _ics(cancelled=cancelled)
    assert itip_problems(content) == []
    assert organizer_name(content) == "Mentorat 2026"
    assert "ORGANIZER;CN=" in content and "mailto:no-reply@mentorat.invalid" in content
    assert ("SEQUENCE:3" if cancelled else "SEQUENCE:2") in content


@pytest.mark.parametrize(("cancelled", "dropped", "expected"), [
    (False, "ORGANIZER", "VEVENT ORGANIZER: required by METHOD:PUBLISH"),
    (False, "DTSTART", "VEVENT DTSTART: required by METHOD:PUBLISH"),
    (True, "SEQUENCE", "VEVENT SEQUENCE: required by METHOD:CANCEL"),
    (True, "UID", "VEVENT UID: required by METHOD:CANCEL"),
])
def test_a_missing_required_property_is_named(cancelled: bool, dropped: str, expected: str) -> None:
    lines = _ics(cancelled=cancelled).split("\r\n")
    in_event = False
    kept = []
    for line in lines:
        in_event = (in_event or line == "BEGIN:VEVENT") and line != "END:VEVENT"
        if in_event and line.split(";")[0].split(":")[0] == dropped:
            continue
        kept.append(line)
    assert expected in itip_problems("\r\n".join(kept))


def test_an_attendee_in_a_publish_is_refused() -> None:
    content = _ics(cancelled=False).replace("END:VEVENT", "ATTENDEE:mailto:someone@example.org\r\nEND:VEVENT")
    assert itip_problems(content) == ["VEVENT ATTENDEE: not allowed with METHOD:PUBLISH"]
