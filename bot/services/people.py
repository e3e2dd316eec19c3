"""Workspaces and people: who is who, in which language and time zone."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.i18n import normalise_language
from bot.notify import Mention
from storage.db import dialect_insert
from storage.models import Person, Reminder, Workspace

PROFILE_TTL = timedelta(hours=12)


@dataclass(frozen=True)
class PersonProfile:
    """What the chat platform tells us about a person (Slack's users.info)."""

    external_id: str
    name: str
    timezone: str | None = None
    locale: str | None = None
    is_admin: bool = False
    is_bot: bool = False
    deleted: bool = False


def ensure_workspace(session: Session, *, platform: str, external_id: str, now: datetime, name: str = "") -> Workspace:
    """Get or create, safe under concurrent first requests (INSERT … ON CONFLICT DO NOTHING).

    Reads first: most requests find it, and a read takes no write lock (SQLite).
    """
    found = session.scalars(
        select(Workspace).where(Workspace.platform == platform, Workspace.external_id == external_id)
    ).one_or_none()
    if found is not None:
        return found
    insert = dialect_insert(session)
    session.execute(
        insert(Workspace)
        .values(platform=platform, external_id=external_id, name=name, created_at=now)
        .on_conflict_do_nothing(index_elements=["platform", "external_id"])
    )
    return session.scalars(
        select(Workspace).where(Workspace.platform == platform, Workspace.external_id == external_id)
    ).one()


def find_person(session: Session, workspace: Workspace, external_id: str) -> Person | None:
    return session.scalars(
        select(Person).where(Person.workspace_id == workspace.id, Person.external_id == external_id)
    ).one_or_none()


def display_names(session: Session, workspace: Workspace, external_ids: Iterable[str]) -> dict[str, str]:
    """The names the bot knows for these ids in the workspace (people it never read a name for are left out)."""
    wanted = {value.strip().lower() for value in external_ids if value and value.strip()}
    if not wanted:
        return {}
    found = session.execute(select(Person.external_id, Person.display_name).where(
        Person.workspace_id == workspace.id, Person.external_id.in_(wanted), Person.display_name != ""))
    return {external_id: name for external_id, name in found}


def ensure_person(session: Session, workspace: Workspace, external_id: str, *, now: datetime) -> Person:
    """A person row for an id, created bare if new (its profile is filled by `apply_profile`)."""
    found = find_person(session, workspace, external_id)
    if found is not None:
        return found
    insert = dialect_insert(session)
    session.execute(
        insert(Person)
        .values(workspace_id=workspace.id, external_id=external_id, display_name="", created_at=now)
        .on_conflict_do_nothing(index_elements=["workspace_id", "external_id"])
    )
    person = find_person(session, workspace, external_id)
    assert person is not None
    return person


def known_zone(name: str | None) -> str | None:
    """The IANA zone if it exists here, else None: a zone comes from a client (Teams sends the device's) and
    an unknown one must never reach ZoneInfo in the planner or the outbox, where it would stop everyone's."""
    if not name or len(name) > 64:
        return None
    return name if _zone_exists(name) else None


@functools.lru_cache(maxsize=512)
def _zone_exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def apply_profile(person: Person, profile: PersonProfile, *, now: datetime) -> Person:
    person.display_name = profile.name or person.display_name
    person.timezone = known_zone(profile.timezone) or person.timezone
    person.locale = profile.locale or person.locale
    person.is_workspace_admin = profile.is_admin
    person.is_bot = profile.is_bot
    person.profile_refreshed_at = now
    return person


def profile_differs(person: Person, profile: PersonProfile) -> bool:
    """Whether a profile sent with a request would change the row (Teams sends one on every activity)."""
    wanted = (profile.name or person.display_name, known_zone(profile.timezone) or person.timezone,
              profile.locale or person.locale)
    return (person.display_name, person.timezone, person.locale) != wanted


def profile_is_stale(person: Person, now: datetime) -> bool:
    return person.profile_refreshed_at is None or now - person.profile_refreshed_at > PROFILE_TTL


def language_of(person: Person | None, default: str) -> str:
    """An explicit choice wins, then the platform locale, then the programme's language."""
    if person is None:
        return default
    if person.language_choice:
        return person.language_choice
    return normalise_language(person.locale, default) if person.locale else default


def timezone_of(person: Person, default: str) -> str:
    return known_zone(person.timezone) or default


def set_language(person: Person, language: str) -> None:
    person.language_choice = language


def mention(person: Person | None) -> Mention | str:
    """How a message names a person: data each platform renders (Slack a mention, Teams the name)."""
    return Mention(person.external_id, person.display_name) if person else "?"


def remember_dm_channel(session: Session, person_id: int, channel: str) -> None:
    """Keep the DM channel a send went to, so that no process has to open it again."""
    person = session.get(Person, person_id)
    if person is not None and channel and person.dm_channel != channel:
        person.dm_channel = channel


def forget_people(session: Session, persons: list[Person]) -> None:
    """Delete people and their reminders (the outbox has no foreign key to cascade from).

    One statement for all of them: the outbox has no index on every recipient, so each delete scans it.
    """
    if not persons:
        return
    session.execute(delete(Reminder).where(Reminder.recipient_id.in_([p.id for p in persons])))
    for person in persons:
        session.delete(person)
