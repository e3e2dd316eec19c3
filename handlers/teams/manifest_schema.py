"""Which properties Teams' app manifest schema v1.17 allows, checked offline.

Microsoft publishes the schema at
https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json (its source: the
microsoft/json-schemas repository, teams/v1.17/MicrosoftTeams.schema.json). Every object there is
`additionalProperties: false`, so Teams refuses any other key: `packageName`, for one, is gone from 1.17.
The lists below are that schema's `properties` and `required` for the parts of the manifest this project
writes (the top level, the bot and its command lists); a part it does not write is checked only by name.
"""

from __future__ import annotations

from typing import Any

TOP_LEVEL = frozenset({
    "$schema", "accentColor", "activities", "authorization", "bots", "composeExtensions", "configurableProperties",
    "configurableTabs", "connectors", "dashboardCards", "defaultBlockUntilAdminAction", "defaultGroupCapability",
    "defaultInstallScope", "description", "developer", "devicePermissions", "extensions", "graphConnector", "icons",
    "id", "isFullScreen", "localizationInfo", "manifestVersion", "meetingExtensionDefinition", "name", "permissions",
    "publisherDocsUrl", "showLoadingIndicator", "staticTabs", "subscriptionOffer", "supportedChannelTypes",
    "validDomains", "version", "webApplicationInfo",
})
TOP_LEVEL_REQUIRED = ("manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor")

# (allowed, required) of each object the project writes, by where it sits.
OBJECTS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "developer": (frozenset({"name", "mpnId", "websiteUrl", "privacyUrl", "termsOfUseUrl"}),
                  ("name", "websiteUrl", "privacyUrl", "termsOfUseUrl")),
    "name": (frozenset({"short", "full"}), ("short", "full")),
    "description": (frozenset({"short", "full"}), ("short", "full")),
    "icons": (frozenset({"outline", "color"}), ("outline", "color")),
    "localizationInfo": (frozenset({"defaultLanguageTag", "additionalLanguages"}), ("defaultLanguageTag",)),
    "localizationInfo.additionalLanguages[]": (frozenset({"languageTag", "file"}), ("languageTag", "file")),
    "bots[]": (frozenset({"botId", "configuration", "needsChannelSelector", "isNotificationOnly", "supportsFiles",
                          "supportsCalling", "supportsVideo", "scopes", "commandLists"}), ("botId", "scopes")),
    "bots[].commandLists[]": (frozenset({"scopes", "commands"}), ("scopes", "commands")),
    "bots[].commandLists[].commands[]": (frozenset({"title", "description"}), ("title", "description")),
}
BOT_SCOPES = frozenset({"team", "personal", "groupChat"})
PERMISSIONS = frozenset({"identity", "messageTeamMembers"})


def _object_problems(where: str, node: Any, rule: str) -> list[str]:
    allowed, required = OBJECTS[rule]
    if not isinstance(node, dict):
        return [f"{where}: must be an object"]
    problems = [f"{where}.{key}: not allowed by the v1.17 schema" for key in node if key not in allowed]
    return problems + [f"{where}.{key}: required by the v1.17 schema" for key in required if key not in node]


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _bot_problems(bots: Any) -> list[str]:
    problems = []
    for i, bot in enumerate(_list(bots)):
        problems += _object_problems(f"bots[{i}]", bot, "bots[]")
        if not isinstance(bot, dict):
            continue
        problems += [f"bots[{i}].scopes: {scope!r} is not a bot scope" for scope in _list(bot.get("scopes"))
                     if scope not in BOT_SCOPES]
        for j, command_list in enumerate(_list(bot.get("commandLists"))):
            where = f"bots[{i}].commandLists[{j}]"
            problems += _object_problems(where, command_list, "bots[].commandLists[]")
            commands = command_list.get("commands") if isinstance(command_list, dict) else None
            for k, command in enumerate(_list(commands)):
                problems += _object_problems(f"{where}.commands[{k}]", command, "bots[].commandLists[].commands[]")
    return problems


def schema_problems(manifest: dict[str, Any]) -> list[str]:
    """What the v1.17 schema refuses in the manifest: unknown or missing properties, unknown values."""
    problems = [f"{key}: not allowed by the v1.17 schema" for key in manifest if key not in TOP_LEVEL]
    problems += [f"{key}: required by the v1.17 schema" for key in TOP_LEVEL_REQUIRED if key not in manifest]
    for key in ("developer", "name", "description", "icons", "localizationInfo"):
        if key in manifest:
            problems += _object_problems(key, manifest[key], key)
    languages = manifest.get("localizationInfo", {}).get("additionalLanguages") \
        if isinstance(manifest.get("localizationInfo"), dict) else None
    for i, language in enumerate(_list(languages)):
        problems += _object_problems(f"localizationInfo.additionalLanguages[{i}]", language,
                                     "localizationInfo.additionalLanguages[]")
    problems += [f"permissions: {value!r} is not a permission Teams knows" for value in _list(manifest.get("permissions"))
                 if value not in PERMISSIONS]
    return problems + _bot_problems(manifest.get("bots"))
