"""The programme's coordination, from Slack or Teams: who coordinates, adding and removing someone.
Only a coordinator of the programme (or an admin of its workspace) may read or change the list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_
from bot.i18n.rich import names_or_none, rt
from bot.notify import Rich
from bot.services import coordination
from bot.services.people import mention
from bot.services.roles import CoordinatorRule
from storage.models import Person


def listed(session: Session, actor: Actor, rule: CoordinatorRule) -> Rich:
    """The coordinators, named (asking is refused to anyone outside the coordination)."""
    names = coordination.coordinators_of(session, by=actor.person, programme=actor.programme, rule=rule)
    return names_or_none(actor.lang, names)


def add(session: Session, actor: Actor, now: datetime, rule: CoordinatorRule, person: Person) -> Rich:
    added = coordination.add(session, by=actor.person, programme=actor.programme, person=person, rule=rule, now=now)
    return rt(actor.lang, N_("coord.added") if added else N_("coord.already"), name=mention(person))


def remove(session: Session, actor: Actor, rule: CoordinatorRule, person: Person) -> Rich:
    """Someone coordinating by right (a workspace admin, a listed id) stays: the answer says why."""
    removal = coordination.remove(session, by=actor.person, programme=actor.programme, person=person, rule=rule)
    return rt(actor.lang, removal.text_key, name=mention(person))
