"""How well a mentor fits a mentee, whether they may be paired at all, and the same for a whole pool at once.

`fit()` scores one pair and says why (structured reasons the caller words in French or English);
`fit_matrix()` scores every pair of a pool with numpy matrix products and must agree with it exactly.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from bot.services.matching.availability import HOURS_IN_WEEK
from bot.services.matching.words import normalise_keyword

MODES = frozenset({"in_person", "video", "phone", "chat"})

# The weights, all in one place. Each is a multiple of 1/4, so every score is exact in float32 and in
# float64 and the matrix agrees with the scalar fit to the bit.
THEME_WEIGHT = 3.0  # per shared development theme: the programme's own axis, chosen on both sides
KEYWORD_WEIGHT = 2.0  # per wish found in the mentor's expertise: specific, but free text misses synonyms
HOUR_WEIGHT = 0.5  # per shared hour of the week, up to HOURS_CAP: a monthly hour needs a few common slots,
HOURS_CAP = 6  # more overlap than that does not make meetings likelier (at most 3.0, one theme's worth)
MODE_WEIGHT = 1.0  # per common way of meeting: each is one more way to keep the monthly meeting
EXTRA_LANGUAGE_WEIGHT = 0.5  # per shared language beyond the first (the first is required): a little slack

_T = TypeVar("_T", bound=Hashable)


@dataclass(frozen=True)
class Candidate:
    """One person in the waiting pool, as a mentee or as a mentor."""

    person_id: int
    themes: frozenset[str]  # development theme keys: wanted (mentee), helped with (mentor)
    keywords: frozenset[str]  # what the mentee wants to learn, the mentor's expertise; raw, normalised here
    languages: frozenset[str]  # language codes, e.g. {"fr", "en"}
    modes: frozenset[str]  # a subset of MODES
    hours: frozenset[int]  # available UTC hours of the week, 0..167 (availability.weekly_hours)
    capacity: int = 1  # mentors only: how many mentees at once
    team: str | None = None  # compared casefolded, when both are known
    manager_id: int | None = None  # their manager's person_id, when known
    avoid: frozenset[int] = frozenset()  # person ids they asked not to be paired with


@dataclass(frozen=True)
class Reasons:
    """What a pair has in common, for the caller to put into words."""

    themes: tuple[str, ...]  # sorted
    keywords: tuple[str, ...]  # the mentee's wishes in the mentor's expertise, normalised, sorted
    languages: tuple[str, ...]  # casefolded, sorted
    weekly_hours: int  # UTC hours of the week both are available (not capped)
    modes: tuple[str, ...]  # sorted


@dataclass(frozen=True)
class Fit:
    score: float  # higher is better; 0 when only a language is shared
    reasons: Reasons


class Infeasible(enum.Enum):
    """Why a mentee and a mentor may not be paired, checked in this order."""

    SAME_PERSON = "same_person"  # someone enrolled as both
    NO_SHARED_LANGUAGE = "no_shared_language"
    MANAGER = "manager"  # either is the other's manager
    SAME_TEAM = "same_team"
    AVOIDED = "avoided"  # either asked not to be paired with the other
    FORMER_PAIR = "former_pair"  # they were paired before and the coordinator has not allowed it again


@functools.lru_cache(maxsize=8192)  # pools repeat the same few hundred words
def _normalise_code(text: str) -> str:
    return text.strip().casefold()


@dataclass(frozen=True, slots=True)
class _Profile:
    """A candidate's sets in the form they are compared in, computed once per candidate."""

    themes: frozenset[str]
    keywords: frozenset[str]
    languages: frozenset[str]
    team: str | None


def _profile(candidate: Candidate) -> _Profile:
    if candidate.hours and (min(candidate.hours) < 0 or max(candidate.hours) >= HOURS_IN_WEEK):
        raise ValueError(f"person {candidate.person_id}: hours of the week are 0..{HOURS_IN_WEEK - 1}")
    keywords = frozenset(normalise_keyword(word) for word in candidate.keywords) - {""}
    team = _normalise_code(candidate.team) if candidate.team is not None else None
    return _Profile(candidate.themes, keywords, frozenset(_normalise_code(code) for code in candidate.languages), team)


