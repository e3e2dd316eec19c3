"""The suggested pairing of a waiting pool: as many mentees matched as the capacities allow, then the best total fit.

An optimal assignment (scipy's linear_sum_assignment over mentors expanded into capacity slots), not a
greedy loop: greedily giving each mentee their best mentor can leave a later mentee with nobody, or spend
a mentor on a mediocre pair. `greedy_baseline` is that greedy loop, kept to measure the difference.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]  # scipy ships no type stubs

from bot.services.matching.fit import Candidate, Fit, FitMatrix, _fit, _fit_matrix, _profile

ALTERNATIVES = 3  # other mentors offered per pair, for the coordinator's "swap"

_NOTHING_TAKEN: Mapping[int, int] = MappingProxyType({})
_BLOCK = 64  # mentors per block when building the assignment's cost matrix

_Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SuggestedPair:
    mentee_id: int
    mentor_id: int
    fit: Fit
    # Up to ALTERNATIVES other feasible mentors for this mentee: first those with capacity left in the
    # suggestion (a swap that needs no other change), each group best fit first, then lowest person_id.
    alternatives: tuple[tuple[int, Fit], ...]


class Unmatched(enum.Enum):
    """Why a mentee is left out of the suggestion."""

    NO_MENTOR = "no_mentor"  # the pool has no mentor at all
    NO_SHARED_LANGUAGE = "no_shared_language"  # no mentor speaks any of their languages
    # The mentors sharing a language are all excluded: manager, team, avoid, former partner, or themselves.
    ONLY_EXCLUDED = "only_excluded"
    # Feasible mentors exist, but their capacity goes to the suggested pairs or to running conventions (taken).
    NO_CAPACITY = "no_capacity"


@dataclass(frozen=True)
class Suggestion:
    pairs: tuple[SuggestedPair, ...]  # by mentee_id
    unmatched: tuple[tuple[int, Unmatched], ...]  # (mentee_id, why), by mentee_id
    total_fit: float  # the sum of the pairs' scores


def suggest(mentees: Sequence[Candidate], mentors: Sequence[Candidate], *,
            former: frozenset[tuple[int, int]] = frozenset(), allowed_again: frozenset[tuple[int, int]] = frozenset(),
            taken: Mapping[int, int] = _NOTHING_TAKEN) -> Suggestion:
    """The optimal pairing: the most mentees matched, then the highest total fit among those pairings.

    `former` holds (mentee_id, mentor_id) pairs made before, excluded unless in `allowed_again`; `taken` maps a
    mentor's person_id to the mentees they already have, subtracted from their capacity. The input order
    does not matter: both pools are sorted by person_id first, so the same pools give the same suggestion.
    Raises ValueError for a person_id twice on one side, a negative capacity or an hour outside 0..167.
    """
    return _suggest(mentees, mentors, former, allowed_again, taken, _optimal_assignment)


def greedy_baseline(mentees: Sequence[Candidate], mentors: Sequence[Candidate], *,
                    former: frozenset[tuple[int, int]] = frozenset(),
                    allowed_again: frozenset[tuple[int, int]] = frozenset(),
                    taken: Mapping[int, int] = _NOTHING_TAKEN) -> Suggestion:
    """The baseline, for the benchmark and the tests only: each mentee, by person_id, takes the best mentor left."""
    return _suggest(mentees, mentors, former, allowed_again, taken, _greedy_assignment)


# Given the pool's fit matrix and each mentor's capacity left: the mentor column of each mentee row, -1 for none.
_Assign = Callable[[FitMatrix, _Ints], _Ints]


def _optimal_assignment(matrix: FitMatrix, capacity: _Ints) -> _Ints:
    assignment = np.full(matrix.feasible.shape[0], -1, dtype=np.int64)
    usable = matrix.feasible & (capacity > 0)[None, :]
    # Only the useful part goes to the solver: mentees someone can take, mentors someone can have, and no
    # more slots per mentor than mentees they could take.
    rows, columns = np.flatnonzero(usable.any(axis=1)), np.flatnonzero(usable.any(axis=0))
    if rows.size == 0:
        return assignment
    scores = matrix.scores
    if rows.size < usable.shape[0] or columns.size < usable.shape[1]:
        usable, scores = usable[np.ix_(rows, columns)], scores[np.ix_(rows, columns)]
    slots = np.minimum(capacity[columns], usable.sum(axis=0))
    # Lexicographic: a pairing has at most `most_pairs` pairs and so a total fit below `per_pair`; one pair
    # more therefore always outweighs any fit. The weights being multiples of 1/4, the sums stay exact.
    most_pairs = min(rows.size, int(slots.sum()))
    per_pair = (float(scores.max()) + 1.0) * (most_pairs + 1)
    # Slots as rows, in float64 (which scipy works in): built a block of mentors at a time, so that the
    # transposition stays in cache and no pool-sized intermediate is made (fresh memory is slow to come by).
    slot_cost = np.empty((int(slots.sum()), rows.size))
    slot_starts = np.concatenate([[0], np.cumsum(slots)])
    for first in range(0, columns.size, _BLOCK):
        end = min(first + _BLOCK, columns.size)
        block = scores[:, first:end].T.astype(np.float64)
        block += per_pair
        np.negative(block, out=block)
        block *= usable[:, first:end].T  # 0 where infeasible: never preferred, assigned only for want of better, dropped
        slot_cost[slot_starts[first]:slot_starts[end]] = np.repeat(block, slots[first:end], axis=0)
    del usable, scores
    slot_mentor = np.repeat(np.arange(columns.size), slots)
    # Slots as rows: usually the shorter side, which scipy wants first (else it transposes a copy itself).
    slot_index, row_index = linear_sum_assignment(slot_cost)
    matched = slot_cost[slot_index, row_index] < 0
    assignment[rows[row_index[matched]]] = columns[slot_mentor[slot_index[matched]]]
    return assignment


def _greedy_assignment(matrix: FitMatrix, capacity: _Ints) -> _Ints:
    assignment = np.full(matrix.feasible.shape[0], -1, dtype=np.int64)
    left = capacity.copy()
    best = np.where(matrix.feasible, matrix.scores, -np.inf)
    for row in range(best.shape[0]):
        choices = np.where(left > 0, best[row], -np.inf)
        column = int(np.argmax(choices))  # the first of equals: the lowest person_id
        if choices[column] > -np.inf:
            assignment[row] = column
            left[column] -= 1
    return assignment


def _alternatives(matrix: FitMatrix, capacity: _Ints, assignment: _Ints) -> dict[int, list[int]]:
    """For each matched row, up to ALTERNATIVES other feasible mentor columns, in SuggestedPair's order."""
    matched = np.flatnonzero(assignment >= 0)
    n_mentors = matrix.scores.shape[1]
    if matched.size == 0:
        return {}
    spare = capacity > np.bincount(assignment[matched], minlength=n_mentors)
    # One sort key: a mentor with room left ranks above any without (the bonus exceeds every score).
    key = matrix.scores[matched]
    key += np.float32(float(matrix.scores.max()) + 1.0) * spare
    key[~matrix.feasible[matched]] = -np.inf
    key[np.arange(matched.size), assignment[matched]] = -np.inf
    wanted = min(ALTERNATIVES, n_mentors)
    kth_best = np.partition(key, n_mentors - wanted, axis=1)[:, n_mentors - wanted]
    # Everything tied with the k-th best stays in, so that the lowest person_id wins ties, not partition's order.
    rows, columns = np.nonzero((key >= kth_best[:, None]) & (key > -np.inf))
    order = np.lexsort((columns, -key[rows, columns], rows))
    rows, columns = rows[order], columns[order]
    rank = np.arange(rows.size) - np.searchsorted(rows, rows)
    chosen: dict[int, list[int]] = {}
    for row, column in zip(matched[rows[rank < wanted]].tolist(), columns[rank < wanted].tolist(), strict=True):
        chosen.setdefault(row, []).append(column)
    return chosen


