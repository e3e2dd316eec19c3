"""What calendar clients check in an invitation: RFC 5546 (iTIP) for METHOD:PUBLISH and METHOD:CANCEL.

The file is read by two parsers, icalendar (what the bot writes with) and vobject (another implementation),
so a file one of them would refuse fails the suite. The required properties are the restriction tables of
RFC 5546, sections 3.2.1 (PUBLISH) and 3.2.5 (CANCEL), for VEVENT: "1" there is required here, "0" refused.
"""

from __future__ import annotations

import icalendar
import vobject

REQUIRED = {
    "PUBLISH": ("UID", "DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY"),
    "CANCEL": ("UID", "DTSTAMP", "ORGANIZER", "SEQUENCE"),
}
REFUSED = {"PUBLISH": ("ATTENDEE",), "CANCEL": ()}  # PUBLISH: "ATTENDEE 0", nobody is invited to reply


def _cal_address(value: str) -> bool:
    return value.lower().startswith("mailto:") and "@" in value


def _icalendar_problems(content: bytes) -> list[str]:
    calendar = icalendar.Calendar.from_ical(content)
    method = str(calendar.get("method", ""))
    if method not in REQUIRED:
        return [f"METHOD: {method!r}, expected PUBLISH or CANCEL"]
    problems = [f"{name}: missing" for name in ("PRODID", "VERSION") if name not in calendar]
    events = calendar.walk("VEVENT")
    if not events:
        problems.append("no VEVENT")
    for event in events:
        problems += [f"VEVENT {name}: required by METHOD:{method}" for name in REQUIRED[method] if name not in event]
        problems += [f"VEVENT {name}: not allowed with METHOD:{method}" for name in REFUSED[method] if name in event]
        if "ORGANIZER" in event and not _cal_address(str(event["ORGANIZER"])):
            problems.append(f"VEVENT ORGANIZER: {str(event['ORGANIZER'])!r} is not a mailto: address")
        if method == "CANCEL" and str(event.get("STATUS", "CANCELLED")) != "CANCELLED":
            problems.append("VEVENT STATUS: must be CANCELLED with METHOD:CANCEL")
    return problems


def _vobject_problems(content: bytes) -> list[str]:
    calendar = vobject.readOne(content.decode("utf-8"))
    method = calendar.method.value if hasattr(calendar, "method") else ""
    problems = []
    for event in calendar.contents.get("vevent", []):
        present = {name.upper() for name in event.contents}
        problems += [f"vobject: VEVENT {name} missing" for name in REQUIRED.get(method, ()) if name not in present]
        if "ORGANIZER" in present and not _cal_address(event.organizer.value):
            problems.append(f"vobject: ORGANIZER {event.organizer.value!r} is not a mailto: address")
        if "DTSTART" in present:
            event.dtstart.value  # noqa: B018  (parses the date and its TZID: raises on a broken one)
    return problems


def itip_problems(content: bytes | str) -> list[str]:
    """One sentence per rule the file breaks; none when calendar clients would take it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return _icalendar_problems(data) + _vobject_problems(data)


def organizer_name(content: bytes | str) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    return str(event["ORGANIZER"].params.get("CN", ""))
