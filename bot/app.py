"""Composition root: builds the Bolt app and everything it needs. No globals at import time."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.notify import Notifier
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule
from handlers.slack.background import WorkQueue
from handlers.slack.deps import Deps
from handlers.slack.notifier import SlackNotifier
from handlers.slack.register import register_handlers
from scheduling.scheduler import Jobs
from storage.db import SessionFactory


@dataclass
class Mentorat:
    bolt: App
    deps: Deps

    @property
    def jobs(self) -> Jobs:
        deps = self.deps
        return Jobs(deps.session_factory, deps.notifier, deps.clock, deps.compose_ctx)


def make_client(settings: Settings, *, timeout: int = 10, wait_out_rate_limits: bool = True) -> WebClient:
    """The Web API client; 429s and dropped connections are retried outside the ack path.

    The outbox's client does not wait out 429s itself: delivery reschedules the row instead,
    so one rate-limited recipient never holds up the others.
    """
    handlers = [ConnectionErrorRetryHandler(max_retry_count=2)]
    if wait_out_rate_limits:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=handlers,
        logger=logging.getLogger("mentorat.slack"),
    )


def create_app(
    settings: Settings,
    session_factory: SessionFactory,
    client: WebClient | None = None,
    *,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
    listener_executor: Executor | None = None,
    work_executor: Executor | None = None,
) -> Mentorat:
    outbox_client = client or make_client(settings, wait_out_rate_limits=False)
    client = client or make_client(settings)
    deps = Deps(
        settings=settings,
        session_factory=session_factory,
        clock=clock or SystemClock(),
        client=client,
        notifier=notifier or SlackNotifier(outbox_client),
        rule=CoordinatorRule(frozenset(settings.coordinators)),
        defaults=ProgrammeDefaults(language=settings.language, timezone=settings.timezone,
                                   closing_notice_days=settings.closing_notice_days),
        # Work after the ack: a few threads (more only add contention on 2 cores), a bounded backlog.
        work=WorkQueue(work_executor or ThreadPoolExecutor(max_workers=8, thread_name_prefix="work")),
    )
    bolt = App(
        signing_secret=settings.slack_signing_secret or None,
        client=client,
        token_verification_enabled=False,  # checked once at start by bot.startup, not at import time
        listener_executor=listener_executor or ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener"),
        logger=logging.getLogger("mentorat.bolt"),
    )
    register_handlers(bolt, deps)
    return Mentorat(bolt=bolt, deps=deps)
