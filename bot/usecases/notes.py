"""Notes, from Slack or Teams: `notes` (the list, or a private note typed after the command) and the
note form. A note is read by its author, and by the other side only when its author shares it;
coordinators never read one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.notify import Rich, Text
from bot.services import meetings, notes
from bot.services.meeting_messages import note_heading, note_intro, note_saved
from storage.models import Convention, Person


@dataclass(frozen=True)
class NotesView:
    """The person's notes and those their partner shared, newest first: (heading, text as typed)."""

    convention: Convention
    lines: list[tuple[Rich, str]]


@dataclass(frozen=True)
class NoteFormView:
    """Where the note goes, who may read it if shared, and what the form says of it."""

    target_of: notes.NoteTarget
    other: Person
    about: str


def shown(session: Session, actor: Actor, convention_id: int | None = None) -> NotesView:
    convention = meetings.plannable_convention(session, actor.person, convention_id)
    other = meetings.other_side(convention, actor.person)
    found = notes.visible_notes(session, actor.person, convention)
    return NotesView(convention, [(note_heading(n, actor.lang, actor.tz, other), n.note.body) for n in found])


def keep_private(session: Session, actor: Actor, now: datetime, typed: str) -> str:
    """`notes <text>`: a private note about the current convention, kept at once."""
    notes.add_note(session, person=actor.person, body=typed, share=False, now=now)
    return t(actor.lang, "note.saved.private")


def note_form(session: Session, actor: Actor, target: str) -> NoteFormView:
    found = notes.note_target(session, actor.person, target)  # only the pair may write there
    return NoteFormView(found, meetings.other_side(found.convention, actor.person),
                        note_intro(found.meeting, actor.lang, actor.tz))


def save_note(session: Session, actor: Actor, now: datetime, target: str, body: str, share: bool) -> Text:
    """The form's note; its target is checked again (a form's hidden value is the client's claim)."""
    found = notes.note_target(session, actor.person, target)
    note = notes.add_note(session, person=actor.person, body=body, share=share, now=now,
                          meeting_id=found.meeting.id if found.meeting else None, convention_id=found.convention.id)
    return note_saved(session, note, actor.person, actor.lang)
