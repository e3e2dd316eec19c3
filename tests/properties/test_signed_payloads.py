"""Whatever a signed request carries, the bot answers with a 2xx or a 4xx, never a 500, and logs no crash.

A signed request is what a Slack client can be made to send (a replayed body re-signed by an attacker
who holds the secret is out of scope; a client that tampers with a payload's values is not): the
payloads below start from real shapes and then have their fields replaced by anything JSON allows.
"""

from __future__ import annotations

import itertools
import json
import logging
import urllib.parse
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.demo.harness import Harness
from bot.demo.slack_requests import post
from handlers.slack.ids import ActionId, CallbackId

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
TRIGGERS = itertools.count(1)
ACTIONS = [*(str(action) for action in ActionId), "unknown-action"]  # every button the bot shows
CALLBACKS = [*(str(callback) for callback in CallbackId), "unknown-callback"]  # every form
values = st.one_of(st.text(max_size=12), st.sampled_from(["1", "0", "-1", "1.5", "99999999999999999999", "convention:1",
                                                          "meeting:x"]), json_values)


def click(action_id: str, value: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return {"type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": "UMENTOR", "team_id": "T0TEST"},
            "api_app_id": "A0MENTORAT", "trigger_id": "t1",
            "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "b"}], **extra}


def submission(callback_id: str, metadata: Any, values: Any) -> dict[str, Any]:
    return {"type": "view_submission", "team": {"id": "T0TEST"}, "user": {"id": "UMENTOR", "team_id": "T0TEST"},
            "api_app_id": "A0MENTORAT", "trigger_id": "t1",
            "view": {"id": "V1", "type": "modal", "callback_id": callback_id, "private_metadata": metadata,
                     "state": {"values": values}}}


payloads = st.one_of(
    st.builds(click, st.sampled_from(ACTIONS), values,
              st.dictionaries(st.sampled_from(["response_url", "container", "message", "view"]), json_values,
                              max_size=2)),
    st.builds(submission, st.sampled_from(CALLBACKS), json_values,
              st.dictionaries(st.text(max_size=12), st.dictionaries(st.text(max_size=12), json_values, max_size=2),
                              max_size=3)),
    json_values,
)


@settings(max_examples=150, deadline=None,
          # The bot is shared by the examples on purpose: each request is independent, and the property
          # (no 5xx, no crash logged) does not depend on what earlier ones left.
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=payloads)
def test_a_signed_payload_never_gets_a_server_error(bot: Harness, caplog: pytest.LogCaptureFixture,
                                                    payload: Any) -> None:
    caplog.clear()
    if isinstance(payload, dict) and "trigger_id" in payload:
        payload = {**payload, "trigger_id": f"t{next(TRIGGERS)}"}  # Slack gives each click a fresh trigger
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    with caplog.at_level(logging.ERROR):
        answer = post(bot.events_url, body, bot.signer.headers(body), "application/x-www-form-urlencoded")
        bot.executor.drain()
    assert answer.status < 500, (answer.status, payload)
    crashes = [r.getMessage() for r in caplog.records if r.name == "mentorat.unexpected"]
    assert crashes == [], (crashes, payload)
