"""The whole bot on loopback: real Bolt app behind waitress, real WebClient, Slack emulator.

A test drives it like Slack does (signed slash commands, button clicks, modal submissions,
events) and reads what people received from the emulator and what was written in the database.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient

from bot.app import Mentorat, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.demo.executor import DrainableExecutor
from bot.demo.paced_time import PacedTime
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.slack_requests import HttpAnswer, SlackSigner, form_body, get, payload_body, post
from bot.demo.teams_connector import BotConnectorEmulator
from bot.demo.teams_requests import TeamsChannel
from bot.server import RunningServer, serve_in_thread
from handlers.teams.limits import SendLimiter
from storage.db import SessionFactory, make_engine, make_session_factory

if TYPE_CHECKING:
    from bot.demo.botframework_keys import BotFrameworkKeys

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
TEAM_ID = "T0TEST"
TENANT_ID = "72f988bf-0000-4000-8000-000000000001"
TEAMS_APP_ID = "5c1a0000-0000-4000-8000-00000000a99"  # the bot's app id: the audience of the tokens Teams signs
OAUTH_PUBLIC_URL = "https://mentorat.example.org"  # where Slack sends an installer back (redirect_uri)


@dataclass
class Harness:
    emulator: SlackEmulator
    settings: Settings
    clock: FrozenClock
    mentorat: Mentorat
    server: RunningServer
    executor: DrainableExecutor
    session_factory: SessionFactory
    signer: SlackSigner
    engine: Any
    teams: TeamsChannel | None = None

    _counter = itertools.count(1)

    @property
    def events_url(self) -> str:
        return f"{self.server.url}/slack/events"

    # -- sending what Slack sends -------------------------------------------------------------
    def send_form(self, fields: dict[str, str], *, headers: dict[str, str] | None = None) -> HttpAnswer:
        body = form_body(fields)
        answer = post(self.events_url, body, {**self.signer.headers(body), **(headers or {})},
                      "application/x-www-form-urlencoded")
        self.executor.drain()
        return answer

    def command(self, user: str, text: str = "", *, name: str = "/mentorat", team: str = TEAM_ID) -> HttpAnswer:
        n = next(self._counter)
        return self.send_form({
            "token": "legacy", "team_id": team, "team_domain": "test", "channel_id": f"D{user}",
            "channel_name": "directmessage", "user_id": user, "user_name": user.lower(), "command": name,
            "text": text, "api_app_id": "A0MENTORAT", "is_enterprise_install": "false",
            "response_url": self.emulator.response_url(f"cmd-{n}"), "trigger_id": f"trigger-{n}",
        })

    def _interaction(self, payload: dict[str, Any]) -> HttpAnswer:
        body = payload_body(payload)
        answer = post(self.events_url, body, self.signer.headers(body), "application/x-www-form-urlencoded")
        self.executor.drain()
        return answer

    def click(self, user: str, action_id: str, value: str, *, message: dict[str, Any] | None = None,
              container: str = "message", team: str = TEAM_ID) -> HttpAnswer:
        n = next(self._counter)
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": team, "domain": "test"},
            "user": {"id": user, "team_id": team, "username": user.lower()}, "api_app_id": "A0MENTORAT",
            "trigger_id": f"trigger-{n}",
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                         "action_ts": f"{n}.0"}],
        }
        if container == "message":
            channel = self.emulator.im_channel_id(user)
            payload |= {"container": {"type": "message", "channel_id": channel,
                                      "message_ts": (message or {}).get("ts", f"{n}.000")},
                        "channel": {"id": channel}, "message": message or {},
                        "response_url": self.emulator.response_url(f"click-{n}")}
        else:
            payload |= {"container": {"type": "view", "view_id": "VHOME"},
                        "view": {"id": "VHOME", "type": "home"}}
        return self._interaction(payload)

    def submit_view(self, user: str, view: dict[str, Any], values: dict[str, dict[str, Any]], *,
                    team: str = TEAM_ID) -> HttpAnswer:
        """Submit a modal the bot opened, with `values` as Slack's view.state.values."""
        payload = {
            "type": "view_submission", "team": {"id": team, "domain": "test"},
            "user": {"id": user, "team_id": team}, "api_app_id": "A0MENTORAT",
            "trigger_id": f"trigger-{next(self._counter)}",
            "view": {**view, "id": view.get("id", "V1"), "team_id": team, "app_installed_team_id": team,
                     "state": {"values": values}},
        }
        return self._interaction(payload)

    def event(self, event: dict[str, Any], *, retry_num: int | None = None, event_id: str | None = None,
              team: str = TEAM_ID) -> HttpAnswer:
        """An event as Slack sends it; each has its own id unless a retry of an earlier one is meant."""
        event_id = event_id or f"Ev{next(self._counter)}"
        body = json.dumps({"token": "legacy", "team_id": team, "api_app_id": "A0MENTORAT", "event": event,
                           "type": "event_callback", "event_id": event_id, "event_time": 1})
        headers = self.signer.headers(body)
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        answer = post(self.events_url, body, headers, "application/json")
        self.executor.drain()
        return answer

    def get(self, path: str, headers: dict[str, str] | None = None) -> HttpAnswer:
        return get(f"{self.server.url}{path}", headers)

    # -- reading what people saw -------------------------------------------------------------
    def last_response(self) -> dict[str, Any]:
        responses = self.emulator.responses()
        assert responses, "the bot sent no response_url reply"
        return responses[-1]

    def close(self) -> None:
        self.server.close()
        self.mentorat.close()
        self.executor.shutdown(wait=True)
        self.engine.dispose()


