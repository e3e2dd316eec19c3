"""Matching: the fit of a mentor for a mentee, and the optimal pairing of a waiting pool (pure functions)."""

from bot.services.matching.availability import WINDOWS, weekly_hours
from bot.services.matching.fit import Candidate, Fit, Reasons, fit, normalise_keyword
from bot.services.matching.solver import SuggestedPair, Suggestion, Unmatched, greedy, suggest

__all__ = ["WINDOWS", "Candidate", "Fit", "Reasons", "SuggestedPair", "Suggestion", "Unmatched", "fit", "greedy",
           "normalise_keyword", "suggest", "weekly_hours"]
