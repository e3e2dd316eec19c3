"""The person behind a request, whatever the chat platform: their programme, language, time zone, roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Protocol

from bot.clock import Clock
from bot.i18n.dates import local_date
from bot.services.roles import Role
from storage.models import Person, Programme, Workspace


class HasClock(Protocol):
    clock: Clock


@dataclass
class Actor:
    workspace: Workspace
    programme: Programme
    person: Person
    lang: str
    tz: str
    # Read on first use, inside the unit of work: most actions never ask (the services ask the policy).
    read_roles: Callable[[], set[Role]] = field(repr=False)

    @cached_property
    def roles(self) -> set[Role]:
        return self.read_roles()

    def today(self, deps: HasClock) -> date:
        return self.today_at(deps.clock.now())

    def today_at(self, now: datetime) -> date:
        """The date it is for this person at `now` (their time zone)."""
        return local_date(now, self.tz)
