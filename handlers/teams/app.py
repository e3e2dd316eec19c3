"""Composition of the Teams front end: event loop, CloudAdapter, notifier, agent and endpoint."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration
from sqlalchemy import Engine

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import normalise_language, t
from bot.logs import log_unexpected
from handlers.teams.agent import MentoratAgent, send_replies
from handlers.teams.auth import auth_configuration, client_factory
from handlers.teams.deps import TeamsDeps, text_reply
from handlers.teams.limits import SendLimiter
from handlers.teams.notifier import TeamsNotifier
from handlers.teams.runtime import KEEP_TEAMS_SEEN, TEAMS_SEEN_PREFIX, EventLoopThread, SigningKeys, TeamsEndpoint
from storage.db import SessionFactory, engine_of
from storage.seen_requests import first_sighting, purge_seen

log = logging.getLogger(__name__)

CONTINUE_CONVERSATION = "ContinueConversation"


class ActivityRecord:
    """Whether an activity is seen for the first time, on any replica; what is older than a token's life goes."""

    def __init__(self, engine: Engine, wall_clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._now = wall_clock
        self._purged_at = float("-inf")

    def __call__(self, key: str) -> bool:
        now = datetime.fromtimestamp(self._now(), UTC)
        if self._now() - self._purged_at > KEEP_TEAMS_SEEN.total_seconds() / 4:
            self._purged_at = self._now()
            purge_seen(self._engine, now - KEEP_TEAMS_SEEN, TEAMS_SEEN_PREFIX)
        return first_sighting(self._engine, key, now)


@dataclass(frozen=True)
class TeamsInbound:
    """Token checks on incoming activities apart from the app's own credentials: offline tests check real
    tokens against a local key service while the replies go to a local Bot Connector without any token."""

    auth: AgentAuthConfiguration
    keys: SigningKeys


@dataclass
class TeamsFrontEnd:
    settings: Settings
    loop: EventLoopThread
    adapter: CloudAdapter
    notifier: TeamsNotifier
    endpoint: TeamsEndpoint | None = field(default=None)
    deps: TeamsDeps | None = field(default=None)
    inbound: TeamsInbound | None = None  # how tokens are checked, when not from the settings (tests)

    def attach(self, deps: TeamsDeps) -> TeamsEndpoint:
        """Serve activities with these deps (their notifier sends the turn's queued messages)."""
        deps.directory = deps.directory or self.notifier.member
        deps.files = deps.files or self.notifier.file_link
        self.deps = deps
        auth, keys = (self.inbound.auth, self.inbound.keys) if self.inbound else (auth_configuration(self.settings), None)
        self.endpoint = TeamsEndpoint(self.loop, self.adapter, MentoratAgent(deps), auth, keys,
                                      first_time=ActivityRecord(engine_of(deps.session_factory)))
        return self.endpoint

    def close(self) -> None:
        self.loop.close()


async def on_turn_error(context: TurnContext, error: Exception) -> None:
    """The SDK's default sends the exception text to the user; ours never shows (or logs) private text."""
    activity = context.activity
    if activity is not None and activity.type == "event" and activity.name == CONTINUE_CONVERSATION:
        raise error  # a proactive send: the notifier turns it into an outbox retry
    log_unexpected("a Teams turn", error)  # the frames but not the message: it may quote what a person typed
    lang = normalise_language(activity.locale)
    try:
        await send_replies(context, [text_reply(t(lang, "teams.error.generic"))])
    except Exception as exc:  # the Bot Connector is unreachable too: nothing more to say
        log.warning("could not tell the person about the error: %s", type(exc).__name__)


def build_teams(settings: Settings, session_factory: SessionFactory, clock: Clock, *,
                limiter: SendLimiter | None = None, sleep: Callable[[float], None] = time.sleep,
                inbound: TeamsInbound | None = None) -> TeamsFrontEnd:
    loop = EventLoopThread()
    adapter = CloudAdapter(channel_service_client_factory=client_factory(settings))
    adapter.on_turn_error = on_turn_error
    notifier = TeamsNotifier(loop, adapter, session_factory, app_id=settings.microsoft_app_id,
                             public_url=settings.public_url, clock=clock, limiter=limiter, sleep=sleep)
    return TeamsFrontEnd(settings, loop, adapter, notifier, inbound=inbound)
