"""A parsed `/mentorat` call handed to each sub-command handler."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from handlers.slack.deps import Deps


@dataclass(frozen=True)
class CommandRequest:
    deps: Deps
    team_id: str
    user_id: str
    args: str
    body: dict[str, Any]
    respond: Respond
    client: WebClient
    convention_id: int | None = None  # the convention picked in "Which convention?", else None

    @property
    def trigger_id(self) -> str | None:
        return self.body.get("trigger_id")


CommandHandler = Callable[[CommandRequest], None]

# A user mention as Slack escapes it in slash commands (should_escape: true): <@U123> or <@U123|name>.
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
