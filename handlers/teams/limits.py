"""Teams' documented sending limits for a bot, kept before each send so Teams rarely has to say 429.

Per conversation: about 7 messages a second and 60 in 30 seconds; per bot and tenant about
50 a second. Windows slide; the clock is injected so tests never sleep.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: float


PER_CONVERSATION = (Window(7, 1.0), Window(60, 30.0))
PER_BOT = (Window(50, 1.0),)


class SendLimiter:
    def __init__(self, *, per_conversation: tuple[Window, ...] = PER_CONVERSATION,
                 per_bot: tuple[Window, ...] = PER_BOT, clock: Clock = time.monotonic) -> None:
        self._per_conversation = per_conversation
        self._per_bot = per_bot
        self._clock = clock
        self._sent: dict[str, deque[float]] = defaultdict(deque)
        self._bot: deque[float] = deque()
        self._lock = threading.Lock()

    @staticmethod
    def _wait(history: deque[float], windows: tuple[Window, ...], now: float) -> float:
        longest = max(w.seconds for w in windows)
        while history and history[0] <= now - longest:
            history.popleft()
        wait = 0.0
        for window in windows:
            recent = [t for t in history if t > now - window.seconds]
            if len(recent) >= window.limit:
                # The oldest send still counted must leave the window first.
                wait = max(wait, recent[-window.limit] + window.seconds - now)
        return wait

    def reserve(self, conversation_id: str) -> float:
        """0 and the send is booked; else how many seconds to wait before asking again."""
        with self._lock:
            now = self._clock()
            history = self._sent[conversation_id]
            wait = max(self._wait(history, self._per_conversation, now), self._wait(self._bot, self._per_bot, now))
            if wait > 0:
                return wait
            history.append(now)
            self._bot.append(now)
            return 0.0
