"""Files offered behind unguessable, expiring links (a meeting's .ics, a final report's PDF).

Teams bots cannot drop a file into a chat without a consent round-trip, so a Teams card links to
`GET /files/<token>` instead. The token is 256 random bits; only the person it was made for gets it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.notify import Attachment
from storage.db import rows_changed
from storage.models import SharedFile

LIFETIME = timedelta(days=30)
TYPES = {".ics": "text/calendar; charset=utf-8", ".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8",
         ".png": "image/png"}


def content_type_of(filename: str) -> str:
    return next((kind for suffix, kind in TYPES.items() if filename.lower().endswith(suffix)),
                "application/octet-stream")


def share(session: Session, person_id: int, attachment: Attachment, now: datetime) -> str:
    content = attachment.content.encode() if isinstance(attachment.content, str) else attachment.content
    token = secrets.token_urlsafe(32)
    session.add(SharedFile(token=token, person_id=person_id, filename=attachment.filename,
                           content_type=content_type_of(attachment.filename), content=content,
                           created_at=now, expires_at=now + LIFETIME))
    return token


def fetch(session: Session, token: str, now: datetime) -> SharedFile | None:
    if not token or len(token) > 64:
        return None
    found = session.scalars(select(SharedFile).where(SharedFile.token == token)).one_or_none()
    return found if found is not None and found.expires_at > now else None


def purge_expired(session: Session, now: datetime) -> int:
    return rows_changed(session.execute(delete(SharedFile).where(SharedFile.expires_at <= now))) or 0
