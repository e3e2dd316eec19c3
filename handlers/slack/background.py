"""Ack at once, work afterwards: keeps Slack's 3-second ack path free of database and API work.

Bolt runs each listener on the server's thread and answers Slack when it returns
(process_before_response=True); if the work ran there too, a burst of commands would make new
acks queue behind earlier work. Listeners therefore ack and hand the work to a bounded work
queue. When the queue is full the person is told at once to try again, rather than getting an
answer minutes late.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, Protocol

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.i18n import bilingual


def busy_text() -> str:
    """The ack when the work queue is full: who asked is not known yet, so both languages."""
    # Translators: Slack shows it at once when the bot is overloaded; nothing was done.
    return bilingual("busy")


class Work(Protocol):
    """Where listeners' work goes after the ack."""

    def submit(self, work: Callable[[], None]) -> bool: ...

    def submit_past_limit(self, work: Callable[[], None]) -> None: ...

    def close(self) -> None: ...


class WorkQueue:
    def __init__(self, executor: Executor, limit: int = 200) -> None:
        self._executor = executor
        self._slots = threading.BoundedSemaphore(limit)

    def submit(self, work: Callable[[], None]) -> bool:
        """Run `work` soon; False (nothing queued) when `limit` tasks are already waiting or running."""
        if not self._slots.acquire(blocking=False):
            return False

        def run() -> None:
            try:
                work()
            finally:
                self._slots.release()

        self._executor.submit(run)
        return True

    def submit_past_limit(self, work: Callable[[], None]) -> None:
        """Run `work` soon even when the queue is full: the rest of something already saved (a confirmation)."""
        self._executor.submit(work)

    def close(self) -> None:
        """Finish what was queued (a stop must not lose work already acked), then stop the threads."""
        self._executor.shutdown(wait=True)


ErrorReporter = Callable[[dict[str, Any], WebClient, Respond, Exception], None]


def ack_then(queue: Work, report: ErrorReporter, ack: Ack, body: dict[str, Any], client: WebClient,
             respond: Respond, work: Callable[[], None]) -> None:
    """Ack now and run `work` on the queue; its errors reach the person like any listener error."""

    def guarded() -> None:
        try:
            work()
        except Exception as error:  # handed to the one error reporter, as @app.error would be
            report(body, client, respond, error)

    if queue.submit(guarded):
        ack()
    else:
        ack(text=busy_text())
