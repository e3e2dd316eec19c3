"""The SQL storage of Teams conversation references (the SDK ships none on SQL).

A reference is saved each time a person writes to the bot; the notifier reads it to message them
later. People who never wrote get a 1:1 conversation created on the tenant's service URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.teams.incoming import Incoming
from storage.models import Person, TeamsConversation


@dataclass(frozen=True)
class Reference:
    """Everything needed to message one person, read out of the session."""

    person_id: int
    user_external_id: str
    conversation_id: str | None
    service_url: str
    tenant_id: str
    bot_id: str
    reference: dict[str, Any]


def remember(session: Session, person: Person, incoming: Incoming, now: datetime) -> None:
    row = session.scalars(select(TeamsConversation).where(TeamsConversation.person_id == person.id)).one_or_none()
    if row is None:
        row = TeamsConversation(person_id=person.id, created_at=now)
        session.add(row)
    row.teams_user_id = incoming.teams_user_id or row.teams_user_id
    row.conversation_id = incoming.conversation_id
    row.service_url = incoming.service_url
    row.tenant_id = incoming.tenant_id
    row.bot_id = incoming.bot_id
    row.reference = incoming.reference
    row.updated_at = now


def remember_created(session: Session, person_id: int, *, conversation_id: str, service_url: str, tenant_id: str,
                     bot_id: str, now: datetime) -> None:
    """A conversation the bot opened itself (the person had not written yet)."""
    row = session.scalars(select(TeamsConversation).where(TeamsConversation.person_id == person_id)).one_or_none()
    if row is None:
        row = TeamsConversation(person_id=person_id, created_at=now, reference={})
        session.add(row)
    row.conversation_id = conversation_id
    row.service_url = service_url
    row.tenant_id = tenant_id
    row.bot_id = bot_id
    row.updated_at = now


def reference_for(session: Session, person: Person) -> Reference | None:
    """The person's own conversation, or the way to open one: the tenant's latest service URL."""
    own = session.scalars(select(TeamsConversation).where(TeamsConversation.person_id == person.id)).one_or_none()
    if own is not None:
        return Reference(person.id, person.external_id, own.conversation_id, own.service_url, own.tenant_id,
                         own.bot_id, dict(own.reference or {}))
    known = session.scalars(
        select(TeamsConversation)
        .join(Person, Person.id == TeamsConversation.person_id)
        .where(Person.workspace_id == person.workspace_id)
        .order_by(TeamsConversation.updated_at.desc())
        .limit(1)
    ).first()
    if known is None:
        return None
    return Reference(person.id, person.external_id, None, known.service_url, known.tenant_id, known.bot_id, {})
