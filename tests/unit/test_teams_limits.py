"""Teams' sending limits, kept before each send (injected clock: nothing sleeps)."""

from __future__ import annotations

from handlers.teams.limits import SendLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def send_all(limiter: SendLimiter, clock: FakeClock, conversation: str, count: int) -> list[float]:
    """Send `count` messages as fast as the limiter allows; the times they went out."""
    times = []
    for _ in range(count):
        wait = limiter.reserve(conversation)
        while wait > 0:
            clock.now += wait
            wait = limiter.reserve(conversation)
        times.append(clock.now)
    return times


def test_seven_a_second_per_conversation() -> None:
    clock = FakeClock()
    limiter = SendLimiter(clock=clock)
    times = send_all(limiter, clock, "a:1", 8)
    assert times[:7] == [0.0] * 7 and times[7] == 1.0


def test_sixty_per_thirty_seconds_per_conversation() -> None:
    clock = FakeClock()
    times = send_all(SendLimiter(clock=clock), clock, "a:1", 61)
    in_first_window = [t for t in times if t < 30.0]
    assert len(in_first_window) == 60 and times[60] >= 30.0


def test_conversations_do_not_hold_each_other_up_but_the_bot_has_a_ceiling() -> None:
    clock = FakeClock()
    limiter = SendLimiter(clock=clock)
    assert [limiter.reserve(f"a:{n}") for n in range(50)] == [0.0] * 50
    assert limiter.reserve("a:51") > 0  # 50 a second for the whole bot
