"""The suggested pairing of a whole pool: an optimal assignment, not a greedy loop.

First as many mentees matched as the mentors' capacities allow, then the greatest total fit among
those pairings. Mentors are expanded into one column per free place and scipy's
`linear_sum_assignment` solves the rectangular assignment; the cost of a feasible cell is
-(BIG + fit), with BIG larger than any total fit, so one more pair always beats a better fit; an
infeasible cell costs 0 and is dropped from the answer.

The fit matrix is computed with numpy (boolean matrices and their products): a Python loop over
every pair would take seconds for a pool of a few thousand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]  # scipy ships no type stubs

from bot.services.matching.availability import HOURS_A_WEEK
from bot.services.matching.fit import (
    EXTRA_LANGUAGE,
    HOUR,
    HOURS_COUNTED,
    KEYWORD,
    MODE,
    THEME,
    Candidate,
    excluded,
    fit,
)
from bot.services.matching.outcome import SuggestedPair, Suggestion, Unmatched

ALTERNATIVES = 3


def _incidence(rows: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), max(1, len(vocabulary))), dtype=np.float32)
    for i, items in enumerate(rows):
        for item in items:
            j = vocabulary.get(item)
            if j is not None:
                matrix[i, j] = 1.0
    return matrix


def _common(mentees: Sequence[frozenset[str]], mentors: Sequence[frozenset[str]]) -> np.ndarray:
    """How many items each (mentee, mentor) share: a product of incidence matrices."""
    vocabulary = {item: n for n, item in enumerate(sorted({i for row in mentees for i in row}))}
    return _incidence(mentees, vocabulary) @ _incidence(mentors, vocabulary).T


def _hours(rows: Sequence[frozenset[int]]) -> np.ndarray:
    matrix = np.zeros((len(rows), HOURS_A_WEEK), dtype=np.float32)
    for i, hours in enumerate(rows):
        matrix[i, [h for h in hours if 0 <= h < HOURS_A_WEEK]] = 1.0
    return matrix


@dataclass(frozen=True)
class Matrices:
    score: np.ndarray  # (mentees, mentors) fit score
    shares_language: np.ndarray  # bool
    allowed: np.ndarray  # bool: no exclusion (manager, team, avoided, former, self)

    @property
    def feasible(self) -> np.ndarray:
        return self.shares_language & self.allowed


def matrices(mentees: Sequence[Candidate], mentors: Sequence[Candidate],
             former: frozenset[tuple[int, int]] = frozenset(), allowed_again: frozenset[tuple[int, int]] = frozenset()
             ) -> Matrices:
    """The fit of every pair at once; agrees with `fit()` cell by cell."""
    themes = _common([c.themes for c in mentees], [c.themes for c in mentors])
    words = _common([c.words for c in mentees], [c.words for c in mentors])
    languages = _common([c.languages for c in mentees], [c.languages for c in mentors])
    modes = _common([c.modes for c in mentees], [c.modes for c in mentors])
    hours = _hours([c.hours for c in mentees]) @ _hours([c.hours for c in mentors]).T
    score = (THEME * themes + KEYWORD * words + HOUR * np.minimum(hours, HOURS_COUNTED) + MODE * modes
             + EXTRA_LANGUAGE * np.maximum(languages - 1, 0)).astype(np.float64)
    allowed = np.ones(score.shape, dtype=bool)
    column = {c.person_id: j for j, c in enumerate(mentors)}
    row = {c.person_id: i for i, c in enumerate(mentees)}
    # The exclusions are few per person: looked up, not computed for every cell.
    for i, mentee in enumerate(mentees):
        for other in (mentee.person_id, mentee.manager_id, *mentee.avoid):
            if other in column:
                allowed[i, column[other]] = False
    for j, mentor in enumerate(mentors):
        for other in (mentor.manager_id, *mentor.avoid):
            if other in row:
                allowed[row[other], j] = False
    teams: dict[str, tuple[list[int], list[int]]] = {}
    for i, mentee in enumerate(mentees):
        if mentee.team:
            teams.setdefault(mentee.team.casefold().strip(), ([], []))[0].append(i)
    for j, mentor in enumerate(mentors):
        if mentor.team and (key := mentor.team.casefold().strip()) in teams:
            teams[key][1].append(j)
    for rows, columns in teams.values():
        if rows and columns:
            allowed[np.ix_(rows, columns)] = False
    for mentee_id, mentor_id in former - allowed_again:
        if mentee_id in row and mentor_id in column:
            allowed[row[mentee_id], column[mentor_id]] = False
    return Matrices(score, languages > 0, allowed)


def _places(mentors: Sequence[Candidate], taken: Mapping[int, int]) -> list[int]:
    return [max(0, c.capacity - taken.get(c.person_id, 0)) for c in mentors]


def _why(i: int, m: Matrices, places: list[int]) -> Unmatched:
    if not places or not any(places):
        return Unmatched.NO_MENTOR
    if not m.shares_language[i].any():
        return Unmatched.NO_SHARED_LANGUAGE
    if not m.feasible[i].any():
        return Unmatched.ONLY_EXCLUDED
    return Unmatched.NO_CAPACITY


def _suggestion(mentees: Sequence[Candidate], mentors: Sequence[Candidate], m: Matrices, places: list[int],
                chosen: dict[int, int]) -> Suggestion:
    """The answer from a choice (mentee row -> mentor column), with its alternatives and the unmatched."""
    left = list(places)
    for j in chosen.values():
        left[j] -= 1
    feasible = m.feasible
    pairs = []
    for i, j in sorted(chosen.items(), key=lambda item: mentees[item[0]].person_id):
        found = fit(mentees[i], mentors[j])
        assert found is not None  # feasible cells are exactly those fit() accepts
        others = [int(k) for k in np.flatnonzero(feasible[i]) if k != j and places[k] > 0]
        # Those with room left in this suggestion first, then the best fit, then the lowest id.
        others.sort(key=lambda k: (left[k] <= 0, -m.score[i, k], mentors[k].person_id))
        alternatives = tuple((mentors[k].person_id, f) for k in others[:ALTERNATIVES]
                             if (f := fit(mentees[i], mentors[k])) is not None)
        pairs.append(SuggestedPair(mentees[i].person_id, mentors[j].person_id, found, alternatives))
    unmatched = tuple(sorted((mentees[i].person_id, _why(i, m, places)) for i in range(len(mentees))
                             if i not in chosen))
    return Suggestion(tuple(pairs), unmatched, float(sum(p.fit.score for p in pairs)))


def suggest(mentees: Sequence[Candidate], mentors: Sequence[Candidate], *,
            former: frozenset[tuple[int, int]] = frozenset(), allowed_again: frozenset[tuple[int, int]] = frozenset(),
            taken: Mapping[int, int] | None = None) -> Suggestion:
    """The optimal complete pairing of the pool. `former` pairs (mentee id, mentor id) are never suggested
    unless in `allowed_again`; `taken` counts each mentor's running conventions against their capacity."""
    mentees = sorted(mentees, key=lambda c: c.person_id)  # deterministic, whatever the order given
    mentors = sorted(mentors, key=lambda c: c.person_id)
    m = matrices(mentees, mentors, former, allowed_again)
    places = _places(mentors, taken or {})
    slots = np.repeat(np.arange(len(mentors)), places)
    if not len(mentees) or not len(slots):
        return _suggestion(mentees, mentors, m, places, {})
    score = m.score[:, slots]
    feasible = m.feasible[:, slots]
    big = float(score.max(initial=0.0)) * min(len(mentees), len(slots)) + 1.0
    # A tiny tie-break towards the lower mentor id keeps equal answers the same from run to run.
    tie = slots.astype(np.float64) * 1e-9
    cost = np.where(feasible, -(big + score) + tie, 0.0)
    rows, columns = linear_sum_assignment(cost)
    chosen = {int(i): int(slots[c]) for i, c in zip(rows, columns, strict=True) if feasible[i, c]}
    return _suggestion(mentees, mentors, m, places, chosen)


def greedy(mentees: Sequence[Candidate], mentors: Sequence[Candidate], *,
           former: frozenset[tuple[int, int]] = frozenset(), taken: Mapping[int, int] | None = None) -> Suggestion:
    """The baseline the benchmark compares with: each mentee in turn takes their best mentor with room."""
    mentees = sorted(mentees, key=lambda c: c.person_id)
    mentors = sorted(mentors, key=lambda c: c.person_id)
    m = matrices(mentees, mentors, former)
    places = _places(mentors, taken or {})
    left = list(places)
    chosen: dict[int, int] = {}
    for i in range(len(mentees)):
        options = [int(j) for j in np.flatnonzero(m.feasible[i]) if left[j] > 0]
        if options:
            best = max(options, key=lambda j: (m.score[i, j], -mentors[j].person_id))
            chosen[i] = int(best)
            left[best] -= 1
    return _suggestion(mentees, mentors, m, places, chosen)


__all__ = ["SuggestedPair", "Suggestion", "Unmatched", "excluded", "greedy", "matrices", "suggest"]
