"""A person's control over reminders: pause for a while, resume."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.services.errors import InvalidInput
from storage.models import Person

MAX_PAUSE = timedelta(days=92)
UNITS = {
    "jour": 1, "jours": 1, "j": 1, "day": 1, "days": 1, "d": 1,
    "semaine": 7, "semaines": 7, "sem": 7, "week": 7, "weeks": 7, "w": 7,
    "mois": 30, "month": 30, "months": 30,
}
DURATION = re.compile(r"^\s*(\d{1,3})?\s*([a-zA-Zéû]+)?\s*$")


def parse_pause(text: str) -> timedelta:
    """'2 semaines' -> 14 days; '' -> one week; anything else or over three months is refused."""
    match = DURATION.match(text or "")
    if not match:
        raise InvalidInput("pause.usage")
    count, unit = match.groups()
    if count is None and unit is None:
        return timedelta(days=7)
    days_per_unit = UNITS.get((unit or "semaine").lower())
    if days_per_unit is None:
        raise InvalidInput("pause.usage")
    length = timedelta(days=int(count or 1) * days_per_unit)
    if not timedelta(0) < length <= MAX_PAUSE:
        raise InvalidInput("pause.usage")
    return length


def pause(person: Person, length: timedelta, now: datetime) -> datetime:
    person.reminders_paused_until = now + length
    return person.reminders_paused_until


def resume(person: Person, now: datetime) -> bool:
    was_paused = person.reminders_paused_until is not None and person.reminders_paused_until > now
    person.reminders_paused_until = None
    return was_paused


def is_paused(person: Person, now: datetime) -> bool:
    return person.reminders_paused_until is not None and person.reminders_paused_until > now
