"""A local fake of the Bot Framework / Teams Bot Connector REST API (v3) for tests.

The Microsoft 365 Agents SDK's ``ConnectorClient`` talks to it over HTTP::

    async def greet(emu: BotConnectorEmulator) -> None:
        client = ConnectorClient(endpoint=emu.service_url, token="")  # token="": no Authorization header
        params = ConversationParameters(is_group=False, members=[ChannelAccount(id="29:1alice")], tenant_id="tenant-1")
        try:
            chat = await client.conversations.create_conversation(params)
            await client.conversations.send_to_conversation(chat.id, Activity(type="message", text="Bonjour"))
        finally:
            await client.close()

    with BotConnectorEmulator() as emu:
        emu.add_user("29:1alice", "Alice Martin", aad_object_id="aad-alice")
        asyncio.run(greet(emu))
        assert emu.activities_for("29:1alice")[0]["text"] == "Bonjour"
        emu.fail(429, retry_after=1, path_contains="/activities")  # the next send gets 429 + Retry-After: 1
        emu.enforce_limits()  # Teams' limits per conversation: 7 a second, 60 in 30 seconds

It serves ``POST /v3/conversations`` (1:1 chats only), posting, replying to,
updating and deleting activities, and reading a conversation's members. It
answers with the Bot Connector's shapes (``201 {"id": ...}``, error bodies
``{"error": {"code", "message"}}``), checks what Teams checks (a message has
text or attachments, Adaptive Cards 1.5 element types and the properties each
may have (bot/demo/card_schema.py), unique input ids, the size of the payload),
records every call, and can inject failures (any status,
with ``Retry-After``), hangs, and Teams' per-conversation rate limits.
Error codes used: ``BadSyntax`` (body is not JSON), ``BadArgument``,
``Unauthorized``, ``Forbidden``, ``ConversationNotFound``,
``ActivityNotFoundInConversation``, ``MemberNotFoundInConversation``,
``MessageSizeTooBig``, ``Throttled``. Standard library only.
"""

from __future__ import annotations

import copy
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from bot.demo.card_schema import unknown_properties
from bot.demo.loopback import LoopbackServer, QuietHandler, bearer_token

__all__ = ["ADAPTIVE_CARD", "BotConnectorEmulator", "ConnectorCall", "card_actions", "card_inputs", "open_urls",
           "text_of"]

JsonDict = dict[str, Any]
Clock = Callable[[], float]

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
# Adaptive Cards 1.5: what may appear in a card's body, and as an action.
_ELEMENT_TYPES = frozenset(
    {"TextBlock", "Image", "Media", "RichTextBlock", "ActionSet", "Container", "ColumnSet", "FactSet", "ImageSet", "Table"}
)
_INPUT_TYPES = frozenset({"Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle", "Input.ChoiceSet"})
_ACTION_TYPES = frozenset(
    {"Action.OpenUrl", "Action.Submit", "Action.ShowCard", "Action.ToggleVisibility", "Action.Execute"}
)
_CLICKABLE = frozenset({"Action.Submit", "Action.Execute"})
_ERROR_CODES = {
    400: "BadArgument",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    412: "PreconditionFailed",
    413: "MessageSizeTooBig",
    429: "Throttled",
    500: "InternalServerError",
    502: "ServiceError",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}
_MAX_ERRORS_SHOWN = 5
_ACTIVITY_ID_PREFIX = "1:"


# --------------------------------------------------------------------------- public records


@dataclass(frozen=True)
class ConnectorCall:
    """One HTTP call received by the emulator, failed ones included.

    ``activity_id`` is the activity a PUT or DELETE addressed, or the one a
    successful post created (a reply's ``replyToId`` stays in ``path``).
    ``path`` is URL-decoded, without the query; ``body`` the decoded JSON
    object (None when there was none); ``at`` the emulator's clock.
    """

    method: str
    path: str
    conversation_id: str | None
    activity_id: str | None
    body: JsonDict | None
    status: int
    at: float

    @property
    def succeeded(self) -> bool:
        """True when the call was answered 2xx."""
        return 200 <= self.status < 300


# --------------------------------------------------------------------------- reading activities


def text_of(activity: JsonDict) -> str:
    """Everything a person would read in an activity, joined with newlines.

    The activity's ``text``; in Adaptive Cards the TextBlock texts, RichTextBlock
    runs, FactSet titles and values, input labels, placeholders and values,
    toggle titles, choice titles, and action titles (``Action.ShowCard`` cards
    included); in hero/thumbnail cards the title, subtitle, text and buttons.
    """
    out: list[str] = []
    if isinstance(activity.get("text"), str):
        out.append(activity["text"])
    for attachment in _attachments(activity):
        content = attachment.get("content")
        if not isinstance(content, dict):
            continue
        if attachment.get("contentType") == ADAPTIVE_CARD:
            for node in _walk_card(content):
                out.extend(_node_text(node))
        else:
            out.extend(_rich_card_text(content))
    return "\n".join(piece for piece in out if piece)


