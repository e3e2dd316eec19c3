"""Platform-neutral messages and the Notifier protocol each chat platform implements.

Services and the scheduler build `Message`s; handlers/slack renders them as Block Kit,
handlers/teams as Adaptive Cards. Nothing here knows which chat it talks to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # an action key, e.g. "convention-accept"; each platform maps it to its own ids
    value: str
    style: str | None = None  # "primary" | "danger" | None


@dataclass(frozen=True)
class Section:
    title: str | None
    body: str


@dataclass(frozen=True)
class Message:
    text: str  # the headline, also the notification fallback
    sections: tuple[Section, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    context: str | None = None


@dataclass(frozen=True)
class Recipient:
    platform: str
    workspace_external_id: str
    user_external_id: str


@dataclass(frozen=True)
class Delivered:
    channel: str
    ts: str


class NotifierError(Exception):
    """A send failed. `retry_after` (seconds) is set when the platform asked to wait."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Notifier(Protocol):
    def send(self, recipient: Recipient, message: Message) -> Delivered: ...
