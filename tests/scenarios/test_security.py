"""Every request is signature-checked; nothing is written for a forged one."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from bot.demo.harness import Harness
from bot.demo.slack_requests import form_body, post
from storage.models import Convention, Person


def _command_body(bot: Harness) -> str:
    return form_body({"team_id": "T0TEST", "user_id": "UCOORD", "command": "/mentorat",
                      "text": "jumeler <@UMENTOR> <@UMENTEE>", "response_url": bot.emulator.response_url(),
                      "trigger_id": "t1"})


def _nothing_written(bot: Harness) -> None:
    bot.executor.drain()
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(Convention.id))) == 0
        assert session.scalar(select(func.count(Person.id))) == 0
    assert bot.emulator.messages() == []


def test_bad_signature_is_refused(bot: Harness) -> None:
    body = _command_body(bot)
    headers = bot.signer.headers(body) | {"X-Slack-Signature": "v0=" + "0" * 64}
    assert post(bot.events_url, body, headers, "application/x-www-form-urlencoded").status == 401
    _nothing_written(bot)


def test_old_timestamp_is_refused(bot: Harness) -> None:
    body = _command_body(bot)
    headers = bot.signer.headers(body, timestamp=int(time.time()) - 6 * 60)
    assert post(bot.events_url, body, headers, "application/x-www-form-urlencoded").status == 401
    _nothing_written(bot)


def test_tampered_body_is_refused(bot: Harness) -> None:
    body = _command_body(bot)
    headers = bot.signer.headers(body)
    tampered = body.replace("UMENTEE", "UOTHER")
    assert post(bot.events_url, tampered, headers, "application/x-www-form-urlencoded").status == 401
    _nothing_written(bot)


def test_health_and_metrics(bot: Harness) -> None:
    health = bot.get("/healthz")
    assert health.status == 200 and health.json() == {"status": "ok", "database": True}
    bot.command("UOTHER", "aide")
    metrics = bot.get("/metrics").body.decode()
    assert 'mentorat_http_requests_total{route="/slack/events",status="200"}' in metrics


@pytest.mark.both_databases
def test_slack_retry_of_an_event_is_harmless(bot: Harness) -> None:
    event = {"type": "app_home_opened", "user": "UOTHER", "channel": "DUOTHER", "tab": "home", "event_ts": "1.0"}
    assert bot.event(event, event_id="EvR").status == 200
    assert bot.event(event, event_id="EvR", retry_num=1).status == 200
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(Person.id)).where(Person.external_id == "UOTHER")) == 1
    assert bot.emulator.home_view("UOTHER") is not None
