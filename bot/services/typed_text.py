"""Checks on text people type in a form: trimmed, required or not, within a length; a picked date."""

from __future__ import annotations

from datetime import date

from bot.services.errors import InvalidInput


def required_text(value: str, *, field: str, limit: int, missing: str, too_long: str) -> str:
    """The trimmed text; `missing` / `too_long` (i18n keys) on `field` when empty or over `limit`."""
    text = value.strip()
    if not text:
        raise InvalidInput(missing, field=field)
    if len(text) > limit:
        raise InvalidInput(too_long, field=field, limit=limit)
    return text


def optional_text(value: str, *, field: str, limit: int, too_long: str) -> str | None:
    """The trimmed text, None when empty; `too_long` on `field` when over `limit`."""
    text = value.strip()
    if len(text) > limit:
        raise InvalidInput(too_long, field=field, limit=limit)
    return text or None


def picked_date(raw: str | None) -> date | None:
    """A date picker's YYYY-MM-DD; None when empty or unreadable (the service says which field)."""
    text = (raw or "").strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
