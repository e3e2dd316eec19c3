"""Retention: a convention's free text is kept for the programme's `text_retention_months` after it ends,
then the planner deletes it. The figures stay (statuses, dates, meetings held, ratings, decisions).

Deleted then: the pair's notes, agendas, the reasons and places of their meetings, the objectives' words
and comments, the bilan answers, thanks and news, the différends' texts, the evaluation suggestions; and
the goals in each side's profile, unless that person is back in the waiting pool (their profile is in use).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.services import audit
from bot.services.timing import add_months
from storage.db import rows_changed
from storage.models import (
    AuditEvent,
    Bilan,
    Convention,
    ConventionStatus,
    ConventionVersion,
    Dispute,
    Gratitude,
    Meeting,
    Milestone,
    Note,
    Objective,
    ObjectiveUpdate,
    Profile,
    Programme,
    ProgrammeEvaluation,
    RoadMap,
    Synthesis,
)

ENDED = (ConventionStatus.CLOSED, ConventionStatus.ENDED_EARLY)


def purge_date(convention: Convention) -> datetime | None:
    """The same moment, `text_retention_months` after the end (on the month's last day when shorter)."""
    ended = convention.closed_at
    if ended is None:
        return None
    day = add_months(ended.date(), convention.version.text_retention_months)  # what the pair signed
    return datetime.combine(day, ended.timetz())


def purge_convention(session: Session, convention: Convention, now: datetime) -> None:
    cid = convention.id
    objectives = select(Objective.id).where(Objective.convention_id == cid)
    session.execute(delete(Note).where(Note.convention_id == cid))
    session.execute(update(Meeting).where(Meeting.convention_id == cid).values(agenda=None, reason=None,
                                                                               location=None))
    session.execute(update(Objective).where(Objective.convention_id == cid)
                    .values(title="—", description=None, success_measure=None))
    session.execute(update(ObjectiveUpdate).where(ObjectiveUpdate.objective_id.in_(objectives)).values(comment=None))
    session.execute(update(Bilan).where(Bilan.convention_id == cid).values(answers={}))
    session.execute(update(Gratitude).where(Gratitude.convention_id == cid).values(message="", achievements=None))
    session.execute(update(Dispute).where(Dispute.convention_id == cid).values(summary=""))
    session.execute(update(RoadMap).where(RoadMap.convention_id == cid).values(axes="", strategies=""))
    session.execute(update(Milestone).where(Milestone.convention_id == cid).values(title="—"))
    session.execute(update(Synthesis).where(Synthesis.convention_id == cid)
                    .values(points="", results="", axes="", follow_up="", comment=None))
    session.execute(update(ProgrammeEvaluation).where(ProgrammeEvaluation.convention_id == cid).values(suggestion=""))
    convention.next_agenda = None
    for person_id in (convention.mentor_id, convention.mentee_id):
        session.execute(update(Profile).where(Profile.programme_id == convention.programme_id,
                                              Profile.person_id == person_id, Profile.withdrawn_at.is_not(None))
                        .values(aspiration="", motivation=""))
    convention.texts_purged_at = now
    audit.record(session, convention, "texts.purged", None, now)


def purge_due(session: Session, now: datetime) -> int:
    """The planner's pass: every ended convention whose retention period is over. Returns how many."""
    purged = 0
    for convention in session.scalars(select(Convention).where(Convention.status.in_(ENDED),
                                                               Convention.texts_purged_at.is_(None),
                                                               Convention.closed_at.is_not(None))):
        due = purge_date(convention)
        if due is not None and due <= now:
            purge_convention(session, convention, now)
            purged += 1
    return purged


def purge_audit(session: Session, now: datetime) -> int:
    """The audit events older than they are kept: a convention's as its signed version says, a programme's own
    (settings, enrolments) as the programme now says. One DELETE per retention (and workspace, for a programme's
    own), not per version or programme. Returns how many."""
    removed = 0
    versions: dict[int, list[int]] = defaultdict(list)
    for version_id, months in session.execute(select(ConventionVersion.id, ConventionVersion.audit_retention_months)):
        versions[months].append(version_id)
    for months, version_ids in versions.items():
        of_versions = select(Convention.id).where(Convention.version_id.in_(version_ids))
        removed += rows_changed(session.execute(delete(AuditEvent).where(
            AuditEvent.at < _months_before(now, months), AuditEvent.convention_id.in_(of_versions))))
    programmes: dict[tuple[int, int], list[int]] = defaultdict(list)
    for programme_id, workspace_id, months in session.execute(
            select(Programme.id, Programme.workspace_id, Programme.audit_retention_months)):
        programmes[workspace_id, months].append(programme_id)
    for (workspace_id, months), programme_ids in programmes.items():
        removed += rows_changed(session.execute(delete(AuditEvent).where(
            AuditEvent.at < _months_before(now, months),
            AuditEvent.convention_id.is_(None), AuditEvent.workspace_id == workspace_id,
            AuditEvent.detail["programme"].as_integer().in_(programme_ids))))
    return removed


def _months_before(now: datetime, months: int) -> datetime:
    return datetime.combine(add_months(now.date(), -months), now.timetz())
