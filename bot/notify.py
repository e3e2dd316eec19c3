"""Platform-neutral messages and the Notifier protocol each chat platform implements.

Services and the scheduler build `Message`s; handlers/slack renders them as Block Kit,
handlers/teams as Adaptive Cards. Nothing here knows which chat it talks to.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    literal: bool = False  # text a person typed: shown exactly as typed, never as markup or mentions


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message, e.g. the .ics invitation of a confirmed meeting."""

    filename: str
    content: str | bytes  # text (an .ics) or bytes (a PDF)
    title: str


@dataclass(frozen=True)
class Message:
    text: str  # the headline, also the notification fallback
    sections: tuple[Section, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    context: str | None = None
    attachment: Attachment | None = None
    # True: `text` is a short title, shown as a header above the sections. False: `text` is the
    # first paragraph (it may hold mentions, which a header cannot show).
    headline: bool = True


@dataclass(frozen=True)
class Recipient:
    platform: str
    workspace_external_id: str
    user_external_id: str
    channel: str = ""  # a direct channel already known (Slack's DM id from an earlier send), else ""


@dataclass(frozen=True)
class Delivered:
    channel: str  # a Slack channel id, a Teams conversation id
    ts: str  # a Slack message ts, a Teams activity id
    platform: str = "slack"
    workspace: str = ""  # the Slack team id (its token updates the message); unused on Teams


class NotifierError(Exception):
    """A send failed. `retry_after` (seconds) is set when the platform asked to wait."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Notifier(Protocol):
    def send(self, recipient: Recipient, message: Message) -> Delivered: ...

    def update(self, delivered: Delivered, message: Message) -> None:
        """Replace a message sent earlier (to retire buttons that no longer apply)."""
        ...


NOT_CONFIGURED_RETRY = 3600.0


class PlatformNotifier:
    """One Notifier for the outbox: each message goes out through its recipient's platform."""

    def __init__(self, by_platform: Mapping[str, Notifier]) -> None:
        self._by_platform = dict(by_platform)

    def _for(self, platform: str) -> Notifier:
        notifier = self._by_platform.get(platform)
        if notifier is None:
            # This process does not talk to that platform (its settings are missing here): leave the row
            # to a process that does, and come back to it in an hour rather than lose it.
            raise NotifierError(f"{platform}:not_configured", retry_after=NOT_CONFIGURED_RETRY)
        return notifier

    def send(self, recipient: Recipient, message: Message) -> Delivered:
        return self._for(recipient.platform).send(recipient, message)

    def update(self, delivered: Delivered, message: Message) -> None:
        self._for(delivered.platform).update(delivered, message)
