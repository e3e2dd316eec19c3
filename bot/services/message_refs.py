"""Where the bot posted a message with buttons, so the buttons can be retired once they are stale."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.notify import Delivered
from storage.db import dialect_insert
from storage.models import MessageRef, Person


def remember_message(session: Session, purpose: str, subject_id: int, person_id: int, delivered: Delivered,
                     now: datetime) -> None:
    insert = dialect_insert(session)
    stmt = insert(MessageRef).values(purpose=purpose, subject_id=subject_id, person_id=person_id,
                                     channel=delivered.channel, ts=delivered.ts, created_at=now)
    session.execute(stmt.on_conflict_do_update(index_elements=["purpose", "subject_id", "person_id"],
                                               set_={"channel": delivered.channel, "ts": delivered.ts}))


def messages_about(session: Session, purpose: str, subject_ids: list[int]) -> list[MessageRef]:
    if not subject_ids:
        return []
    return list(session.scalars(select(MessageRef).where(MessageRef.purpose == purpose,
                                                         MessageRef.subject_id.in_(subject_ids))))


def delivered_at(ref: MessageRef, person: Person) -> Delivered:
    """Where a remembered message is, as its platform's notifier addresses it (Slack needs the team's token)."""
    workspace = person.workspace
    return Delivered(ref.channel, ref.ts, platform=workspace.platform, workspace=workspace.external_id)
