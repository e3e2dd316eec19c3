"""A domain error as the person reads it: dates and times in their language and time zone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Protocol

from bot.i18n import t
from bot.i18n.dates import format_day, format_moment


class Explained(Protocol):
    """What a DomainError (bot/services/errors.py) carries; named here so that i18n stays below the services."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...


def error_text(lang: str, tz: str, error: Explained) -> str:
    params: dict[str, object] = {}
    for name, value in error.params.items():
        if isinstance(value, datetime):
            params[name] = format_moment(value, tz, lang)
        elif isinstance(value, date):
            params[name] = format_day(value, lang)
        else:
            params[name] = value
    return t(lang, error.key, **params)
