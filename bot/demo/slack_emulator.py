"""A local fake of the Slack Web API for tests.

The real ``slack_sdk.WebClient`` talks to it over HTTP::

    with SlackEmulator() as emu:
        emu.add_user("U1", "alice")
        client = WebClient(token=emu.bot_token, base_url=emu.api_url)
        client.chat_postMessage(channel="U1", text="Bonjour")
        assert emu.messages_to("U1")[0]["text"] == "Bonjour"

It answers with Slack's response shapes and error codes, records every call,
and can inject failures (HTTP 429/500, ``ok: false`` errors, hangs) and rate
limits. Standard library only.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import json
import math
import mimetypes
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from bot.demo.loopback import LoopbackServer, QuietHandler, bearer_token

__all__ = ["Call", "SlackEmulator", "text_of"]

JsonDict = dict[str, Any]

# Arguments that arrive as JSON strings in form-encoded requests.
_JSON_ARGS = frozenset({"blocks", "attachments", "view", "files", "metadata"})
_TS_BASE_MICROS = 1_700_000_000_000_000
_MAX_MESSAGE_BLOCKS = 50
_MAX_VIEW_BLOCKS = 100
_MAX_TEXT = 40_000
_MAX_SECTION_TEXT = 3_000
_MAX_HEADER_TEXT = 150
_MAX_VIEW_TITLE = 24
_RESPONSE_URL_MAX_USES = 5
_PROFILE_KEYS = frozenset(
    {
        "display_name",
        "email",
        "first_name",
        "last_name",
        "phone",
        "title",
        "status_text",
        "status_emoji",
        "status_expiration",
        "image_72",
        "image_192",
    }
)
_TZ_LABELS = {
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "AST": "Atlantic Standard Time",
    "ADT": "Atlantic Daylight Time",
    "NST": "Newfoundland Standard Time",
    "NDT": "Newfoundland Daylight Time",
    "GMT": "Greenwich Mean Time",
    "UTC": "Coordinated Universal Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
}
# Keys whose sub-trees hold no text a person reads in the Slack client.
_HIDDEN_KEYS = frozenset(
    {
        "args",
        "bot_profile",
        "edited",
        "initial_option",
        "initial_options",
        "metadata",
        "private_metadata",
        "response_metadata",
        "state",
    }
)


# --------------------------------------------------------------------------- public records


@dataclass(frozen=True)
class Call:
    """One HTTP call received by the emulator (including failed attempts).

    ``method`` is the Web API method, or ``"response_url"`` / ``"file_upload"``
    for posts to a response URL and for the raw file upload step.
    """

    method: str
    args: JsonDict
    token: str | None
    at: float
    answered_status: int = 200
    ok: bool = True
    error: str | None = None
    hung: bool = False

    @property
    def succeeded(self) -> bool:
        """True when the call was answered HTTP 200 with ``ok: true``."""
        return self.answered_status == 200 and self.ok


def button_value(message: dict[str, Any], action_id: str) -> str | None:
    """The value of a message's button with this action id, None when it has none."""
    for block in message.get("blocks", []) or []:
        for element in block.get("elements", []) or []:
            if element.get("action_id") == action_id:
                return element.get("value")
    return None


def text_of(obj: Any) -> str:
    """Flatten what a person would read in a message, view or list of blocks.

    Collects text objects (section text and fields, headers, context elements,
    button labels, input labels, placeholders, options), rich text, legacy
    attachment text, and a message's ``text`` when it has no blocks.
    Pieces are joined with newlines.
    """
    out: list[str] = []
    _collect_text(obj, out)
    return "\n".join(piece for piece in out if piece)


def _collect_text(node: Any, out: list[str]) -> None:
    """Append readable strings of ``node`` to ``out`` in document order."""
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _collect_text(item, out)
    elif isinstance(node, dict):
        _collect_dict_text(node, out)


def _collect_dict_text(node: JsonDict, out: list[str]) -> None:
    """Text of one Block Kit / message / attachment dict."""
    has_blocks = bool(node.get("blocks"))
    kind = node.get("type")
    for key in ("pretext", "title"):
        if isinstance(node.get(key), str) and kind is None:
            out.append(node[key])
    if isinstance(node.get("text"), str) and not has_blocks:
        out.append(node["text"])
    elif kind == "link":
        out.append(str(node.get("url", "")))
    elif kind == "user" and "user_id" in node:
        out.append(f"<@{node['user_id']}>")
    elif kind == "emoji" and "name" in node:
        out.append(f":{node['name']}:")
    if kind is None and isinstance(node.get("value"), str) and isinstance(node.get("title"), str):
        out.append(node["value"])  # legacy attachment field {title, value}
    for key, value in node.items():
        if key not in _HIDDEN_KEYS and isinstance(value, (dict, list)):
            _collect_text(value, out)


# --------------------------------------------------------------------------- internals


class _SlackError(Exception):
    """Raised by method handlers: becomes ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, *messages: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = dict(extra)
        if messages:
            self.extra["response_metadata"] = {"messages": list(messages)}


@dataclass
class _Reply:
    """An HTTP answer."""

    status: int
    body: JsonDict | str | bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        if isinstance(self.body, dict):
            return self.status == 200 and bool(self.body.get("ok"))
        return self.status == 200

    @property
    def error(self) -> str | None:
        return self.body.get("error") if isinstance(self.body, dict) else None


@dataclass
class _Failure:
    """A failure injection rule."""

    method: str
    status: int
    error: str | None
    retry_after: int
    remaining: int | None = None
    share: float | None = None
    rng: random.Random | None = None

    def matches(self, method: str) -> bool:
        return self.method in ("*", method)

    def fires(self) -> bool:
        """Decide whether this rule fails the current call (and consume it)."""
        if self.share is not None and self.rng is not None:
            return self.rng.random() < self.share
        if self.remaining is not None and self.remaining > 0:
            self.remaining -= 1
            return True
        return False

    @property
    def exhausted(self) -> bool:
        return self.share is None and not self.remaining

    def reply(self) -> _Reply:
        headers: dict[str, str] = {}
        if self.status == 429:
            headers["Retry-After"] = str(self.retry_after)
        default = "ratelimited" if self.status == 429 else "internal_error"
        return _Reply(self.status, {"ok": False, "error": self.error or default}, headers)


@dataclass
class _RateLimit:
    """A token bucket per method (and per channel when asked)."""

    per_second: float
    per_channel: bool
    capacity: float
    buckets: dict[str | None, tuple[float, float]] = field(default_factory=dict)

    def retry_after(self, key: str | None, now: float) -> int | None:
        """Take one token; return seconds to wait when none is left."""
        tokens, updated = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + max(0.0, now - updated) * self.per_second)
        if tokens >= 1.0:
            self.buckets[key] = (tokens - 1.0, now)
            return None
        self.buckets[key] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / self.per_second))


def _present(value: Any) -> bool:
    """Slack treats missing, null and empty arguments alike."""
    return value is not None and value != ""


def _flag(value: Any) -> bool:
    """Decode a boolean argument ("1", "true", True...)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _decode_json_args(args: JsonDict) -> JsonDict:
    """Decode JSON-string arguments (blocks, view, files...) into Python values."""
    decoded = dict(args)
    for key in _JSON_ARGS & decoded.keys():
        value = decoded[key]
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            # Malformed JSON stays a string: handlers answer the format error.
            with contextlib.suppress(json.JSONDecodeError):
                decoded[key] = json.loads(value)
    return decoded


