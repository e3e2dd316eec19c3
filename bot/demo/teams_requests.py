"""Activities as Microsoft Teams posts them to a bot (`POST /api/messages`), for tests and the demo.

Each user writes in their 1:1 chat with the bot; card buttons and forms come back as message
activities whose `value` is the card's data, with `replyToId` naming the card.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from bot.demo.slack_requests import HttpAnswer, post

BOT_ID = "28:mentorat-bot"


@dataclass(frozen=True)
class TeamsUser:
    aad_object_id: str  # the Entra object id (a GUID): how Mentorat knows a Teams user
    teams_id: str  # "29:…"
    name: str
    timezone: str = "America/Toronto"
    locale: str = "fr-CA"

    @property
    def conversation_id(self) -> str:
        return f"a:{self.teams_id.removeprefix('29:')}"


class TeamsChannel:
    """Posts to a Mentorat server what Teams would, for one tenant and one Bot Connector service URL."""

    _counter = itertools.count(1)

    def __init__(self, app_url: str, service_url: str, tenant_id: str, *, authorization: str | None = None) -> None:
        self.app_url = app_url.rstrip("/") + "/api/messages"
        self.service_url = service_url
        self.tenant_id = tenant_id
        self.authorization = authorization

    def _activity(self, user: TeamsUser, **fields: Any) -> dict[str, Any]:
        n = next(self._counter)
        return {
            "type": "message", "id": f"in-{n}", "channelId": "msteams", "serviceUrl": self.service_url,
            "timestamp": "2026-11-23T15:00:00.000Z", "localTimezone": user.timezone, "locale": user.locale,
            "from": {"id": user.teams_id, "name": user.name, "aadObjectId": user.aad_object_id},
            "recipient": {"id": BOT_ID, "name": "Mentorat"},
            "conversation": {"id": user.conversation_id, "conversationType": "personal", "tenantId": self.tenant_id},
            "channelData": {"tenant": {"id": self.tenant_id}},
            **fields,
        }

    def post(self, activity: dict[str, Any]) -> HttpAnswer:
        headers = {"Authorization": self.authorization} if self.authorization else {}
        return post(self.app_url, json.dumps(activity), headers, "application/json")

    def say(self, user: TeamsUser, text: str) -> HttpAnswer:
        """The person types `text` to the bot (e.g. "mentorat aide")."""
        return self.post(self._activity(user, text=text, textFormat="plain"))

    def submit(self, user: TeamsUser, data: dict[str, Any], *, card_id: str | None = None) -> HttpAnswer:
        """An Action.Submit on a card the bot sent (`card_id`): data holds the action and the inputs."""
        fields: dict[str, Any] = {"value": data}
        if card_id:
            fields["replyToId"] = card_id
        return self.post(self._activity(user, **fields))

    def install(self, user: TeamsUser) -> HttpAnswer:
        """The app is added for the person: Teams sends a conversationUpdate with them as a new member."""
        activity = self._activity(user, type="conversationUpdate",
                                  membersAdded=[{"id": user.teams_id, "aadObjectId": user.aad_object_id}])
        return self.post(activity)

    def in_channel(self, user: TeamsUser, text: str) -> HttpAnswer:
        """The same person writing in a team channel (not a private chat)."""
        activity = self._activity(user, text=text)
        activity["conversation"] = {"id": "19:channel@thread.tacv2", "conversationType": "channel",
                                    "tenantId": self.tenant_id}
        return self.post(activity)