def card_actions(activity: JsonDict) -> list[tuple[str, JsonDict]]:
    """Each ``Action.Submit`` / ``Action.Execute`` of the activity's cards as (title, data), in document order."""
    return [
        (str(node.get("title", "")), copy.deepcopy(node["data"]) if isinstance(node.get("data"), dict) else {})
        for node in _card_nodes(activity)
        if node.get("type") in _CLICKABLE
    ]


def open_urls(activity: JsonDict) -> list[tuple[str, str]]:
    """Each ``Action.OpenUrl`` of the activity's cards' action bars as (title, url), in order."""
    return [(str(act.get("title", "")), act["url"]) for attachment in _attachments(activity)
            for act in (attachment.get("content") or {}).get("actions") or []
            if isinstance(act, dict) and act.get("type") == "Action.OpenUrl" and isinstance(act.get("url"), str)]


def card_inputs(activity: JsonDict) -> dict[str, JsonDict]:
    """Input id -> the ``Input.*`` element (labels, ``value``, ``errorMessage``...)."""
    return {
        node["id"]: copy.deepcopy(node)
        for node in _card_nodes(activity)
        if str(node.get("type", "")).startswith("Input.") and isinstance(node.get("id"), str)
    }


def _attachments(activity: JsonDict) -> list[JsonDict]:
    attachments = activity.get("attachments")
    return [a for a in attachments if isinstance(a, dict)] if isinstance(attachments, list) else []


def _card_nodes(activity: JsonDict) -> Iterator[JsonDict]:
    """Every element and action of the activity's Adaptive Cards."""
    for attachment in _attachments(activity):
        if attachment.get("contentType") == ADAPTIVE_CARD and isinstance(attachment.get("content"), dict):
            yield from _walk_card(attachment["content"])


def _walk_card(card: JsonDict) -> Iterator[JsonDict]:
    """Elements and actions of a card in document order (body first, then actions)."""
    yield from _walk_list(card.get("body"))
    yield from _walk_list(card.get("actions"))


def _walk_list(nodes: Any) -> Iterator[JsonDict]:
    if isinstance(nodes, list):
        for node in nodes:
            if isinstance(node, dict):
                yield from _walk_node(node)


def _walk_node(node: JsonDict) -> Iterator[JsonDict]:
    """A node, then what it contains (container items, columns, table cells, actions, a shown card)."""
    yield node
    for key in ("items", "columns", "actions", "rows", "cells"):
        yield from _walk_list(node.get(key))
    if isinstance(node.get("selectAction"), dict):
        yield from _walk_node(node["selectAction"])
    if node.get("type") == "Action.ShowCard" and isinstance(node.get("card"), dict):
        yield from _walk_card(node["card"])


def _node_text(node: JsonDict) -> list[str]:
    """The visible strings of one card node."""
    kind = node.get("type")
    if kind == "TextBlock":
        return [_str(node.get("text"))]
    if kind == "RichTextBlock":
        # Runs sit side by side on one line.
        return ["".join(run if isinstance(run, str) else _str(run.get("text")) for run in _dicts(node, "inlines", str))]
    if kind == "FactSet":
        return [_str(fact.get(key)) for fact in _dicts(node, "facts") for key in ("title", "value")]
    if kind == "Input.ChoiceSet":
        choices = [_str(choice.get("title")) for choice in _dicts(node, "choices")]
        return [_str(node.get("label")), _str(node.get("placeholder")), *choices]
    if kind == "Input.Toggle":
        return [_str(node.get("label")), _str(node.get("title"))]
    if isinstance(kind, str) and kind.startswith("Input."):
        return [_str(node.get(key)) for key in ("label", "placeholder", "value")]
    if isinstance(kind, str) and kind.startswith("Action."):
        return [_str(node.get("title"))]
    return []


def _rich_card_text(content: JsonDict) -> list[str]:
    """Hero and thumbnail cards: title, subtitle, text, button titles."""
    pieces = [_str(content.get(key)) for key in ("title", "subtitle", "text")]
    return pieces + [_str(button.get("title")) for button in _dicts(content, "buttons")]


def _dicts(node: JsonDict, key: str, *also: type) -> list[Any]:
    """The objects (and values of the ``also`` types) of a list property; nothing when it is not a list."""
    items = node.get(key)
    return [item for item in items if isinstance(item, (dict, *also))] if isinstance(items, list) else []


def _str(value: Any) -> str:
    """Numbers and booleans read as text; anything else missing reads as nothing."""
    if isinstance(value, str):
        return value
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


# --------------------------------------------------------------------------- validation


