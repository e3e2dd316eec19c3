"""Checks on text people type in a form: trimmed, required or not, within a length; a picked date.

`clean` makes any text storable and sendable everywhere: PostgreSQL refuses a NUL byte in text
(SQLite keeps it), and a lone UTF-16 surrogate (JSON can carry one) cannot be encoded at all.
Each front end cleans what a platform sends before any listener reads it (`clean_tree`), so a
form never fails on them and both databases keep the same text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.services.errors import InvalidInput

_NUL = "\x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"  # what a lone surrogate becomes: visible, so nothing typed vanishes silently


def clean(text: str) -> str:
    """The text without NUL bytes, a lone surrogate shown as U+FFFD."""
    if _NUL in text:
        text = text.replace(_NUL, "")
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


MAX_DEPTH = 32  # what Slack and Teams send nests a dozen levels at most


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether a parsed payload nests deeper than any real one (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return False


def clean_tree(value: Any) -> Any:
    """Every string inside a parsed JSON payload (dict keys too) cleaned; dicts and lists in place."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        for key in list(value):
            item = clean_tree(value[key])
            if isinstance(key, str) and clean(key) != key:
                del value[key]
                key = clean(key)
            value[key] = item
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = clean_tree(item)
    return value


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


def number(raw: object, *, digits: int = 12) -> int | None:
    """A whole number a form or a button carries, or None: ASCII digits only ("²".isdigit() is true, yet
    int() refuses it), and short enough for any column."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > digits:
        return None
    return int(raw)


MAX_ROW_ID = 2**31 - 1  # ids are INTEGER columns: PostgreSQL refuses a larger value outright (a 500)


def row_id(raw: object) -> int | None:
    """The id of a row a button or a form carries (a convention, a meeting, a programme), None when it holds
    no number. A number past the column's range is 0, which names no row: a forged id is "no such thing",
    never a database error."""
    found = number(raw, digits=18)
    return None if found is None else found if found <= MAX_ROW_ID else 0


def clicked_row(raw: object) -> int:
    """The row id a button or a form must carry; without one it is a stale or altered button."""
    found = row_id(raw)
    if found is None:
        raise InvalidInput("error.stale_button")
    return found


def clicked_version(value: object) -> tuple[int, int]:
    """(row id, version) of a button that names the version its reader saw ("<id>:<version>")."""
    raw_id, _, raw_version = (value if isinstance(value, str) else "").partition(":")
    return clicked_row(raw_id), clicked_row(raw_version)


def picked_date(raw: str | None) -> date | None:
    """A date picker's YYYY-MM-DD; None when empty or unreadable (the service says which field)."""
    text = (raw or "").strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