def _why_infeasible(mentee: Candidate, mentor: Candidate, mentee_profile: _Profile, mentor_profile: _Profile,
                    former: frozenset[tuple[int, int]], allowed_again: frozenset[tuple[int, int]]) -> Infeasible | None:
    if mentee.person_id == mentor.person_id:
        return Infeasible.SAME_PERSON
    if not mentee_profile.languages & mentor_profile.languages:
        return Infeasible.NO_SHARED_LANGUAGE
    if mentor.person_id == mentee.manager_id or mentee.person_id == mentor.manager_id:
        return Infeasible.MANAGER
    if mentee_profile.team is not None and mentee_profile.team == mentor_profile.team:
        return Infeasible.SAME_TEAM
    if mentor.person_id in mentee.avoid or mentee.person_id in mentor.avoid:
        return Infeasible.AVOIDED
    pair = (mentee.person_id, mentor.person_id)
    if pair in former and pair not in allowed_again:
        return Infeasible.FORMER_PAIR
    return None


def _fit(mentee: Candidate, mentor: Candidate, mentee_profile: _Profile, mentor_profile: _Profile) -> Fit:
    """The score of a pair already known to be feasible."""
    reasons = Reasons(
        themes=tuple(sorted(mentee_profile.themes & mentor_profile.themes)),
        keywords=tuple(sorted(mentee_profile.keywords & mentor_profile.keywords)),
        languages=tuple(sorted(mentee_profile.languages & mentor_profile.languages)),
        weekly_hours=len(mentee.hours & mentor.hours),
        modes=tuple(sorted(mentee.modes & mentor.modes)),
    )
    score = (THEME_WEIGHT * len(reasons.themes) + KEYWORD_WEIGHT * len(reasons.keywords)
             + EXTRA_LANGUAGE_WEIGHT * max(len(reasons.languages) - 1, 0)
             + HOUR_WEIGHT * min(reasons.weekly_hours, HOURS_CAP) + MODE_WEIGHT * len(reasons.modes))
    return Fit(score=score, reasons=reasons)


def why_infeasible(mentee: Candidate, mentor: Candidate, *, former: frozenset[tuple[int, int]] = frozenset(),
                   allowed_again: frozenset[tuple[int, int]] = frozenset()) -> Infeasible | None:
    """The first reason (in Infeasible's order) the pair may not be made, None when it may.

    `former` holds (mentee_id, mentor_id) pairs made before; `allowed_again` those the coordinator allows anyway.
    Capacity is the solver's business, not a property of the pair.
    """
    return _why_infeasible(mentee, mentor, _profile(mentee), _profile(mentor), former, allowed_again)


def fit(mentee: Candidate, mentor: Candidate, *, former: frozenset[tuple[int, int]] = frozenset(),
        allowed_again: frozenset[tuple[int, int]] = frozenset()) -> Fit | None:
    """The pair's score and reasons, None when it is infeasible (see why_infeasible)."""
    mentee_profile, mentor_profile = _profile(mentee), _profile(mentor)
    if _why_infeasible(mentee, mentor, mentee_profile, mentor_profile, former, allowed_again) is not None:
        return None
    return _fit(mentee, mentor, mentee_profile, mentor_profile)


@dataclass(frozen=True)
class FitMatrix:
    """Every (mentee, mentor) pair of a pool at once, rows and columns in the order given."""

    scores: npt.NDArray[np.float32]  # the fit score, 0 where infeasible
    feasible: npt.NDArray[np.bool_]
    shares_language: npt.NDArray[np.bool_]  # feasible or not


def _indicator(sets: Sequence[Iterable[_T]], index: dict[_T, int]) -> npt.NDArray[np.float32]:
    """One row per set, one column per indexed item, 1.0 where the set holds it; items not indexed are skipped."""
    matrix = np.zeros((len(sets), len(index)), dtype=np.float32)
    rows, columns = [], []
    for row, items in enumerate(sets):
        for item in items:
            column = index.get(item)
            if column is not None:
                rows.append(row)
                columns.append(column)
    matrix[rows, columns] = 1.0
    return matrix


def _vocabulary(sets: Iterable[Iterable[_T]]) -> dict[_T, int]:
    # Column order does not matter: the products count shared items, exactly, whatever the order.
    return {item: column for column, item in enumerate(dict.fromkeys(item for items in sets for item in items))}


