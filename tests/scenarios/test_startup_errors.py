"""`mentorat start` against the Slack emulator: a refused token or an unreachable Slack is one sentence, at once."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.demo.slack_emulator import SlackEmulator
from storage.crypto import new_key


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    emu = SlackEmulator(team_id="T0START")
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, emulator: SlackEmulator) -> pytest.MonkeyPatch:
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "MICROSOFT_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_API_URL", emulator.api_url)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'mentorat.db'}")
    monkeypatch.setenv("MENTORAT_DATA_KEY", new_key())
    monkeypatch.setenv("SLACK_BOT_TOKEN", emulator.bot_token)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s" * 32)
    return monkeypatch


def _start(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], float]:
    started = time.monotonic()
    code = main(["start"])
    printed = capsys.readouterr()
    return code, [line for line in (printed.out + printed.err).splitlines() if line.strip()], time.monotonic() - started


def test_a_refused_bot_token_says_so_at_once(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("SLACK_BOT_TOKEN", "xoxb-not-the-right-one")
    code, lines, seconds = _start(capsys)
    assert code == 2 and seconds < 5
    assert lines == ["Mentorat cannot start: Slack refused SLACK_BOT_TOKEN (invalid_auth). Copy it again into .env "
                     "from the Slack app page > OAuth & Permissions > Bot User OAuth Token (starts with xoxb-)."]


def test_an_unreachable_slack_is_not_a_setting_to_fix(env: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env.setenv("SLACK_API_URL", f"http://127.0.0.1:{port}/api/")
    code, lines, seconds = _start(capsys)
    assert code == 2 and seconds < 5, "no retries before saying it"
    [line] = lines
    assert line.startswith(f"Mentorat cannot start: Slack could not be reached at http://127.0.0.1:{port}/api/")
    assert "check the network" in line and "fix these settings" not in line and "Traceback" not in line


def test_socket_mode_with_a_refused_app_token_never_says_connected(
        env: pytest.MonkeyPatch, emulator: SlackEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    env.delenv("SLACK_SIGNING_SECRET")
    env.setenv("SLACK_APP_TOKEN", "xapp-1-refused")
    emulator.fail_next("apps.connections.open", error="invalid_auth")
    code, lines, _seconds = _start(capsys)
    assert code == 2
    assert lines == ["Mentorat cannot start: Slack refused SLACK_APP_TOKEN (invalid_auth). Copy it again into .env "
                     "from the Slack app page > Basic Information > App-Level Tokens, scope connections:write "
                     "(starts with xapp-)."]


def test_teams_settings_alone_start_the_bot_not_the_demo(env: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A `.env` for Teams only: `make run` is the real bot for Teams, which names the settings still missing."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID"):
        env.delenv(name, raising=False)
    env.setenv("MICROSOFT_APP_ID", "5c1a0000-0000-4000-8000-00000000a99")
    code, lines, _seconds = _start(capsys)
    assert code == 2
    assert not any("demo" in line for line in lines), lines
    assert "MICROSOFT_APP_PASSWORD" in "\n".join(lines)
