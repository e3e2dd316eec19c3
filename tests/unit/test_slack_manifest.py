"""manifest.yml passes Slack's app manifest schema and the rules Slack's documentation adds to it.

Slack's editor (Create New App > From an app manifest) refuses a manifest its schema refuses; the
documented rules below it are checked when the app is saved. Each mutation shows the check can fail.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from tests.support.slack_manifest_schema import MANIFEST_SCHEMA

MANIFEST = Path(__file__).parents[2] / "manifest.yml"


def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def schema_errors(candidate: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(MANIFEST_SCHEMA)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(candidate))


def documented_errors(candidate: dict[str, Any]) -> list[str]:
    """What Slack's manifest reference adds to the schema, for the parts this project writes."""
    errors = []
    bot = candidate.get("features", {}).get("bot_user", {})
    if not re.fullmatch(r"[a-z0-9._-]+", bot.get("display_name", "")):
        errors.append("bot_user.display_name: only a-z, 0-9, '-', '_' and '.'")
    commands = candidate.get("features", {}).get("slash_commands", [])
    for command in commands:
        if not re.fullmatch(r"/[a-z0-9_-]+", command["command"]):
            errors.append(f"{command['command']}: a slash command is lowercase, without spaces")
    if commands and "commands" not in candidate.get("oauth_config", {}).get("scopes", {}).get("bot", []):
        errors.append("slash commands need the bot scope commands")
    settings = candidate.get("settings", {})
    urls = [c.get("url") for c in commands] + [settings.get(part, {}).get("request_url")
                                               for part in ("event_subscriptions", "interactivity")]
    urls += candidate.get("oauth_config", {}).get("redirect_urls", [])
    errors += [f"{url}: Slack sends requests only to https" for url in urls if url and not url.startswith("https://")]
    return errors


def test_the_manifest_passes_slacks_schema_and_documented_rules() -> None:
    found = manifest()
    assert found["_metadata"]["major_version"] == 1, "the schema checked here is version 1's"
    assert schema_errors(found) == []
    assert documented_errors(found) == []


def _changed(path: str, value: Any) -> dict[str, Any]:
    candidate = copy.deepcopy(manifest())
    *parents, last = path.split(".")
    node: Any = candidate
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return candidate


@pytest.mark.parametrize(("path", "value", "expected"), [
    ("display_information.description", "x" * 141, "display_information/description: "),
    ("display_information.long_description", "Trop court.", "display_information/long_description: "),
    ("display_information.background_color", "blue", "display_information/background_color: "),
    ("features.slash_commands.0.command", "mentorat", "features/slash_commands/0/command: "),
    ("features.bot_user.always_online", "yes", "features/bot_user/always_online: "),
    ("settings.event_subscriptions.request_url", "mentorat.example.org", "settings/event_subscriptions/request_url"),
    ("settings.interactivity", {"request_url": "https://mentorat.example.org/slack/events"},
     "settings/interactivity: 'is_enabled' is a required property"),
    ("settings.packageName", "org.mentorat", "settings: Additional properties are not allowed"),
])
def test_slacks_schema_refuses_what_slack_refuses(path: str, value: Any, expected: str) -> None:
    errors = schema_errors(_changed(path, value))
    assert any(error.startswith(expected) for error in errors), errors


@pytest.mark.parametrize(("path", "value", "expected"), [
    ("features.bot_user.display_name", "Mentorat Bot", "bot_user.display_name"),
    ("features.slash_commands.0.command", "/Mentorat", "lowercase"),
    ("oauth_config.scopes.bot", ["chat:write"], "the bot scope commands"),
    ("settings.interactivity.request_url", "http://mentorat.example.org/slack/events", "only to https"),
])
def test_the_documented_rules_refuse_what_slack_refuses(path: str, value: Any, expected: str) -> None:
    assert any(expected in error for error in documented_errors(_changed(path, value)))
