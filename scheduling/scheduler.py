"""APScheduler only ticks: an hourly planner job and a delivery job every 30 seconds.

Reminders live in the database (the outbox), never in APScheduler's job store, so any number
of processes can run these jobs side by side.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler

from bot.clock import Clock
from bot.logs import log_unexpected
from bot.notify import Notifier
from bot.services.messages import ComposeContext
from scheduling.delivery import DeliveryReport, deliver_due
from scheduling.planner import PlanReport, plan
from storage.db import SessionFactory

log = logging.getLogger("mentorat.scheduler")

PLAN_EVERY_SECONDS = 3600
DELIVER_EVERY_SECONDS = 30


@dataclass
class Jobs:
    """The two jobs as plain functions of (session factory, notifier, now)."""

    session_factory: SessionFactory
    notifier: Notifier
    clock: Clock
    compose_ctx: ComposeContext

    def plan(self) -> PlanReport:
        report = plan(self.session_factory, self.clock.now(), self.compose_ctx.rule)
        if report.nudges:
            log.debug("planned %s monthly nudges", report.nudges)
        return report

    def deliver(self) -> DeliveryReport:
        report = deliver_due(self.session_factory, self.notifier, self.clock.now(), self.compose_ctx)
        if report.claimed:
            log.debug("delivery: %s", report)
        return report

    def plan_job(self) -> None:
        """The scheduler's hourly job: an error is logged our way (APScheduler's own line would print its message)."""
        try:
            self.plan()
        except Exception as error:
            log_unexpected("the planner", error)

    def deliver_job(self) -> None:
        try:
            self.deliver()
        except Exception as error:
            log_unexpected("delivery", error)

    def tick(self) -> tuple[PlanReport, DeliveryReport]:
        return self.plan(), self.deliver()


def build_scheduler(jobs: Jobs) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    # Plan once right away, then every hour.
    scheduler.add_job(jobs.plan_job, "interval", seconds=PLAN_EVERY_SECONDS, id="plan",
                      next_run_time=jobs.clock.now())
    scheduler.add_job(jobs.deliver_job, "interval", seconds=DELIVER_EVERY_SECONDS, id="deliver")
    return scheduler


def start_scheduler(jobs: Jobs) -> BackgroundScheduler:
    scheduler = build_scheduler(jobs)
    scheduler.start()
    return scheduler
