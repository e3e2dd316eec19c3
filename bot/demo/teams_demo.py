"""The demo's Teams side: the bot with the Bot Connector emulated and its tokens checked for real.

The app is installed for the three people (their 1:1 chats with the bot exist), each writes in their
own time zone and language, and every activity carries a Bot Connector token signed by the local
stand-in for Microsoft's key service, which the Agents SDK checks as it would in a tenant.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from bot.demo.botframework_keys import BotFrameworkKeys
from bot.demo.harness import TEAMS_APP_ID, TENANT_ID, start_harness
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.teams_connector import BotConnectorEmulator
from bot.demo.teams_requests import TeamsChannel, TeamsUser
from bot.demo.teams_stage import TeamsStage
from bot.demo.transcript import Transcript


def teams_users(transcript: Transcript, locale: str) -> dict[str, TeamsUser]:
    """Each person of the story as Teams knows them: an Entra object id and a `29:` id."""
    return {user: TeamsUser(f"0d000000-0000-4000-8000-{index:012d}", f"29:demo-{person.name.split()[0].lower()}",
                            person.name, timezone=person.tz, locale=locale)
            for index, (user, person) in enumerate(transcript.people.items(), start=1)}


@contextmanager
def teams_stage(url: str, emulator: SlackEmulator, transcript: Transcript, locale: str, *, now: datetime,
                coordinator: str) -> Iterator[TeamsStage]:
    users = teams_users(transcript, locale)
    with BotConnectorEmulator() as connector, BotFrameworkKeys() as keys:
        for user in users.values():
            connector.add_user(user.teams_id, user.name, aad_object_id=user.aad_object_id, tenant_id=TENANT_ID,
                               conversation_id=user.conversation_id)
        bot = start_harness(url, emulator, now=now, coordinators=(users[coordinator].aad_object_id,),
                            language=transcript.lang, connector=connector, teams_keys=keys)
        try:
            assert bot.teams is not None
            token = keys.token(audience=TEAMS_APP_ID, service_url=connector.service_url)
            channel = TeamsChannel(bot.server.url, connector.service_url, TENANT_ID, authorization=f"Bearer {token}")
            yield TeamsStage(bot, transcript, connector, users, channel)
        finally:
            bot.close()