class _CardChecker:
    """Collects what Teams would refuse in one Adaptive Card (nested shown cards included)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.input_ids: set[str] = set()

    def card(self, card: Any, at: str, *, root: bool) -> None:
        if not isinstance(card, dict):
            self.errors.append(f"{at}: an Adaptive Card must be an object")
            return
        if card.get("type") != "AdaptiveCard":
            self.errors.append(f'{at}.type: must be "AdaptiveCard"')
        self.errors += unknown_properties(card, "AdaptiveCard", at)
        if root and not (isinstance(card.get("version"), str) and card["version"]):
            self.errors.append(f"{at}.version: required")
        if root and not isinstance(card.get("body"), list):
            self.errors.append(f"{at}.body: must be a list")
        elif card.get("body") is not None:
            self.elements(card["body"], f"{at}.body")
        if card.get("actions") is not None:
            self.actions(card["actions"], f"{at}.actions")

    def elements(self, items: Any, at: str) -> None:
        if not isinstance(items, list):
            self.errors.append(f"{at}: must be a list")
            return
        for index, item in enumerate(items):
            self.element(item, f"{at}[{index}]")

    def element(self, item: Any, at: str) -> None:
        kind = item.get("type") if isinstance(item, dict) else None
        if not isinstance(kind, str):
            self.errors.append(f"{at}.type: required")
            return
        self.errors += unknown_properties(item, kind, at)
        if kind in _INPUT_TYPES:
            self.input(item, at)
        elif kind in _ELEMENT_TYPES:
            self.element_content(item, kind, at)
        else:
            self.errors.append(f"{at}.type: unknown element type {kind!r}")
            return
        if item.get("selectAction") is not None:
            self.action(item["selectAction"], f"{at}.selectAction", selectable=True)
        fallback = item.get("fallback")
        if isinstance(fallback, dict):
            self.element(fallback, f"{at}.fallback")
        elif fallback is not None and fallback != "drop":
            self.errors.append(f'{at}.fallback: must be an element or "drop"')

    def element_content(self, item: JsonDict, kind: str, at: str) -> None:
        """Required properties and children of the non-input elements."""
        if kind == "TextBlock" and not isinstance(item.get("text"), str):
            self.errors.append(f"{at}.text: required")
        elif kind == "Image" and not isinstance(item.get("url"), str):
            self.errors.append(f"{at}.url: required")
        elif kind == "Container":
            self.elements(item.get("items"), f"{at}.items")
        elif kind == "ActionSet":
            self.actions(item.get("actions"), f"{at}.actions")
        elif kind == "ImageSet":
            self.elements(item.get("images"), f"{at}.images")
        elif kind == "ColumnSet":
            self.parts(item.get("columns", []), "Column", f"{at}.columns", self.column)
        elif kind == "Table":
            self.parts(item.get("rows", []), "TableRow", f"{at}.rows", self.row)
        elif kind == "FactSet":
            self.pairs(item.get("facts"), ("title", "value"), f"{at}.facts", "Fact")
        elif kind == "RichTextBlock":
            self.inlines(item.get("inlines"), f"{at}.inlines")

    def parts(self, items: Any, kind: str, at: str, check: Callable[[JsonDict, str], None]) -> None:
        """Columns, rows and cells: objects whose ``type``, when given, is ``kind``."""
        if not isinstance(items, list):
            self.errors.append(f"{at}: must be a list")
            return
        for index, part in enumerate(items):
            where = f"{at}[{index}]"
            if not isinstance(part, dict) or part.get("type", kind) != kind:
                self.errors.append(f"{where}.type: must be {kind!r}")
                continue
            self.errors += unknown_properties(part, kind, where)
            check(part, where)

    def column(self, column: JsonDict, at: str) -> None:
        self.elements(column.get("items", []), f"{at}.items")
        if column.get("selectAction") is not None:
            self.action(column["selectAction"], f"{at}.selectAction", selectable=True)

    def row(self, row: JsonDict, at: str) -> None:
        self.parts(row.get("cells", []), "TableCell", f"{at}.cells", self.cell)

    def cell(self, cell: JsonDict, at: str) -> None:
        self.elements(cell.get("items", []), f"{at}.items")

    def pairs(self, items: Any, keys: tuple[str, str], at: str, kind: str) -> None:
        """Facts and choices: objects with two string properties."""
        if not isinstance(items, list):
            self.errors.append(f"{at}: must be a list")
            return
        for index, pair in enumerate(items):
            if not isinstance(pair, dict) or not all(isinstance(pair.get(key), str) for key in keys):
                self.errors.append(f"{at}[{index}]: needs string {keys[0]!r} and {keys[1]!r}")
            self.errors += unknown_properties(pair, kind, f"{at}[{index}]")

    def inlines(self, items: Any, at: str) -> None:
        if not isinstance(items, list):
            self.errors.append(f"{at}: must be a list")
            return
        for index, run in enumerate(items):
            if isinstance(run, str):
                continue
            if not isinstance(run, dict) or run.get("type") != "TextRun" or not isinstance(run.get("text"), str):
                self.errors.append(f'{at}[{index}]: must be a string or a "TextRun" with text')
            self.errors += unknown_properties(run, "TextRun", f"{at}[{index}]")

    def input(self, item: JsonDict, at: str) -> None:
        input_id = item.get("id")
        if not (isinstance(input_id, str) and input_id):
            self.errors.append(f"{at}.id: required for inputs")
        elif input_id in self.input_ids:
            self.errors.append(f"{at}.id: duplicate input id {input_id!r}")
        else:
            self.input_ids.add(input_id)
        if item["type"] == "Input.ChoiceSet":
            self.pairs(item.get("choices"), ("title", "value"), f"{at}.choices", "Input.Choice")

    def actions(self, items: Any, at: str) -> None:
        if not isinstance(items, list):
            self.errors.append(f"{at}: must be a list")
            return
        for index, item in enumerate(items):
            self.action(item, f"{at}[{index}]")

    def action(self, item: Any, at: str, *, selectable: bool = False) -> None:
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in _ACTION_TYPES or (selectable and kind == "Action.ShowCard"):
            self.errors.append(f"{at}.type: unknown action type {kind!r}")
            return
        self.errors += unknown_properties(item, kind, at)
        if kind == "Action.Submit" and item.get("data") is not None and not isinstance(item["data"], dict):
            self.errors.append(f"{at}.data: must be an object")
        elif kind == "Action.OpenUrl" and not isinstance(item.get("url"), str):
            self.errors.append(f"{at}.url: required")
        elif kind == "Action.ShowCard":
            self.card(item.get("card"), f"{at}.card", root=False)


def _activity_errors(activity: Any) -> list[str]:
    """What Teams would refuse in an activity (empty when fine)."""
    if not isinstance(activity, dict):
        return ["the activity must be a JSON object"]
    if not (isinstance(activity.get("type"), str) and activity["type"]):
        return ["type: required"]
    text = activity.get("text")
    if text is not None and not isinstance(text, str):
        return ["text: must be a string"]
    attachments = activity.get("attachments")
    if attachments is not None and not isinstance(attachments, list):
        return ["attachments: must be a list"]
    if activity["type"] == "message" and not text and not attachments:
        return ["a message needs text or attachments"]
    errors: list[str] = []
    for index, attachment in enumerate(attachments or []):
        errors.extend(_attachment_errors(attachment, f"attachments[{index}]"))
    return errors


def _attachment_errors(attachment: Any, at: str) -> list[str]:
    if not isinstance(attachment, dict) or not isinstance(attachment.get("contentType"), str):
        return [f"{at}.contentType: required"]
    if attachment["contentType"] != ADAPTIVE_CARD:
        return []
    checker = _CardChecker()
    checker.card(attachment.get("content"), f"{at}.content", root=True)
    return checker.errors


# --------------------------------------------------------------------------- internals


class _ConnectorError(Exception):
    """Raised while answering: becomes an HTTP error with a Bot Connector error body."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _ERROR_CODES.get(status, "ServiceError")
        self.message = message
        self.headers = headers or {}

    def reply(self) -> _Reply:
        return _Reply(self.status, {"error": {"code": self.code, "message": self.message}}, self.headers)


