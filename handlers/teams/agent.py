"""The Teams agent: an ActivityHandler of the Agents SDK that hands each turn to the router.

The router and the services are synchronous (SQLAlchemy), so a turn runs them in a worker thread
and sends the replies back through the turn context. Only 1:1 chats are served: mentoring is private.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from microsoft_agents.activity import Activity, ChannelAccount, TurnContextProtocol
from microsoft_agents.hosting.core import ActivityHandler

from bot.i18n import normalise_language, t
from handlers.teams import router
from handlers.teams.cards import attachment
from handlers.teams.deps import Reply, TeamsDeps, TeamsRequest, acting_in_teams, text_reply
from handlers.teams.incoming import Incoming, read

log = logging.getLogger(__name__)


class MentoratAgent(ActivityHandler):
    def __init__(self, deps: TeamsDeps) -> None:
        self.deps = deps

    async def on_message_activity(self, turn_context: TurnContextProtocol[Any]) -> None:
        activity = turn_context.activity
        incoming = read(activity)
        if not incoming.user_id or not incoming.tenant_id:
            return
        conversation_type = getattr(activity.conversation, "conversation_type", None) if activity.conversation else None
        if conversation_type not in (None, "personal"):
            replies = await asyncio.to_thread(self._personal_only, incoming)
        elif incoming.value is not None:
            replies = await asyncio.to_thread(router.on_submit, TeamsRequest(self.deps, incoming, "", incoming.value))
        else:
            replies = await asyncio.to_thread(router.on_text, TeamsRequest(self.deps, incoming))
        await send_replies(turn_context, replies)
        # The other person's card, the coordinator's notice: queued by the services, sent now.
        await asyncio.to_thread(self.deps.deliver_now)

    async def on_members_added_activity(self, members_added: list[ChannelAccount],
                                        turn_context: TurnContextProtocol[Any]) -> None:
        """The app installed for someone: remember how to reach them, and say hello."""
        activity = turn_context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        if not any(member.id != bot_id for member in members_added):
            return
        incoming = read(activity)
        if not incoming.user_id or not incoming.tenant_id:
            return
        reply = await asyncio.to_thread(self._welcome, incoming)
        await send_replies(turn_context, [reply])

    def _welcome(self, incoming: Incoming) -> Reply:
        with acting_in_teams(self.deps, incoming) as (_session, actor):
            return text_reply(t(actor.lang, "teams.welcome", name=actor.person.display_name or ""))

    def _personal_only(self, incoming: Incoming) -> list[Reply]:
        # No conversation reference is stored from a channel: reminders must never land there.
        # Translators: Teams, in a group chat or channel; `mentorat aide` is the command to type, keep it as is.
        return [text_reply(t(normalise_language(incoming.locale), "teams.personal_only"))]


async def send_replies(turn_context: TurnContextProtocol[Any], replies: list[Reply]) -> None:
    for reply in replies:
        # Plain text: the fallback carries names and titles as typed, which must never read as markdown.
        activity = Activity(type="message", text=reply.text, summary=reply.text[:200], text_format="plain",
                            attachments=[attachment(reply.card)])
        target = turn_context.activity.reply_to_id
        if reply.replace and target:
            activity.id = target
            await turn_context.update_activity(activity)
        else:
            await turn_context.send_activity(activity)
