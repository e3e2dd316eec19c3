"""Direct messages to one Slack user: below deps.py, which reports errors by DM."""

from __future__ import annotations

from slack_sdk import WebClient


def dm_channel(client: WebClient, user_id: str) -> str:
    return client.conversations_open(users=user_id)["channel"]["id"]


def post_dm(client: WebClient, user_id: str, text: str, blocks: list[dict] | None = None) -> None:
    client.chat_postMessage(channel=dm_channel(client, user_id), text=text, blocks=blocks)
