"""The work queue bounds the backlog: when full, the person is told at once instead of waiting."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from handlers.slack.background import BUSY, WorkQueue, ack_then


def test_full_queue_refuses_and_frees_slots_when_done() -> None:
    gate = threading.Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        queue = WorkQueue(pool, limit=2)
        assert queue.submit(gate.wait) and queue.submit(gate.wait)
        assert not queue.submit(lambda: None), "a third task is refused while two are pending"
        gate.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        queue2 = WorkQueue(pool, limit=1)
        assert queue2.submit(lambda: None)


def test_ack_then_acks_busy_text_when_full_and_reports_errors() -> None:
    acks: list[dict] = []
    reported: list[Exception] = []
    gate = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        queue = WorkQueue(pool, limit=1)

        def ack(**kwargs: object) -> None:
            acks.append(kwargs)

        def report(_body, _client, _respond, error) -> None:  # type: ignore[no-untyped-def]
            reported.append(error)

        def fail() -> None:
            gate.wait()
            raise ValueError("boom")

        ack_then(queue, report, ack, {}, None, None, fail)  # type: ignore[arg-type]
        ack_then(queue, report, ack, {}, None, None, lambda: None)  # type: ignore[arg-type]
        gate.set()
    assert acks == [{}, {"text": BUSY}]
    assert [str(e) for e in reported] == ["boom"]
