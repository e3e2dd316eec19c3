"""Writing to the durable outbox (the `reminders` table). Delivery lives in scheduling/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.db import dialect_insert, rows_changed
from storage.models import Reminder, ReminderStatus


def enqueue(
    session: Session,
    *,
    kind: str,
    recipient_id: int,
    due_at: datetime,
    dedupe_key: str,
    now: datetime,
    convention_id: int | None = None,
    meeting_id: int | None = None,
    essential: bool = False,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Add one message to send; a second call with the same dedupe key changes nothing.

    Returns True when a row was written.
    """
    insert = dialect_insert(session)
    result = session.execute(
        insert(Reminder)
        .values(
            kind=kind,
            recipient_id=recipient_id,
            convention_id=convention_id,
            meeting_id=meeting_id,
            due_at=due_at,
            status=ReminderStatus.PENDING,
            essential=essential,
            attempts=0,
            dedupe_key=dedupe_key,
            payload=payload or {},
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    return bool(rows_changed(result))
