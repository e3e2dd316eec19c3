"""Sends platform-neutral messages as Slack DMs. Failures become NotifierError for the outbox."""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.notify import Attachment, Delivered, Message, NotifierError, Recipient
from handlers.slack.clients import NotInstalled, WorkspaceClients
from handlers.slack.render import as_dicts, message_blocks, mrkdwn

log = logging.getLogger(__name__)

# Errors that will not go away by retrying.
PERMANENT = {
    "channel_not_found", "user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot",
    "invalid_auth", "not_authed", "missing_scope", "is_archived", "invalid_blocks", "msg_too_long",
}


class SlackNotifier:
    def __init__(self, clients: WorkspaceClients) -> None:
        self._clients = clients
        self._dm_channels: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def _client(self, team_id: str) -> WebClient:
        try:
            return self._clients.for_team(team_id)
        except NotInstalled as exc:  # uninstalled: nothing will reach this workspace until it installs again
            raise NotifierError("slack:not_installed", permanent=True) from exc

    def _dm_channel(self, client: WebClient, team_id: str, user_id: str) -> str:
        with self._lock:
            cached = self._dm_channels.get((team_id, user_id))
        if cached:
            return cached
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        with self._lock:
            self._dm_channels[(team_id, user_id)] = channel
        return channel

    def send(self, recipient: Recipient, message: Message) -> Delivered:
        team_id = recipient.workspace_external_id
        client = self._client(team_id)
        blocks = as_dicts(message_blocks(message))
        try:
            channel = recipient.channel or self._dm_channel(client, team_id, recipient.user_external_id)
            try:
                response = client.chat_postMessage(channel=channel, text=mrkdwn(message.text), blocks=blocks)
            except SlackApiError as exc:
                if not recipient.channel or exc.response.get("error") != "channel_not_found":
                    raise
                # The DM kept from an earlier send is gone (e.g. the app was reinstalled): open it again.
                channel = self._dm_channel(client, team_id, recipient.user_external_id)
                response = client.chat_postMessage(channel=channel, text=mrkdwn(message.text), blocks=blocks)
        except SlackApiError as exc:
            raise _as_notifier_error(exc) from exc
        except (SlackClientError, OSError) as exc:
            raise NotifierError(f"slack:{type(exc).__name__}") from exc
        delivered = Delivered(channel=response["channel"], ts=response["ts"], workspace=team_id)
        if message.attachment is not None:
            self._attach(client, delivered, message.attachment)
        return delivered

    def _attach(self, client: WebClient, delivered: Delivered, attachment: Attachment) -> None:
        """Upload the file into the same DM. The message itself is out: a failed upload is not
        retried as a whole (that would repeat the message); the message offers the file again."""
        try:
            client.files_upload_v2(channel=delivered.channel, content=attachment.content,
                                   filename=attachment.filename, title=attachment.title)
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("could not upload %s: %s", attachment.filename, type(exc).__name__)

    def update(self, delivered: Delivered, message: Message) -> None:
        client = self._client(delivered.workspace)
        try:
            client.chat_update(channel=delivered.channel, ts=delivered.ts, text=mrkdwn(message.text),
                               blocks=as_dicts(message_blocks(message)))
        except SlackApiError as exc:
            raise _as_notifier_error(exc) from exc
        except (SlackClientError, OSError) as exc:
            raise NotifierError(f"slack:{type(exc).__name__}") from exc


def _as_notifier_error(exc: SlackApiError) -> NotifierError:
    status = exc.response.status_code
    error = str(exc.response.get("error") or status)
    if status == 429:
        retry_after = float(exc.response.headers.get("Retry-After", "1") or 1)
        return NotifierError(f"slack:{error}", retry_after=retry_after)
    return NotifierError(f"slack:{error}", permanent=error in PERMANENT)
