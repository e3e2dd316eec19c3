"""The final report of a convention: its synthesis for the pair, or for the programme's sponsor.

Facts (dates, meetings, objectives) plus, from each bilan, only what its author chose to share.
The sponsor's copy exists only if both sides agreed to send it, and holds the same shared parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.bilan_rounds import bilans_of_round, shared_part
from bot.services.objectives import of_convention
from storage.models import Bilan, Convention, Meeting, MeetingStatus, Person

# The order shared answers appear in, per side.
ANSWER_ORDER = ("brought", "went", "qualities", "learned", "changes", "helped")


@dataclass(frozen=True)
class ObjectiveOutcome:
    title: str
    status: str
    progress: int
    results: dict[str, str | None]  # role -> reached | partly | not, None when not shared


@dataclass(frozen=True)
class SideSummary:
    name: str  # as the person's profile shows it (the PDF cannot render chat mentions)
    answered: bool
    satisfaction: int | None = None  # None: not given or not shared
    answers: dict[str, str] = field(default_factory=dict)  # shared text answers by key
    support: str | None = None  # the improvement axes
    next_steps: str | None = None
    follow_up_on: date | None = None


@dataclass(frozen=True)
class FinalReport:
    programme: str
    mentor: str
    mentee: str
    starts_on: date
    ends_on: date
    status: str
    decision: str | None
    meetings_held: int
    meetings_expected: int
    held_on: list[date]
    objectives: list[ObjectiveOutcome]
    sides: dict[str, SideSummary]  # "mentor" / "mentee"
    for_sponsor: bool = False


class NotShared(Exception):
    """The sponsor's copy was asked for, but the pair did not both agree to it."""


def both_agree_to_send(bilans: dict[int, Bilan], sponsor_id: int | None) -> bool:
    """Both sides agreed to send the report to the sponsor, and to this sponsor: the one named when each
    answered (a sponsor changed since was not agreed to)."""
    return (sponsor_id is not None and len(bilans) == 2
            and all(b.sponsor_ok and b.sponsor_consented_id == sponsor_id for b in bilans.values()))


def build(session: Session, convention: Convention, *, for_sponsor: bool = False) -> FinalReport:
    bilans = bilans_of_round(session, convention)
    if for_sponsor and not both_agree_to_send(bilans, convention.programme.sponsor_id):
        raise NotShared()
    held = list(session.scalars(select(Meeting.starts_at).where(
        Meeting.convention_id == convention.id, Meeting.status == MeetingStatus.HELD).order_by(Meeting.starts_at)))
    ends_on = convention.closed_at.date() if convention.closed_at else convention.planned_end_on
    every = convention.version.meeting_every_days
    expected = max(1, round((ends_on - convention.starts_on).days / every)) if every else 0
    shared = {b.role: shared_part(b) for b in bilans.values()}
    sides = {}
    for role, person in (("mentor", convention.mentor), ("mentee", convention.mentee)):
        part = shared.get(role)
        if part is None:
            sides[role] = SideSummary(display_name(person), answered=False)
            continue
        satisfaction, follow_up = part.get("satisfaction"), part.get("follow_up_on")
        sides[role] = SideSummary(
            display_name(person), answered=True, satisfaction=satisfaction if isinstance(satisfaction, int) else None,
            answers={k: str(part[k]) for k in ANSWER_ORDER if k in part},
            support=_text(part.get("support")), next_steps=_text(part.get("next_steps")),
            follow_up_on=follow_up if isinstance(follow_up, date) else None)
    objectives_shared = {role: part.get("objectives") for role, part in shared.items()}
    show_objectives = not for_sponsor or all(isinstance(objectives_shared.get(r), dict) for r in ("mentor", "mentee"))
    outcomes = []
    if show_objectives:
        for objective in of_convention(session, convention):
            results = {role: (found.get(str(objective.id)) if isinstance(found := objectives_shared.get(role), dict)
                              else None) for role in ("mentor", "mentee")}
            outcomes.append(ObjectiveOutcome(objective.title, objective.status, objective.progress, results))
    return FinalReport(
        programme=convention.programme.name, mentor=display_name(convention.mentor),
        mentee=display_name(convention.mentee),
        starts_on=convention.starts_on, ends_on=ends_on, status=convention.status,
        decision=convention.closure_decision, meetings_held=len(held), meetings_expected=expected,
        held_on=[moment.date() for moment in held], objectives=outcomes, sides=sides, for_sponsor=for_sponsor)


def display_name(person: Person) -> str:
    return person.display_name or person.external_id


def _text(value: object) -> str | None:
    return str(value) if value else None

