"""The door of `POST /slack/events`: nothing reaches Bolt unless Slack signed it, and only once.

Every check runs before Bolt sees the request, so a refused request has no effect at all: no
database write, no listener, no queued work, no outgoing call. This is the one place that checks
Slack's signature: Bolt's own check is off (it would read the real clock where tests inject one,
and log the body of what it refuses), and nothing else hands Bolt a request to run: the OAuth
pages (`OAuthPages`) serve GETs only.

- A body larger than Slack ever sends is refused (413) before it is read.
- The v0 signature and its timestamp (within five minutes) are checked; any problem, a missing
  or malformed header or an exception while checking, is a 401.
- A signed body that is not what Slack sends (a payload that is not a JSON object, actions that
  are not a list...) is a 400: Bolt would crash on it.
- A request already carried out (the same signature) is answered but not run again, and Slack's
  retries of an event are recognised by its `event_id`. The record is in the database, so it
  holds across replicas; each replica forgets, once a minute, what is older than twice the window
  (such a request is refused by its timestamp anyway).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.context.respond import Respond
from slack_bolt.request.internals import build_context
from slack_sdk.signature import Clock, SignatureVerifier
from sqlalchemy import Engine

from bot.http import content_length
from bot.logs import log_unexpected
from bot.services.typed_text import too_deep
from storage.seen_requests import first_sighting, forget, purge_seen

log = logging.getLogger(__name__)

# Slack's payloads stay far below this (a modal submission with every field full is a few tens of KB).
MAX_BODY = 1_000_000
SIGNATURE_WINDOW = 5 * 60  # seconds, as Slack documents
KEEP_SEEN = 2 * SIGNATURE_WINDOW
PURGE_EVERY = 60.0  # seconds
StartResponse = Callable[..., Any]


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


REFUSED = Answer(401, b"invalid request")
MALFORMED = Answer(400, b"malformed request")
ALREADY_DONE = Answer(200)  # a replay: Slack (or whoever replays) gets a normal, empty answer


class _WallClock(Clock):
    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now

    def now(self) -> float:
        return self._now()


class SlackGate:
    """Verifies, bounds and de-duplicates what Slack sends before handing it to Bolt."""

    def __init__(self, bolt: App, signing_secret: str, engine: Engine, *,
                 wall_clock: Callable[[], float] = time.time, max_body: int = MAX_BODY,
                 respond: Callable[[str], Respond] | None = None) -> None:
        self._bolt = bolt
        self._respond = respond  # the listeners' respond() for a response_url, when not Bolt's own
        self._verifier = SignatureVerifier(signing_secret or "unset", clock=_WallClock(wall_clock))
        self._has_secret = bool(signing_secret)
        self._engine = engine
        self._now = wall_clock
        self._max_body = max_body
        self._purged_at = float("-inf")
        self._purge_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        answer = self.answer(environ)
        headers = [("Content-Type", answer.content_type), *answer.headers] if answer.body else list(answer.headers)
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}", headers)
        return [answer.body]

    def answer(self, environ: dict[str, Any]) -> Answer:
        if environ.get("REQUEST_METHOD") != "POST":
            return Answer(405, b"POST only", headers=(("Allow", "POST"),))
        length = content_length(environ)
        if length is None:
            return Answer(411, b"a Content-Length is required")
        if length > self._max_body:
            return Answer(413, b"too large")
        body = environ["wsgi.input"].read(length) if length else b""
        headers = _headers(environ)
        if not self._signed(body, headers):
            log.debug("refused a Slack request with no valid signature")
            return REFUSED
        try:
            text = body.decode("utf-8")
            parsed = parse_body(text, headers.get("content-type", ""))
        except MalformedRequest as problem:
            log.debug("refused a signed Slack request: %s", problem.reason)
            return MALFORMED
        except (UnicodeDecodeError, RecursionError):
            return MALFORMED
        except Exception as error:  # a shape the checks above did not foresee: refused, never run
            log_unexpected("checking a signed Slack request", error)
            return MALFORMED
        seen = self._first_time(headers, parsed)
        if seen is None:
            return ALREADY_DONE
        bolt_headers: dict[str, str | Sequence[str]] = dict(headers)
        # Built empty, then given the body: Bolt would parse it (and build a context from it) only to be overruled.
        request = BoltRequest(body="", query=environ.get("QUERY_STRING", ""), headers=bolt_headers)
        request.raw_body = text
        # What the gate checked is what runs: Bolt's own parse differs (it reads any body with "payload" in it
        # as a payload, the last of two payload fields, any body starting with "{" as JSON).
        request.body = parsed
        request.context = build_context(BoltContext({}), parsed)
        if self._respond is not None and request.context.response_url:
            request.context["respond"] = self._respond(request.context.response_url)
        response = self._bolt.dispatch(request)
        if response.status >= 500:
            forget(self._engine, seen)  # not carried out: Slack's retry (or the person's) must run
        return Answer(response.status, (response.body or "").encode("utf-8"),
                      _first(response.headers.get("content-type")) or "text/plain; charset=utf-8",
                      tuple((name, value) for name, values in response.headers.items() if name != "content-type"
                            for value in values))

    def _signed(self, body: bytes, headers: dict[str, str]) -> bool:
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        well_formed = timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12 and signature.startswith("v0=")
        if not self._has_secret or not well_formed:
            return False
        try:
            return self._verifier.is_valid(body, timestamp, signature)
        except Exception:  # whatever the header holds, a check that cannot complete refuses
            return False

    def _first_time(self, headers: dict[str, str], parsed: dict[str, Any]) -> list[str] | None:
        """The keys recorded for this request, or None when it (or its event) was already carried out."""
        self._forget_old()
        now = datetime.fromtimestamp(self._now(), UTC)
        signed = headers["x-slack-request-timestamp"] + headers["x-slack-signature"]
        keys = ["sig:" + hashlib.sha256(signed.encode()).hexdigest()]
        if not first_sighting(self._engine, keys[0], now):
            return None
        event_id = parsed.get("event_id")
        if parsed.get("type") == "event_callback" and isinstance(event_id, str) and event_id:
            team = str(parsed.get("team_id") or "")
            key = "event:" + hashlib.sha256(f"{parsed.get('api_app_id')}:{team}:{event_id}".encode()).hexdigest()
            if not first_sighting(self._engine, key, now):
                return None
            keys.append(key)
        return keys


    def _forget_old(self) -> None:
        now = self._now()
        with self._purge_lock:
            if now - self._purged_at < PURGE_EVERY:
                return
            self._purged_at = now
        for prefix in ("sig:", "event:"):
            purge_seen(self._engine, datetime.fromtimestamp(now - KEEP_SEEN, UTC), prefix)


class OAuthPages(SlackRequestHandler):
    """`GET /slack/install` and `/slack/oauth_redirect`, Bolt's OAuth flow; it never runs a request."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        return BoltResponse(status=404, body="not found")


