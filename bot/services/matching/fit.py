"""How well a mentor fits a mentee: whether they may be paired at all, a score and its reasons.

The score adds what the programme's documents ask the choice of a mentor to rest on: the themes the
mentee wants to grow in, the mentee's wishes met by the mentor's expertise, time both can give, and a
way of meeting both like. A shared language is required, not scored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Why these weights: a theme in common is the strongest sign (the mentee chose it as a development
# area); a wish met by the mentor's stated expertise is nearly as strong but noisier (free words);
# shared hours matter up to about a month's meeting and its preparation, then stop counting; a common
# meeting mode makes meeting easier. A second shared language is a small bonus (a fallback).
THEME = 3.0
KEYWORD = 2.0
HOUR = 0.5
HOURS_COUNTED = 8
MODE = 1.0
EXTRA_LANGUAGE = 0.5


def normalise_keyword(word: str) -> str:
    """'  Prise de Parole ' and 'prise de parole' are the same wish: case, accents and spaces folded."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


@dataclass(frozen=True)
class Candidate:
    person_id: int
    themes: frozenset[str]
    keywords: frozenset[str]  # mentee: what they want to learn; mentor: their expertise (as typed)
    languages: frozenset[str]
    modes: frozenset[str]
    hours: frozenset[int]  # hours of the week in UTC
    capacity: int = 1
    team: str | None = None
    manager_id: int | None = None
    avoid: frozenset[int] = field(default_factory=frozenset)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for w in (normalise_keyword(k) for k in self.keywords) if w)


@dataclass(frozen=True)
class Reasons:
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    languages: tuple[str, ...]
    weekly_hours: int
    modes: tuple[str, ...]


@dataclass(frozen=True)
class Fit:
    score: float
    reasons: Reasons


def excluded(mentee: Candidate, mentor: Candidate) -> bool:
    """A pair that must never be suggested, whatever its score (languages apart)."""
    if mentee.person_id == mentor.person_id:
        return True
    if mentee.manager_id == mentor.person_id or mentor.manager_id == mentee.person_id:
        return True
    if mentee.team and mentor.team and mentee.team.casefold().strip() == mentor.team.casefold().strip():
        return True
    return mentor.person_id in mentee.avoid or mentee.person_id in mentor.avoid


def score_of(themes: int, keywords: int, hours: int, modes: int, languages: int) -> float:
    return (THEME * themes + KEYWORD * keywords + HOUR * min(hours, HOURS_COUNTED) + MODE * modes
            + EXTRA_LANGUAGE * max(0, languages - 1))


def fit(mentee: Candidate, mentor: Candidate) -> Fit | None:
    """The pair's fit, or None when they may not be paired (no shared language, or excluded)."""
    languages = mentee.languages & mentor.languages
    if not languages or excluded(mentee, mentor):
        return None
    themes = mentee.themes & mentor.themes
    keywords = mentee.words & mentor.words
    hours = len(mentee.hours & mentor.hours)
    modes = mentee.modes & mentor.modes
    reasons = Reasons(tuple(sorted(themes)), tuple(sorted(keywords)), tuple(sorted(languages)), hours,
                      tuple(sorted(modes)))
    return Fit(score_of(len(themes), len(keywords), hours, len(modes), len(languages)), reasons)
