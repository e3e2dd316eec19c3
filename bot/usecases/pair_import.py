"""Bulk pairing as a coordinator: each good line of a CSV makes a convention, the others are reported.

Shared by the Slack form (handlers/slack/pair_import.py) and `mentorat import-pairs`. What depends on
the platform (who the coordinator is, who a line names, sending the invitations) comes in an
`ImportPort` built by the caller; the rules are bot/services/pair_import.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.clock import Clock
from bot.i18n.dates import local_date
from bot.i18n.errors import error_text
from bot.i18n.rich import rt
from bot.notify import Rich, Text
from bot.services import pair_import
from bot.services.errors import DomainError
from bot.services.import_text import import_done
from bot.services.roles import CoordinatorRule
from storage.db import SessionFactory, session_scope
from storage.models import Person


@dataclass(frozen=True)
class ImportPort:
    coordinator: Callable[[Session], Actor]  # who imports, inside the unit of work
    member: Callable[[Session, Actor, str], Person]  # a member id on a line -> the person, profile fresh
    deliver: Callable[[], object]  # send the invitations just queued, after commit


@dataclass(frozen=True)
class ImportOutcome:
    text: Text  # the summary, then one line per refused line, in the coordinator's language
    refused: int


def import_text(sessions: SessionFactory, clock: Clock, rule: CoordinatorRule, port: ImportPort,
                text: str) -> ImportOutcome:
    """Import the lines as the port's coordinator, in one unit of work (each line its own savepoint)."""
    now = clock.now()
    with session_scope(sessions) as session:
        actor = port.coordinator(session)
        result = pair_import.import_pairs(
            session, programme=actor.programme, coordinator=actor.person, text=text,
            resolve=lambda member: port.member(session, actor, member),
            today=local_date(now, actor.tz), now=now, rule=rule)
        lang, tz = actor.lang, actor.tz
    lines = import_summary(lang, tz, result)
    if result.created or result.enrolled or result.updated:  # the invitations, or "your profile was loaded"
        port.deliver()
    return ImportOutcome(Rich.join("\n", lines), len(result.bad))


def import_summary(lang: str, tz: str, result: pair_import.ImportResult) -> list[Text]:
    """What the coordinator reads: the counts, then each refused line and why."""
    lines: list[Text] = [import_done(lang, result)]
    return lines + [rt(lang, "import.bad_line", line=b.line, reason=_reason(lang, tz, b.error, result.profiles))
                    for b in result.bad]


def _reason(lang: str, tz: str, error: DomainError, profiles: bool) -> Text:
    """Why a line was refused; a profile line's reason names its column (the form's field)."""
    reason = error_text(lang, tz, error)
    if profiles and error.field and error.field != "file":
        return rt(lang, "import.reason.in_column", column=error.field, reason=reason)
    return reason