@dataclass
class _Reply:
    """An HTTP answer (``body`` None: an empty body)."""

    status: int
    body: JsonDict | list[JsonDict] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Request:
    method: str
    raw_path: str
    segments: tuple[str, ...]
    body: bytes
    authorization: str | None

    @property
    def path(self) -> str:
        return "/" + "/".join(self.segments)


@dataclass(frozen=True)
class _Route:
    """Which endpoint a request addresses; ``name`` None when no endpoint has that path."""

    name: str | None
    conversation_id: str | None = None
    activity_id: str | None = None
    member_id: str | None = None


@dataclass
class _Failure:
    status: int
    remaining: int
    method: str | None
    path_contains: str | None
    retry_after: float | None

    def matches(self, request: _Request) -> bool:
        if self.method is not None and self.method.upper() != request.method:
            return False
        return self.path_contains is None or self.path_contains in request.raw_path or self.path_contains in request.path


@dataclass
class _Limits:
    """Sliding windows of accepted calls per conversation (Teams: 7 a second, 60 in 30 seconds)."""

    per_second: int
    per_30_seconds: int
    windows: dict[str, deque[float]] = field(default_factory=dict)

    def retry_after(self, key: str, now: float) -> float | None:
        """Seconds until a slot frees; None (and the call counted) when there is one."""
        times = self.windows.setdefault(key, deque())
        while times and times[0] <= now - 30:
            times.popleft()
        recent = [at for at in times if at > now - 1]
        waits = []
        if len(recent) >= self.per_second:
            waits.append(recent[-self.per_second] + 1 - now)
        if len(times) >= self.per_30_seconds:
            waits.append(times[-self.per_30_seconds] + 30 - now)
        if waits:
            return max(waits)
        times.append(now)
        return None


