"""Start-up settings: every problem named at once, with where to find the value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import ConfigError, Mode, load_settings
from storage.crypto import new_key

KEY = {"MENTORAT_DATA_KEY": new_key()}
GOOD = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", **KEY}


def test_defaults() -> None:
    settings = load_settings(GOOD)
    assert settings.database_url == "sqlite:///mentorat.db"
    assert settings.port == 3000 and settings.timezone == "America/Toronto" and settings.language == "fr"
    assert settings.slack_api_url == "https://slack.com/api/"


def test_every_missing_variable_is_named_with_where_to_find_it() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({}, mode=Mode.HTTP)
    text = caught.value.render()
    assert "SLACK_BOT_TOKEN is missing" in text and "OAuth & Permissions" in text
    assert "SLACK_SIGNING_SECRET is missing" in text and "Signing Secret" in text


def test_wrong_values_are_reported_together() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxp-user", "SLACK_SIGNING_SECRET": "s", "PORT": "http", "MENTORAT_TIMEZONE": "Mars/Base",
           "MENTORAT_LANGUAGE": "de", "MENTORAT_COORDINATORS": "U123,alice", "DATABASE_URL": "mysql://x/y", **KEY}
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    problems = " ".join(caught.value.problems)
    for name in ("must start with xoxb-", "PORT", "MENTORAT_TIMEZONE", "MENTORAT_LANGUAGE", "alice", "DATABASE_URL"):
        assert name in problems
    assert len(caught.value.problems) == 6


def test_socket_mode_needs_the_app_token() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1", **KEY}, mode=Mode.SOCKET)
    assert caught.value.problems == [p for p in caught.value.problems if "SLACK_APP_TOKEN" in p]


def test_oauth_installs_need_no_bot_token_but_the_pair_of_credentials_and_a_public_url() -> None:
    oauth = {"SLACK_CLIENT_ID": "1234.5678", "SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s",
             "MENTORAT_PUBLIC_URL": "https://mentorat.example.org/", **KEY}
    settings = load_settings(oauth)
    assert settings.slack_oauth and settings.slack_bot_token == "" and settings.has_slack_tokens
    assert settings.public_url == "https://mentorat.example.org"
    with pytest.raises(ConfigError) as caught:
        load_settings({"SLACK_CLIENT_ID": "1234.5678"})
    problems = " ".join(caught.value.problems)
    assert "SLACK_CLIENT_SECRET is missing" in problems and "App Credentials" in problems
    assert "SLACK_SIGNING_SECRET is missing" in problems and "/slack/oauth_redirect" in problems
    assert "SLACK_BOT_TOKEN" not in problems
    with pytest.raises(ConfigError) as caught:
        load_settings(oauth | {"SLACK_APP_TOKEN": "xapp-1"}, mode=Mode.SOCKET)
    assert any("not Socket Mode" in p for p in caught.value.problems)


def test_the_oauth_scopes_are_the_manifest_scopes() -> None:
    from pathlib import Path

    import yaml

    from handlers.slack.oauth import BOT_SCOPES

    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text(encoding="utf-8"))
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES
    assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")
    assert {"app_uninstalled", "tokens_revoked"} <= set(manifest["settings"]["event_subscriptions"]["bot_events"])


def test_coordinators_list_and_api_url_slash() -> None:
    settings = load_settings(GOOD | {"MENTORAT_COORDINATORS": "U1, W2;U3", "SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert settings.coordinators == ("U1", "W2", "U3")
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"


def test_cli_stops_with_one_clear_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run([sys.executable, "-m", "bot", "serve"], capture_output=True, text=True, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 2
    assert "Mentorat cannot start" in result.stderr and "SLACK_BOT_TOKEN is missing" in result.stderr
    assert "MENTORAT_DATA_KEY is missing" in result.stderr and "mentorat keys new" in result.stderr
    assert "Traceback" not in result.stderr


# A fixed key (ids must be the same in every xdist worker): made by `mentorat keys new`.
SAMPLE_KEY = "4zpKiw_b0I1gq6ciVgAM-J1wyQvJHcOLlItkb60PZ2M="


@pytest.mark.parametrize("raw", ["", "not-a-key", "Zm9v", f"{SAMPLE_KEY},oops"])
def test_the_data_key_is_required_and_checked(raw: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "MENTORAT_DATA_KEY": raw})
    assert any("MENTORAT_DATA_KEY" in p and "mentorat keys new" in p for p in caught.value.problems)


def test_several_keys_the_first_writes() -> None:
    first, second = new_key(), new_key()
    settings = load_settings({**GOOD, "MENTORAT_DATA_KEY": f" {first} , {second} "})
    assert settings.data_keys == (first, second)


TEAMS = {"MICROSOFT_APP_ID": "00000000-0000-0000-0000-000000000001", "MICROSOFT_APP_PASSWORD": "p",
         "MICROSOFT_APP_TENANT_ID": "00000000-0000-0000-0000-000000000002", "MENTORAT_PUBLIC_URL": "https://x.example",
         **KEY}


@pytest.mark.parametrize(("env", "mode", "token_needed"), [
    (TEAMS, Mode.HTTP, False),  # `serve` with Teams settings only: Teams alone
    (TEAMS | {"SLACK_SIGNING_SECRET": "s"}, Mode.HTTP, True),  # Slack half set up: say what is missing
    (TEAMS, Mode.WORKER, False),
    (TEAMS, Mode.TEAMS, False),
    (TEAMS, Mode.SOCKET, True),
    ({}, Mode.WORKER, True),
])
def test_the_slack_token_is_asked_for_only_when_slack_is_served(env: dict[str, str], mode: Mode,
                                                                 token_needed: bool) -> None:
    try:
        load_settings(env, mode=mode)
        problems: list[str] = []
    except ConfigError as error:
        problems = error.problems
    assert any("SLACK_BOT_TOKEN is missing" in p for p in problems) == token_needed
