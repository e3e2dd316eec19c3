"""Sends platform-neutral messages to Teams users as Adaptive Cards, proactively.

Each send continues the person's stored 1:1 conversation (or opens one on the tenant's service URL)
through the Agents SDK's CloudAdapter. Teams' limits are kept by a SendLimiter; a 429 becomes a
NotifierError with Retry-After so the outbox reschedules that row without holding up the others;
412, 502 and 504 are retried a few times on the spot, with backoff.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.notify import Attachment, Delivered, Message, NotifierError, Recipient
from bot.services import shared_files
from handlers.teams import conversations
from handlers.teams.cards import attachment, message_card, summary_text
from handlers.teams.limits import SendLimiter
from handlers.teams.runtime import EventLoopThread
from storage.db import SessionFactory, session_scope
from storage.models import Person, Platform, TeamsConversation, Workspace

log = logging.getLogger(__name__)
T = TypeVar("T")

TRANSIENT = {412, 502, 504}
PERMANENT = {400, 401, 403, 404, 413}
BACKOFF = (0.5, 1.0, 2.0)
# A wait this short is spent here; a longer one goes back to the outbox (other rows keep moving).
MAX_INLINE_WAIT = 1.0
AUDIENCE = "https://api.botframework.com"


@dataclass(frozen=True)
class Member:
    conversation_id: str
    name: str
    teams_user_id: str


@dataclass(frozen=True)
class Outgoing:
    reference: conversations.Reference
    activity: Activity


def file_url(public_url: str, token: str) -> str:
    return f"{public_url}/files/{token}"


class TeamsNotifier:
    def __init__(self, loop: EventLoopThread, adapter: CloudAdapter, session_factory: SessionFactory, *,
                 app_id: str, public_url: str, clock: Clock, limiter: SendLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._loop = loop
        self._adapter = adapter
        self._sessions = session_factory
        self._app_id = app_id
        self.public_url = public_url
        self._clock = clock
        self._limiter = limiter or SendLimiter()
        self._sleep = sleep

    # --- what the outbox calls ---------------------------------------------------------------
    def send(self, recipient: Recipient, message: Message) -> Delivered:
        outgoing = self._prepare(recipient, message)
        ref = outgoing.reference
        if ref.conversation_id is not None:
            self._wait_turn(ref.conversation_id)

        async def post(context: TurnContext) -> str:
            response = await context.send_activity(outgoing.activity)
            return response.id if response else ""

        conversation_id, activity_id = self._in_chat(ref, post)
        return Delivered(channel=conversation_id, ts=activity_id, platform=Platform.TEAMS)

    def update(self, delivered: Delivered, message: Message) -> None:
        with session_scope(self._sessions) as session:
            person = session.scalars(
                select(Person).join(TeamsConversation, TeamsConversation.person_id == Person.id)
                .where(TeamsConversation.conversation_id == delivered.channel)
            ).first()
            if person is None:
                raise NotifierError("teams:conversation_unknown", permanent=True)
            ref = conversations.reference_for(session, person)
            activity = self._activity(session, person, message)
        assert ref is not None
        activity.id = delivered.ts
        self._wait_turn(delivered.channel)

        async def replace(context: TurnContext) -> None:
            await context.update_activity(activity)

        self._in_chat(ref, replace)

    # --- the directory: who a picked person is -------------------------------------------------
    def member(self, ref: conversations.Reference) -> Member:
        """Open (or reuse) the 1:1 chat with someone and read their name, as Slack's users.info would.

        Fails with NotifierError(permanent) when Teams will not let the bot reach them (app not installed).
        """
        async def read(context: TurnContext) -> tuple[str, str]:
            client = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]  # the SDK keys its services by this base class
            assert client is not None
            members = await client.conversations.get_conversation_members(context.activity.conversation.id)
            wanted = ref.user_external_id.lower()
            for member in members:
                if (member.aad_object_id or member.id or "").lower() == wanted or len(members) == 1:
                    return member.name or "", member.id
            return "", ""

        conversation_id, (name, teams_user_id) = self._in_chat(ref, read)
        return Member(conversation_id, name, teams_user_id)

    # --- building the activity ---------------------------------------------------------------
    def _prepare(self, recipient: Recipient, message: Message) -> Outgoing:
        with session_scope(self._sessions) as session:
            person = session.scalars(
                select(Person).join(Workspace, Workspace.id == Person.workspace_id)
                .where(Workspace.platform == Platform.TEAMS,
                       Workspace.external_id == recipient.workspace_external_id,
                       Person.external_id == recipient.user_external_id)
            ).one_or_none()
            if person is None:
                raise NotifierError("teams:person_unknown", permanent=True)
            ref = conversations.reference_for(session, person)
            if ref is None:
                # Nobody of this tenant ever wrote to the bot: no service URL to reach them yet.
                raise NotifierError("teams:no_conversation_reference", permanent=True)
            return Outgoing(ref, self._activity(session, person, message))

    def file_link(self, session: Session, person: Person, file: Attachment) -> str | None:
        """A link (GET /files/<token>) to a file offered to this person; None without a public URL."""
        if not self.public_url:
            return None
        return file_url(self.public_url, shared_files.share(session, person.id, file, self._clock.now()))

    def _activity(self, session: Session, person: Person, message: Message) -> Activity:
        link = None
        if message.attachment is not None:
            link = self.file_link(session, person, message.attachment)
        return Activity(type="message", text=summary_text(message), summary=summary_text(message),
                        text_format="plain", attachments=[attachment(message_card(message, file_url=link))])

    # --- limits and retries ------------------------------------------------------------------
    def _wait_turn(self, conversation_id: str) -> None:
        wait = self._limiter.reserve(conversation_id)
        while wait > 0:
            if wait > MAX_INLINE_WAIT:
                raise NotifierError("teams:throttled_locally", retry_after=wait)
            self._sleep(wait)
            wait = self._limiter.reserve(conversation_id)

    def _with_retries(self, call: Callable[[], Coroutine[Any, Any, T]]) -> T:
        for attempt in range(len(BACKOFF) + 1):
            try:
                return self._loop.run(call())
            except aiohttp.ClientResponseError as exc:
                if exc.status == 429:
                    raise NotifierError("teams:429", retry_after=_retry_after(exc)) from exc
                if exc.status in TRANSIENT and attempt < len(BACKOFF):
                    log.info("Teams answered %s, trying again in %.1f s", exc.status, BACKOFF[attempt])
                    self._sleep(BACKOFF[attempt])
                    continue
                raise NotifierError(f"teams:{exc.status}", permanent=exc.status in PERMANENT) from exc
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                raise NotifierError(f"teams:{type(exc).__name__}") from exc
        raise AssertionError("unreachable")

    # --- the SDK calls (on the event loop) ---------------------------------------------------
    def _reference(self, ref: conversations.Reference) -> ConversationReference:
        if ref.reference:
            return ConversationReference.model_validate(ref.reference)
        return ConversationReference(
            conversation=ConversationAccount(id=ref.conversation_id or "", tenant_id=ref.tenant_id,
                                             conversation_type="personal"),
            agent=ChannelAccount(id=ref.bot_id), channel_id="msteams", service_url=ref.service_url)

    def _in_chat(self, ref: conversations.Reference, act: Callable[[TurnContext], Awaitable[T]]) -> tuple[str, T]:
        """Run `act` in the person's 1:1 chat, opening it first when the bot never had one with them
        (Teams accepts their Entra object id as the member); a chat opened here is remembered."""
        async def run() -> tuple[str, T]:
            done: list[tuple[str, T]] = []

            async def callback(context: TurnContext) -> None:
                done.append((context.activity.conversation.id, await act(context)))

            if ref.conversation_id is None:
                await self._adapter.create_conversation(self._app_id, "msteams", ref.service_url, AUDIENCE,
                                                        self._parameters(ref), callback)
            else:
                await self._adapter.continue_conversation(
                    self._app_id, self._reference(ref).get_continuation_activity(), callback)
            return done[0]

        conversation_id, result = self._with_retries(run)
        if ref.conversation_id is None:
            with session_scope(self._sessions) as session:
                conversations.remember_created(session, ref.person_id, conversation_id=conversation_id,
                                               service_url=ref.service_url, tenant_id=ref.tenant_id,
                                               bot_id=ref.bot_id, now=self._clock.now())
        return conversation_id, result

    @staticmethod
    def _parameters(ref: conversations.Reference) -> ConversationParameters:
        return ConversationParameters(
            is_group=False, agent=ChannelAccount(id=ref.bot_id), members=[ChannelAccount(id=ref.user_external_id)],
            tenant_id=ref.tenant_id, channel_data={"tenant": {"id": ref.tenant_id}})


def _retry_after(exc: aiohttp.ClientResponseError) -> float:
    raw = exc.headers.get("Retry-After", "") if exc.headers else ""
    try:
        return max(float(raw), 0.5)
    except ValueError:
        return 2.0