@dataclass
class _Conversation:
    id: str
    member_ids: list[str]
    tenant_id: str


@dataclass
class _Posted:
    """A posted activity and its versions (the post, then each update)."""

    conversation_id: str
    versions: list[JsonDict]
    deleted: bool = False


def _segments(raw_path: str) -> tuple[str, ...]:
    """Path segments, each URL-decoded (``a%3A1`` -> ``a:1``) after splitting, so an encoded ``/`` stays inside."""
    return tuple(unquote(part) for part in urlsplit(raw_path).path.split("/") if part)


def _match(segments: tuple[str, ...]) -> _Route:
    """The endpoint of a ``v3/conversations/...`` path."""
    if len(segments) < 2 or segments[0] != "v3" or segments[1] != "conversations":
        return _Route(None)
    if len(segments) == 2:
        return _Route("conversations")
    conversation, rest = segments[2], [part.lower() for part in segments[3:]]
    if rest == ["activities"]:
        return _Route("activities", conversation)
    if len(rest) == 2 and rest[0] == "activities":
        return _Route("activity", conversation, activity_id=segments[4])
    if rest == ["members"]:
        return _Route("members", conversation)
    if len(rest) == 2 and rest[0] == "members":
        return _Route("member", conversation, member_id=segments[4])
    if rest == ["pagedmembers"]:
        return _Route("pagedmembers", conversation)
    return _Route(None, conversation)


