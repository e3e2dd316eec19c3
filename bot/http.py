"""The WSGI application: Slack events, health and metrics. Served by waitress (bot/server.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine

from storage.db import ping

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class HttpApp:
    """Routes by path; everything Slack sends goes to Bolt, which checks the signature."""

    def __init__(self, bolt: App, engine: Engine, *, registry: CollectorRegistry | None = None) -> None:
        self._slack = SlackRequestHandler(bolt, path="/slack/events")
        self._engine = engine
        self.registry = registry or CollectorRegistry()
        self._requests = Counter("mentorat_http_requests", "HTTP requests by route and status",
                                 ["route", "status"], registry=self.registry)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        route = path if path in ("/slack/events", "/healthz", "/metrics") else "other"

        def counting_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            self._requests.labels(route, status.split(" ", 1)[0]).inc()
            return start_response(status, headers, *args)

        if path == "/healthz":
            return self._health(counting_start_response)
        if path == "/metrics":
            body = generate_latest(self.registry)
            counting_start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [body]
        if path.startswith("/slack/"):
            return self._slack(environ, counting_start_response)
        counting_start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        database = ping(self._engine)
        body = json.dumps({"status": "ok" if database else "degraded", "database": database}).encode()
        start_response("200 OK" if database else "503 Service Unavailable", [("Content-Type", "application/json")])
        return [body]
