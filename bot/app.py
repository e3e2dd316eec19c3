"""Composition root: builds the Bolt app and everything it needs. No globals at import time."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from sqlalchemy import Engine

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.http import HttpApp, SlackRoutes
from bot.notify import Notifier, PlatformNotifier
from bot.services import shared_files
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule
from handlers.slack.background import Work, WorkQueue
from handlers.slack.bolt_log import bolt_logger
from handlers.slack.clients import Revoked, WorkspaceClients
from handlers.slack.deps import Deps
from handlers.slack.gate import OAuthPages, SlackGate
from handlers.slack.notifier import SlackNotifier
from handlers.slack.oauth import installation_store, not_installed_text, oauth_flow
from handlers.slack.register import register_handlers
from handlers.slack.replies import KeptAliveRespond, ReplyConnections
from scheduling.scheduler import Jobs
from storage.crypto import use_keys
from storage.db import SessionFactory, engine_of, session_scope
from storage.models import Platform

if TYPE_CHECKING:  # the Teams front end (the Agents SDK, aiohttp) is loaded only when Teams is on
    from handlers.teams.app import TeamsFrontEnd, TeamsInbound
    from handlers.teams.limits import SendLimiter


@dataclass
class Mentorat:
    bolt: App
    deps: Deps
    teams: TeamsFrontEnd | None = None
    serve_slack: bool = True  # False for `mentorat teams`: only POST /api/messages
    wall_clock: Callable[[], float] = time.time  # the real time Slack's signatures are checked against
    replies: ReplyConnections | None = None  # kept-alive connections for respond(); None behind a proxy

    @property
    def jobs(self) -> Jobs:
        deps = self.deps
        return Jobs(deps.session_factory, deps.notifier, deps.clock, deps.compose_ctx)

    def http_app(self, engine: Engine) -> HttpApp:
        """Every route this process serves: Slack events, Teams activities and file links, health, metrics."""
        teams = self.teams.endpoint if self.teams else None
        files = SharedFileRoute(self.deps.session_factory, self.deps.clock) if self.teams else None
        slack = None
        if self.serve_slack:
            replies = self.replies
            respond = (lambda url: KeptAliveRespond(response_url=url, connections=replies)) if replies else None
            gate = SlackGate(self.bolt, self.deps.settings.slack_signing_secret, engine, wall_clock=self.wall_clock,
                             respond=respond)
            slack = SlackRoutes(events=gate, oauth=OAuthPages(self.bolt))
        return HttpApp(slack, engine, teams=teams, files=files)

    def close(self) -> None:
        self.deps.work.close()  # what was acked is done before the process ends
        if self.replies is not None:
            self.replies.close()
        if self.teams is not None:
            self.teams.close()


class SharedFileRoute:
    """GET /files/<token>: the .ics or PDF a Teams card links to."""

    def __init__(self, session_factory: SessionFactory, clock: Clock) -> None:
        self._sessions = session_factory
        self._clock = clock

    def get(self, token: str) -> tuple[str, str, bytes] | None:
        with session_scope(self._sessions) as session:
            found = shared_files.fetch(session, token, self._clock.now())
            return (found.filename, found.content_type, bytes(found.content)) if found else None


def make_client(settings: Settings, *, timeout: int = 10, wait_out_rate_limits: bool = True) -> WebClient:
    """The Web API client; 429s and dropped connections are retried outside the ack path.

    The outbox's client does not wait out 429s itself: delivery reschedules the row instead,
    so one rate-limited recipient never holds up the others.
    """
    handlers: list[RetryHandler] = [ConnectionErrorRetryHandler(max_retry_count=2)]
    if wait_out_rate_limits:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return WebClient(
        # None with OAuth: each workspace's token comes from its installation, per request.
        token=None if settings.slack_oauth else settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=handlers,
        logger=logging.getLogger("slack_sdk.mentorat"),
    )


def create_app(
    settings: Settings,
    session_factory: SessionFactory,
    client: WebClient | None = None,
    *,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
    work_executor: Executor | None = None,
    teams: bool | None = None,
    teams_limiter: SendLimiter | None = None,
    teams_sleep: Callable[[float], None] = time.sleep,
    serve_slack: bool = True,
    work_queue: Work | None = None,
    teams_inbound: TeamsInbound | None = None,
) -> Mentorat:
    """The bot. Teams joins when its settings are present (or `teams=True`, e.g. offline with no auth).

    `work_queue` is where listeners' work goes after the ack: by default a thread pool in this process.
    """
    if settings.data_keys:  # the environment's otherwise, read at first use (tests, the demo)
        use_keys(settings.data_keys)
    outbox_client = client or make_client(settings, wait_out_rate_limits=False)
    client = client or make_client(settings)
    clock = clock or SystemClock()
    installations = None
    if settings.slack_oauth:
        installations = installation_store(settings, engine_of(session_factory))
    front = None
    if teams or (teams is None and settings.has_teams_settings):
        from handlers.teams.app import build_teams  # the Agents SDK loads only when Teams is on

        front = build_teams(settings, session_factory, clock, limiter=teams_limiter, sleep=teams_sleep,
                            inbound=teams_inbound)
    revoked = Revoked()  # a revoked SLACK_BOT_TOKEN stops the listeners' calls and the outbox's alike
    slack_notifier = notifier or SlackNotifier(WorkspaceClients(outbox_client, installations, revoked=revoked))
    by_platform: dict[str, Notifier] = {Platform.SLACK: slack_notifier}
    if front is not None:
        by_platform[Platform.TEAMS] = front.notifier
    outbox_notifier = PlatformNotifier(by_platform)
    deps = Deps(
        settings=settings,
        session_factory=session_factory,
        clock=clock,
        client=client,
        clients=WorkspaceClients(client, installations, revoked=revoked),
        notifier=outbox_notifier,
        rule=CoordinatorRule(frozenset(settings.coordinators)),
        defaults=ProgrammeDefaults(language=settings.language, timezone=settings.timezone,
                                   closing_notice_days=settings.closing_notice_days),
        # Work after the ack: a few threads (more only add contention on 2 cores), a bounded backlog.
        work=work_queue or WorkQueue(work_executor or ThreadPoolExecutor(max_workers=8, thread_name_prefix="work")),
    )
    bolt = App(
        signing_secret=settings.slack_signing_secret or None,
        client=client,
        token_verification_enabled=False,  # checked once at start by bot.startup, not at import time
        # Signatures are checked by handlers/slack/gate.py before Bolt sees a request (Socket Mode has none).
        request_verification_enabled=False,
        # Listeners only ack and hand their work to `deps.work`, so Bolt can answer Slack as soon as they
        # return, from the server's thread. The default (False) would run each listener on another thread
        # and poll every 10 ms for its ack: one more hop and up to 10 ms on every answer.
        process_before_response=True,
        logger=bolt_logger(),
        oauth_flow=oauth_flow(settings, engine_of(session_factory), installations, client) if installations else None,
        user_facing_authorize_error_message=not_installed_text(),
    )
    if installations is not None:
        bolt.enable_token_revocation_listeners()  # app_uninstalled / tokens_revoked delete the stored tokens
    register_handlers(bolt, deps)
    if front is not None:
        from handlers.teams.deps import TeamsDeps  # as above

        front.attach(TeamsDeps(settings=settings, session_factory=session_factory, clock=clock,
                               notifier=outbox_notifier, rule=deps.rule, defaults=deps.defaults, background=deps.soon))
    # Through a proxy, Bolt's own respond() (it honours the client's proxy); otherwise replies reuse connections.
    replies = None if client.proxy else ReplyConnections(ssl_context=client.ssl)
    return Mentorat(bolt=bolt, deps=deps, teams=front, serve_slack=serve_slack, replies=replies)
