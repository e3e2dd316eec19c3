"""The Web API client for a workspace.

With one workspace (SLACK_BOT_TOKEN) every call uses the same client, until that workspace removes the
app or revokes its token (`Revoked`). With OAuth, each workspace that installed the app has its own bot
token in the installation store, and calls made for that workspace (profiles, DMs, App Home, reminders)
must carry it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore


class NotInstalled(Exception):
    """The workspace has no installation (never installed, or uninstalled since)."""


class Revoked:
    """Workspaces whose SLACK_BOT_TOKEN was revoked, shared by every client of the process (the outbox's too).

    Kept in memory: the token is the environment's, and Slack refuses it from now on anyway, so a restart
    with it fails at its start-up check (bot/startup.py) with a clear message."""

    def __init__(self) -> None:
        self._teams: set[str] = set()
        self._lock = threading.Lock()

    def add(self, team_id: str) -> None:
        with self._lock:
            self._teams.add(team_id)

    def __contains__(self, team_id: object) -> bool:
        with self._lock:
            return team_id in self._teams


class WorkspaceClients:
    # How long a looked-up token is reused: an uninstall seen by another process is noticed within it
    # (Slack refuses the old token meanwhile, which the outbox treats as a permanent failure).
    TOKEN_TTL_S = 300.0

    def __init__(self, base: WebClient, installations: InstallationStore | None = None, *,
                 monotonic: Callable[[], float] = time.monotonic, revoked: Revoked | None = None) -> None:
        self._base = base
        self._installations = installations
        self._revoked = revoked if revoked is not None else Revoked()
        self._monotonic = monotonic
        self._cache: dict[str, tuple[WebClient, float]] = {}
        self._lock = threading.Lock()

    def for_team(self, team_id: str) -> WebClient:
        if self._installations is None:
            if team_id in self._revoked:
                raise NotInstalled(team_id)
            return self._base
        now = self._monotonic()
        with self._lock:
            cached = self._cache.get(team_id)
        if cached is not None and now - cached[1] < self.TOKEN_TTL_S:
            return cached[0]
        bot = self._installations.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            self.forget(team_id)
            raise NotInstalled(team_id)
        client = self._with_token(bot.bot_token)
        with self._lock:
            self._cache[team_id] = (client, now)
        return client

    def forget(self, team_id: str) -> None:
        with self._lock:
            self._cache.pop(team_id, None)

    def revoke(self, team_id: str) -> None:
        """The single token's workspace removed the app or revoked the token: nothing more goes there."""
        self._revoked.add(team_id)

    def _with_token(self, token: str) -> WebClient:
        base = self._base
        return WebClient(token=token, base_url=base.base_url, timeout=base.timeout, headers=base.headers,
                         retry_handlers=list(base.retry_handlers), logger=base.logger)
