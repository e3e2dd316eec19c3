"""The audit trail: who did what to a convention, and when. Never the words people typed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.models import AuditEvent, Convention, Person, Programme


def record(session: Session, convention: Convention, action: str, actor: Person | None, now: datetime,
           **detail: object) -> None:
    session.add(AuditEvent(at=now, workspace_id=convention.programme.workspace_id,
                           actor_id=actor.id if actor else None, action=action, convention_id=convention.id,
                           detail=dict(detail)))


def record_for_programme(session: Session, programme: Programme, action: str, actor: Person | None, now: datetime,
                         **detail: object) -> None:
    """An act on the programme rather than a convention (an enrolment, a setting): ids only."""
    session.add(AuditEvent(at=now, workspace_id=programme.workspace_id, actor_id=actor.id if actor else None,
                           action=action, convention_id=None, detail={"programme": programme.id, **detail}))
