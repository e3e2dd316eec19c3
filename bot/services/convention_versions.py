"""The versions of a programme's convention: the terms and wording a pair is sent, frozen once written.

A programme's settings change freely; a convention keeps the version it was sent with. `current` is the
version the next pairs get: a new one is written only when the terms or the wording changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import ConventionVersion, Person, Programme

# "privacy": who answers for the personal data (named in the convention's privacy paragraph).
PART_NAMES = ("organisation", "contact", "privacy", "clause_fr", "clause_en")


def _terms(programme: Programme) -> dict[str, Any]:
    return {"programme_name": programme.name, "length_months": programme.length_months,
            "meeting_every_days": programme.meeting_every_days,
            "meeting_min_minutes": programme.meeting_min_minutes,
            "meeting_max_minutes": programme.meeting_max_minutes,
            "closing_notice_days": programme.closing_notice_days,
            "text_retention_months": programme.text_retention_months,
            "audit_retention_months": programme.audit_retention_months,
            "parts": {k: v for k, v in (programme.convention_parts or {}).items() if k in PART_NAMES and v}}


def _as_written(version: ConventionVersion) -> dict[str, Any]:
    return {"programme_name": version.programme_name, "length_months": version.length_months,
            "meeting_every_days": version.meeting_every_days, "meeting_min_minutes": version.meeting_min_minutes,
            "meeting_max_minutes": version.meeting_max_minutes, "closing_notice_days": version.closing_notice_days,
            "text_retention_months": version.text_retention_months,
            "audit_retention_months": version.audit_retention_months, "parts": dict(version.parts or {})}


def latest(session: Session, programme: Programme) -> ConventionVersion | None:
    return session.scalars(select(ConventionVersion).where(ConventionVersion.programme_id == programme.id)
                           .order_by(ConventionVersion.number.desc()).limit(1)).first()


def current(session: Session, programme: Programme, *, now: datetime, by: Person | None = None) -> ConventionVersion:
    """The version the next convention of this programme is sent with (written when the settings changed)."""
    found = latest(session, programme)
    terms = _terms(programme)
    if found is not None and _as_written(found) == terms:
        return found
    number = (found.number if found is not None else 0) + 1  # `latest` is the highest number already
    version = ConventionVersion(programme_id=programme.id, number=number, created_by_id=by.id if by else None,
                                created_at=now, **terms)
    try:
        with session.begin_nested():
            session.add(version)
    except IntegrityError:  # a concurrent pairing wrote it first: the same terms, read theirs
        written = latest(session, programme)
        assert written is not None
        return written
    return version


def clause(version: ConventionVersion, lang: str) -> str:
    """The programme's extra clause in the reader's language, else in the other one."""
    parts = version.parts or {}
    return str(parts.get(f"clause_{lang}") or parts.get("clause_fr") or parts.get("clause_en") or "")