def _sorted_pool(people: Sequence[Candidate], side: str) -> list[Candidate]:
    pool = sorted(people, key=lambda c: c.person_id)
    for before, after in itertools.pairwise(pool):
        if before.person_id == after.person_id:
            raise ValueError(f"person {after.person_id} is twice among the {side}s")
    return pool


def _suggest(mentees: Sequence[Candidate], mentors: Sequence[Candidate], former: frozenset[tuple[int, int]],
             allowed_again: frozenset[tuple[int, int]], taken: Mapping[int, int], assign: _Assign) -> Suggestion:
    mentee_pool, mentor_pool = _sorted_pool(mentees, "mentee"), _sorted_pool(mentors, "mentor")
    if negative := [c.person_id for c in mentor_pool if c.capacity < 0]:
        raise ValueError(f"negative capacity for mentors {negative}")
    if not mentor_pool:
        return Suggestion(pairs=(), unmatched=tuple((c.person_id, Unmatched.NO_MENTOR) for c in mentee_pool),
                          total_fit=0.0)
    mentee_profiles, mentor_profiles = [_profile(c) for c in mentee_pool], [_profile(c) for c in mentor_pool]
    matrix = _fit_matrix(mentee_pool, mentor_pool, mentee_profiles, mentor_profiles, former, allowed_again)
    capacity = np.array([max(c.capacity - taken.get(c.person_id, 0), 0) for c in mentor_pool], dtype=np.int64)
    assignment = assign(matrix, capacity)
    alternatives = _alternatives(matrix, capacity, assignment)

    def fit_of(row: int, column: int) -> Fit:
        return _fit(mentee_pool[row], mentor_pool[column], mentee_profiles[row], mentor_profiles[column])

    pairs = tuple(
        SuggestedPair(mentee_id=mentee_pool[row].person_id, mentor_id=mentor_pool[column].person_id,
                      fit=fit_of(row, column),
                      alternatives=tuple((mentor_pool[other].person_id, fit_of(row, other))
                                         for other in alternatives.get(row, ())))
        for row, column in enumerate(assignment.tolist()) if column >= 0)
    no_language = np.count_nonzero(matrix.shares_language, axis=1) == 0
    nobody_feasible = np.count_nonzero(matrix.feasible, axis=1) == 0
    unmatched = tuple(
        (mentee_pool[row].person_id,
         Unmatched.NO_SHARED_LANGUAGE if no_language[row] else
         Unmatched.ONLY_EXCLUDED if nobody_feasible[row] else Unmatched.NO_CAPACITY)
        for row in np.flatnonzero(assignment < 0).tolist())
    return Suggestion(pairs=pairs, unmatched=unmatched, total_fit=sum((pair.fit.score for pair in pairs), 0.0))