def _parse_multipart(body: bytes, content_type: str) -> JsonDict:
    """Parse a multipart/form-data body; file parts become ``{"filename", "content"}``."""
    boundary = ""
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        return {}
    result: JsonDict = {}
    for part in body.split(b"--" + boundary.encode("latin-1")):
        part = part.removeprefix(b"\r\n")
        if not part or part.startswith(b"--"):
            continue
        raw_headers, _, content = part.partition(b"\r\n\r\n")
        name, filename = _content_disposition(raw_headers.decode("utf-8", "replace"))
        content = content.removesuffix(b"\r\n")
        if name is None:
            continue
        if filename is None:
            result[name] = content.decode("utf-8", "replace")
        else:
            result[name] = {"filename": filename, "content": content}
    return result


def _content_disposition(raw_headers: str) -> tuple[str | None, str | None]:
    """Return (name, filename) from a part's Content-Disposition header."""
    name = filename = None
    for line in raw_headers.split("\r\n"):
        header, _, value = line.partition(":")
        if header.strip().lower() != "content-disposition":
            continue
        for param in value.split(";")[1:]:
            key, _, val = param.strip().partition("=")
            if key == "name":
                name = val.strip('"')
            elif key == "filename":
                filename = val.strip('"')
    return name, filename


def _parse_body(body: bytes, content_type: str) -> JsonDict:
    """Decode a request body the way Slack accepts it."""
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return {}
    if kind == "application/json":
        parsed = json.loads(body.decode("utf-8"))
        return parsed if isinstance(parsed, dict) else {}
    if kind == "multipart/form-data":
        return _parse_multipart(body, content_type)
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


def _tz_label_and_offset(tz: str, at: float) -> tuple[str, int]:
    """Slack's ``tz_label`` and ``tz_offset`` (seconds) for a zone at a time."""
    moment = datetime.fromtimestamp(at, ZoneInfo(tz))
    abbreviation = moment.tzname() or tz
    offset = moment.utcoffset()
    return _TZ_LABELS.get(abbreviation, abbreviation), int(offset.total_seconds()) if offset else 0


