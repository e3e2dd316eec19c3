"""Seconds for Teams' send pacing that pass only when slept through: the limiter's waits run in full, at once.

Tied to the demo's clock (when given), so the sending windows empty as the days of the story pass.
"""

from __future__ import annotations

from bot.clock import Clock


class PacedTime:
    def __init__(self, clock: Clock | None = None, start: float = 1_000.0) -> None:
        self._clock = clock
        self._start = start
        self.slept = 0.0

    def __call__(self) -> float:
        base = self._clock.now().timestamp() if self._clock is not None else self._start
        return base + self.slept

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
