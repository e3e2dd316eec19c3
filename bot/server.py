"""Production HTTP server: waitress (pure Python, multi-threaded WSGI), not Bolt's dev server."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import Any

from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from bot.http import WSGIApp

# Waitress refuses larger bodies itself (413) before any route reads them; the Slack gate and the Teams
# route have their own, smaller limits.
MAX_BODY = 2 * 1024 * 1024


@dataclass
class RunningServer:
    host: str
    port: int
    _server: BaseWSGIServer
    _thread: threading.Thread | None = None
    _closing: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def close(self) -> None:
        """Finish the requests in progress, then close every socket (listener, channels, trigger).

        The sockets are closed on the loop's own thread, woken through waitress's trigger: closed from
        here, a loop blocked in poll() would only notice at its next timeout (a second), and close would
        wait that long for the thread.
        """
        self._closing = True
        server: Any = self._server  # the loop's trigger and socket map are waitress internals, not in its stubs
        server.task_dispatcher.shutdown(cancel_pending=False, timeout=5)
        thread = self._thread
        if thread is not None and thread.is_alive():
            with contextlib.suppress(OSError):  # the loop ended meanwhile and closed its trigger
                server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            thread.join(timeout=10)
        wasyncore.close_all(server._map)  # no loop ran it (or it is stuck): here


def make_server(app: WSGIApp, *, host: str = "0.0.0.0", port: int = 3000, threads: int = 16) -> RunningServer:
    server = create_server(app, host=host, port=port, threads=threads, ident="mentorat",
                           max_request_body_size=MAX_BODY)
    assert isinstance(server, BaseWSGIServer) and server.socket is not None, "one host and port: one socket"
    bound_port = server.socket.getsockname()[1]
    return RunningServer(host=host if host != "0.0.0.0" else "127.0.0.1", port=bound_port, _server=server)


def serve_forever(running: RunningServer) -> None:
    try:
        running._server.run()
    except (OSError, ValueError):
        # close() from another thread pulls the sockets from under the poll loop: that is the stop.
        if not running._closing:
            raise


def serve_in_thread(app: WSGIApp, *, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> RunningServer:
    """For tests and benchmarks: a real server on loopback, port chosen by the OS."""
    running = make_server(app, host=host, port=port, threads=threads)
    thread = threading.Thread(target=serve_forever, args=(running,), daemon=True, name="waitress")
    thread.start()
    running._thread = thread
    return running
