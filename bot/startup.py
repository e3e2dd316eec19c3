"""Start-up checks: settings, schema, and the Slack tokens, each failing with one clear message.

The checks call Slack once each, with a client of their own: no retries (a retry of a refused token
is refused again, and an unreachable Slack is better said at once than after a long wait), and no
log line of the SDK's, so the operator reads one sentence, not a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.config import WHERE, Settings

CHECK_TIMEOUT_S = 5
REFUSED = "Mentorat cannot start: Slack refused {name} ({error}). Copy it again into .env from the {where}."
UNREACHABLE = ("Mentorat cannot start: Slack could not be reached at {url} ({reason}). The settings may be right: "
               "check the network (a proxy, a firewall) or SLACK_API_URL, then start again.")


class StartupError(Exception):
    """Why the bot cannot start, in one sentence for the operator (no traceback)."""


@dataclass(frozen=True)
class Identity:
    team_id: str
    bot_user_id: str


def _quiet_client(token: str | None, settings: Settings) -> WebClient:
    silent = logging.getLogger("mentorat.startup.slack")
    silent.setLevel(logging.CRITICAL + 1)  # the SDK logs each failed request as an ERROR: said once below
    return WebClient(token=token, base_url=settings.slack_api_url, timeout=CHECK_TIMEOUT_S, retry_handlers=[],
                     logger=silent)


def _failure(exc: Exception, name: str, settings: Settings) -> StartupError:
    if isinstance(exc, SlackApiError):
        error = exc.response.get("error", "error")
        return StartupError(REFUSED.format(name=name, error=error, where=WHERE[name]))
    reason = getattr(exc, "reason", None) or type(exc).__name__
    return StartupError(UNREACHABLE.format(url=settings.slack_api_url, reason=reason))


def check_slack_token(client: WebClient, settings: Settings) -> Identity:
    """The bot token works: the workspace and the bot's user it belongs to."""
    try:
        answer = _quiet_client(client.token, settings).auth_test()
    except (SlackClientError, OSError) as exc:
        raise _failure(exc, "SLACK_BOT_TOKEN", settings) from None
    return Identity(team_id=answer["team_id"], bot_user_id=answer["user_id"])


def check_app_token(settings: Settings) -> None:
    """Socket Mode's app-level token works (the connection it opens is not kept: the handler opens its own)."""
    try:
        _quiet_client(None, settings).apps_connections_open(app_token=settings.slack_app_token)
    except (SlackClientError, OSError) as exc:
        raise _failure(exc, "SLACK_APP_TOKEN", settings) from None
