"""Thanks from the mentee to the mentor, and news after the end: words only the two of them read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services import audit, outbox
from bot.services.bilans import BILAN_OPEN_STATUSES
from bot.services.convention_choice import pick
from bot.services.conventions import get_convention
from bot.services.errors import Conflict, NotAllowed, NotFound
from bot.services.policy import Act, part_in, require
from bot.services.typed_text import optional_text, required_text
from storage.models import Convention, Gratitude, Person

TEXT_LIMIT = 3000
THANKS = "thanks"
NEWS = "news"
RECEIVED = {THANKS: "thanks_received", NEWS: "news_received"}


def mentee_convention(session: Session, person: Person, convention_id: int | None = None) -> Convention:
    """The convention in which the person is the mentee and may write to the mentor (running or over)."""
    if convention_id is not None:
        convention = get_convention(session, convention_id)
        if part_in(convention, person) is None:
            raise NotAllowed("thanks.not_yours")
        require(session, person, Act.THANKS_SEND, convention)
    else:
        mentor_of = session.scalar(select(func.count(Convention.id)).where(Convention.mentor_id == person.id))
        none = NotAllowed("thanks.mentee_only") if mentor_of else NotFound("thanks.no_convention")
        convention = pick(session, person, Act.THANKS_SEND, [BILAN_OPEN_STATUSES], convention_id=None, none=none)
    if convention.status not in BILAN_OPEN_STATUSES:
        raise Conflict("thanks.not_signed")
    return convention


def thanked(session: Session, convention: Convention) -> bool:
    return bool(session.scalar(select(func.count(Gratitude.id)).where(
        Gratitude.convention_id == convention.id, Gratitude.kind == THANKS)))


def send(session: Session, *, person: Person, convention_id: int | None, kind: str, message: str,
         achievements: str, now: datetime) -> Gratitude:
    """Keep the words and send them to the mentor at once."""
    convention = mentee_convention(session, person, convention_id)
    text = required_text(message, field="message", limit=TEXT_LIMIT, missing="error.thanks.missing",
                         too_long=N_("error.thanks.too_long"))
    extra = optional_text(achievements, field="achievements", limit=TEXT_LIMIT, too_long=N_("error.thanks.too_long"))
    gratitude = Gratitude(convention_id=convention.id, author_id=person.id, kind=kind, message=text,
                          achievements=extra, created_at=now)
    session.add(gratitude)
    session.flush()
    outbox.enqueue(session, kind=RECEIVED[kind], recipient_id=convention.mentor_id, convention_id=convention.id,
                   due_at=now, now=now, essential=True, payload={"gratitude_id": gratitude.id},
                   dedupe_key=f"{RECEIVED[kind]}:{gratitude.id}")
    audit.record(session, convention, f"gratitude.{kind}", person, now)
    return gratitude
