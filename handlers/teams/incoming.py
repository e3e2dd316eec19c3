"""What Mentorat needs from a Teams activity, read once into a plain dataclass."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity

# The bot's own @mention, as Teams puts it in the text of a message ("<at>Mentorat</at> aide").
AT_TAG = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)
PREFIX = re.compile(r"^\s*/?(mentorat)\b[\s:]*", re.IGNORECASE)


@dataclass(frozen=True)
class Incoming:
    tenant_id: str
    user_id: str  # the Microsoft Entra object id: how Mentorat knows a Teams user
    teams_user_id: str  # "29:…", the id the Bot Connector uses
    name: str
    locale: str | None
    timezone: str | None
    service_url: str
    conversation_id: str
    bot_id: str
    reference: dict[str, Any]
    text: str  # the command typed, without the bot's mention nor the leading "mentorat"
    value: dict[str, Any] | None  # an Adaptive Card's submitted data
    reply_to_id: str | None  # the card a button or a form belongs to


def command_text(raw: str | None) -> str:
    """'<at>Mentorat</at> mentorat aide' -> 'aide'; Teams users may type the command with or without 'mentorat'."""
    text = AT_TAG.sub(" ", raw or "").replace("\u00a0", " ").strip()
    return PREFIX.sub("", text, count=1).strip()


def tenant_of(activity: Activity) -> str:
    """The tenant, from the conversation; empty (nobody acts) when channelData names another one."""
    conversation = activity.conversation
    tenant = getattr(conversation, "tenant_id", None) if conversation else None
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    named = (data.get("tenant") or {}).get("id") if isinstance(data.get("tenant"), dict) else None
    if tenant and named and str(named).lower() != str(tenant).lower():
        return ""
    return str(tenant or named or "")


def read(activity: Activity) -> Incoming:
    sender = activity.from_property
    # Only the Entra object id says who someone is; without it (another channel, a bot) nobody acts.
    user_id = (getattr(sender, "aad_object_id", None) or "").lower()
    value = activity.value if isinstance(activity.value, dict) else None
    reference = activity.get_conversation_reference().model_dump(mode="json", by_alias=True, exclude_none=True)
    return Incoming(
        tenant_id=tenant_of(activity),
        user_id=user_id,
        teams_user_id=sender.id if sender else "",
        name=(sender.name if sender else "") or "",
        locale=activity.locale,
        timezone=activity.local_timezone,
        service_url=activity.service_url or "",
        conversation_id=activity.conversation.id if activity.conversation else "",
        bot_id=activity.recipient.id if activity.recipient else "",
        reference=reference,
        text=command_text(activity.text),
        value=value,
        reply_to_id=activity.reply_to_id,
    )
