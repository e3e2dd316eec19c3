"""Slack's app manifest schema (version 1), for the parts of a manifest this project writes, checked offline.

Slack publishes the schema in the slackapi/manifest-schema repository (`schemas/manifest.schema.1.0.0.json`,
mapped from `manifest.schema.json` when `_metadata.major_version` is 1 or absent). Every object there is
`additionalProperties: false`, so Slack's manifest editor refuses any other key. This module restates, as
a draft-07 JSON Schema for `jsonschema`, that schema's property names, required keys and length and
pattern limits for the display information, features, OAuth settings and app settings; a part the
project does not write (functions, workflows, datastores…) is only allowed by name.

Where the published schema writes `regex` (not a JSON Schema keyword, so never checked) for the
background colour, this writes `pattern`: Slack's editor refuses a colour that is not #rgb or #rrggbb.
"""

from __future__ import annotations

from typing import Any

HTTP_URL = {"type": "string", "pattern": r"^https?://"}


def _text(low: int, high: int, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": low, "maxLength": high, **extra}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties, "required": list(required)}


def _strings(max_length: int, max_items: int, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "maxLength": max_length}, "maxItems": max_items, **extra}


ANY_OBJECT: dict[str, Any] = {"type": "object"}
ANY_ARRAY: dict[str, Any] = {"type": "array"}

DISPLAY_INFORMATION = _object({
    "name": _text(1, 35),
    "description": _text(1, 140),
    "background_color": _text(4, 7, pattern=r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$"),
    "long_description": _text(175, 4000),
}, required=("name",))

SLASH_COMMAND = _object({
    "command": _text(2, 32, pattern=r"^/"),
    "url": {**HTTP_URL, "maxLength": 3000},
    "description": _text(1, 2000),
    "usage_hint": _text(1, 1000),
    "should_escape": {"type": "boolean"},
}, required=("command", "description"))

SHORTCUT = _object({
    "name": _text(1, 24), "type": {"enum": ["message", "global"]}, "callback_id": _text(1, 255),
    "description": _text(1, 150),
}, required=("name", "type", "callback_id", "description"))

FEATURES = _object({
    "app_home": _object({name: {"type": "boolean"} for name in (
        "home_tab_enabled", "messages_tab_enabled", "messages_tab_read_only_enabled")}),
    "bot_user": _object({"display_name": _text(1, 80), "always_online": {"type": "boolean"}},
                        required=("display_name",)),
    "slash_commands": {"type": "array", "items": SLASH_COMMAND, "minItems": 1, "maxItems": 50},
    "shortcuts": {"type": "array", "items": SHORTCUT, "minItems": 1, "maxItems": 10},
    "functions": ANY_ARRAY, "workflow_steps": ANY_ARRAY, "unfurl_domains": ANY_ARRAY, "assistant_view": ANY_OBJECT,
})

OAUTH_CONFIG = _object({
    "redirect_urls": _strings(2500, 1000, uniqueItems=True),
    "scopes": _object({name: _strings(50, 255) for name in ("user", "bot", "user_optional", "bot_optional")}),
    "token_management_enabled": {"type": "boolean"},
    "pkce_enabled": {"type": "boolean"},
})

SETTINGS = _object({
    "allowed_ip_address_ranges": ANY_ARRAY,
    "event_subscriptions": _object({
        "request_url": {**HTTP_URL, "maxLength": 3500},
        "user_events": _strings(50, 100, uniqueItems=True),
        "bot_events": _strings(50, 100, uniqueItems=True),
        "metadata_subscriptions": ANY_ARRAY,
    }),
    "incoming_webhooks": _object({"incoming_webhooks_enabled": {"type": "boolean"}}),
    "interactivity": _object({
        "is_enabled": {"type": "boolean"},
        "request_url": {**HTTP_URL, "maxLength": 3500},
        "message_menu_options_url": {**HTTP_URL, "maxLength": 3500},
    }, required=("is_enabled",)),
    **{name: {"type": "boolean"} for name in ("org_deploy_enabled", "socket_mode_enabled", "is_hosted",
                                              "token_rotation_enabled", "is_mcp_enabled")},
    "siws_links": ANY_OBJECT, "hermes_app_type": {"type": "string"}, "function_runtime": {"type": "string"},
})

MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    **_object({
        "$schema": {"type": "string"},
        "_metadata": _object({name: {"type": "integer"} for name in (
            "schema_version", "min_version", "major_version", "minor_version")}),
        "display_information": DISPLAY_INFORMATION,
        "features": FEATURES,
        "oauth_config": OAUTH_CONFIG,
        "settings": SETTINGS,
        **{name: ANY_OBJECT for name in ("app_directory", "functions", "workflows", "datastores", "types",
                                         "external_auth_providers")},
        "outgoing_domains": ANY_ARRAY,
    }, required=("display_information",)),
}
