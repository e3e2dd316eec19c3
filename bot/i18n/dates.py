"""Dates and times for people, in their language and time zone (Babel)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, get_timezone_name

from bot.i18n import DEFAULT_LANGUAGE, LOCALES, language_part
from bot.i18n.locales import babel_locale

DAY_FORMAT = {"fr": "d MMMM y", "en": "MMMM d, y", "en_GB": "d MMMM y"}
MOMENT_FORMAT = {"fr": "EEEE d MMMM y 'à' H 'h' mm", "en": "EEEE, MMMM d, y 'at' h:mm a",
                 "en_GB": "EEEE d MMMM y 'at' HH:mm"}


def _locale(lang: str) -> str:
    return babel_locale(lang)


def _pattern(patterns: dict[str, str], lang: str, cldr: str) -> str:
    """The locale's own pattern, else its language's, else the CLDR format of that width (a new language).
    A locale without a catalogue reads French, as its texts do."""
    lang = lang if lang in LOCALES else DEFAULT_LANGUAGE
    return patterns.get(lang) or patterns.get(language_part(lang)) or cldr


def format_day(day: date, lang: str) -> str:
    return format_date(day, _pattern(DAY_FORMAT, lang, "long"), locale=_locale(lang))


def format_moment(moment: datetime, tz: str, lang: str, *, with_zone: bool = True) -> str:
    """An instant as the person reads it on their own clock, e.g. 'lundi 7 décembre 2026 à 14 h 00'."""
    zone = ZoneInfo(tz)
    text = format_datetime(moment, _pattern(MOMENT_FORMAT, lang, "medium"), tzinfo=zone, locale=_locale(lang))
    if with_zone:
        text += f" ({zone_name(moment, tz, lang)})"
    return text


def zone_name(moment: datetime, tz: str, lang: str) -> str:
    return get_timezone_name(moment.astimezone(ZoneInfo(tz)), width="long", locale=_locale(lang))


def local_date(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()
