"""The emulators' loopback server answers until `stop`, which ends its loop at once (it never polls)."""

from __future__ import annotations

import socket
import threading
import urllib.request

import pytest

from bot.demo.loopback import LoopbackServer, QuietHandler


class Hello(QuietHandler):
    def do_GET(self) -> None:
        self.write_reply(200, b"hello", "text/plain", {})


def test_serves_then_stop_ends_the_loop_and_frees_the_port() -> None:
    server = LoopbackServer(Hello, name="loopback-test")
    with urllib.request.urlopen(f"{server.url}/", timeout=5) as answer:
        assert answer.read() == b"hello"
    thread = next(t for t in threading.enumerate() if t.name == "loopback-test")
    server.stop()
    # The loop's select has no timeout: had the stop not woken it, the thread would still be waiting.
    assert not thread.is_alive()
    host, port = server.url.removeprefix("http://").split(":")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=5).close()
