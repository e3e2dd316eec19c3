"""`mentorat serve` acks in its own process and works on the requests in a child process.

The serving app and a real child process (spawned, with the same settings and a frozen clock)
talk to the Slack emulator and one database. Each test waits for what the child sends, as Slack
would: the ack comes first, the reply a moment later.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import work_process
from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.demo.executor import DrainableExecutor
from bot.demo.harness import SIGNING_SECRET, Harness
from bot.demo.slack_emulator import SlackEmulator, text_of
from bot.demo.slack_requests import SlackSigner, form_body, get, post
from bot.server import serve_in_thread
from bot.work_process import WorkProcess
from handlers.slack.background import BUSY
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Convention, ConventionStatus
from tests.conftest import DEFAULT_NOW
from tests.scenarios.helpers import button_value, invitation

WAIT_S = 30.0  # the first request also waits for the child to start (imports, database)


def eventually(probe: Callable[[], Any], what: str) -> Any:
    """The child works after the ack: wait (bounded) until what it does is seen."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"not seen within {WAIT_S:g} s: {what}")


def start_split(database_url: str, emulator: SlackEmulator, *, limit: int = 200) -> Harness:
    upgrade(database_url)
    settings = Settings(slack_bot_token=emulator.bot_token, slack_signing_secret=SIGNING_SECRET,
                        slack_api_url=emulator.api_url, database_url=database_url, coordinators=("UCOORD",))
    clock = FrozenClock(DEFAULT_NOW)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    mentorat = create_app(settings, factory, clock=clock,
                          work_queue=WorkProcess(settings, frozen_at=DEFAULT_NOW, limit=limit))
    server = serve_in_thread(mentorat.http_app(engine))
    # The harness's executor stays empty: nothing runs in this process after an ack.
    return Harness(emulator, settings, clock, mentorat, server, DrainableExecutor(), factory,
                   SlackSigner(SIGNING_SECRET), engine)


@pytest.fixture
def split(database_url: str, emulator: SlackEmulator) -> Iterator[Harness]:
    harness = start_split(database_url, emulator)
    try:
        yield harness
    finally:
        harness.close()


def _reply_to(bot: Harness, before: int) -> dict[str, Any]:
    return eventually(lambda: bot.emulator.responses()[before:], "a reply through response_url")[0]


def test_help_is_acked_at_once_and_answered_by_the_work_process(split: Harness) -> None:
    answer = split.command("UMENTOR", "aide")
    assert answer.status == 200 and not answer.body.strip(), "the ack itself carries nothing"
    assert "ce que vous pouvez faire" in text_of(_reply_to(split, 0))


def test_a_pairing_made_through_the_work_process_reaches_both_and_becomes_active(split: Harness) -> None:
    split.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01")
    for user in ("UMENTOR", "UMENTEE"):
        eventually(lambda u=user: [m for m in split.emulator.messages_to(u) if button_value(m, "convention-accept")],
                   f"the convention sent to {user}")
        message = invitation(split, user)
        answer = split.click(user, "convention-accept", button_value(message, "convention-accept") or "",
                             message=message)
        assert answer.status == 200

    def active() -> bool:
        with split.session_factory() as session:
            return session.scalar(select(func.count()).select_from(Convention)
                                  .where(Convention.status == ConventionStatus.ACTIVE)) == 1
    eventually(active, "the convention active once both have accepted")


def test_a_request_with_a_bad_signature_is_refused_and_never_reaches_the_work_process(split: Harness) -> None:
    answer = split.send_form({"command": "/mentorat", "text": "aide", "user_id": "UMENTOR", "team_id": "T0TEST",
                              "response_url": split.emulator.response_url("forged")},
                             headers={"X-Slack-Signature": "v0=" + "0" * 64})
    assert answer.status == 401
    split.command("UMENTOR", "aide")  # a good one after it: its reply is the only one
    _reply_to(split, 0)
    assert split.emulator.responses("forged") == []


