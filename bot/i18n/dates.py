"""Dates and times for people, in their language and time zone (Babel)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, get_timezone_name

BABEL_LOCALE = {"fr": "fr_CA", "en": "en_CA"}
DAY_FORMAT = {"fr": "d MMMM y", "en": "MMMM d, y"}
MOMENT_FORMAT = {"fr": "EEEE d MMMM y 'à' H 'h' mm", "en": "EEEE, MMMM d, y 'at' h:mm a"}


def _locale(lang: str) -> str:
    return BABEL_LOCALE.get(lang, "fr_CA")


def format_day(day: date, lang: str) -> str:
    return format_date(day, DAY_FORMAT.get(lang, DAY_FORMAT["fr"]), locale=_locale(lang))


def format_moment(moment: datetime, tz: str, lang: str, *, with_zone: bool = True) -> str:
    """An instant as the person reads it on their own clock, e.g. 'lundi 7 décembre 2026 à 14 h 00'."""
    zone = ZoneInfo(tz)
    text = format_datetime(moment, MOMENT_FORMAT.get(lang, MOMENT_FORMAT["fr"]), tzinfo=zone, locale=_locale(lang))
    if with_zone:
        text += f" ({zone_name(moment, tz, lang)})"
    return text


def zone_name(moment: datetime, tz: str, lang: str) -> str:
    return get_timezone_name(moment.astimezone(ZoneInfo(tz)), width="long", locale=_locale(lang))


def local_date(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()
