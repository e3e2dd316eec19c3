"""Replies through response_url on kept-alive connections.

Bolt's `respond()` opens a new connection for every reply (slack_sdk's WebhookClient over urllib):
against hooks.slack.com that is a TCP and TLS handshake before each answer a person waits for.
`KeptAliveRespond` sends the same JSON body and headers on a connection kept open per origin,
for the next reply to the same host. A kept connection the server has closed meanwhile fails
before anything was read: that attempt is made again once on a new connection, as WebhookClient
retries a connection error once.
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from slack_bolt.context.respond import Respond
from slack_bolt.context.respond.internals import _build_message
from slack_sdk.models.attachments import Attachment
from slack_sdk.models.blocks import Block
from slack_sdk.webhook import WebhookResponse
from slack_sdk.webhook.internal_utils import _build_body, get_user_agent

TIMEOUT = 30.0  # seconds, WebhookClient's
MAX_IDLE = 8  # per origin: one for each work thread (bot/app.py)
IDLE_FOR = 30.0  # seconds a connection is kept unused; servers close idle ones sooner or later

Origin = tuple[str, str, int]
# What a kept connection raises when the server closed it while it sat idle (nothing was answered).
_CLOSED_WHILE_IDLE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class ReplyConnections:
    """Open connections to response_url hosts, each used by one reply at a time."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None, timeout: float = TIMEOUT,
                 max_idle: int = MAX_IDLE, idle_for: float = IDLE_FOR) -> None:
        self._ssl = ssl_context
        self._timeout = timeout
        self._max_idle = max_idle
        self._idle_for = idle_for
        self._idle: dict[Origin, list[tuple[float, http.client.HTTPConnection]]] = {}
        self._lock = threading.Lock()
        self._headers = {"Content-Type": "application/json;charset=utf-8", "User-Agent": get_user_agent()}

    def post(self, url: str, message: Mapping[str, Any]) -> WebhookResponse:
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("a response URL is an http(s) address")
        origin = (parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        # As WebhookClient.send_dict: no None fields, Block objects as dicts.
        body = json.dumps(_build_body(dict(message)) or {}).encode("utf-8")
        conn = self._take(origin)
        if conn is not None:
            try:
                return self._send(origin, conn, url, path, body)
            except _CLOSED_WHILE_IDLE:
                pass  # _send closed it; a new connection below
        return self._send(origin, self._connect(origin), url, path, body)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
        for pool in idle.values():
            for _since, conn in pool:
                conn.close()

    def _send(self, origin: Origin, conn: http.client.HTTPConnection, url: str, path: str,
              body: bytes) -> WebhookResponse:
        try:
            conn.request("POST", path, body=body, headers=self._headers)
            response = conn.getresponse()
            text = response.read().decode(response.headers.get_content_charset() or "utf-8", errors="replace")
        except BaseException:
            conn.close()
            raise
        if response.will_close:
            conn.close()
        else:
            self._give_back(origin, conn)
        return WebhookResponse(url=url, status_code=response.status, body=text, headers=dict(response.headers))

    def _connect(self, origin: Origin) -> http.client.HTTPConnection:
        scheme, host, port = origin
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self._timeout,
                                               context=self._ssl or ssl.create_default_context())
        return http.client.HTTPConnection(host, port, timeout=self._timeout)

    def _take(self, origin: Origin) -> http.client.HTTPConnection | None:
        now = time.monotonic()
        stale: list[http.client.HTTPConnection] = []
        found = None
        with self._lock:
            pool = self._idle.get(origin, [])
            while pool:
                since, conn = pool.pop()
                if now - since < self._idle_for:
                    found = conn
                    break
                stale.append(conn)
        for conn in stale:
            conn.close()
        return found

    def _give_back(self, origin: Origin, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            pool = self._idle.setdefault(origin, [])
            if len(pool) < self._max_idle:
                pool.append((time.monotonic(), conn))
                return
        conn.close()


class KeptAliveRespond(Respond):
    """Bolt's `respond()`, sent through `ReplyConnections`."""

    def __init__(self, *, response_url: str | None, connections: ReplyConnections) -> None:
        super().__init__(response_url=response_url)
        self._connections = connections

    def __call__(
        self,
        text: str | dict = "",
        blocks: Sequence[dict | Block] | None = None,
        attachments: Sequence[dict | Attachment] | None = None,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        unfurl_links: bool | None = None,
        unfurl_media: bool | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> WebhookResponse:
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        if isinstance(text, dict):  # the whole message, as Bolt's respond() accepts it
            message = _build_message(**text)
        else:
            message = _build_message(text=text, blocks=blocks, attachments=attachments, response_type=response_type,
                                     replace_original=replace_original, delete_original=delete_original,
                                     unfurl_links=unfurl_links, unfurl_media=unfurl_media, thread_ts=thread_ts,
                                     metadata=metadata)
        return self._connections.post(self.response_url, message)
