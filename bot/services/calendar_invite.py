"""The .ics file of a meeting (icalendar), in the recipient's own time zone.

DTSTART/DTEND carry the recipient's TZID with its VTIMEZONE, so every calendar shows the
meeting at the right local hour; DTSTAMP is UTC. A moved meeting keeps its UID with a higher
SEQUENCE, and a cancelled one is sent with METHOD:CANCEL, so calendars update the same event.

RFC 5546 requires an ORGANIZER for both methods: the programme, by its name. The bot has no mailbox and
keeps nobody's email address, so its address is a no-reply one in the reserved .invalid domain (RFC 2606):
a reply can reach no one by mistake. For the same reason there is no ATTENDEE (PUBLISH allows none anyway).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from storage.models import Meeting

PRODID = "-//Mentorat//Mentorat//FR"
ORGANIZER_ADDRESS = "mailto:no-reply@mentorat.invalid"


def meeting_ics(meeting: Meeting, *, tz: str, summary: str, description: str, location: str | None,
                organizer: str, now: datetime, cancelled: bool = False) -> str:
    """`organizer`: the name calendars show as the meeting's organiser (the programme's)."""
    zone = ZoneInfo(tz)
    from icalendar import Calendar, Event, vCalAddress  # loaded when an invitation is written, not at every start

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", meeting.calendar_uid or f"meeting-{meeting.id}@mentorat")
    event.add("sequence", meeting.calendar_sequence + (1 if cancelled else 0))
    event.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
    address = vCalAddress(ORGANIZER_ADDRESS)
    address.params["cn"] = organizer
    event.add("organizer", address)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", summary)
    event.add("description", description)
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    # Only the years around the meeting: the full 1970-2038 history would triple the file.
    year = meeting.starts_at.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return calendar.to_ical().decode("utf-8")