def _indicators(mentee_sets: Sequence[Iterable[_T]], mentor_sets: Sequence[Iterable[_T]],
                ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Both sides' indicator matrices over the mentors' items: their product counts the items each pair shares."""
    index = _vocabulary(mentor_sets)  # a mentee's item no mentor has cannot be shared
    return _indicator(mentee_sets, index), _indicator(mentor_sets, index)


def _team_codes(teams: Sequence[str | None], index: dict[str, int], unknown: int) -> npt.NDArray[np.int32]:
    """Small integer codes for comparing teams with ==; `unknown` for None, a different one on each side."""
    return np.array([unknown if team is None else index.setdefault(team, len(index)) for team in teams], dtype=np.int32)


def fit_matrix(mentees: Sequence[Candidate], mentors: Sequence[Candidate], *,
               former: frozenset[tuple[int, int]] = frozenset(),
               allowed_again: frozenset[tuple[int, int]] = frozenset()) -> FitMatrix:
    """`fit()` and `why_infeasible()` for every pair, vectorised: equal to the scalar ones, cell for cell."""
    return _fit_matrix(mentees, mentors, [_profile(c) for c in mentees], [_profile(c) for c in mentors],
                       former, allowed_again)


def _fit_matrix(mentees: Sequence[Candidate], mentors: Sequence[Candidate], mentee_profiles: Sequence[_Profile],
                mentor_profiles: Sequence[_Profile], former: frozenset[tuple[int, int]],
                allowed_again: frozenset[tuple[int, int]]) -> FitMatrix:
    # Every full pass over the pool costs (at 10,000 x 2,500 cells, 100 MB in float32), so as few as possible.
    # Themes, keywords and modes count linearly: one product of side-by-side indicators, the mentee's side
    # carrying the weights, gives THEME*themes + KEYWORD*keywords + MODE*modes for every pair at once.
    linear = [
        (THEME_WEIGHT, _indicators([p.themes for p in mentee_profiles], [p.themes for p in mentor_profiles])),
        (KEYWORD_WEIGHT, _indicators([p.keywords for p in mentee_profiles], [p.keywords for p in mentor_profiles])),
        (MODE_WEIGHT, _indicators([c.modes for c in mentees], [c.modes for c in mentors])),
    ]
    mentee_side = np.hstack([weight * mentee_matrix for weight, (mentee_matrix, _) in linear])
    mentor_side = np.hstack([mentor_matrix for _, (_, mentor_matrix) in linear])
    scores = mentee_side @ mentor_side.T

    mentee_languages, mentor_languages = _indicators([p.languages for p in mentee_profiles],
                                                     [p.languages for p in mentor_profiles])
    languages = mentee_languages @ mentor_languages.T
    shares_language = languages > 0
    languages -= 1.0
    np.maximum(languages, 0.0, out=languages)
    languages *= EXTRA_LANGUAGE_WEIGHT
    scores += languages
    del languages
    hours = {hour: hour for hour in range(HOURS_IN_WEEK)}
    shared_hours = _indicator([c.hours for c in mentees], hours) @ _indicator([c.hours for c in mentors], hours).T
    np.minimum(shared_hours, HOURS_CAP, out=shared_hours)
    shared_hours *= HOUR_WEIGHT
    scores += shared_hours
    del shared_hours

    # Teams are the one dense exclusion; the unknown codes differ per side, so that unknown never equals unknown.
    team_index: dict[str, int] = {}
    mentee_teams = _team_codes([p.team for p in mentee_profiles], team_index, unknown=-1)
    mentor_teams = _team_codes([p.team for p in mentor_profiles], team_index, unknown=-2)
    feasible = mentee_teams[:, None] != mentor_teams[None, :]
    feasible &= shares_language
    # The other exclusions are a few cells each: found through the ids, not by comparing every pair.
    mentee_row = {c.person_id: row for row, c in enumerate(mentees)}
    mentor_column = {c.person_id: column for column, c in enumerate(mentors)}
    cells: list[tuple[int | None, int | None]] = []
    cells += [(row, mentor_column.get(c.person_id)) for row, c in enumerate(mentees)]  # the same person
    cells += [(row, mentor_column.get(c.manager_id)) for row, c in enumerate(mentees) if c.manager_id is not None]
    cells += [(mentee_row.get(c.manager_id), column) for column, c in enumerate(mentors) if c.manager_id is not None]
    cells += [(row, mentor_column.get(avoided)) for row, c in enumerate(mentees) for avoided in c.avoid]
    cells += [(mentee_row.get(avoided), column) for column, c in enumerate(mentors) for avoided in c.avoid]
    cells += [(mentee_row.get(mentee_id), mentor_column.get(mentor_id)) for mentee_id, mentor_id in former - allowed_again]
    for row, column in cells:
        if row is not None and column is not None:
            feasible[row, column] = False

    scores *= feasible
    return FitMatrix(scores=scores, feasible=feasible, shares_language=shares_language)
