"""A domain error as the person reads it: dates and times in their language and time zone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Protocol

from bot.i18n import t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import Param, rt
from bot.notify import Mention, Rich, Text


class Explained(Protocol):
    """What a DomainError (bot/services/errors.py) carries; named here so that i18n stays below the services."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...


def error_text(lang: str, tz: str, error: Explained) -> Text:
    """Rich when the error names people (who to ask), else the catalogue's text."""
    params: dict[str, Param] = {}
    for name, value in error.params.items():
        if isinstance(value, datetime):
            params[name] = format_moment(value, tz, lang)
        elif isinstance(value, date):
            params[name] = format_day(value, lang)
        elif isinstance(value, (str, int, float, Mention, Rich)):
            params[name] = value
        else:
            params[name] = str(value)  # what a placeholder would have shown of it
    if any(isinstance(value, (Mention, Rich)) for value in params.values()):
        return rt(lang, error.key, **params)
    return t(lang, error.key, **params)
