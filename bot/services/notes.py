"""Private notes: their author reads them; the partner only when the author shares one.

Coordinators never read notes: no function here takes a coordinator, and figures count notes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, outbox
from bot.services.errors import NotFound
from bot.services.meetings import AGENDA_LIMIT, get_meeting, other_side, plannable_convention
from bot.services.policy import Act, require
from bot.services.typed_text import required_text, row_id
from storage.models import Convention, Meeting, Note, Person

NOTE_LIMIT = AGENDA_LIMIT


def add_note(session: Session, *, person: Person, body: str, share: bool, now: datetime,
             meeting_id: int | None = None, convention_id: int | None = None) -> Note:
    body = required_text(body, field="body", limit=NOTE_LIMIT, missing="error.note.empty", too_long=N_("error.note.long"))
    if meeting_id is not None:
        convention: Convention = get_meeting(session, meeting_id, person).convention
    elif convention_id is not None:
        found = session.get(Convention, convention_id)
        if found is None:
            raise NotFound("meeting.not_yours")
        convention = found
        require(session, person, Act.NOTE_WRITE, convention)
    else:
        convention = plannable_convention(session, person)
    require(session, person, Act.NOTE_WRITE, convention)
    note = Note(convention_id=convention.id, author_id=person.id, meeting_id=meeting_id, body=body,
                shared_at=now if share else None, created_at=now, updated_at=now)
    session.add(note)
    session.flush()
    if share:
        _tell_partner(session, convention, person, note, now)
    audit.record(session, convention, "note.shared" if share else "note.written", person, now)
    return note


def _tell_partner(session: Session, convention: Convention, author: Person, note: Note, now: datetime) -> None:
    partner = other_side(convention, author)
    outbox.enqueue(session, kind="note_shared", recipient_id=partner.id, convention_id=convention.id,
                   due_at=now, now=now, essential=False, payload={"note": note.id},
                   dedupe_key=f"note_shared:{note.id}")


@dataclass(frozen=True)
class VisibleNote:
    note: Note
    mine: bool


def visible_notes(session: Session, person: Person, convention: Convention, limit: int = 10) -> list[VisibleNote]:
    """The person's own notes and the ones their partner shared, newest first."""
    require(session, person, Act.NOTE_READ, convention)
    rows = session.scalars(
        select(Note).where(Note.convention_id == convention.id,
                           or_(Note.author_id == person.id,
                               and_(Note.author_id != person.id, Note.shared_at.is_not(None))))
        .order_by(Note.created_at.desc(), Note.id.desc()).limit(limit)
    )
    return [VisibleNote(n, n.author_id == person.id) for n in rows]


@dataclass(frozen=True)
class NoteTarget:
    """Where a new note goes: a meeting of the pair, or the convention as a whole."""

    convention: Convention
    meeting: Meeting | None


def note_target(session: Session, person: Person, value: str) -> NoteTarget:
    """What a "write a note" button is about: "meeting:<id>" or a bare meeting id (after the check-in),
    "convention:<id>" (the notes list). Only the pair may write there; an unreadable value is nobody's."""
    kind, _, raw = value.partition(":")
    target = row_id(raw if raw else kind)
    if target is None:
        raise NotFound("meeting.not_yours")
    if kind == "convention":
        return NoteTarget(plannable_convention(session, person, target), None)
    meeting = get_meeting(session, target, person)
    return NoteTarget(meeting.convention, meeting)
