"""What every Slack listener needs, built once by the composition root (bot/app.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import t
from bot.i18n.errors import error_text
from bot.logs import log_unexpected
from bot.notify import Notifier, Text
from bot.services import people
from bot.services.errors import DomainError, InvalidInput
from bot.services.messages import ComposeContext
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule
from bot.usecases.pair_import import ImportPort
from bot.usecases.unit_of_work import Caller, acting, admit
from handlers.slack.background import Work, ack_then
from handlers.slack.clients import WorkspaceClients
from handlers.slack.directory import fetch_profile
from handlers.slack.dm import post_dm
from handlers.slack.render import mrkdwn
from scheduling.delivery import DeliveryReport, deliver_due
from storage.db import SessionFactory, session_scope
from storage.models import Person, Platform, Workspace


@dataclass
class Deps:
    settings: Settings
    session_factory: SessionFactory
    clock: Clock
    client: WebClient  # the single-workspace client (SLACK_BOT_TOKEN); use client_for(team) for a workspace's calls
    clients: WorkspaceClients
    notifier: Notifier
    rule: CoordinatorRule
    defaults: ProgrammeDefaults
    work: Work
    compose_ctx: ComposeContext = field(init=False)

    def __post_init__(self) -> None:
        self.compose_ctx = ComposeContext(rule=self.rule, fallback_admin=self.settings.fallback_admin)

    def client_for(self, team_id: str) -> WebClient:
        """The client carrying the workspace's bot token (its OAuth installation's, or the one token)."""
        return self.clients.for_team(team_id)

    def deliver_now(self) -> DeliveryReport:
        """Send what a request has just queued, right away (the scheduler catches any leftovers)."""
        return deliver_due(self.session_factory, self.notifier, self.clock.now(), self.compose_ctx)

    def soon(self, work: Callable[[], object]) -> None:
        """Run `work` after the ack, on the work queue, even past its limit: what was saved is never left half told.

        Not right here when the queue is full: Bolt answers Slack only when the listener returns.
        """
        def guarded() -> None:
            try:
                work()
            except Exception as error:  # nobody waits on this work: say so in the log, our way
                log_unexpected("work after a Slack answer", error)

        if not self.work.submit(guarded):
            self.work.submit_past_limit(guarded)

    def ack_then(self, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                 work: Callable[[], None]) -> None:
        """Ack at once, run `work` on the work queue, report its errors to the person."""
        ack_then(self.work, lambda b, c, r, e: report_error(self, b, c, r, e), ack, body, client, respond, work)


SLACK_MEMBER = re.compile(r"[UW][A-Z0-9]{2,20}")


def known_person(session: Session, deps: Deps, workspace: Workspace, user_id: str, *, fresh: bool = False,
                 field_name: str | None = None) -> Person:
    """The person row for a Slack user someone named, with a profile refreshed from users.info when stale."""
    if not SLACK_MEMBER.fullmatch(user_id or ""):  # a forged picker: nobody Slack would name, nor store
        raise InvalidInput("error.pair.unknown_user", field=field_name)
    now = deps.clock.now()
    person = people.ensure_person(session, workspace, user_id, now=now)
    if fresh or people.profile_is_stale(person, now):
        people.apply_profile(person, live_profile(deps, workspace.external_id, user_id, field_name), now=now)
    return person


def live_profile(deps: Deps, team_id: str, user_id: str, field_name: str | None = None) -> people.PersonProfile:
    """users.info for a person; a deactivated account is refused (on `field_name` when a form named them)."""
    profile = fetch_profile(deps.client_for(team_id), user_id, field=field_name)
    if profile.deleted:
        raise InvalidInput("error.pair.deactivated", field=field_name, name=f"<@{user_id}>")
    return profile


def caller(deps: Deps, team_id: str, user_id: str, *, fresh: bool = False) -> Caller:
    """A Slack user as the use cases know a caller: their profile is read from users.info when stale."""
    return Caller(Platform.SLACK, team_id, user_id, lookup=lambda: live_profile(deps, team_id, user_id), fresh=fresh)


def acting_in_slack(deps: Deps, team_id: str, user_id: str, *, fresh: bool = False
                    ) -> AbstractContextManager[tuple[Session, Actor]]:
    """The unit of work of a Slack request: `with acting_in_slack(deps, team, user) as (session, actor):`."""
    return acting(deps, caller(deps, team_id, user_id, fresh=fresh))


def resolve_actor(session: Session, deps: Deps, team_id: str, user_id: str, *, fresh: bool = False) -> Actor:
    """The Slack user as an Actor inside a unit of work already open (see bot/usecases/unit_of_work.py)."""
    return admit(session, deps, caller(deps, team_id, user_id, fresh=fresh))


def import_port(deps: Deps, team_id: str, user_id: str) -> ImportPort:
    """The Slack side of a bulk import by `user_id`: profiles read fresh from users.info."""
    return ImportPort(
        coordinator=lambda session: resolve_actor(session, deps, team_id, user_id, fresh=True),
        member=lambda session, actor, member: known_person(session, deps, actor.workspace, member, fresh=True),
        deliver=deps.deliver_now)


def reader_for(deps: Deps, team_id: str, user_id: str) -> tuple[str, str]:
    """(language, time zone) of a person for a message outside a unit of work (errors); defaults if unknown."""
    try:
        with session_scope(deps.session_factory) as session:
            actor = resolve_actor(session, deps, team_id, user_id)
            return actor.lang, actor.tz
    except Exception:
        return deps.settings.language, deps.settings.timezone


def error_for(deps: Deps, team_id: str, user_id: str, error: DomainError) -> Text:
    """A domain error in the person's words, dates on their clock."""
    return error_text(*reader_for(deps, team_id, user_id), error)


def ids_from_body(body: dict) -> tuple[str, str]:
    """(team id, user id) from a slash command, an interaction or an event payload."""
    team_id = body.get("team_id") or (body.get("team") or {}).get("id") or body.get("user", {}).get("team_id")
    user_id = body.get("user_id") or (body.get("user") or {}).get("id") or (body.get("event") or {}).get("user")
    return str(team_id or ""), str(user_id or "")


def _tell(body: dict, client: WebClient, respond: Respond, text: str) -> None:
    if body.get("response_url") or body.get("response_urls"):
        respond(text=text, replace_original=False)
        return
    _team_id, user_id = ids_from_body(body)
    if user_id:
        post_dm(client, user_id, text)


def report_error(deps: Deps, body: dict, client: WebClient, respond: Respond, error: Exception) -> None:
    """Tell the person what went wrong, in their language; log unexpected errors without the body."""
    lang, tz = reader_for(deps, *ids_from_body(body))
    if isinstance(error, DomainError):
        text = error_text(lang, tz, error)
    else:
        kind = body.get("type") or ("command" if body.get("command") else "unknown")
        log_unexpected(f"a Slack {kind}", error)
        text = t(lang, "error.generic")
    try:
        _tell(body, client, respond, mrkdwn(text))
    except Exception as failure:
        log_unexpected("telling a Slack user about an error", failure)
