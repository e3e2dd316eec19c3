"""Closing the HTTP server wakes its loop: it stops in milliseconds, not at the loop's next poll timeout."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest

from bot.server import RunningServer, make_server, serve_forever

# Long enough that a close which only waits for the loop to notice on its own cannot pass by luck.
POLL_TIMEOUT = 30


def hello(_environ, start_response):  # type: ignore[no-untyped-def]
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def serve_slow_polling() -> RunningServer:
    running = make_server(hello, host="127.0.0.1", port=0, threads=2)
    running._server.adj.asyncore_loop_timeout = POLL_TIMEOUT  # type: ignore[attr-defined]
    thread = threading.Thread(target=serve_forever, args=(running,), daemon=True, name="waitress-test")
    thread.start()
    running._thread = thread
    return running


@pytest.mark.parametrize("keep_alive", [False, True], ids=["idle", "keep-alive-client"])
def test_close_stops_the_loop_at_once(keep_alive: bool) -> None:
    running = serve_slow_polling()
    client = http.client.HTTPConnection(running.host, running.port, timeout=5)
    client.request("GET", "/")
    assert client.getresponse().read() == b"ok"
    if not keep_alive:
        client.close()
    started = time.monotonic()
    running.close()
    elapsed = time.monotonic() - started
    assert running._thread is not None and not running._thread.is_alive(), "the loop thread has ended"
    assert elapsed < POLL_TIMEOUT / 10, f"close took {elapsed:.1f} s: it waited for the loop's poll timeout"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((running.host, running.port), timeout=5).close()
    client.close()


def test_close_after_the_loop_has_ended_is_harmless() -> None:
    running = serve_slow_polling()
    running.close()
    running.close()  # e.g. `mentorat serve`'s finally after the loop stopped on a signal
    assert running._thread is not None and not running._thread.is_alive()