class MalformedRequest(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # a fixed phrase, never a piece of the body


def parse_body(text: str, content_type: str) -> dict[str, Any]:
    """The request as Bolt will read it, refused when its shape is not one Slack sends."""
    if content_type.startswith("application/json"):
        try:
            found = json.loads(text)
        except ValueError:
            raise MalformedRequest("the body is not JSON") from None
        if not isinstance(found, dict) or not isinstance(found.get("type", ""), str) or too_deep(found):
            raise MalformedRequest("an event is a JSON object with a type")
        if found.get("type") == "event_callback" and not isinstance(found.get("event"), dict):
            raise MalformedRequest("an event callback has an event object")
        return found
    form = parse_qs(text, keep_blank_values=True)
    if any(len(values) > 1 for values in form.values()):
        raise MalformedRequest("a form field appears twice")
    if "payload" not in form:
        return {name: values[0] for name, values in form.items()}
    try:
        payload = json.loads(form["payload"][0])
    except ValueError:
        raise MalformedRequest("the payload is not JSON") from None
    _check_payload(payload)
    return payload


_OBJECTS = ("user", "team", "view", "container", "channel", "message", "state", "enterprise")
INTERACTIONS = ("block_actions", "view_submission", "view_closed", "shortcut", "message_action")
_STRINGS = ("type", "trigger_id", "response_url", "api_app_id", "token", "callback_id")
# What Slack puts in an action or a form element, by field: the type each one always has.
_ELEMENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "action_id": str, "block_id": str, "type": str, "value": (str, type(None)), "action_ts": str,
    "selected_option": (dict, type(None)), "selected_options": list, "selected_date": (str, type(None)),
    "selected_time": (str, type(None)), "selected_user": (str, type(None)), "selected_users": list,
    "selected_conversation": (str, type(None)), "selected_channel": (str, type(None)), "files": list,
    "selected_date_time": (int, type(None)), "rich_text_value": (dict, type(None)),
}
_VIEW_STRINGS = ("id", "type", "callback_id", "private_metadata", "team_id", "app_installed_team_id", "hash")


def _element_ok(element: Any) -> bool:
    return isinstance(element, dict) and all(
        isinstance(element[name], kind) for name, kind in _ELEMENT_FIELDS.items() if name in element)


def _check_payload(payload: Any) -> None:
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        raise MalformedRequest("a payload is a JSON object with a type")
    if too_deep(payload):
        raise MalformedRequest("a payload nests deeper than Slack's")
    for name in _OBJECTS:
        if payload.get(name) is not None and not isinstance(payload[name], dict):
            raise MalformedRequest("a payload part is not an object")
    if payload["type"] in INTERACTIONS and not isinstance((payload.get("user") or {}).get("id"), str):
        raise MalformedRequest("an interaction names its user")
    for name in _STRINGS:
        if payload.get(name) is not None and not isinstance(payload[name], str):
            raise MalformedRequest("a payload field is not a string")
    answer_to = payload.get("response_url")
    if answer_to and (urlsplit(answer_to).scheme not in ("https", "http") or not urlsplit(answer_to).netloc):
        raise MalformedRequest("a response URL is a web address")
    actions = payload.get("actions")
    if actions is not None and (not isinstance(actions, list) or not all(_element_ok(a) for a in actions)):
        raise MalformedRequest("actions are not what Slack sends")
    if payload["type"] == "block_actions" and not actions:
        raise MalformedRequest("a click names no action")
    for part in ("user", "team"):
        if not isinstance((payload.get(part) or {}).get("id", ""), str):
            raise MalformedRequest("an id is not a string")
    view = payload.get("view") or {}
    if any(view.get(name) is not None and not isinstance(view[name], str) for name in _VIEW_STRINGS):
        raise MalformedRequest("a view field is not a string")
    state = view.get("state")
    if state is not None and (not isinstance(state, dict) or not isinstance(state.get("values", {}), dict)):
        raise MalformedRequest("a view's state is not an object")
    for block in (state or {}).get("values", {}).values():
        if not isinstance(block, dict) or not all(_element_ok(element) for element in block.values()):
            raise MalformedRequest("a view's values are not what Slack sends")


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers = {key[5:].lower().replace("_", "-"): str(value) for key, value in environ.items()
               if key.startswith("HTTP_")}
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.lower().replace("_", "-")] = str(environ[key])
    return headers


def _first(values: Any) -> str | None:
    if isinstance(values, list | tuple):
        return str(values[0]) if values else None
    return None if values is None else str(values)

