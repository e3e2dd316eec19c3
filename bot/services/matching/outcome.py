"""What the solver answers: the suggested pairs, their alternatives, and why someone is left unmatched."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.services.matching.fit import Fit


class Unmatched(enum.Enum):
    NO_MENTOR = "no_mentor"  # the pool has no mentor with a free place, nor any at all
    NO_SHARED_LANGUAGE = "no_shared_language"  # no mentor speaks any of their languages
    ONLY_EXCLUDED = "only_excluded"  # those who do are excluded (manager, team, avoided, former partner)
    NO_CAPACITY = "no_capacity"  # possible mentors exist, but their places go to the suggested pairs


@dataclass(frozen=True)
class SuggestedPair:
    mentee_id: int
    mentor_id: int
    fit: Fit
    alternatives: tuple[tuple[int, Fit], ...]  # other possible mentors, best first, those with room first


@dataclass(frozen=True)
class Suggestion:
    pairs: tuple[SuggestedPair, ...]
    unmatched: tuple[tuple[int, Unmatched], ...]
    total_fit: float
