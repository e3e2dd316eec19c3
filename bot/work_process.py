"""Acks in one process, the work after them in another (`mentorat serve`'s default).

Bolt answers Slack from the server's thread once a listener has acked and queued its work. When
that work (database, rendering, Web API calls) runs in the same process, it holds the GIL the
acks need: under a flood of commands the acks wait behind it. Here the serving process keeps only
the acks. A listener that queues work marks its request; once Bolt has its answer, the request as
Slack sent it (body, headers, already signature-checked) goes to a child process, which runs the
same Bolt app on it with request verification off and runs the listeners' work right there. The
child runs at a lower CPU priority: on an idle machine it has every core, under a flood the acks
come first.

Modal submissions are the exception: their listeners save before acking, so that errors show
on the fields; they are not forwarded, and their follow-up work stays in the serving process.

The serving process still bounds the backlog (the work queue's limit): past it a command is told
at once to try again. A request that only completes something already saved (`submit_past_limit`)
is forwarded whatever the backlog. Work queued outside a Slack request (Teams, the scheduler)
stays in the serving process, on its own work queue. If the child dies, it is started again;
the requests it held are lost, as they would be if the whole process died.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.clock import FrozenClock
from bot.config import Settings
from handlers.slack.background import WorkQueue

log = logging.getLogger("mentorat.work_process")

WORK_THREADS = 8  # in the child: enough to overlap Web API waits, few enough for 2 cores
CHILD_NICENESS = 10  # the child's CPU priority below the acks' (0); never above, so no privilege needed
RESTART_LIMIT = 5  # restarts in a row without a request done; then the work runs in the serving process


SAVED_BEFORE_ACK = frozenset({"view_submission", "view_closed"})  # payload types whose listener writes before acking

Forwarded = tuple[int, str, str, dict[str, Any]]  # request id, body, query string, headers


@dataclass
class _Pending:
    forward: bool = False
    holds_slot: bool = False


class WorkProcess:
    """A WorkQueue look-alike for the serving process: it forwards requests instead of running closures."""

    def __init__(self, settings: Settings, *, frozen_at: datetime | None = None, limit: int = 200,
                 local: WorkQueue | None = None, threads: int = WORK_THREADS) -> None:
        """`frozen_at` is for tests: the child's clock then stands still at that moment."""
        self._settings, self._frozen_at, self._threads = settings, frozen_at, threads
        self._slots = threading.BoundedSemaphore(limit)
        self._local = local or WorkQueue(ThreadPoolExecutor(max_workers=4, thread_name_prefix="work"))
        self._request = threading.local()
        self._ids = itertools.count(1)
        self._holding: set[int] = set()
        self._lock = threading.Lock()
        self._outbox: queue.SimpleQueue[Forwarded | None] = queue.SimpleQueue()
        self._closing = False
        self._pipe_lock = threading.Lock()  # the pipe and the child, replaced together on a restart
        self._restarts = 0
        self._given_up = False  # the child kept dying: work as `--work-in-process` would
        self._context = multiprocessing.get_context("spawn")
        self._conn, self._process = self._start_child()
        self._sender = threading.Thread(target=self._send_loop, daemon=True, name="work-forward")
        self._sender.start()
        self._receiver = threading.Thread(target=self._receive_loop, daemon=True, name="work-done")
        self._receiver.start()

    # -- what listeners call (through Deps.soon / ack_then) ------------------------------------
    def submit(self, work: Callable[[], None]) -> bool:
        pending: _Pending | None = getattr(self._request, "pending", None)
        if pending is None or self._given_up or self._closing:
            return self._local.submit(work)
        if not pending.holds_slot:
            if not self._slots.acquire(blocking=False):
                return False
            pending.holds_slot = True
        pending.forward = True
        return True

    def submit_past_limit(self, work: Callable[[], None]) -> None:
        pending: _Pending | None = getattr(self._request, "pending", None)
        if pending is None or self._given_up or self._closing:
            self._local.submit_past_limit(work)
        else:
            pending.forward = True

    # -- around Bolt's dispatch, on the server's thread -----------------------------------------
    @contextmanager
    def request(self, body: str, query: str, headers: dict[str, Any], *, forwardable: bool = True) -> Iterator[None]:
        """Around one dispatch: the work its listener queues is forwarded once Bolt has answered.

        Not `forwardable` (a modal submission, saved before its ack): its work stays here.
        """
        if not forwardable:
            yield
            return
        pending = _Pending()
        self._request.pending = pending
        try:
            yield
        finally:
            self._request.pending = None
            if pending.forward:
                request_id = next(self._ids)
                if pending.holds_slot:
                    with self._lock:
                        self._holding.add(request_id)
                self._outbox.put((request_id, body, query, headers))
            elif pending.holds_slot:
                self._slots.release()

    def handler(self, bolt: Any, path: str = "/slack/events") -> SlackRequestHandler:
        return _ForwardingHandler(bolt, self, path)

    # -- the child --------------------------------------------------------------------------------
    def _start_child(self) -> tuple[Connection, Any]:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=run_child, args=(self._settings, child, self._frozen_at, self._threads),
                                        daemon=True, name="mentorat-work")
        process.start()
        child.close()
        return parent, process

    def _send_loop(self) -> None:
        while True:
            item = self._outbox.get()
            try:
                with self._pipe_lock:  # not while the receiver swaps in a new child
                    self._conn.send(item)  # None tells the child to finish its work and stop
            except Exception:  # the child is gone (the receiver starts another) or the pipe was closed
                if item is not None:
                    self._done(item[0])
            if item is None:
                return

    def _receive_loop(self) -> None:
        while True:
            with self._pipe_lock:
                conn = self._conn
            try:
                self._done(conn.recv())
                self._restarts = 0
                continue
            except Exception:  # EOF: the child stopped (or was stopped)
                pass
            with self._pipe_lock:
                if self._closing:
                    return
                if self._restarts >= RESTART_LIMIT or not self._restart():
                    self._given_up = True
                    self._release_all()
                    log.error("the work process keeps stopping: the work now runs in the serving process")
                    return

    def _restart(self) -> bool:
        """A new child in place of the dead one (the caller holds the pipe lock); False if it cannot start."""
        self._restarts += 1
        self._process.join(5)
        log.error("the work process stopped (exit code %s); starting it again", self._process.exitcode)
        self._release_all()
        self._conn.close()
        try:
            self._conn, self._process = self._start_child()
        except Exception:
            log.exception("the work process could not be started again")
            return False
        return True

    def _release_all(self) -> None:
        """The requests the child held are gone with it: their slots are free again."""
        with self._lock:
            lost, self._holding = self._holding, set()
        for _ in lost:
            self._slots.release()

    def _done(self, request_id: int) -> None:
        with self._lock:
            held = request_id in self._holding
            self._holding.discard(request_id)
        if held:
            self._slots.release()

    @property
    def child_pid(self) -> int | None:
        return self._process.pid

    def state(self) -> str:
        """For /healthz: "running", "restarting", or "in_serving_process" once it kept dying."""
        if self._given_up:
            return "in_serving_process"
        return "running" if self._process.is_alive() else "restarting"

    @property
    def given_up(self) -> bool:
        """True once the child kept dying: the work then runs in this process."""
        return self._given_up

    def close(self) -> None:
        """Let the child finish what it holds, then stop it. Work queued from now on runs here."""
        with self._pipe_lock:
            self._closing = True
        self._outbox.put(None)
        self._sender.join(5)
        self._process.join(30)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
        self._receiver.join(5)  # the child's end closed: its last read ends
        self._conn.close()


