"""The WSGI application: Slack events, Teams activities, shared files, health and metrics.

Served by waitress (bot/server.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from sqlalchemy import Engine

from bot.i18n import bilingual
from storage.db import ping

if TYPE_CHECKING:  # prometheus_client loads http.server: imported when the app is built, not by every process
    from prometheus_client import CollectorRegistry

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
MAX_ACTIVITY_BYTES = 1_000_000  # a Teams activity is far smaller; refuse anything bigger unread


def content_length(environ: dict[str, Any]) -> int | None:
    """The body's announced size; None when it is missing on a chunked body or is not a number."""
    raw = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not raw:
        return None if environ.get("HTTP_TRANSFER_ENCODING") else 0
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 15 else None


class TeamsRoute(Protocol):
    def handle(self, headers: dict[str, str], body: bytes) -> Any: ...


class FileRoute(Protocol):
    def get(self, token: str) -> tuple[str, str, bytes] | None: ...


@dataclass(frozen=True)
class SlackRoutes:
    """`POST /slack/events` behind its gate (signature, size, replays); the OAuth pages straight to Bolt."""

    events: WSGIApp
    oauth: WSGIApp


class HttpApp:
    """Routes by path; what Slack sends passes the gate of handlers/slack/gate.py before Bolt sees it."""

    def __init__(self, slack: SlackRoutes | None, engine: Engine, *,
                 registry: CollectorRegistry | None = None, teams: TeamsRoute | None = None,
                 files: FileRoute | None = None) -> None:
        self._slack = slack
        self._teams = teams
        self._files = files
        self._engine = engine
        from prometheus_client import CollectorRegistry, Counter

        self.registry = registry or CollectorRegistry()
        self._requests = Counter("mentorat_http_requests", "HTTP requests by route and status",
                                 ["route", "status"], registry=self.registry)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        route = path if path in ("/slack/events", "/api/messages", "/healthz", "/metrics") else "other"
        if path.startswith("/files/"):
            route = "/files"

        def counting_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            self._requests.labels(route, status.split(" ", 1)[0]).inc()
            return start_response(status, headers, *args)

        if path == "/healthz":
            return self._health(counting_start_response)
        if path == "/metrics":
            from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

            body = generate_latest(self.registry)
            counting_start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [body]
        if path == "/slack/events" and self._slack is not None:
            return self._slack.events(environ, counting_start_response)
        if path.startswith("/slack/") and self._slack is not None:
            return self._slack.oauth(environ, counting_start_response)
        if path == "/api/messages" and self._teams is not None:
            return self._activity(environ, counting_start_response)
        if path.startswith("/files/") and self._files is not None and environ.get("REQUEST_METHOD") == "GET":
            return self._file(path.removeprefix("/files/"), counting_start_response)
        counting_start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        database = ping(self._engine)
        health: dict[str, Any] = {"status": "ok" if database else "degraded", "database": database}
        body = json.dumps(health).encode()
        start_response("200 OK" if database else "503 Service Unavailable", [("Content-Type", "application/json")])
        return [body]

    def _activity(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """POST /api/messages: a Teams activity, checked and run by the Agents SDK (handlers/teams)."""
        assert self._teams is not None
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain"), ("Allow", "POST")])
            return [b"POST only"]
        length = content_length(environ)
        if length is None:
            start_response("411 Length Required", [("Content-Type", "text/plain")])
            return [b"a Content-Length is required"]
        if length > MAX_ACTIVITY_BYTES:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"too large"]
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()
                   if key.startswith("HTTP_")}
        result = self._teams.handle(headers, body)
        payload = b"" if result.body is None else json.dumps(result.body).encode()
        start_response(f"{result.status} {HTTPStatus(result.status).phrase}",
                       [("Content-Type", "application/json")] if payload else [])
        return [payload]

    def _file(self, token: str, start_response: StartResponse) -> Iterable[bytes]:
        assert self._files is not None
        found = self._files.get(token)
        if found is None:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [bilingual("file.expired").encode()]
        filename, content_type, content = found
        start_response("200 OK", [("Content-Type", content_type), ("Cache-Control", "private, no-store"),
                                  ("Content-Disposition", f"attachment; filename*=UTF-8''{quote(filename)}")])
        return [content]

