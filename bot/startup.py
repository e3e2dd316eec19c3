"""Start-up checks: settings, schema, and the Slack token, each failing with one clear message."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.config import WHERE, ConfigError, Settings


@dataclass(frozen=True)
class Identity:
    team_id: str
    bot_user_id: str


def check_slack_token(client: WebClient, settings: Settings) -> Identity:
    try:
        answer = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "error")
        raise ConfigError([f"SLACK_BOT_TOKEN was refused by Slack ({error}): {WHERE['SLACK_BOT_TOKEN']}."]) from exc
    except (SlackClientError, OSError) as exc:
        raise ConfigError([f"Slack could not be reached at SLACK_API_URL={settings.slack_api_url} "
                           f"({type(exc).__name__})."]) from exc
    return Identity(team_id=answer["team_id"], bot_user_id=answer["user_id"])