def test_past_the_backlog_limit_a_command_is_told_to_try_again(database_url: str, emulator: SlackEmulator) -> None:
    bot = start_split(database_url, emulator, limit=1)
    try:
        emulator.hang_next("users.info")  # the first command's work waits on Slack in the child
        assert bot.command("UOTHER", "statut").status == 200
        assert emulator.wait_for_hangs(1, timeout=WAIT_S)
        busy = bot.command("UMENTOR", "statut")
        assert BUSY.split(" / ")[0] in busy.body.decode(), "the backlog is full: try again"
        emulator.release_hangs()
        _reply_to(bot, 0)
        eventually(lambda: "⏳" not in bot.command("UMENTOR", "aide").body.decode(), "a free slot once the work is done")
    finally:
        bot.close()


def test_a_work_process_that_dies_is_started_again(split: Harness) -> None:
    split.command("UMENTOR", "aide")
    _reply_to(split, 0)
    work = split.mentorat.work_process
    assert work is not None and work.child_pid is not None
    assert split.get("/healthz").json()["work_process"] == "running"
    first = work.child_pid
    os.kill(first, signal.SIGKILL)
    eventually(lambda: work.child_pid not in (None, first), "a new work process")
    seen = len(split.emulator.responses())
    split.command("UMENTOR", "aide")
    assert "ce que vous pouvez faire" in text_of(_reply_to(split, seen))


def test_a_modal_submission_is_saved_once_and_confirmed(split: Harness) -> None:
    """Modals save before their ack: they stay in the serving process, never run a second time."""
    split.command("UCOORD", "jumeler")
    view = eventually(split.emulator.views_opened, "the pairing modal")[-1]
    values = {
        "pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": "UMENTOR"}},
        "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": "UMENTEE"}},
        "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": "2026-12-01"}},
    }
    answer = split.submit_view("UCOORD", view, values)
    assert answer.status == 200 and not answer.body
    for user in ("UMENTOR", "UMENTEE"):
        eventually(lambda u=user: [m for m in split.emulator.messages_to(u) if button_value(m, "convention-accept")],
                   f"the convention sent to {user}")
    eventually(lambda: any("Convention envoyée" in text_of(m) for m in split.emulator.messages_to("UCOORD")),
               "the coordinator's confirmation")
    with split.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Convention)) == 1
    assert len(invitations := [m for m in split.emulator.messages_to("UMENTOR")
                               if button_value(m, "convention-accept")]) == 1, invitations


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def test_mentorat_serve_answers_through_its_work_process_and_stops_with_it(
        emulator: SlackEmulator, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": emulator.bot_token, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": emulator.api_url, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
           "MENTORAT_COORDINATORS": "UCOORD"}
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--no-scheduler"], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        eventually(lambda: _answers(f"{base}/healthz"), "mentorat serve answering /healthz")
        workers = eventually(lambda: _children_of(server.pid), "its work process")
        body = form_body({"command": "/mentorat", "text": "aide", "user_id": "UMENTOR", "team_id": "T0TEST",
                          "response_url": emulator.response_url("served")})
        answer = post(f"{base}/slack/events", body, SlackSigner(SIGNING_SECRET).headers(body),
                      "application/x-www-form-urlencoded")
        assert answer.status == 200
        reply = eventually(lambda: emulator.responses("served"), "the reply from the work process")[0]
        assert "ce que vous pouvez faire" in text_of(reply)
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
        eventually(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), "the work process stopped")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")


def _answers(url: str) -> bool:
    with contextlib.suppress(OSError):
        return get(url).status == 200
    return False


def test_when_the_work_process_keeps_dying_the_serving_process_does_the_work(
        split: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work_process, "RESTART_LIMIT", 1)
    work = split.mentorat.work_process
    assert work is not None
    split.command("UMENTOR", "aide")
    _reply_to(split, 0)
    first = work.child_pid or 0
    os.kill(first, signal.SIGKILL)  # started again once,
    eventually(lambda: work.child_pid not in (None, first), "a new work process")
    os.kill(work.child_pid or 0, signal.SIGKILL)  # but it dies again before doing anything
    eventually(lambda: work.given_up, "the serving process giving up on its work process")
    assert split.get("/healthz").json() == {"status": "ok", "database": True, "work_process": "in_serving_process"}
    split.command("UMENTOR", "aide")
    assert "ce que vous pouvez faire" in text_of(_reply_to(split, 1))
