"""A quiet threaded HTTP server on 127.0.0.1 (port chosen by the OS), shared by the local emulators."""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _QuietServer(ThreadingHTTPServer):
    """Threaded server that stays quiet about client disconnects and stops as soon as it is told to."""

    daemon_threads = True
    allow_reuse_address = True
    # The default backlog of 5 makes a burst of concurrent calls wait a second for a SYN retry.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._stop_requested = False
        self._wake_read, self._wake_write = socket.socketpair()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Client went away (e.g. after a timeout): nothing to report."""

    def serve_until_stopped(self) -> None:
        """socketserver's serve_forever without its polling: `request_stop` wakes the select at once."""
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_read, selectors.EVENT_READ)
            while not self._stop_requested:
                ready = selector.select()
                if self._stop_requested:
                    break
                if any(key.fileobj is self for key, _events in ready):
                    self._handle_request_noblock()  # type: ignore[attr-defined]  # socketserver's own step (not in typeshed)
                self.service_actions()

    def request_stop(self) -> None:
        self._stop_requested = True
        self._wake_write.send(b"x")

    def server_close(self) -> None:
        super().server_close()
        self._wake_read.close()
        self._wake_write.close()


class LoopbackServer:
    """Serves `handler` in a daemon thread until `stop`."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, name: str) -> None:
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_until_stopped, name=name, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        self._server.request_stop()
        self._thread.join(timeout=5)
        self._server.server_close()


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and writes its answers the same way for every emulator."""

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr logging."""

    def write_reply(self, status: int, payload: bytes, content_type: str | None, headers: Mapping[str, str]) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (timeout): the real service would not care either


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None
