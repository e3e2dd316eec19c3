"""The demo's people as its transcript names them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    user_id: str  # the story's handle for them (their Slack id)
    name: str
    role: str  # i18n key under role.*
    tz: str
    city: str