def start_harness(database_url: str, emulator: SlackEmulator, *, now: datetime,
                  coordinators: tuple[str, ...] = (), language: str = "fr", fallback_admin: str = "",
                  connector: BotConnectorEmulator | None = None, teams_limiter: SendLimiter | None = None,
                  teams_sleep: Callable[[float], None] | None = None,
                  slack_oauth: tuple[str, str] | None = None, teams_keys: BotFrameworkKeys | None = None) -> Harness:
    """The bot on loopback; with `connector`, Teams too (the Bot Connector emulated; incoming tokens are
    checked only with `teams_keys`, the local stand-in for the Bot Framework's key service); with
    `slack_oauth` (client id, secret), installed by OAuth in any number of workspaces instead of one token."""
    client_id, client_secret = slack_oauth or ("", "")
    settings = Settings(
        slack_bot_token="" if slack_oauth else emulator.bot_token,
        slack_client_id=client_id,
        slack_client_secret=client_secret,
        public_url=OAUTH_PUBLIC_URL if slack_oauth else "",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=emulator.api_url,
        database_url=database_url,
        coordinators=coordinators,
        language=language,
        fallback_admin=fallback_admin,
    )
    clock = FrozenClock(now)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    executor = DrainableExecutor()
    client = WebClient(token=settings.slack_bot_token or None, base_url=settings.slack_api_url, timeout=5)
    inbound = None
    if teams_keys is not None:  # the Agents SDK and the key signer (cryptography) load for a Teams demo only
        from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration

        from bot.demo.botframework_keys import MICROSOFT_KEYS_URL
        from handlers.teams.app import TeamsInbound
        from handlers.teams.runtime import SigningKeys

        auth = AgentAuthConfiguration(client_id=TEAMS_APP_ID, tenant_id=TENANT_ID, anonymous_allowed=False)
        inbound = TeamsInbound(auth, SigningKeys({MICROSOFT_KEYS_URL: teams_keys.url}))
    if connector is not None and teams_limiter is None and teams_sleep is None:
        paced = PacedTime(clock)  # Teams' pacing in full, without waiting for it
        teams_limiter, teams_sleep = SendLimiter(clock=paced), paced.sleep
    mentorat = create_app(settings, factory, client, clock=clock, work_executor=executor,
                          teams=connector is not None, teams_limiter=teams_limiter,
                          teams_sleep=teams_sleep or (lambda _seconds: None), teams_inbound=inbound)
    server = serve_in_thread(mentorat.http_app(engine))
    teams = None
    if connector is not None and mentorat.teams is not None:
        mentorat.teams.notifier.public_url = server.url  # known once the server has its port
        teams = TeamsChannel(server.url, connector.service_url, TENANT_ID)
    return Harness(emulator, settings, clock, mentorat, server, executor, factory, SlackSigner(SIGNING_SECRET),
                   engine, teams)
