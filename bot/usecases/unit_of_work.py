"""One unit of work per user action: a database transaction and the person acting in it.

`acting(deps, caller)` opens the session and admits the caller. Admitting writes: on a person's
first request it records their workspace, the workspace's default programme and their person row,
and it refreshes a stale profile from the platform. Both front ends open every action this way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.clock import Clock
from bot.services import people
from bot.services.programmes import ProgrammeDefaults, default_programme, known_member
from bot.services.roles import CoordinatorRule, roles_of
from storage.db import SessionFactory, session_scope
from storage.models import Person


class UnitDeps(Protocol):
    session_factory: SessionFactory
    clock: Clock
    rule: CoordinatorRule
    defaults: ProgrammeDefaults


@dataclass(frozen=True)
class Caller:
    """Who a verified request comes from, as its platform names them.

    `profile`: what the request itself says about the person (Teams sends it on every activity).
    `lookup`: how to read a fresh profile when ours is stale (Slack's users.info); it may raise a
    domain error (a deactivated account). `admitted`: a platform's own bookkeeping once the person
    is known (Teams remembers the conversation to write to them later). `fresh`: look the profile up
    even when it is recent (a privileged act re-reads the admin flag).
    """

    platform: str
    team_id: str
    user_id: str
    profile: people.PersonProfile | None = None
    lookup: Callable[[], people.PersonProfile] | None = None
    admitted: Callable[[Session, Person], None] | None = None
    fresh: bool = False


def admit(session: Session, deps: UnitDeps, caller: Caller) -> Actor:
    """The caller as an Actor of their workspace's programme, recorded on first contact (see the module)."""
    now = deps.clock.now()
    found = known_member(session, platform=caller.platform, workspace_id=caller.team_id, user_id=caller.user_id)
    if found is not None:
        workspace, programme, person = found
    else:
        workspace = people.ensure_workspace(session, platform=caller.platform, external_id=caller.team_id, now=now)
        programme = default_programme(session, workspace, deps.defaults, now=now)
        person = people.ensure_person(session, workspace, caller.user_id, now=now)
    if caller.profile is not None and people.profile_differs(person, caller.profile):
        people.apply_profile(person, caller.profile, now=now)
    elif caller.lookup is not None and (caller.fresh or people.profile_is_stale(person, now)):
        people.apply_profile(person, caller.lookup(), now=now)
    if caller.admitted is not None:
        caller.admitted(session, person)
    lang = people.language_of(person, programme.language)
    tz = people.timezone_of(person, programme.timezone)
    return Actor(workspace, programme, person, lang, tz, lambda: roles_of(session, person, programme, deps.rule))


@contextmanager
def acting(deps: UnitDeps, caller: Caller) -> Iterator[tuple[Session, Actor]]:
    """`with acting(deps, caller) as (session, actor):` commit when the block ends, roll back on any error."""
    with session_scope(deps.session_factory) as session:
        yield session, admit(session, deps, caller)
