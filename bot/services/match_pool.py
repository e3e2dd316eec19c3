"""The waiting pool of a programme and the suggested pairing the coordination decides from.

Who waits: an enrolled mentee with no open convention (nor a pending request to a mentor) in the
programme, and an enrolled mentor with room left under their capacity. What is excluded, besides
what the matching engine checks (language, manager, team, the avoided person): any former pair of
the workspace (the coordination can still pair them by hand with `jumeler`), and the pairs the
coordination rejected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.matching import weekly_hours
from bot.services.policy import Act, require
from bot.services.profiles import enrolled
from bot.services.roles import CoordinatorRule
from storage.models import (
    OPEN_CONVENTION_STATUSES,
    Convention,
    MatchDecision,
    MatchOutcome,
    MentorRequest,
    Person,
    Profile,
    Programme,
    RequestStatus,
)

if TYPE_CHECKING:  # the engine loads numpy and scipy: imported where a pairing is computed
    from bot.services.matching.fit import Candidate, Fit
    from bot.services.matching.solver import Suggestion


@dataclass(frozen=True)
class Pool:
    programme: Programme
    mentees: dict[int, Profile]  # by person id: those waiting
    mentors: dict[int, Profile]  # by person id: those with room left
    taken: dict[int, int]  # mentor person id -> open conventions in the programme
    excluded: frozenset[tuple[int, int]]  # (mentee, mentor): former pairs and rejected ones
    on: date

    def mentee_candidate(self, profile: Profile) -> Candidate:
        return _candidate(profile, profile.learning, 1, self.on)

    def mentor_candidate(self, profile: Profile) -> Candidate:
        return _candidate(profile, profile.expertise, profile.capacity, self.on)

    def fit_of(self, mentee_id: int, mentor_id: int) -> Fit | None:
        """The pair's fit, or None when it may not be suggested (any constraint, or full)."""
        from bot.services.matching.fit import fit  # numpy: loaded when a pairing is computed

        mentee, mentor = self.mentees.get(mentee_id), self.mentors.get(mentor_id)
        if mentee is None or mentor is None:
            return None
        return fit(self.mentee_candidate(mentee), self.mentor_candidate(mentor), former=self.excluded)

    def suggestion(self) -> Suggestion:
        from bot.services.matching.solver import suggest  # numpy and scipy: loaded when a pairing is computed

        mentees = [self.mentee_candidate(p) for _, p in sorted(self.mentees.items())]
        mentors = [self.mentor_candidate(p) for _, p in sorted(self.mentors.items())]
        return suggest(mentees, mentors, former=self.excluded, taken=self.taken)


def _candidate(profile: Profile, typed_words: str, capacity: int, on: date) -> Candidate:
    """A profile as the engine reads it; the availability in UTC for the week of `on` (summer time moves it)."""
    from bot.services.matching.fit import Candidate

    return Candidate(person_id=profile.person_id, themes=frozenset(profile.themes), keywords=_keywords(typed_words),
                     languages=frozenset(profile.languages), modes=frozenset(profile.modes),
                     hours=weekly_hours(profile.days, profile.windows, profile.timezone, on), capacity=capacity,
                     team=profile.team or None, manager_id=profile.manager_id,
                     avoid=frozenset({profile.avoid_id} if profile.avoid_id else ()))


def _keywords(typed: str) -> frozenset[str]:
    return frozenset(w.strip() for w in typed.split(",") if w.strip())


def _enrolled(session: Session, programme: Programme) -> Sequence[Profile]:
    return session.scalars(select(Profile).where(Profile.programme_id == programme.id,
                                                 Profile.withdrawn_at.is_(None)).order_by(Profile.person_id)).all()


def pool(session: Session, programme: Programme, on: date) -> Pool:
    profiles = [p for p in _enrolled(session, programme) if enrolled(p)]
    open_rows = session.execute(select(Convention.mentor_id, Convention.mentee_id).where(
        Convention.programme_id == programme.id, Convention.status.in_(OPEN_CONVENTION_STATUSES))).all()
    taken = Counter(mentor for mentor, _ in open_rows)
    paired_mentees = {mentee for _, mentee in open_rows}
    asking = set(session.scalars(select(MentorRequest.mentee_id).where(
        MentorRequest.programme_id == programme.id,
        MentorRequest.status.in_((RequestStatus.ASKED, RequestStatus.AGREED)))))
    mentees = {p.person_id: p for p in profiles
               if p.as_mentee and p.person_id not in paired_mentees and p.person_id not in asking}
    mentors = {p.person_id: p for p in profiles if p.as_mentor and taken[p.person_id] < p.capacity}
    former = session.execute(select(Convention.mentee_id, Convention.mentor_id).join(Programme).where(
        Programme.workspace_id == programme.workspace_id)).all()
    rejected = session.execute(select(MatchDecision.mentee_id, MatchDecision.mentor_id).where(
        MatchDecision.programme_id == programme.id, MatchDecision.outcome == MatchOutcome.REJECTED)).all()
    # A mentor who declined a mentee's request, or a pair the coordination did not confirm: not again.
    declined = session.execute(select(MentorRequest.mentee_id, MentorRequest.mentor_id).where(
        MentorRequest.programme_id == programme.id,
        MentorRequest.status.in_((RequestStatus.DECLINED, RequestStatus.REFUSED)))).all()
    excluded = frozenset((a, b) for a, b in (*former, *rejected, *declined))
    return Pool(programme, mentees, mentors, dict(taken), excluded, on)


def coordination_pool(session: Session, coordinator: Person, programme: Programme, rule: CoordinatorRule,
                      on: date) -> Pool:
    require(session, coordinator, Act.PAIR, programme, rule)
    return pool(session, programme, on)


def decide(session: Session, programme: Programme, *, mentee_id: int, mentor_id: int, suggested_mentor_id: int | None,
           outcome: MatchOutcome, by: Person, now: datetime) -> None:
    session.add(MatchDecision(programme_id=programme.id, mentee_id=mentee_id, mentor_id=mentor_id,
                              suggested_mentor_id=suggested_mentor_id, outcome=outcome, decided_by_id=by.id,
                              decided_at=now))


@dataclass(frozen=True)
class PoolFigures:
    """The waiting pool in numbers, for the coordination's report: never a typed word."""

    mentees_waiting: int
    mentors_with_room: int
    longest_wait_days: int
    median_wait_days: int
    by_theme: tuple[tuple[str, int], ...]  # waiting mentees per theme, most first
    decisions: dict[str, int]  # MatchOutcome value -> count


def figures(session: Session, programme: Programme, now: datetime, waiting: Pool | None = None) -> PoolFigures:
    """`waiting`: the programme's pool when the caller has it already (who waits does not depend on the day)."""
    waiting = waiting or pool(session, programme, now.date())
    waits = sorted((now - p.enrolled_at).days for p in waiting.mentees.values())
    themes = Counter(theme for p in waiting.mentees.values() for theme in p.themes)
    counts = dict(session.execute(select(MatchDecision.outcome, func.count(MatchDecision.id)).where(
        MatchDecision.programme_id == programme.id).group_by(MatchDecision.outcome)).all())
    return PoolFigures(
        mentees_waiting=len(waits), mentors_with_room=len(waiting.mentors),
        longest_wait_days=waits[-1] if waits else 0, median_wait_days=waits[len(waits) // 2] if waits else 0,
        by_theme=tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
        decisions={outcome.value: counts.get(outcome.value, 0) for outcome in MatchOutcome})
