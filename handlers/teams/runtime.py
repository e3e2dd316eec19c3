"""The Agents SDK's asynchronous side, on one event loop thread.

Mentorat's services are synchronous (SQLAlchemy sessions, waitress threads, delivery workers); the
Microsoft 365 Agents SDK is asyncio and aiohttp. One loop in a daemon thread hosts the SDK: the WSGI
route hands each `POST /api/messages` over to it, and the Teams notifier submits proactive sends to it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import Agent
from microsoft_agents.hosting.core.authorization import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    Connections,
    JwtTokenValidator,
)
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import _JwkClientManager
from pydantic import ValidationError

from bot.services.typed_text import clean_tree, too_deep

log = logging.getLogger(__name__)
T = TypeVar("T")

# Teams gives a bot 15 s to answer an activity; past that the user sees an error anyway.
TURN_TIMEOUT = 15.0
TEAMS_CHANNEL = "msteams"
# Activities seen are kept longer than a Bot Framework token lives (an hour, plus its leeway).
TEAMS_SEEN_PREFIX = "teams:"
KEEP_TEAMS_SEEN = timedelta(hours=2)


class EventLoopThread:
    """An asyncio loop running forever in a daemon thread; `run` blocks the caller until a coroutine ends."""

    def __init__(self, name: str = "teams-loop") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = TURN_TIMEOUT) -> T:
        if threading.current_thread() is self._thread:
            raise RuntimeError("EventLoopThread.run called from its own loop: await the coroutine instead")
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise

    def close(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


class AnonymousConnections(Connections):
    """The SDK's `Connections` when authentication is off (tests, the offline demo): no token at all."""

    _provider = AnonymousTokenProvider()

    def get_connection(self, connection_name: str) -> AnonymousTokenProvider:
        return self._provider

    def get_default_connection(self) -> AnonymousTokenProvider:
        return self._provider

    def get_token_provider(self, claims_identity: ClaimsIdentity, service_url: str) -> AnonymousTokenProvider:
        return self._provider

    def get_token_provider_from_activity(self, claims_identity: ClaimsIdentity,
                                         activity: Activity) -> AnonymousTokenProvider:
        return self._provider

    def get_default_connection_configuration(self) -> AgentAuthConfiguration:
        return AgentAuthConfiguration(anonymous_allowed=True)


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: Any = None


class _Request:
    """The SDK's HttpRequestProtocol over a body already read by the WSGI server."""

    def __init__(self, body: Any, headers: Mapping[str, str], claims: ClaimsIdentity) -> None:
        self._body = body
        self.headers = headers
        self.method = "POST"
        self._claims = claims

    async def json(self) -> Any:
        return self._body

    def get_claims_identity(self) -> ClaimsIdentity:
        return self._claims

    def get_path_param(self, name: str) -> str:
        raise KeyError(name)


def replay_key(payload: dict[str, Any]) -> str | None:
    """What identifies one activity (the Bot Connector's id within its conversation), hashed for the record."""
    conversation = payload.get("conversation")
    activity_id = payload.get("id")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str) \
            or not isinstance(activity_id, str) or not activity_id:
        return None
    seen = f"{payload.get('channelId')}|{conversation['id']}|{activity_id}"
    return TEAMS_SEEN_PREFIX + hashlib.sha256(seen.encode("utf-8", "surrogatepass")).hexdigest()


def same_service(claims: ClaimsIdentity, payload: dict[str, Any]) -> bool:
    """The token's `serviceurl` claim names the activity's serviceUrl, as the Bot Framework requires.

    The SDK only warns on a mismatch unless an outbound host list is configured; a valid token taken
    from one request must not send the bot's replies, with its credentials, to a URL of someone's choosing.
    """
    claimed = claims.get_claim_value("serviceurl")
    sent = payload.get("serviceUrl")
    if not isinstance(claimed, str) or not isinstance(sent, str):
        return False
    return claimed.rstrip("/").casefold() == sent.rstrip("/").casefold()


class SigningKeys(_JwkClientManager):
    """Where the SDK fetches the keys that sign Bot Framework tokens: Microsoft's key endpoints, or,
    offline, a local stand-in (`moved` maps Microsoft's URL to it), so tests validate real tokens."""

    def __init__(self, moved: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._moved = dict(moved or {})

    def _get_jwk_client(self, jwks_uri: str) -> Any:
        return super()._get_jwk_client(self._moved.get(jwks_uri, jwks_uri))


class TeamsEndpoint:
    """`POST /api/messages`: check the Bot Framework token, then let the CloudAdapter run the agent."""

    def __init__(self, loop: EventLoopThread, adapter: CloudAdapter, agent: Agent,
                 auth: AgentAuthConfiguration, keys: SigningKeys | None = None,
                 first_time: Callable[[str], bool] | None = None) -> None:
        self._loop = loop
        self._adapter = adapter
        self._agent = agent
        self._auth = auth
        self._keys = keys
        self._first_time = first_time  # the replay record (storage/seen_requests.py); None: no record

    def handle(self, headers: Mapping[str, str], body: bytes) -> HttpResult:
        try:
            return self._loop.run(self._handle(headers, body))
        except FutureTimeout:
            log.warning("a Teams activity took longer than %.0f s", TURN_TIMEOUT)
            return HttpResult(504, {"error": "timeout"})

    async def _handle(self, headers: Mapping[str, str], body: bytes) -> HttpResult:
        # The token first: an unauthenticated sender learns nothing, not even whether its body parses.
        claims = await self._authorize(headers.get("Authorization"))
        if claims is None:
            return HttpResult(401, {"error": "Invalid token or authentication failed."})
        try:
            payload = json.loads(body or b"null")
        except (ValueError, RecursionError):
            return HttpResult(400, {"error": "the body is not JSON"})
        if not isinstance(payload, dict) or too_deep(payload):
            return HttpResult(400, {"error": "an activity is a JSON object"})
        if not self._auth.ANONYMOUS_ALLOWED and not same_service(claims, payload):
            # The token was signed for another Bot Connector: replies (with the bot's own token) would go there.
            return HttpResult(401, {"error": "Invalid token or authentication failed."})
        if payload.get("channelId") != TEAMS_CHANNEL:
            # Direct Line, Web Chat and the other Bot Framework channels carry no verified Entra identity.
            return HttpResult(403, {"error": "this bot serves Microsoft Teams only"})
        replay = replay_key(payload)
        if replay is None:
            return HttpResult(400, {"error": "an activity has an id and a conversation"})
        if self._first_time is not None and not await asyncio.to_thread(self._first_time, replay):
            return HttpResult(200)  # the same activity again (a retry, a replay): answered, not run twice
        clean_tree(payload)  # no NUL byte or lone surrogate reaches a listener (typed_text.clean)
        try:
            response = await self._adapter.process_request(_Request(payload, headers, claims), self._agent)
        except ValidationError:
            return HttpResult(400, {"error": "not a valid activity"})
        return HttpResult(int(response.status_code), response.body)

    async def _authorize(self, header: str | None) -> ClaimsIdentity | None:
        """The JWT the Bot Connector signs each request with; anonymous only when authentication is off."""
        validator = JwtTokenValidator(self._auth)
        if self._keys is not None:
            validator._jwk_client_manager = self._keys  # the SDK's own cache, fed from another key endpoint
        if not header:
            return validator.get_anonymous_claims() if self._auth.ANONYMOUS_ALLOWED else None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        try:
            return await validator.validate_token(token.strip())
        except Exception as exc:  # a token without `kid`, an unknown key, a bad signature...: all refusals
            log.info("refused a Teams request: %s", type(exc).__name__)  # never the token or its claims
            return None
