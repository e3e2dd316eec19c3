"""A workspace removes the app, or revokes its bot token, in single-token mode (SLACK_BOT_TOKEN).

OAuth mode has Bolt's own listeners, which delete the workspace's stored installation. With one token
from the environment there is nothing stored to delete: the token is marked revoked for this process, so
that no listener and no reminder calls Slack for that workspace again (the outbox fails its reminders as
not installed), and one line tells the operator, naming the workspace, never the token.
"""

from __future__ import annotations

import logging
import re

from slack_bolt import App

from handlers.slack.deps import Deps

log = logging.getLogger(__name__)
_TEAM_ID = re.compile(r"[A-Z0-9]{1,32}")


def _stop(deps: Deps, team_id: object, why: str) -> None:
    shown = team_id if isinstance(team_id, str) and _TEAM_ID.fullmatch(team_id) else "?"
    if isinstance(team_id, str) and team_id:
        deps.clients.revoke(team_id)
    log.warning("Slack workspace %s %s: nothing more is sent there; install the app again and set its new "
                "SLACK_BOT_TOKEN", shown, why)


def register(app: App, deps: Deps) -> None:
    if deps.settings.slack_oauth:
        return  # Bolt's listeners (bot/app.py, enable_token_revocation_listeners)

    @app.event("app_uninstalled")
    def uninstalled(body: dict) -> None:
        _stop(deps, body.get("team_id"), "removed the app")

    @app.event("tokens_revoked")
    def tokens_revoked(event: dict, body: dict) -> None:
        if (event.get("tokens") or {}).get("bot"):  # user tokens alone: the app has none, nothing changes
            _stop(deps, body.get("team_id"), "revoked the app's bot token")
