"""A domain error as the person reads it: dates and times in their language and time zone."""

from __future__ import annotations

from datetime import date, datetime

from bot.i18n import t
from bot.i18n.dates import format_day, format_moment
from bot.services.errors import DomainError


def error_text(lang: str, tz: str, error: DomainError) -> str:
    params: dict[str, object] = {}
    for name, value in error.params.items():
        if isinstance(value, datetime):
            params[name] = format_moment(value, tz, lang)
        elif isinstance(value, date):
            params[name] = format_day(value, lang)
        else:
            params[name] = value
    return t(lang, error.key, **params)
