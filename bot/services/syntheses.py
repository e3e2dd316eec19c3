"""The corporate method's synthesis report: near the end the mentor writes it from a form prefilled from the
convention (the agendas of the meetings held, the objectives and their results, the road map's axes); the
mentee reads it and approves it, or asks for changes with a comment back to the mentor. Only once approved
does it go, as a message and a PDF, to the mentee and the programme's management, and to the manager if the
mentee agrees. Nothing the mentee did not approve leaves the pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.i18n import N_, labels, t
from bot.services import audit, outbox
from bot.services.conventions import get_convention
from bot.services.direction import direction_of
from bot.services.errors import Conflict, InvalidInput
from bot.services.objectives import of_convention
from bot.services.policy import Act, require
from bot.services.road_maps import road_map_of
from bot.services.typed_text import optional_text, required_text
from storage.db import rows_changed
from storage.models import Convention, ConventionStatus, Meeting, MeetingStatus, Person, Synthesis

TEXT_LIMIT = 3000
COMMENT_LIMIT = 1000
SUBMITTED, CHANGES, APPROVED = "submitted", "changes", "approved"
REVIEW, CHANGES_ASKED, DELIVERED, PROMPT = "synthesis_review", "synthesis_changes", "synthesis_delivered", \
    "synthesis_prompt"
RESTITUTION_PROMPT = "restitution_prompt"
WRITABLE = (ConventionStatus.ACTIVE, ConventionStatus.CLOSING)


@dataclass(frozen=True)
class SynthesisDraft:
    points: str
    results: str
    axes: str
    follow_up: str


def synthesis_of(session: Session, convention: Convention) -> Synthesis | None:
    return session.scalars(select(Synthesis).where(Synthesis.convention_id == convention.id)).first()


def prefill(session: Session, convention: Convention, lang: str) -> SynthesisDraft:
    """What the convention already says, one item a line for the mentor to keep, edit or remove."""
    agendas = session.scalars(select(Meeting.agenda).where(
        Meeting.convention_id == convention.id, Meeting.status == MeetingStatus.HELD,
        Meeting.agenda.is_not(None)).order_by(Meeting.starts_at))
    points = [" ".join(agenda.split())[:200] for agenda in agendas if agenda and agenda.strip()]
    results = [f"{o.title} — {t(lang, labels.OBJECTIVE_STATUS[o.status])}, {o.progress} %"
               for o in of_convention(session, convention)]
    road_map = road_map_of(session, convention)
    return SynthesisDraft("\n".join(points), "\n".join(results), road_map.axes if road_map else "", "")


def draft_of(session: Session, convention: Convention, lang: str) -> SynthesisDraft:
    found = synthesis_of(session, convention)
    if found is None:
        return prefill(session, convention, lang)
    return SynthesisDraft(found.points, found.results, found.axes, found.follow_up)


def _writable(session: Session, convention: Convention, person: Person) -> Synthesis | None:
    require(session, person, Act.SYNTHESIS_WRITE, convention)
    if convention.manager_id is None:
        raise Conflict(N_("roadmap.no_manager"))
    if convention.status not in WRITABLE:
        raise Conflict(N_("synthesis.not_running"))
    found = synthesis_of(session, convention)
    if found is not None and found.status == APPROVED:
        raise Conflict(N_("synthesis.approved_already"))
    return found


def may_write(session: Session, convention: Convention, person: Person) -> None:
    _writable(session, convention, person)


def check(draft: SynthesisDraft) -> SynthesisDraft:
    def text(value: str, field: str, missing: str) -> str:
        return required_text(value, field=field, limit=TEXT_LIMIT, missing=missing,
                             too_long=N_("synthesis.error.too_long"))

    return SynthesisDraft(text(draft.points, "points", N_("synthesis.error.points")),
                          text(draft.results, "results", N_("synthesis.error.results")),
                          text(draft.axes, "axes", N_("synthesis.error.axes")),
                          text(draft.follow_up, "follow_up", N_("synthesis.error.follow_up")))


def submit(session: Session, *, convention: Convention, person: Person, draft: SynthesisDraft, now: datetime
           ) -> Synthesis:
    """Write (or rewrite) the synthesis and send it to the mentee, who approves it or asks for changes."""
    found = _writable(session, convention, person)
    checked = check(draft)
    if found is None:
        found = Synthesis(convention_id=convention.id, version=1, status=SUBMITTED, written_at=now,
                          points=checked.points, results=checked.results, axes=checked.axes,
                          follow_up=checked.follow_up)
        session.add(found)
    else:
        found.version += 1
        found.points, found.results, found.axes, found.follow_up = (checked.points, checked.results, checked.axes,
                                                                    checked.follow_up)
        found.status, found.comment, found.written_at = SUBMITTED, None, now
    session.flush()
    outbox.enqueue(session, kind=REVIEW, recipient_id=convention.mentee_id, convention_id=convention.id,
                   due_at=now, now=now, essential=True,
                   dedupe_key=f"{REVIEW}:{convention.id}:{found.version}", payload={"version": found.version})
    audit.record(session, convention, "synthesis.submitted", person, now, version=found.version)
    return found


def answerable(session: Session, convention_id: int, version: int, person: Person) -> Synthesis:
    """The synthesis the mentee may answer: theirs, in that version, still waiting for an answer."""
    convention = get_convention(session, convention_id)
    require(session, person, Act.SYNTHESIS_APPROVE, convention)
    found = synthesis_of(session, convention)
    if found is None or found.version != version:
        raise Conflict(N_("synthesis.changed"))
    if found.status != SUBMITTED:
        raise Conflict(N_("synthesis.answered"))
    return found


def _answer(session: Session, found: Synthesis, version: int, **values: object) -> None:
    """Written only on the version read and still submitted: a rewrite committed meanwhile wins, and this
    answer changes nothing (no approval ever lands on a text the mentee did not read)."""
    written = rows_changed(session.execute(update(Synthesis).where(
        Synthesis.id == found.id, Synthesis.version == version, Synthesis.status == SUBMITTED).values(**values)))
    session.refresh(found)
    if not written:
        raise Conflict(N_("synthesis.changed"))


def approve(session: Session, *, convention_id: int, version: int, person: Person, to_manager: bool,
            now: datetime) -> Synthesis:
    """The mentee's approval: it goes to the mentee, the programme's management and, if agreed, the manager."""
    found = answerable(session, convention_id, version, person)
    convention = found.convention
    _answer(session, found, version, status=APPROVED, approved_at=now,
            to_manager=to_manager and convention.manager_id is not None)
    recipients = [convention.mentor_id, convention.mentee_id, *(p.id for p in direction_of(convention.programme))]
    if to_manager and convention.manager_id is not None:
        recipients.append(convention.manager_id)
    for recipient_id in dict.fromkeys(recipients):
        outbox.enqueue(session, kind=DELIVERED, recipient_id=recipient_id, convention_id=convention.id, due_at=now,
                       now=now, essential=True, dedupe_key=f"{DELIVERED}:{convention.id}:{recipient_id}")
    for side in (convention.mentor_id, convention.mentee_id):  # then the restitution, in front of everyone
        outbox.enqueue(session, kind=RESTITUTION_PROMPT, recipient_id=side, convention_id=convention.id,
                       due_at=now, now=now, dedupe_key=f"{RESTITUTION_PROMPT}:{convention.id}:{side}")
    audit.record(session, convention, "synthesis.approved", person, now, version=found.version,
                 to_manager=to_manager)
    return found


def ask_changes(session: Session, *, convention_id: int, version: int, person: Person, comment: str,
                now: datetime) -> Synthesis:
    found = answerable(session, convention_id, version, person)
    typed = optional_text(comment, field="comment", limit=COMMENT_LIMIT, too_long=N_("synthesis.error.too_long"))
    if typed is None:
        raise InvalidInput(N_("synthesis.error.comment"), field="comment")
    _answer(session, found, version, status=CHANGES, comment=typed)
    convention = found.convention
    outbox.enqueue(session, kind=CHANGES_ASKED, recipient_id=convention.mentor_id, convention_id=convention.id,
                   due_at=now, now=now, essential=True, dedupe_key=f"{CHANGES_ASKED}:{convention.id}:{found.version}")
    audit.record(session, convention, "synthesis.changes_asked", person, now, version=found.version)
    return found
