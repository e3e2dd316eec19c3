"""Matching: who may be paired with whom, how well, and the optimal pairing of a waiting pool.

Pure functions over dataclasses, no database, no chat:
- `availability.weekly_hours()`: the UTC hours of the week a profile's local days and windows cover;
- `fit.fit()`: one pair's score and reasons (`fit.fit_matrix()`, every pair at once, with numpy);
- `solver.suggest()`: the optimal pairing, most mentees matched first, then the best total fit (scipy).

Only the availability is imported here: `fit` and `solver` load numpy and scipy (over half a second),
so they are imported where a pairing is computed, and a process that never suggests one never pays it.
"""

from bot.services.matching.availability import WINDOWS, weekly_hours

__all__ = ["WINDOWS", "weekly_hours"]
