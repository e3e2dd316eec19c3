"""The work queue bounds the backlog: when full, the person is told at once instead of waiting."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from handlers.slack.background import WorkQueue, ack_then, busy_text


def wait_for_earlier_tasks(pool: ThreadPoolExecutor) -> None:
    """With one worker thread, a task submitted now runs after every earlier one has returned (slot released)."""
    pool.submit(lambda: None).result(timeout=10)


def test_full_queue_refuses_and_frees_slots_when_done() -> None:
    gate = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        queue = WorkQueue(pool, limit=2)
        assert queue.submit(gate.wait) and queue.submit(gate.wait)
        assert not queue.submit(lambda: None), "a third task is refused while two are pending"
        gate.set()
        wait_for_earlier_tasks(pool)
        # The same queue takes two again once both are done, and is full again after them.
        again = threading.Event()
        assert queue.submit(again.wait) and queue.submit(again.wait), "both slots were freed"
        assert not queue.submit(lambda: None)
        again.set()


def test_a_task_that_fails_frees_its_slot_too() -> None:
    def fail() -> None:
        raise ValueError("boom")

    with ThreadPoolExecutor(max_workers=1) as pool:
        queue = WorkQueue(pool, limit=1)
        assert queue.submit(fail)
        wait_for_earlier_tasks(pool)
        assert queue.submit(lambda: None), "the failed task's slot is free"


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
    assert acks == [{}, {"text": busy_text()}]
    assert [str(e) for e in reported] == ["boom"]


def test_work_past_the_limit_runs_later_not_on_the_callers_thread() -> None:
    """What finishes a saved change (its confirmation) is queued even when full, and never holds up the ack."""
    gate = threading.Event()
    ran_on: list[str] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="work") as pool:
        queue = WorkQueue(pool, limit=1)
        assert queue.submit(gate.wait)
        assert not queue.submit(lambda: None)
        queue.submit_past_limit(lambda: ran_on.append(threading.current_thread().name))
        assert ran_on == [], "it waits its turn behind the running task instead of running on the caller's thread"
        gate.set()
    assert len(ran_on) == 1 and ran_on[0].startswith("work")
