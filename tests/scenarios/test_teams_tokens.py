"""Teams activities are run only with a token the Bot Connector signed for this bot, checked for real.

The SDK's JwtTokenValidator fetches the signing keys from a local stand-in of the Bot Framework's key
service (bot/demo/botframework_keys.py); any problem with the token is a 401 with no effect, never a 500.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import pytest

from bot.demo.botframework_keys import BotFrameworkKeys, new_key
from bot.demo.harness import TEAMS_APP_ID, Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.teams_connector import BotConnectorEmulator
from bot.demo.teams_requests import TeamsChannel
from tests.conftest import DEFAULT_NOW
from tests.scenarios.teams_helpers import OUTSIDER, cards_for, connector  # noqa: F401 - fixture
from tests.scenarios.test_slack_gate import snapshot


@pytest.fixture(scope="module")
def keys() -> Iterator[BotFrameworkKeys]:
    with BotFrameworkKeys() as service:
        yield service


@pytest.fixture
def checked(database_url: str, emulator: SlackEmulator, connector: BotConnectorEmulator,  # noqa: F811
            keys: BotFrameworkKeys) -> Iterator[Harness]:
    harness = start_harness(database_url, emulator, now=DEFAULT_NOW, connector=connector, teams_keys=keys)
    try:
        yield harness
    finally:
        harness.close()


def say(bot: Harness, authorization: str | None, text: str = "mentorat aide") -> int:
    assert bot.teams is not None
    channel = TeamsChannel(bot.server.url, bot.teams.service_url, bot.teams.tenant_id, authorization=authorization)
    return channel.say(OUTSIDER, text).status


def test_a_token_signed_for_this_bot_is_accepted(checked: Harness, keys: BotFrameworkKeys,
                                                 connector: BotConnectorEmulator) -> None:  # noqa: F811
    token = keys.token(audience=TEAMS_APP_ID, service_url=connector.service_url)
    assert say(checked, f"Bearer {token}") in (200, 202)
    assert cards_for(connector, OUTSIDER), "the help was answered"


def _unsigned(claims: dict[str, object], header: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{part(header)}.{part(claims)}.c2lnbmF0dXJl"


def refusals(keys: BotFrameworkKeys, service_url: str) -> dict[str, str | None]:
    now = time.time()
    good = {"audience": TEAMS_APP_ID, "service_url": service_url}
    claims = {"iss": "https://api.botframework.com", "aud": TEAMS_APP_ID, "serviceurl": service_url,
              "exp": int(now) + 600}
    return {
        "no header": None,
        "empty bearer": "Bearer ",
        "other scheme": "Basic " + base64.b64encode(b"user:pass").decode(),
        "garbage": "Bearer not.a.token",
        "no kid": "Bearer " + keys.token(**good, kid=None),
        "unknown kid": "Bearer " + keys.token(**good, kid="someone-else"),
        "other key": "Bearer " + keys.token(**good, key=new_key()),
        "expired": "Bearer " + keys.token(**good, issued=now - 7200, lifetime=600),
        "not yet valid": "Bearer " + keys.token(**good, issued=now + 7200),
        "other bot": "Bearer " + keys.token(audience="00000000-0000-4000-8000-000000000000", service_url=service_url),
        "other service url": "Bearer " + keys.token(audience=TEAMS_APP_ID, service_url="https://evil.example/"),
        "alg none": "Bearer " + _unsigned(claims, {"alg": "none", "typ": "JWT", "kid": "mentorat-local-key"}),
        "hs256 with the public key": "Bearer " + _unsigned(claims, {"alg": "HS256", "kid": "mentorat-local-key"}),
        "huge": "Bearer " + "a" * 20_000,
    }


@pytest.mark.both_databases
def test_any_token_problem_is_a_401_with_no_effect(checked: Harness, keys: BotFrameworkKeys,
                                                   connector: BotConnectorEmulator) -> None:  # noqa: F811
    before = snapshot(checked)
    for name, header in refusals(keys, connector.service_url).items():
        status = say(checked, header, "mentorat pause 2 semaines")
        assert status == 401, f"{name}: {status}"
    assert snapshot(checked) == before
    assert cards_for(connector, OUTSIDER) == []


def test_the_same_activity_sent_again_is_answered_not_run_again(checked: Harness, keys: BotFrameworkKeys,
                                                               connector: BotConnectorEmulator) -> None:  # noqa: F811
    """A captured token and body, or the Bot Connector retrying: one note, whatever the number of sends."""
    assert checked.teams is not None
    token = keys.token(audience=TEAMS_APP_ID, service_url=connector.service_url)
    channel = TeamsChannel(checked.server.url, checked.teams.service_url, checked.teams.tenant_id,
                           authorization=f"Bearer {token}")
    activity = channel._activity(OUTSIDER, text="mentorat pause 2 semaines")
    statuses = [channel.post(activity).status for _ in range(3)]
    assert statuses[0] in (200, 202) and statuses[1:] == [200, 200]
    assert len(cards_for(connector, OUTSIDER)) == 1, "answered once"


@pytest.mark.parametrize("change", ["directline", "no aad id", "other tenant in channelData"])
def test_only_a_teams_user_of_the_conversations_tenant_acts(checked: Harness, keys: BotFrameworkKeys,
                                                          connector: BotConnectorEmulator,  # noqa: F811
                                                          change: str) -> None:
    """Web Chat and Direct Line share the bot's registration but carry no verified Entra identity."""
    assert checked.teams is not None
    token = keys.token(audience=TEAMS_APP_ID, service_url=connector.service_url)
    channel = TeamsChannel(checked.server.url, checked.teams.service_url, checked.teams.tenant_id,
                           authorization=f"Bearer {token}")
    activity = channel._activity(OUTSIDER, text="mentorat pause 2 semaines")
    if change == "directline":
        activity["channelId"] = "directline"
    elif change == "no aad id":
        del activity["from"]["aadObjectId"]
    else:
        activity["channelData"] = {"tenant": {"id": "0a000000-0000-4000-8000-0000000000ff"}}
    before = snapshot(checked)
    answer = channel.post(activity)
    assert answer.status in ((403,) if change == "directline" else (200, 202))
    after = snapshot(checked)
    assert {k: v for k, v in after["rows"].items() if k != "seen_requests"} == {
        k: v for k, v in before["rows"].items() if k != "seen_requests"}, "nobody was registered or changed"
    assert cards_for(connector, OUTSIDER) == []
