"""Matching: the fit of a mentor for a mentee, and the optimal pairing of a waiting pool (pure functions).

The solver (numpy, scipy) is `bot.services.matching.solver`, imported where a pairing is computed
rather than here, so that a process that never suggests a pairing never loads scipy.
"""

from bot.services.matching.availability import WINDOWS, weekly_hours
from bot.services.matching.fit import Candidate, Fit, Reasons, fit, normalise_keyword
from bot.services.matching.outcome import SuggestedPair, Suggestion, Unmatched

__all__ = ["WINDOWS", "Candidate", "Fit", "Reasons", "SuggestedPair", "Suggestion", "Unmatched", "fit",
           "normalise_keyword", "weekly_hours"]