def _seconds(value: float) -> str:
    """A Retry-After value: whole seconds as an integer, fractions kept (handy in fast tests)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --------------------------------------------------------------------------- HTTP plumbing


class _Handler(QuietHandler):
    """Hands each HTTP request to the emulator."""

    emulator: BotConnectorEmulator
    server_version = "BotConnectorEmulator/1.0"

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def do_PATCH(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = _Request(self.command, self.path, _segments(self.path), body, self.headers.get("Authorization"))
        self._send(self.emulator._handle(request))

    def _send(self, reply: _Reply) -> None:
        if reply.body is None:
            payload, content_type = b"", None
        elif isinstance(reply.body, str):
            payload, content_type = reply.body.encode("utf-8"), "text/plain; charset=utf-8"
        else:
            payload, content_type = json.dumps(reply.body).encode("utf-8"), "application/json; charset=utf-8"
        self.write_reply(reply.status, payload, content_type, reply.headers)


# --------------------------------------------------------------------------- the emulator


class BotConnectorEmulator:
    """A fake Bot Connector (Teams) REST API served on 127.0.0.1 for the SDK's ``ConnectorClient``."""

    def __init__(self, token: str | None = None, max_activity_bytes: int = 28_000, *, clock: Clock = time.monotonic) -> None:
        self.token = token
        self.max_activity_bytes = max_activity_bytes
        self._clock = clock
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._http: LoopbackServer | None = None
        self._users: dict[str, JsonDict] = {}
        self._conversations: dict[str, _Conversation] = {}
        self._chat_of: dict[str, str] = {}
        self._posted: dict[str, _Posted] = {}
        self._order: list[str] = []
        self._counter = 0
        self._calls: list[ConnectorCall] = []
        self._failures: list[_Failure] = []
        self._hangs: deque[float] = deque()
        self._limits: _Limits | None = None
        self._throttled = 0
        self._endpoints: dict[tuple[str, str], Callable[[_Route, Any], _Reply]] = {
            ("POST", "conversations"): self._create_conversation,
            ("POST", "activities"): self._send_activity,
            ("POST", "activity"): self._send_activity,
            ("PUT", "activity"): self._update_activity,
            ("DELETE", "activity"): self._delete_activity,
            ("GET", "members"): self._members,
            ("GET", "member"): self._member,
            ("GET", "pagedmembers"): self._paged_members,
        }

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> BotConnectorEmulator:
        """Serve on 127.0.0.1 (random port) in a daemon thread."""
        if self._http is not None:
            return self
        self._stopping.clear()
        self._http = LoopbackServer(type("BoundHandler", (_Handler,), {"emulator": self}),
                                    name="teams-connector-emulator")
        return self

    def stop(self) -> None:
        """Release hung handlers and shut the server down."""
        self._stopping.set()
        if self._http is not None:
            self._http.stop()
        self._http = None

    def __enter__(self) -> BotConnectorEmulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def service_url(self) -> str:
        """``http://127.0.0.1:PORT/``, with its trailing slash like Teams' service URLs."""
        if self._http is None:
            raise RuntimeError("BotConnectorEmulator is not started")
        return f"{self._http.url}/"

    # ----------------------------------------------------------------- directory

    def add_user(self, user_id: str, name: str, *, aad_object_id: str | None = None, tenant_id: str = "tenant-1",
                 conversation_id: str | None = None) -> None:
        """Register a Teams user (``29:...``) the bot may open a 1:1 chat with.

        With `conversation_id`, their personal chat with the bot already exists (the app is installed
        and they can write to it), as when Teams sends the bot activities from that chat.
        """
        member: JsonDict = {"id": user_id, "name": name, "tenantId": tenant_id}
        if aad_object_id is not None:
            member["aadObjectId"] = aad_object_id
        with self._lock:
            self._users[user_id] = member
            if conversation_id is not None:
                self._conversations[conversation_id] = _Conversation(conversation_id, [user_id], tenant_id)
                self._chat_of[user_id] = conversation_id

    def add_channel(self, conversation_id: str, member_ids: list[str], *, tenant_id: str = "tenant-1") -> None:
        """A team channel (or group chat) the bot was added to: it may answer there."""
        with self._lock:
            self._conversations[conversation_id] = _Conversation(conversation_id, list(member_ids), tenant_id)

    def conversation_of(self, user_id: str) -> str | None:
        """The id of the 1:1 chat with this user, None before the bot created it."""
        with self._lock:
            return self._chat_of.get(user_id)

    # ----------------------------------------------------------------- what was received

    @property
    def calls(self) -> list[ConnectorCall]:
        """Every call received, in order (failed ones included)."""
        with self._lock:
            return list(self._calls)

    @property
    def throttled(self) -> int:
        """How many 429s ``enforce_limits`` answered (injected failures not counted)."""
        with self._lock:
            return self._throttled

    def activities(self, conversation_id: str | None = None) -> list[JsonDict]:
        """Message activities posted successfully, in order, as posted (with their ``id``); deleted ones included."""
        with self._lock:
            return [
                copy.deepcopy(posted.versions[0])
                for posted in (self._posted[activity_id] for activity_id in self._order)
                if posted.versions[0].get("type") == "message"
                and (conversation_id is None or posted.conversation_id == conversation_id)
            ]

    def activities_for(self, user_id: str) -> list[JsonDict]:
        """Message activities posted in the 1:1 chat with this user."""
        conversation_id = self.conversation_of(user_id)
        return [] if conversation_id is None else self.activities(conversation_id)

    def update_counts(self, user_id: str) -> dict[str, int]:
        """How many times the bot updated each message of the 1:1 chat with this user (cheap: nothing copied)."""
        conversation_id = self.conversation_of(user_id)
        with self._lock:
            return {activity_id: len(posted.versions) - 1 for activity_id, posted in self._posted.items()
                    if posted.conversation_id == conversation_id}

    def updates(self, activity_id: str) -> list[JsonDict]:
        """The successful updates (PUT bodies) of an activity, in order."""
        with self._lock:
            return copy.deepcopy(self._known(activity_id).versions[1:])

    def latest(self, activity_id: str) -> JsonDict:
        """The current version of an activity (the post, or its last update)."""
        with self._lock:
            return copy.deepcopy(self._known(activity_id).versions[-1])

    def is_deleted(self, activity_id: str) -> bool:
        """True once the bot deleted the activity."""
        with self._lock:
            return self._known(activity_id).deleted

    def _known(self, activity_id: str) -> _Posted:
        posted = self._posted.get(activity_id)
        if posted is None:
            raise KeyError(f"no activity {activity_id!r} was posted")
        return posted

    # ----------------------------------------------------------------- failure injection

    def fail(
        self,
        status: int,
        *,
        times: int = 1,
        method: str | None = None,
        path_contains: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer ``status`` (with an error body) to the next ``times`` matching calls.

        Injected failures come first: before authentication, validation and limits.

        ``method`` is an HTTP method, ``path_contains`` a substring of the path
        (raw or decoded); ``retry_after`` adds a ``Retry-After`` header.
        """
        with self._lock:
            self._failures.append(_Failure(status, times, method, path_contains, retry_after))

    def hang(self, seconds: float, times: int = 1) -> None:
        """Delay the next ``times`` calls by ``seconds`` before answering (``stop()`` cuts it short)."""
        with self._lock:
            self._hangs.extend([seconds] * times)

    def enforce_limits(self, per_second: int = 7, per_30_seconds: int = 60) -> None:
        """Teams' per-conversation limits for a bot: beyond them, 429 with ``Retry-After``.

        Counted per conversation over sliding windows of 1 and 30 seconds (on
        the ``clock``), for posts, replies, updates and deletes; creating a
        conversation and reading members are not counted. ``Retry-After`` is
        the whole number of seconds until a slot frees (at least 1).
        """
        with self._lock:
            self._limits = _Limits(per_second, per_30_seconds)

    def clear_failures(self) -> None:
        """Drop pending failures and hangs, and lift the limits."""
        with self._lock:
            self._failures.clear()
            self._hangs.clear()
            self._limits = None

    # ----------------------------------------------------------------- request handling

    def _handle(self, request: _Request) -> _Reply:
        """Hang, then answer and record under the lock."""
        if request.segments == ("healthz",):
            return _Reply(200, "ok")
        with self._lock:
            delay = self._hangs.popleft() if self._hangs else None
        if delay is not None:
            self._stopping.wait(delay)
        route = _match(request.segments)
        with self._lock:
            body = self._json_body(request)
            reply = self._answer(request, route, body)
            self._calls.append(
                ConnectorCall(
                    method=request.method,
                    path=request.path,
                    conversation_id=route.conversation_id,
                    activity_id=_activity_id_of(request.method, route, reply),
                    body=copy.deepcopy(body) if isinstance(body, dict) else None,
                    status=reply.status,
                    at=self._clock(),
                )
            )
            return reply

    def _answer(self, request: _Request, route: _Route, body: Any) -> _Reply:
        """Injected failures, auth, route, size, JSON, limits, then the endpoint."""
        injected = self._injected_failure(request)
        if injected is not None:
            return injected
        try:
            self._authenticate(request.authorization)
            endpoint = self._endpoint(request.method, route)
            size = _payload_size(request.body, body)
            if size > self.max_activity_bytes:
                raise _ConnectorError(413, f"The payload is {size} bytes; the limit is {self.max_activity_bytes}.")
            if request.body and body is None:
                raise _ConnectorError(400, "The request body is not valid JSON.", "BadSyntax")
            self._throttle(request.method, route)
            return endpoint(route, body)
        except _ConnectorError as exc:
            return exc.reply()

    def _json_body(self, request: _Request) -> Any:
        """The decoded JSON body; None when empty or not JSON."""
        if not request.body:
            return None
        try:
            return json.loads(request.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def _injected_failure(self, request: _Request) -> _Reply | None:
        for rule in self._failures:
            if rule.matches(request):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._failures.remove(rule)
                headers = {} if rule.retry_after is None else {"Retry-After": _seconds(rule.retry_after)}
                return _ConnectorError(rule.status, f"Injected failure (HTTP {rule.status}).", headers=headers).reply()
        return None

    def _authenticate(self, authorization: str | None) -> None:
        if self.token is not None and bearer_token(authorization) != self.token:
            raise _ConnectorError(401, "Authorization has been denied for this request.")

    def _endpoint(self, method: str, route: _Route) -> Callable[[_Route, Any], _Reply]:
        endpoint = self._endpoints.get((method, route.name or ""))
        if endpoint is not None:
            return endpoint
        if route.name is not None and any(name == route.name for _, name in self._endpoints):
            raise _ConnectorError(405, f"{method} is not allowed on this resource.")
        raise _ConnectorError(404, "No such resource.", "NotFound")

    def _throttle(self, method: str, route: _Route) -> None:
        """429 once the conversation is over Teams' limits (writes to known conversations only)."""
        writes = route.name in ("activities", "activity") and method in ("POST", "PUT", "DELETE")
        if self._limits is None or not writes or route.conversation_id not in self._conversations:
            return
        wait = self._limits.retry_after(route.conversation_id or "", self._clock())
        if wait is not None:
            self._throttled += 1
            seconds = str(max(1, math.ceil(wait)))
            raise _ConnectorError(429, "Too many requests in this conversation.", headers={"Retry-After": seconds})

    # ----------------------------------------------------------------- endpoints

    def _create_conversation(self, route: _Route, body: Any) -> _Reply:
        """``POST /v3/conversations``: the 1:1 chat with one member (always the same id)."""
        if not isinstance(body, dict):
            raise _ConnectorError(400, "ConversationParameters are required.")
        user_id = self._user_id(self._one_member(body))
        tenant_id = body.get("tenantId") or _nested(body, "channelData", "tenant", "id")
        if not isinstance(tenant_id, str) or not tenant_id:
            raise _ConnectorError(400, "tenantId is required.")
        user = self._users.get(user_id)
        if user is None or user["tenantId"] != tenant_id:
            raise _ConnectorError(403, "The bot is not installed for this user in this tenant.", "Forbidden")
        activity = body.get("activity")
        if activity is not None:
            self._check_activity(activity)
        conversation_id = self._chat_of.get(user_id)
        if conversation_id is None:
            conversation_id = f"a:{self._next_number()}"
            self._conversations[conversation_id] = _Conversation(conversation_id, [user_id], tenant_id)
            self._chat_of[user_id] = conversation_id
        answer: JsonDict = {"id": conversation_id}
        if activity is not None:
            answer["activityId"] = self._post(conversation_id, activity, reply_to=None)
        return _Reply(201, answer)

    def _user_id(self, member_id: str) -> str:
        """Teams accepts a user's "29:…" id or their Entra object id when a bot opens a 1:1 chat."""
        if member_id in self._users:
            return member_id
        for user_id, user in self._users.items():
            if str(user.get("aadObjectId", "")).lower() == member_id.lower():
                return user_id
        return member_id

    def _one_member(self, body: JsonDict) -> str:
        """The member of a 1:1 chat; bots cannot create group chats."""
        members = body.get("members")
        if body.get("isGroup"):
            raise _ConnectorError(400, "Only 1:1 conversations can be created here (isGroup must be false).")
        if not isinstance(members, list) or len(members) != 1:
            raise _ConnectorError(400, "members must hold exactly one member for a 1:1 conversation.")
        member = members[0]
        if not isinstance(member, dict) or not isinstance(member.get("id"), str) or not member["id"]:
            raise _ConnectorError(400, "members[0].id is required.")
        return member["id"]

    def _send_activity(self, route: _Route, body: Any) -> _Reply:
        """``POST .../activities`` and ``POST .../activities/{replyToId}``."""
        conversation = self._conversation(route)
        self._check_activity(body)
        return _Reply(201, {"id": self._post(conversation.id, body, reply_to=route.activity_id)})

    def _update_activity(self, route: _Route, body: Any) -> _Reply:
        """``PUT .../activities/{activityId}``: a new version of a posted activity."""
        posted = self._activity(route)
        self._check_activity(body)
        version = copy.deepcopy(body)
        version["id"] = route.activity_id
        posted.versions.append(version)
        return _Reply(200, {"id": route.activity_id})

    def _delete_activity(self, route: _Route, body: Any) -> _Reply:
        self._activity(route).deleted = True
        return _Reply(200)

    def _members(self, route: _Route, body: Any) -> _Reply:
        return _Reply(200, [dict(self._users[user_id]) for user_id in self._conversation(route).member_ids])

    def _member(self, route: _Route, body: Any) -> _Reply:
        if route.member_id not in self._conversation(route).member_ids:
            raise _ConnectorError(404, "The member is not in this conversation.", "MemberNotFoundInConversation")
        return _Reply(200, dict(self._users[route.member_id or ""]))

    def _paged_members(self, route: _Route, body: Any) -> _Reply:
        """One page holds everyone: a 1:1 chat has a single member."""
        members = [dict(self._users[user_id]) for user_id in self._conversation(route).member_ids]
        return _Reply(200, {"members": members})

    # ----------------------------------------------------------------- helpers

    def _conversation(self, route: _Route) -> _Conversation:
        conversation = self._conversations.get(route.conversation_id or "")
        if conversation is None:
            raise _ConnectorError(404, "Conversation not found.", "ConversationNotFound")
        return conversation

    def _activity(self, route: _Route) -> _Posted:
        """A live activity of the route's conversation, else 404."""
        conversation = self._conversation(route)
        posted = self._posted.get(route.activity_id or "")
        if posted is None or posted.deleted or posted.conversation_id != conversation.id:
            raise _ConnectorError(404, "Unknown activity.", "ActivityNotFoundInConversation")
        return posted

    def _check_activity(self, activity: Any) -> None:
        errors = _activity_errors(activity)
        if errors:
            shown = "; ".join(errors[:_MAX_ERRORS_SHOWN])
            more = f" (and {len(errors) - _MAX_ERRORS_SHOWN} more)" if len(errors) > _MAX_ERRORS_SHOWN else ""
            raise _ConnectorError(400, f"Invalid activity: {shown}{more}")

    def _post(self, conversation_id: str, activity: JsonDict, *, reply_to: str | None) -> str:
        """Store a new activity; return its id."""
        activity_id = f"{_ACTIVITY_ID_PREFIX}{self._next_number()}"
        stored = copy.deepcopy(activity)
        stored["id"] = activity_id
        if reply_to is not None:
            stored.setdefault("replyToId", reply_to)
        self._posted[activity_id] = _Posted(conversation_id, [stored])
        self._order.append(activity_id)
        return activity_id

    def _next_number(self) -> int:
        self._counter += 1
        return self._counter


def _activity_id_of(method: str, route: _Route, reply: _Reply) -> str | None:
    """For the call record: the activity updated or deleted, or the one a post created."""
    if method != "POST":
        return route.activity_id
    if reply.status == 201 and isinstance(reply.body, dict):
        return reply.body.get("activityId") if route.name == "conversations" else reply.body.get("id")
    return None


def _payload_size(raw: bytes, decoded: Any) -> int:
    """Bytes of the payload as compact UTF-8 JSON.

    Clients may escape non-ASCII (aiohttp sends ``\\u00e9``, 6 bytes for ``é``):
    measure the content, not the client's way of writing it.
    """
    if decoded is None:
        return len(raw)
    return len(json.dumps(decoded, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _nested(data: JsonDict, *keys: str) -> Any:
    found: Any = data
    for key in keys:
        if not isinstance(found, dict):
            return None
        found = found.get(key)
    return found
