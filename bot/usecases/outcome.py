"""What a use case hands back to its front end once the person's action is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.notify import Message, Notifier
from bot.services.meeting_messages import retire_messages
from storage.db import SessionFactory


@dataclass(frozen=True)
class Retire:
    """Earlier messages about these meetings whose buttons no longer apply: they are replaced by a
    version without buttons that says `key` (after the commit: a slow platform must not hold the database)."""

    purpose: str  # the message_refs purpose, e.g. "meeting_proposal"
    meeting_ids: tuple[int, ...]
    key: str
    skip_person: int | None = None  # the person who acted: their own copy is the one being answered


@dataclass(frozen=True)
class Done:
    """An action carried out: the answer to show the person, the convention it changed (whose views to
    refresh), the messages to retire. `changed` is False when nothing was written (a second click)."""

    reply: Message
    convention_id: int
    retire: tuple[Retire, ...] = ()
    changed: bool = True


class RetireDeps(Protocol):
    session_factory: SessionFactory
    notifier: Notifier


def retire_stale(deps: RetireDeps, done: Done) -> None:
    """After the commit: replace the messages whose buttons no longer apply (see `Retire`)."""
    for retire in done.retire:
        retire_messages(deps.session_factory, deps.notifier, retire.purpose, list(retire.meeting_ids), retire.key,
                        skip_person=retire.skip_person)