class _ForwardingHandler(SlackRequestHandler):
    """Bolt's WSGI handler, with each dispatch inside WorkProcess.request (which forwards it if asked)."""

    def __init__(self, app: Any, work: WorkProcess, path: str) -> None:
        super().__init__(app, path)
        self._work = work

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        body, query, headers = request.get_body(), request.query_string, request.get_headers()
        bolt_request = BoltRequest(body=body, query=query, headers=headers)
        # A modal submission is saved before its ack (to show errors on the fields): run twice, it
        # would be saved twice. Its follow-up work (confirmations) stays in this process.
        forwardable = bolt_request.body.get("type") not in SAVED_BEFORE_ACK
        with self._work.request(body, query, headers, forwardable=forwardable):
            return self.app.dispatch(bolt_request)


class InlineWork:
    """The child's work queue: the work runs right away, on the thread that dispatched the request."""

    def submit(self, work: Callable[[], None]) -> bool:
        work()
        return True

    def submit_past_limit(self, work: Callable[[], None]) -> None:
        work()


def run_child(settings: Settings, conn: Connection, frozen_at: datetime | None, threads: int) -> None:
    """The work process: the same Bolt app, fed the requests the serving process has acked."""
    from bot.app import create_app
    from storage.db import make_engine, make_session_factory

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with contextlib.suppress(OSError):  # a platform without nice: the child shares the CPU evenly
        os.nice(CHILD_NICENESS)
    # Ctrl-C or a service manager signals the whole process group: the serving process stops the
    # child itself (a message, or the pipe closing) once it has handed over what it holds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    engine = make_engine(settings.database_url)
    clock = FrozenClock(frozen_at) if frozen_at is not None else None
    mentorat = create_app(settings, make_session_factory(engine), clock=clock, work_queue=InlineWork(),
                          verify_requests=False)
    send_lock = threading.Lock()

    def work_on(request_id: int, body: str, query: str, headers: dict[str, Any]) -> None:
        try:
            mentorat.bolt.dispatch(BoltRequest(body=body, query=query, headers=headers))
        except Exception:  # Bolt reports listener errors itself; this is anything around it
            log.exception("a forwarded request failed")
        finally:
            with send_lock:
                conn.send(request_id)

    pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="work")
    while True:
        try:
            item: Forwarded | None = conn.recv()
        except (EOFError, OSError):
            break
        if item is None:
            break
        pool.submit(work_on, *item)
    pool.shutdown(wait=True)
    conn.close()
    mentorat.close()
    engine.dispose()


__all__ = ["InlineWork", "WorkProcess", "run_child"]