def _validate_blocks(blocks: Any, limit: int) -> list[str]:
    """Return Slack-like error strings for malformed blocks (empty when fine)."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(f"no more than {limit} items allowed [json-pointer:/blocks]")
    seen_ids: set[str] = set()
    for index, block in enumerate(blocks):
        pointer = f"[json-pointer:/blocks/{index}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(f"missing required field: type {pointer}")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in seen_ids:
                errors.append(f"duplicate block_id {pointer}")
            seen_ids.add(block_id)
        errors.extend(_validate_block_text(block, pointer))
    return errors


def _validate_block_text(block: JsonDict, pointer: str) -> list[str]:
    """Length and presence checks on section and header text."""
    text = block.get("text")
    text_value = text.get("text", "") if isinstance(text, dict) else ""
    if block["type"] == "section":
        if text is None and not block.get("fields"):
            return [f"must provide text or fields {pointer}"]
        if len(text_value) > _MAX_SECTION_TEXT:
            return [f"must be less than {_MAX_SECTION_TEXT + 1} characters {pointer}"]
    if block["type"] == "header" and len(text_value) > _MAX_HEADER_TEXT:
        return [f"must be less than {_MAX_HEADER_TEXT + 1} characters {pointer}"]
    return []


# --------------------------------------------------------------------------- HTTP plumbing


class _Handler(QuietHandler):
    """Routes HTTP requests to the emulator."""

    emulator: SlackEmulator
    server_version = "SlackEmulator/1.0"
    # Keep-alive, as Slack: a client may send its next call on the same connection (replies to response URLs do).
    # Every answer carries its Content-Length (write_reply); no Nagle delay between its headers and its body.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def _route(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type") or ""
        reply = self.emulator._handle_http(
            path=parts.path,
            query=parts.query,
            body=body,
            content_type=content_type,
            authorization=self.headers.get("Authorization"),
        )
        self._send(reply)

    def _send(self, reply: _Reply) -> None:
        if isinstance(reply.body, dict):
            payload = json.dumps(reply.body).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        elif isinstance(reply.body, bytes):
            payload, content_type = reply.body, "application/octet-stream"
        else:
            payload = reply.body.encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        self.write_reply(reply.status, payload, content_type, reply.headers)


# --------------------------------------------------------------------------- the emulator


class SlackEmulator:
    """A fake Slack Web API served on 127.0.0.1 for the real ``WebClient``."""

    def __init__(
        self,
        bot_token: str = "xoxb-test",
        team_id: str = "T0TEST",
        team_name: str = "Test Team",
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        *,
        bot_name: str = "mentorat",
        app_id: str = "A0TEST",
        team_domain: str = "testteam",
        time_source: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.bot_token = bot_token
        self.team_id = team_id
        self.team_name = team_name
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.bot_name = bot_name
        self.app_id = app_id
        self._time_source = time_source
        self._wall_clock = wall_clock
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._http: LoopbackServer | None = None
        self._stopping = False
        self._tokens: set[str] = {bot_token}
        # OAuth: the team each installed bot token belongs to, pending one-time codes, the app's credentials.
        self._token_teams: dict[str, tuple[str, str]] = {}
        self._install_codes: dict[str, JsonDict] = {}
        self._oauth_client: tuple[str, str] | None = None
        self._current_token: str | None = None
        self._counter = 0
        self._users: dict[str, JsonDict] = {}
        self._open_ims: set[str] = set()
        self._messages: dict[tuple[str, str], JsonDict] = {}
        self._views: dict[str, JsonDict] = {}
        self._external_ids: dict[str, str] = {}
        self._home_views: dict[str, str] = {}
        self._used_triggers: set[str] = set()
        self._last_root_view: str | None = None
        self._files: dict[str, JsonDict] = {}
        self._response_urls: dict[str, JsonDict] = {}
        self._calls: list[Call] = []
        self._posted: list[JsonDict] = []
        self._ephemerals: list[JsonDict] = []
        self._responses: list[JsonDict] = []
        self._opened_views: list[JsonDict] = []
        self._uploads: list[JsonDict] = []
        self._failures: list[_Failure] = []
        self._hangs: dict[str, int] = {}
        self._hung_now = 0
        self._release_generation = 0
        self._rate_limits: dict[str, _RateLimit] = {}
        self._methods: dict[str, Callable[[JsonDict], JsonDict]] = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "team.info": self._team_info,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "conversations.open": self._conversations_open,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }
        self.add_user(bot_user_id, bot_name, real_name=bot_name, is_bot=True)

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> SlackEmulator:
        """Serve on 127.0.0.1 (random port) in a daemon thread."""
        if self._http is not None:
            return self
        self._stopping = False
        self._http = LoopbackServer(type("BoundHandler", (_Handler,), {"emulator": self}), name="slack-emulator")
        return self

    def stop(self) -> None:
        """Release hung handlers and shut the server down."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._http is not None:
            self._http.stop()
        self._http = None

    def __enter__(self) -> SlackEmulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (the emulator must be started)."""
        if self._http is None:
            raise RuntimeError("SlackEmulator is not started")
        return self._http.url

    @property
    def api_url(self) -> str:
        """Base URL for ``WebClient(base_url=...)``, with its trailing slash."""
        return f"{self.base_url}/api/"

    # ----------------------------------------------------------------- directory

    # ----------------------------------------------------------------- OAuth installs (several workspaces)

    def enable_oauth(self, client_id: str, client_secret: str) -> None:
        """The app's credentials (Basic Information > App Credentials) that oauth.v2.access checks."""
        with self._lock:
            self._oauth_client = (client_id, client_secret)

    def authorize_install(self, team_id: str, team_name: str, *, installer: str = "UINSTALLER",
                          redirect_uri: str | None = None) -> str:
        """What Slack does when an admin clicks « Autoriser » on the consent screen: a one-time code that
        the app's redirect exchanges (oauth.v2.access) for the workspace's own bot token."""
        with self._lock:
            number = self._next_number()
            code = f"{number}.{team_id}.oauthcode"
            self._install_codes[code] = {"team_id": team_id, "team_name": team_name, "installer": installer,
                                         "redirect_uri": redirect_uri, "token": f"xoxb-{team_id.lower()}-{number}"}
            return code

    def revoke_token(self, token: str) -> None:
        """The workspace removed the app: its token stops working."""
        with self._lock:
            self._tokens.discard(token)
            self._token_teams.pop(token, None)

    def tokens_of(self, team_id: str) -> list[str]:
        with self._lock:
            return [token for token, (team, _name) in self._token_teams.items() if team == team_id]

    def _oauth_v2_access(self, args: JsonDict, authorization: str | None) -> _Reply:
        client_id, client_secret = _basic(authorization) or (args.get("client_id"), args.get("client_secret"))
        expected = self._oauth_client
        if expected is None or client_id != expected[0]:
            return _Reply(200, {"ok": False, "error": "invalid_client_id"})
        if client_secret != expected[1]:
            return _Reply(200, {"ok": False, "error": "bad_client_secret"})
        grant = self._install_codes.pop(str(args.get("code", "")), None)  # a code works once
        if grant is None:
            return _Reply(200, {"ok": False, "error": "invalid_code"})
        if grant["redirect_uri"] and args.get("redirect_uri") != grant["redirect_uri"]:
            return _Reply(200, {"ok": False, "error": "bad_redirect_uri"})
        token = grant["token"]
        self._tokens.add(token)
        self._token_teams[token] = (grant["team_id"], grant["team_name"])
        return _Reply(200, {
            "ok": True, "access_token": token, "token_type": "bot", "scope": "commands,chat:write",
            "bot_user_id": self.bot_user_id, "app_id": self.app_id,
            "team": {"id": grant["team_id"], "name": grant["team_name"]}, "enterprise": None,
            "is_enterprise_install": False, "authed_user": {"id": grant["installer"]},
        })

    def add_user(
        self,
        user_id: str,
        name: str,
        real_name: str | None = None,
        tz: str = "America/Toronto",
        locale: str = "fr-CA",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        *,
        email: str | None = None,
        display_name: str | None = None,
        is_primary_owner: bool = False,
        is_restricted: bool = False,
        is_ultra_restricted: bool = False,
    ) -> JsonDict:
        """Add (or replace) a workspace member; return its ``users.info`` object."""
        ZoneInfo(tz)  # fail early on an unknown zone
        profile: JsonDict = {"display_name": display_name if display_name is not None else name}
        if email is not None:
            profile["email"] = email
        record: JsonDict = {
            "id": user_id,
            "name": name,
            "real_name": real_name if real_name is not None else name,
            "tz": tz,
            "locale": locale,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": is_primary_owner,
            "is_restricted": is_restricted,
            "is_ultra_restricted": is_ultra_restricted,
            "is_bot": is_bot,
            "deleted": deleted,
            "profile": profile,
            "extra": {},
            "updated": int(self._wall_clock()),
        }
        with self._lock:
            self._users[user_id] = record
            return self._render_user(record, include_locale=True)

    def update_user(self, user_id: str, **fields: Any) -> JsonDict:
        """Change a member's fields; profile keys (display_name, email...) go to the profile."""
        with self._lock:
            record = self._users[user_id]
            for key, value in fields.items():
                if key == "tz":
                    ZoneInfo(value)
                if key in _PROFILE_KEYS:
                    record["profile"][key] = value
                elif key in record and key not in ("id", "profile", "extra"):
                    record[key] = value
                else:
                    record["extra"][key] = value
            record["updated"] = int(self._wall_clock())
            return self._render_user(record, include_locale=True)

    def user(self, user_id: str, include_locale: bool = True) -> JsonDict:
        """The ``users.info`` object of a member (KeyError when unknown)."""
        with self._lock:
            return self._render_user(self._users[user_id], include_locale)

    def im_channel_id(self, user_id: str) -> str:
        """The stable DM channel id the bot has with a user."""
        return f"D{user_id}"

    def response_url(self, name: str | None = None, max_uses: int = _RESPONSE_URL_MAX_USES) -> str:
        """A response URL on the emulator that records JSON posts (Bolt's ``respond()``)."""
        with self._lock:
            key = f"R{self._next_number():08d}"
            self._response_urls[key] = {"name": name or key, "uses": 0, "max_uses": max_uses}
        return f"{self.base_url}/response/{key}"

    # ----------------------------------------------------------------- recording

    def calls(self, method: str | None = None, *, ok_only: bool = False) -> list[Call]:
        """Recorded calls in arrival-of-answer order, optionally filtered."""
        with self._lock:
            return [
                call
                for call in self._calls
                if (method is None or call.method == method) and (not ok_only or call.succeeded)
            ]

    def last(self, method: str, *, ok_only: bool = False) -> Call | None:
        """The latest recorded call of a method, or None."""
        found = self.calls(method, ok_only=ok_only)
        return found[-1] if found else None

    def messages(self, channel: str | None = None) -> list[JsonDict]:
        """Messages posted by chat.postMessage (as posted), optionally for one channel.

        A user id stands for the DM channel with that user.
        """
        with self._lock:
            wanted = self._resolve_channel(channel) if channel is not None else None
            return [copy.deepcopy(m) for m in self._posted if wanted is None or m["channel"] == wanted]

    def messages_to(self, user_id: str) -> list[JsonDict]:
        """Messages posted to a user's DM (by its channel id or the user id)."""
        return self.messages(self.im_channel_id(user_id))

    def message(self, channel: str, ts: str) -> JsonDict | None:
        """Current state of a message (after updates), None when unknown or deleted."""
        with self._lock:
            found = self._messages.get((self._resolve_channel(channel), ts))
            return copy.deepcopy(found) if found and not found.get("deleted") else None

    def ephemerals_to(self, user_id: str) -> list[JsonDict]:
        """Ephemeral messages shown to a user."""
        with self._lock:
            return [copy.deepcopy(e) for e in self._ephemerals if e["user"] == user_id]

    def responses(self, name: str | None = None) -> list[JsonDict]:
        """JSON payloads posted to response URLs, optionally for one named URL."""
        with self._lock:
            return [copy.deepcopy(r["payload"]) for r in self._responses if name is None or r["name"] == name]

    def response_names(self) -> dict[str, str]:
        """Each response URL's key (the last part of its path) and the name it was made with."""
        with self._lock:
            return {key: str(entry["name"]) for key, entry in self._response_urls.items()}

    def views_opened(self) -> list[JsonDict]:
        """View objects opened with views.open, as answered."""
        with self._lock:
            return copy.deepcopy(self._opened_views)

    def view(self, view_id: str) -> JsonDict | None:
        """Current state of a view by id."""
        with self._lock:
            found = self._views.get(view_id)
            return copy.deepcopy(found) if found else None

    def home_view(self, user_id: str) -> JsonDict | None:
        """Latest Home tab view published for a user."""
        with self._lock:
            view_id = self._home_views.get(user_id)
            return copy.deepcopy(self._views[view_id]) if view_id else None

    def uploads(self) -> list[JsonDict]:
        """Completed file uploads: file_id, filename, title, content, channel(s), initial_comment..."""
        with self._lock:
            return copy.deepcopy(self._uploads)

    def reset_calls(self) -> None:
        """Forget the history (calls, posted messages, responses, uploads); keep the state."""
        with self._lock:
            self._calls.clear()
            self._posted.clear()
            self._ephemerals.clear()
            self._responses.clear()
            self._opened_views.clear()
            self._uploads.clear()

    # ----------------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str,
        status: int | None = None,
        *,
        error: str | None = None,
        retry_after: int = 1,
        count: int = 1,
    ) -> None:
        """Fail the next ``count`` calls of ``method`` (``"*"`` for any).

        Without ``status``: HTTP 429 (``ratelimited`` + Retry-After), or HTTP 200
        ``ok: false`` when ``error`` is given.
        """
        with self._lock:
            self._failures.append(
                _Failure(method, _failure_status(status, error), error, retry_after, remaining=count)
            )

    def fail_rate(
        self,
        method: str,
        share: float = 0.3,
        status: int | None = None,
        *,
        error: str | None = None,
        retry_after: int = 1,
        seed: int = 0,
    ) -> None:
        """Fail a deterministic pseudo-random ``share`` of the calls of ``method``."""
        with self._lock:
            self._failures.append(
                _Failure(
                    method,
                    _failure_status(status, error),
                    error,
                    retry_after,
                    share=share,
                    rng=random.Random(seed),
                )
            )

    def hang_next(self, method: str, count: int = 1) -> None:
        """Block the next ``count`` calls of ``method`` until ``release_hangs()`` or ``stop()``."""
        with self._lock:
            self._hangs[method] = self._hangs.get(method, 0) + count

    def release_hangs(self) -> None:
        """Let every currently hung handler go on and answer."""
        with self._cond:
            self._release_generation += 1
            self._cond.notify_all()

    def wait_for_hangs(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Wait until at least ``count`` handlers are hung; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._hung_now >= count, timeout=timeout)

    def clear_failures(self) -> None:
        """Drop failure and hang rules (hung handlers are released)."""
        with self._cond:
            self._failures.clear()
            self._hangs.clear()
        self.release_hangs()

    def set_rate_limit(
        self, method: str, per_second: float, per_channel: bool = False, burst: float | None = None
    ) -> None:
        """Answer 429 + Retry-After once a token bucket for ``method`` is empty.

        The bucket holds ``burst`` tokens (default ``max(1, per_second)``) and
        refills at ``per_second`` using the injected ``time_source``.
        """
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        capacity = burst if burst is not None else max(1.0, per_second)
        with self._lock:
            self._rate_limits[method] = _RateLimit(per_second, per_channel, capacity)

    # ----------------------------------------------------------------- request handling

    def _handle_http(
        self, *, path: str, query: str, body: bytes, content_type: str, authorization: str | None
    ) -> _Reply:
        """Route one HTTP request."""
        if path == "/healthz":
            return _Reply(200, "ok")
        try:
            args = dict(parse_qsl(query, keep_blank_values=True))
            if path.startswith("/upload/"):
                return self._serve(
                    "file_upload",
                    {"upload_id": path.rsplit("/", 1)[-1]},
                    None,
                    lambda a: self._raw_upload(a, body),
                )
            args.update(_parse_body(body, content_type))
        except (ValueError, UnicodeDecodeError):
            return _Reply(400, {"ok": False, "error": "invalid_form_data"})
        if path.startswith("/files/"):
            token = bearer_token(authorization)
            return self._serve("file_download", {"path": path, "_token": token}, token, self._file_download)
        if path.startswith("/response/"):
            key = path.rsplit("/", 1)[-1]
            return self._serve("response_url", {"id": key, "payload": args}, None, self._response_post)
        if path == "/api/oauth.v2.access":  # the app's credentials, not a token
            secret_free = {k: v for k, v in args.items() if k != "client_secret"}
            return self._serve("oauth.v2.access", secret_free, None, lambda _a: self._oauth_v2_access(args, authorization))
        if path.startswith("/api/"):
            token = bearer_token(authorization) or args.pop("token", None)
            args.pop("token", None)
            return self._serve(path[len("/api/") :].strip("/"), _decode_json_args(args), token, None)
        return _Reply(404, "not found")

    def _serve(
        self,
        method: str,
        args: JsonDict,
        token: str | None,
        handler: Callable[[JsonDict], _Reply] | None,
    ) -> _Reply:
        """Hang, inject failures, authenticate, rate-limit, run, record."""
        with self._cond:
            hung = self._maybe_hang(method)
            reply = self._injected_failure(method)
            if reply is None and handler is not None:
                reply = handler(args)
            elif reply is None:
                reply = self._api_call(method, args, token)
            self._calls.append(
                Call(
                    method=method,
                    args=copy.deepcopy(args),
                    token=token,
                    at=self._wall_clock(),
                    answered_status=reply.status,
                    ok=reply.ok,
                    error=reply.error,
                    hung=hung,
                )
            )
            return reply

    def _maybe_hang(self, method: str) -> bool:
        """Block (lock released) while this call is meant to hang."""
        key = method if self._hangs.get(method) else "*" if self._hangs.get("*") else None
        if key is None:
            return False
        self._hangs[key] -= 1
        generation = self._release_generation
        self._hung_now += 1
        self._cond.notify_all()
        try:
            self._cond.wait_for(lambda: self._stopping or self._release_generation != generation)
        finally:
            self._hung_now -= 1
        return True

    def _injected_failure(self, method: str) -> _Reply | None:
        """The reply of the first failure rule that fires, if any."""
        for rule in list(self._failures):
            if rule.matches(method) and rule.fires():
                if rule.exhausted:
                    self._failures.remove(rule)
                return rule.reply()
        return None

    def _api_call(self, method: str, args: JsonDict, token: str | None) -> _Reply:
        """Answer one Web API method."""
        handler = self._methods.get(method)
        if handler is None:
            return _Reply(200, {"ok": False, "error": "unknown_method", "req_method": method})
        if token is None:
            return _Reply(200, {"ok": False, "error": "not_authed"})
        if token not in self._tokens:
            return _Reply(200, {"ok": False, "error": "invalid_auth"})
        retry_after = self._rate_limited(method, args)
        if retry_after is not None:
            return _Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
        self._current_token = token
        try:
            return _Reply(200, {"ok": True, **handler(args)})
        except _SlackError as exc:
            return _Reply(200, {"ok": False, "error": exc.error, **exc.extra})

    def _rate_limited(self, method: str, args: JsonDict) -> int | None:
        """Seconds to wait when the method's token bucket is empty."""
        limit = self._rate_limits.get(method)
        if limit is None:
            return None
        key = None
        if limit.per_channel:
            raw = args.get("channel") or args.get("channel_id") or args.get("user_id")
            key = self._resolve_channel(str(raw)) if raw else None
        return limit.retry_after(key, self._time_source())

    def _next_number(self) -> int:
        self._counter += 1
        return self._counter

    def _next_ts(self) -> str:
        micros = _TS_BASE_MICROS + self._next_number() * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _resolve_channel(self, channel: str) -> str:
        """A known user id stands for the DM channel with that user."""
        return self.im_channel_id(channel) if channel in self._users else channel

    def _require_channel(self, args: JsonDict, key: str = "channel") -> str:
        """The resolved channel argument, or ``channel_not_found``."""
        channel = args.get(key)
        if not _present(channel):
            raise _SlackError("channel_not_found")
        channel = str(channel)
        if channel[:1] in ("U", "W") and channel not in self._users:
            raise _SlackError("channel_not_found")
        if channel[:1] == "D" and channel[1:] not in self._users:  # a DM with nobody the workspace knows
            raise _SlackError("channel_not_found")
        return self._resolve_channel(channel)

    # ----------------------------------------------------------------- auth / team / users

    def _api_test(self, args: JsonDict) -> JsonDict:
        return {"args": args} if args else {}

    def _auth_test(self, args: JsonDict) -> JsonDict:
        team_id, team_name = self._token_teams.get(self._current_token or "", (self.team_id, self.team_name))
        return {
            "url": f"https://{self.team_domain}.slack.com/",
            "team": team_name,
            "user": self.bot_name,
            "team_id": team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _team_info(self, args: JsonDict) -> JsonDict:
        if _present(args.get("team")) and args["team"] != self.team_id:
            raise _SlackError("team_not_found")
        return {
            "team": {
                "id": self.team_id,
                "name": self.team_name,
                "url": f"https://{self.team_domain}.slack.com/",
                "domain": self.team_domain,
                "email_domain": "",
                "icon": {"image_default": True},
                "avatar_base_url": "https://ca.slack-edge.com/",
                "is_verified": False,
            }
        }

    def _users_info(self, args: JsonDict) -> JsonDict:
        record = self._users.get(str(args.get("user", "")))
        if record is None:
            raise _SlackError("user_not_found")
        return {"user": self._render_user(record, _flag(args.get("include_locale")))}

    def _users_lookup_by_email(self, args: JsonDict) -> JsonDict:
        email = args.get("email")
        for record in self._users.values():
            if _present(email) and record["profile"].get("email") == email:
                return {"user": self._render_user(record, include_locale=False)}
        raise _SlackError("users_not_found")

    def _render_user(self, record: JsonDict, include_locale: bool) -> JsonDict:
        """Slack's user object; deactivated members lose tz and role fields like on Slack."""
        profile = {
            "title": "",
            "phone": "",
            "skype": "",
            "real_name": record["real_name"],
            "real_name_normalized": record["real_name"],
            "display_name_normalized": record["profile"].get("display_name", ""),
            "fields": None,
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "avatar_hash": "",
            "first_name": record["real_name"].split(" ")[0],
            "last_name": " ".join(record["real_name"].split(" ")[1:]),
            "team": self.team_id,
            **record["profile"],
        }
        if record["is_bot"]:
            profile.update({"bot_id": self.bot_id, "api_app_id": self.app_id, "always_active": True})
        user: JsonDict = {"id": record["id"], "team_id": self.team_id, "name": record["name"]}
        user["deleted"] = record["deleted"]
        if not record["deleted"]:
            label, offset = _tz_label_and_offset(record["tz"], self._wall_clock())
            user.update(
                {
                    "color": "9f69e7",
                    "real_name": record["real_name"],
                    "tz": record["tz"],
                    "tz_label": label,
                    "tz_offset": offset,
                }
            )
        user["profile"] = profile
        if not record["deleted"]:
            for key in ("is_admin", "is_owner", "is_primary_owner", "is_restricted", "is_ultra_restricted"):
                user[key] = record[key]
        user.update({"is_bot": record["is_bot"], "is_app_user": False, "updated": record["updated"]})
        if include_locale:
            user["locale"] = record["locale"]
        user.update(copy.deepcopy(record["extra"]))
        return user

    # ----------------------------------------------------------------- conversations / chat

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        if _present(args.get("channel")):
            channel_id = str(args["channel"])
            user_ids = [channel_id[1:]] if channel_id[:1] == "D" else []
        elif _present(args.get("users")):
            user_ids = [u.strip() for u in str(args["users"]).split(",") if u.strip()]
            for user_id in user_ids:
                self._check_dm_target(user_id)
            channel_id = (
                self.im_channel_id(user_ids[0]) if len(user_ids) == 1 else "G" + "".join(sorted(user_ids))
            )
        else:
            raise _SlackError("users_list_not_supplied")
        already_open = channel_id in self._open_ims
        self._open_ims.add(channel_id)
        channel: JsonDict = {"id": channel_id}
        if _flag(args.get("return_im")) and len(user_ids) == 1:
            channel.update(_im_object(user_ids[0], int(self._wall_clock())))
        result: JsonDict = {"channel": channel}
        if already_open:
            result.update({"no_op": True, "already_open": True})
        return result

    def _check_dm_target(self, user_id: str) -> None:
        record = self._users.get(user_id)
        if record is None:
            raise _SlackError("user_not_found")
        if record["deleted"]:
            raise _SlackError("user_disabled")
        if user_id == self.bot_user_id:
            raise _SlackError("cannot_dm_bot")

    def _check_message_content(self, args: JsonDict, *, required: bool = True) -> None:
        """Slack's checks on text / blocks / attachments."""
        text = args.get("text") or args.get("markdown_text")
        if required and not (_present(text) or args.get("blocks") or args.get("attachments")):
            raise _SlackError("no_text")
        if isinstance(text, str) and len(text) > _MAX_TEXT:
            raise _SlackError("msg_too_long")
        if "blocks" in args and args["blocks"] not in (None, ""):
            if isinstance(args["blocks"], str):
                raise _SlackError("invalid_blocks_format")
            errors = _validate_blocks(args["blocks"], _MAX_MESSAGE_BLOCKS)
            if errors:
                raise _SlackError("invalid_blocks", *[f"[ERROR] {e}" for e in errors], errors=errors)

    def _message_object(self, args: JsonDict, ts: str) -> JsonDict:
        """Slack's message object for a bot post."""
        message: JsonDict = {
            "user": self.bot_user_id,
            "type": "message",
            "ts": ts,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "text": args.get("text") or args.get("markdown_text") or "",
            "team": self.team_id,
            "bot_profile": {
                "id": self.bot_id,
                "app_id": self.app_id,
                "name": self.bot_name,
                "team_id": self.team_id,
            },
        }
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if _present(args.get(key)):
                message[key] = copy.deepcopy(args[key])
        return message

    def _chat_post_message(self, args: JsonDict) -> JsonDict:
        channel = self._require_channel(args)
        self._check_message_content(args)
        ts = self._next_ts()
        message = self._message_object(args, ts)
        self._messages[(channel, ts)] = copy.deepcopy(message)
        self._posted.append({**copy.deepcopy(message), "channel": channel, "args": copy.deepcopy(args)})
        return {"channel": channel, "ts": ts, "message": message}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        channel = self._require_channel(args)
        stored = self._messages.get((channel, str(args.get("ts", ""))))
        if stored is None or stored.get("deleted"):
            raise _SlackError("message_not_found")
        self._check_message_content(args, required=not stored.get("blocks") and not stored.get("attachments"))
        if "text" in args:
            stored["text"] = args["text"] or ""
        for key in ("blocks", "attachments"):
            if key in args:
                if args[key]:
                    stored[key] = copy.deepcopy(args[key])
                else:
                    stored.pop(key, None)  # an empty array removes them
        stored["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        message = {k: copy.deepcopy(v) for k, v in stored.items() if k not in ("ts", "type", "edited")}
        return {"channel": channel, "ts": stored["ts"], "text": stored["text"], "message": message}

    def _chat_post_ephemeral(self, args: JsonDict) -> JsonDict:
        channel = self._require_channel(args)
        user_id = args.get("user")
        if not _present(user_id) or user_id not in self._users:
            raise _SlackError("user_not_found")
        self._check_message_content(args)
        ts = self._next_ts()
        entry = self._message_object(args, ts)
        entry.update({"channel": channel, "user": user_id, "message_ts": ts, "args": copy.deepcopy(args)})
        self._ephemerals.append(entry)
        return {"message_ts": ts}

    def _chat_delete(self, args: JsonDict) -> JsonDict:
        channel = self._require_channel(args)
        ts = str(args.get("ts", ""))
        stored = self._messages.get((channel, ts))
        if stored is None or stored.get("deleted"):
            raise _SlackError("message_not_found")
        stored["deleted"] = True
        return {"channel": channel, "ts": ts}

    # ----------------------------------------------------------------- views

    def _check_view(self, view: Any, allowed_types: Iterable[str]) -> JsonDict:
        """Validate a view payload like Slack does (``invalid_arguments``)."""
        if not isinstance(view, dict):
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: view")
        kind = view.get("type")
        if not isinstance(kind, str) or kind not in allowed_types:
            raise _SlackError(
                "invalid_arguments", f"[ERROR] unsupported type: {kind} [json-pointer:/view/type]"
            )
        errors = _validate_blocks(view.get("blocks", []), _MAX_VIEW_BLOCKS)
        if kind == "modal":
            errors.extend(_modal_errors(view))
        if errors:
            raise _SlackError("invalid_arguments", *[f"[ERROR] {e}" for e in errors])
        return view

    def _use_trigger(self, args: JsonDict) -> None:
        trigger_id = args.get("trigger_id")
        if not _present(trigger_id):
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: trigger_id")
        if trigger_id in self._used_triggers:
            raise _SlackError("exchanged_trigger_id")

    def _store_view(
        self, view: JsonDict, *, view_id: str | None = None, root_id: str | None = None
    ) -> JsonDict:
        """Build and store Slack's view object from a submitted payload."""
        external_id = view.get("external_id") or ""
        if external_id and self._external_ids.get(external_id, view_id) != view_id:
            raise _SlackError("duplicate_external_id")
        new_id = view_id or f"V{self._next_number():010d}"
        previous = self._views.get(new_id, {})
        stored: JsonDict = {
            "id": new_id,
            "team_id": self.team_id,
            "type": view.get("type"),
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{int(self._wall_clock())}.{self._next_number():08d}",
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": root_id or previous.get("root_view_id") or new_id,
            "app_id": self.app_id,
            "external_id": external_id,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        stored.update(copy.deepcopy({k: v for k, v in view.items() if k not in ("id", "hash")}))
        if external_id:
            self._external_ids[external_id] = new_id
        self._views[new_id] = stored
        return copy.deepcopy(stored)

    def _views_open(self, args: JsonDict) -> JsonDict:
        self._use_trigger(args)
        view = self._check_view(args.get("view"), ("modal",))
        stored = self._store_view(view)
        self._used_triggers.add(args["trigger_id"])
        self._last_root_view = stored["id"]
        self._opened_views.append(copy.deepcopy(stored))
        return {"view": stored}

    def _views_push(self, args: JsonDict) -> JsonDict:
        self._use_trigger(args)
        view = self._check_view(args.get("view"), ("modal",))
        stored = self._store_view(view, root_id=self._last_root_view)
        self._used_triggers.add(args["trigger_id"])
        return {"view": stored}

    def _views_update(self, args: JsonDict) -> JsonDict:
        view_id = args.get("view_id")
        external_id = args.get("external_id")
        if not _present(view_id) and not _present(external_id):
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: view_id or external_id")
        if not _present(view_id):
            view_id = self._external_ids.get(str(external_id))
        current = self._views.get(str(view_id)) if view_id else None
        if current is None:
            raise _SlackError("not_found")
        if _present(args.get("hash")) and args["hash"] != current["hash"]:
            raise _SlackError("hash_conflict")
        view = self._check_view(args.get("view"), (current["type"],))
        return {"view": self._store_view(view, view_id=current["id"])}

    def _views_publish(self, args: JsonDict) -> JsonDict:
        user_id = args.get("user_id")
        if not _present(user_id):
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: user_id")
        if user_id not in self._users:
            raise _SlackError("user_not_found")
        view = self._check_view(args.get("view"), ("home",))
        current_id = self._home_views.get(user_id)
        if current_id and _present(args.get("hash")) and args["hash"] != self._views[current_id]["hash"]:
            raise _SlackError("hash_conflict")
        stored = self._store_view(view, view_id=current_id)
        self._home_views[user_id] = stored["id"]
        return {"view": stored}

    # ----------------------------------------------------------------- files

    def _files_get_upload_url(self, args: JsonDict) -> JsonDict:
        filename = args.get("filename")
        length = str(args.get("length", ""))
        if not _present(filename):
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: filename")
        if not length.isdigit():
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: length")
        file_id = f"F{self._next_number():010d}"
        self._files[file_id] = {
            "id": file_id,
            "filename": str(filename),
            "length": int(length),
            "alt_txt": args.get("alt_txt"),
            "snippet_type": args.get("snippet_type"),
            "content": None,
            "completed": False,
        }
        return {"upload_url": f"{self.base_url}/upload/v1/{file_id}", "file_id": file_id}

    def _raw_upload(self, args: JsonDict, body: bytes) -> _Reply:
        """Step 2 of files_upload_v2: the bytes POSTed to the upload URL."""
        record = self._files.get(args["upload_id"])
        if record is None:
            return _Reply(404, "not found")
        record["content"] = body
        args["size"] = len(body)
        return _Reply(200, f"OK - {len(body)}")

    def _files_complete_upload(self, args: JsonDict) -> JsonDict:
        files = args.get("files")
        if not isinstance(files, list) or not files:
            raise _SlackError("invalid_arguments", "[ERROR] missing required field: files")
        channels = [c for c in str(args.get("channels") or "").split(",") if c]
        if _present(args.get("channel_id")):
            channels.insert(0, str(args["channel_id"]))
        if _present(args.get("thread_ts")) and len(channels) > 1:
            raise _SlackError("invalid_arguments", "[ERROR] only one channel allowed with thread_ts")
        records = []
        for item in files:
            record = self._files.get(str(item.get("id"))) if isinstance(item, dict) else None
            if record is None or record["completed"]:
                raise _SlackError("file_not_found")
            records.append((record, item))
        return {"files": [self._complete_file(record, item, channels, args) for record, item in records]}

    def _complete_file(
        self, record: JsonDict, item: JsonDict, channels: list[str], args: JsonDict
    ) -> JsonDict:
        """Mark one file shared and return Slack's file object."""
        record["completed"] = True
        title = item.get("title") or record["filename"]
        content = record["content"] or b""
        self._uploads.append(
            {
                "file_id": record["id"],
                "filename": record["filename"],
                "title": title,
                "content": content,
                "length": record["length"],
                "channel": channels[0] if channels else None,
                "channels": list(channels),
                "initial_comment": args.get("initial_comment"),
                "thread_ts": args.get("thread_ts"),
                "alt_txt": record["alt_txt"],
                "snippet_type": record["snippet_type"],
            }
        )
        now = int(self._wall_clock())
        mimetype = mimetypes.guess_type(record["filename"])[0] or "application/octet-stream"
        url = f"{self.base_url}/files/{record['id']}/{record['filename']}"
        return {
            "id": record["id"],
            "created": now,
            "timestamp": now,
            "name": record["filename"],
            "title": title,
            "mimetype": mimetype,
            "filetype": record["filename"].rsplit(".", 1)[-1] if "." in record["filename"] else "binary",
            "user": self.bot_user_id,
            "user_team": self.team_id,
            "size": len(content),
            "mode": "hosted",
            "is_external": False,
            "is_public": any(c[:1] == "C" for c in channels),
            "url_private": url,
            "url_private_download": url,
            "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/{record['id']}",
            "channels": [c for c in channels if c[:1] == "C"],
            "groups": [c for c in channels if c[:1] == "G"],
            "ims": [self._resolve_channel(c) for c in channels if c[:1] in ("D", "U", "W")],
            "comments_count": 0,
            "shares": {},
        }

    def add_user_file(self, filename: str, content: bytes, *, user_id: str = "U0UPLOADER") -> JsonDict:
        """A file a person uploaded (e.g. through a modal's file_input): Slack's file object, with the
        ``url_private_download`` the bot fetches with its token."""
        with self._lock:
            file_id = f"F{self._next_number():010d}"
            self._files[file_id] = {"id": file_id, "filename": filename, "length": len(content), "alt_txt": None,
                                    "snippet_type": None, "content": content, "completed": True}
        url = f"{self.base_url}/files/{file_id}/{filename}"
        return {"id": file_id, "name": filename, "title": filename, "filetype": filename.rsplit(".", 1)[-1],
                "user": user_id, "size": len(content), "url_private": url, "url_private_download": url}

    def _file_download(self, args: JsonDict) -> _Reply:
        """GET url_private(_download): the bytes, for a valid token only (like Slack)."""
        file_id = args["path"].split("/")[2]
        record = self._files.get(file_id)
        token = args.get("_token")
        if token not in self._tokens:
            return _Reply(302, "login required")
        if record is None or record["content"] is None:
            return _Reply(404, "not found")
        return _Reply(200, bytes(record["content"]))

    # ----------------------------------------------------------------- response URLs

    def _response_post(self, args: JsonDict) -> _Reply:
        """Record a post to a response URL (what Bolt's ``respond()`` sends)."""
        entry = self._response_urls.get(args["id"])
        payload = args["payload"]
        if entry is None:
            return _Reply(404, {"ok": False, "error": "expired_url"})
        if entry["uses"] >= entry["max_uses"]:
            return _Reply(404, {"ok": False, "error": "used_url"})
        wants_content = ("text", "blocks", "attachments", "delete_original")
        if not any(_present(payload.get(k)) for k in wants_content):
            return _Reply(400, {"ok": False, "error": "no_text"})
        entry["uses"] += 1
        args["name"] = entry["name"]
        self._responses.append({"name": entry["name"], "payload": _decode_json_args(payload)})
        return _Reply(200, {"ok": True})


def _failure_status(status: int | None, error: str | None) -> int:
    """429 by default, 200 (``ok: false``) when only an error code is given."""
    if status is not None:
        return status
    return 200 if error else 429


def _basic(authorization: str | None) -> tuple[str, str] | None:
    """(client id, client secret) of an ``Authorization: Basic ...`` header."""
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded.strip()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user, password


def _modal_errors(view: JsonDict) -> list[str]:
    """Slack's rules for modals: a short title, and a submit button with inputs."""
    errors: list[str] = []
    title = view.get("title")
    if not isinstance(title, dict) or not _present(title.get("text")):
        errors.append("missing required field: title [json-pointer:/view/title]")
    elif len(title["text"]) > _MAX_VIEW_TITLE:
        errors.append(f"must be less than {_MAX_VIEW_TITLE + 1} characters [json-pointer:/view/title/text]")
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
    if has_input and not view.get("submit"):
        errors.append("submit is required when an input block is present [json-pointer:/view/submit]")
    return errors


def _im_object(user_id: str, created: int) -> JsonDict:
    """The full IM object conversations.open returns with ``return_im``."""
    return {
        "created": created,
        "is_im": True,
        "is_org_shared": False,
        "user": user_id,
        "last_read": "0000000000.000000",
        "latest": None,
        "unread_count": 0,
        "unread_count_display": 0,
        "is_open": True,
        "priority": 0,
    }
