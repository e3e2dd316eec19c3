"""Platform-neutral messages and the Notifier protocol each chat platform implements.

Services and the scheduler build `Message`s; handlers/slack renders them as Block Kit,
handlers/teams as Adaptive Cards. Nothing here knows which chat it talks to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeAlias
from urllib.parse import quote


# -- inline content: what a sentence is made of, as data ---------------------------------------------
@dataclass(frozen=True)
class Mention:
    """A person named in a message. Slack shows a mention, Teams the name (a bot cannot @-mention in a 1:1 chat)."""

    external_id: str
    name: str

    def __format__(self, spec: str) -> str:
        raise TypeError("a person is named through bot.i18n.rich.rt, never formatted into a string")


@dataclass(frozen=True)
class Strong:
    """Emphasis: a word, a label, or a whole sentence that names people, in bold."""

    text: str | Rich


@dataclass(frozen=True)
class Command:
    """Something to type to the bot, written Slack's way ("/mentorat statut"); Teams drops the slash."""

    text: str


# What an address may keep as is: the reserved characters of RFC 3986 but those that mean something to a
# chat's markup (< > | ( ) [ ] and quotes, spaces), and `%` for what was already escaped.
URL_SAFE = "/:?#@!$&*+,;=%~-._"


@dataclass(frozen=True)
class Link:
    url: str
    label: str

    @property
    def safe_url(self) -> str:
        """The address with every character that could end or bend a platform's link markup escaped
        (Slack's `<url|label>`, markdown's `[label](url)`): a typed link stays one link."""
        return quote(self.url, safe=URL_SAFE)


@dataclass(frozen=True)
class Moment:
    """An instant, with how the reader reads it (their language and time zone). A platform that shows
    dates itself may use `at`; both show `text` today, so Slack and Teams read the same date."""

    at: datetime
    text: str

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)  # inside a plain sentence, a date is its words

    def __str__(self) -> str:
        return self.text


Inline: TypeAlias = str | Mention | Strong | Command | Link | Moment
# The catalogue's own markup, for translators: *bold* and `something to type`. Nothing else is markup:
# what fills a placeholder is never read as markup (a name, a typed title stay as they are).
_MARKUP = re.compile(r"(?<![*\w])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![*\w])|`([^`\n]+)`")


@dataclass(frozen=True)
class Rich:
    """A sentence as a sequence of inline runs; each platform renders them (handlers/*/render)."""

    runs: tuple[Inline, ...] = ()

    def __format__(self, spec: str) -> str:
        raise TypeError("Rich text is rendered by each platform, never formatted into a string")

    def __add__(self, other: Rich | Inline) -> Rich:
        return Rich(self.runs + (other.runs if isinstance(other, Rich) else (other,)))

    def __bool__(self) -> bool:
        return any(run for run in self.runs if not isinstance(run, str) or run)

    @staticmethod
    def markup(template: str) -> Rich:
        """The catalogue's markup (*bold*, `command`) as runs."""
        runs: list[Inline] = []
        at = 0
        for found in _MARKUP.finditer(template):
            runs.append(template[at:found.start()])
            runs.append(Strong(found.group(1)) if found.group(1) is not None else Command(found.group(2)))
            at = found.end()
        runs.append(template[at:])
        return Rich(tuple(run for run in runs if run != ""))

    @staticmethod
    def join(separator: str, parts: Iterable[Text | Inline]) -> Rich:
        runs: list[Inline] = []
        for index, part in enumerate(parts):
            if index:
                runs.append(separator)
            runs.extend(as_rich(part).runs if isinstance(part, (str, Rich)) else (part,))
        return Rich(tuple(runs))

    def rstrip(self) -> Rich:
        """Without the blank at its end (a placeholder left empty at the end of a template)."""
        runs = list(self.runs)
        while runs and isinstance(runs[-1], str) and not runs[-1].strip():
            runs.pop()
        if runs and isinstance(runs[-1], str):
            runs[-1] = runs[-1].rstrip()
        return Rich(tuple(runs))

    def plain(self) -> str:
        """Without markup: names as names (a notification preview, a plain-text label, a PDF)."""
        return "".join(_plain(run) for run in self.runs)


def _plain(run: Inline) -> str:
    if isinstance(run, str):
        return run
    if isinstance(run, Mention):
        return run.name or "?"
    if isinstance(run, Link):
        return run.label
    if isinstance(run, Strong):
        return run.text if isinstance(run.text, str) else run.text.plain()
    return run.text  # a command, a date: their words


# A message's text: catalogue text (its *bold* and `commands` are markup) or a Rich sentence.
Text: TypeAlias = str | Rich


def as_rich(text: Text) -> Rich:
    return text if isinstance(text, Rich) else Rich.markup(text)


def plain(text: Text) -> str:
    return as_rich(text).plain()


def as_typed(text: Text) -> str:
    """A literal section's body: what a person typed, never read as markup (a `str` comes back unchanged)."""
    return text if isinstance(text, str) else text.plain()


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # an action key, e.g. "convention-accept"; each platform maps it to its own ids
    value: str
    style: str | None = None  # "primary" | "danger" | None


@dataclass(frozen=True)
class Section:
    title: str | None
    body: Text
    literal: bool = False  # text a person typed: shown exactly as typed, never as markup or mentions
    items: tuple[Text, ...] = ()  # a list under the body (each item as typed too, with `literal`)

    def lines(self, render: Callable[[Text], str], typed: Callable[[str], str], bullet: str) -> str:
        """The body, then one line per item, each rendered by the platform (`typed` for what people typed)."""
        shown = (typed(as_typed(self.body)) if self.literal else render(self.body)) if self.body else ""
        marked = [bullet + (typed(as_typed(item)) if self.literal else render(item)) for item in self.items]
        return "\n".join(part for part in (shown, *marked) if part)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message, e.g. the .ics invitation of a confirmed meeting."""

    filename: str
    content: str | bytes  # text (an .ics) or bytes (a PDF)
    title: str


@dataclass(frozen=True)
class Message:
    text: Text  # the headline, also the notification fallback
    sections: tuple[Section, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    context: Text | None = None
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
