"""Settings read from the environment. `.env` is loaded only by the entry point (bot/cli.py)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SLACK_API_DEFAULT = "https://slack.com/api/"


class Mode(StrEnum):
    """What the process is started for; each mode needs its own settings."""

    HTTP = "http"
    SOCKET = "socket"
    WORKER = "worker"
    TEAMS = "teams"  # only Microsoft Teams (POST /api/messages)
    OFFLINE = "offline"  # database-only commands: db upgrade, tick without sending, report


KEY_VARIABLE = "MENTORAT_DATA_KEY"


class DataKeyError(Exception):
    """A data key that is missing or not one `mentorat keys new` makes."""


def parse_keys(raw: str) -> list[str]:
    """The keys of MENTORAT_DATA_KEY (comma-separated), first the one that writes (Fernet keys)."""
    from cryptography.fernet import Fernet

    keys = [part.strip() for part in raw.split(",") if part.strip()]
    for key in keys:
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise DataKeyError(f"{KEY_VARIABLE} holds a value that is not a key: make one with `mentorat keys new`"
                               ) from exc
    return keys


# Where an operator finds each secret: shown in the start-up error.
WHERE = {
    KEY_VARIABLE: "every text people type is encrypted with it. Make one with `mentorat keys new`, put it in .env "
                  "and keep a copy somewhere safe: without it, what was written cannot be read",
    "SLACK_BOT_TOKEN": "Slack app page > OAuth & Permissions > Bot User OAuth Token (starts with xoxb-)",
    "SLACK_SIGNING_SECRET": "Slack app page > Basic Information > App Credentials > Signing Secret",
    "SLACK_APP_TOKEN": "Slack app page > Basic Information > App-Level Tokens, scope connections:write "
    "(starts with xapp-)",
    "SLACK_CLIENT_ID": "Slack app page > Basic Information > App Credentials > Client ID",
    "SLACK_CLIENT_SECRET": "Slack app page > Basic Information > App Credentials > Client Secret",
    "MICROSOFT_APP_ID": "Azure portal > your Azure Bot > Configuration > Microsoft App ID",
    "MICROSOFT_APP_PASSWORD": "Azure portal > your Azure Bot > Configuration > Manage Password > "
    "Certificates & secrets > client secret value",
    "MICROSOFT_APP_TENANT_ID": "Azure portal > your Azure Bot > Configuration > App Tenant ID",
}

TEAMS_VARIABLES = ("MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID")
# The platforms' own settings: any of them means a real bot is wanted (`mentorat start`).
PLATFORM_VARIABLES = tuple(name for name in WHERE if name != KEY_VARIABLE)
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

SUPPORTED_LANGUAGES = ("fr", "en")


class ConfigError(Exception):
    """Every problem found in the settings, reported at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        lines = ["Mentorat cannot start: fix these settings (in .env or the environment):"]
        lines += [f"  - {p}" for p in self.problems]
        lines.append("See README.md, section Configuration.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = SLACK_API_DEFAULT
    database_url: str = "sqlite:///mentorat.db"
    port: int = 3000
    timezone: str = "America/Toronto"
    language: str = "fr"
    closing_notice_days: int = 30
    coordinators: tuple[str, ...] = field(default_factory=tuple)
    # Who is alerted when no coordinator takes a différend in time; else the workspace admins.
    fallback_admin: str = ""
    # Microsoft Teams (the Azure Bot's app registration); empty: Teams is off.
    microsoft_app_id: str = ""
    microsoft_app_password: str = ""
    microsoft_app_tenant_id: str = ""
    # Where this server is reachable from outside, e.g. https://mentorat.example.org (Teams file links,
    # the Slack OAuth redirect).
    public_url: str = ""
    # Slack OAuth (installs in several workspaces); empty: the one workspace of SLACK_BOT_TOKEN.
    slack_client_id: str = ""
    slack_client_secret: str = ""
    # MENTORAT_DATA_KEY: the keys that seal typed text at rest, the first one writing (storage/crypto.py).
    # Empty here (tests, the demo): the environment's, read at first use.
    data_keys: tuple[str, ...] = ()

    @property
    def has_slack_tokens(self) -> bool:
        return bool(self.slack_bot_token) or self.slack_oauth

    @property
    def slack_oauth(self) -> bool:
        """Each workspace that installs the app gets its own bot token, kept in the database."""
        return bool(self.slack_client_id)

    @property
    def has_teams_settings(self) -> bool:
        return bool(self.microsoft_app_id)


def _split_ids(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.replace(";", ",").split(",") if part.strip())


def _person_id(value: str) -> bool:
    """A Slack member id (U…/W…) or a Microsoft Entra object id (how Mentorat knows Teams users)."""
    return (value[:1] in ("U", "W") and value.isalnum()) or bool(GUID.match(value))


def _needs_bot_token(mode: Mode, *, oauth: bool, teams_on: bool, slack_given: bool) -> bool:
    """Slack's bot token is required, except where each workspace's comes from its OAuth installation, or
    where Teams runs alone (`serve` with no Slack setting at all, a worker beside Teams, `mentorat teams`)."""
    if oauth:
        return False
    if mode is Mode.SOCKET:
        return True
    if mode is Mode.HTTP:
        return slack_given or not teams_on
    return mode is Mode.WORKER and not teams_on


def load_settings(env: Mapping[str, str] | None = None, mode: Mode = Mode.HTTP) -> Settings:
    """Read and check the settings a mode needs; raise ConfigError naming every problem."""
    env = os.environ if env is None else env
    problems: list[str] = []

    def get(name: str, default: str = "") -> str:
        return env.get(name, default).strip()

    bot_token = get("SLACK_BOT_TOKEN")
    signing_secret = get("SLACK_SIGNING_SECRET")
    app_token = get("SLACK_APP_TOKEN")

    teams = {name: get(name) for name in TEAMS_VARIABLES}
    # Teams is on when its app id is set (or for `mentorat teams`); then all three are needed.
    teams_on = mode is Mode.TEAMS or bool(teams["MICROSOFT_APP_ID"])
    if teams_on:
        for name, value in teams.items():
            if not value:
                problems.append(f"{name} is missing: {WHERE[name]}.")
            elif name != "MICROSOFT_APP_PASSWORD" and not GUID.match(value):
                problems.append(f"{name} must be a GUID such as 00000000-0000-0000-0000-000000000000: {WHERE[name]}.")

    client_id, client_secret = get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET")
    oauth = bool(client_id or client_secret)
    if oauth:
        for name, value in (("SLACK_CLIENT_ID", client_id), ("SLACK_CLIENT_SECRET", client_secret)):
            if not value:
                problems.append(f"{name} is missing (Slack OAuth needs both): {WHERE[name]}.")
        if mode is Mode.SOCKET:
            problems.append("SLACK_CLIENT_ID is set: installing in several workspaces needs `mentorat serve` (the "
                            "OAuth redirect is an HTTP route), not Socket Mode.")

    public_url = get("MENTORAT_PUBLIC_URL").rstrip("/")
    if public_url and not public_url.startswith(("http://", "https://")):
        problems.append(f"MENTORAT_PUBLIC_URL must be an http(s) URL, got {public_url!r}.")
    elif teams_on and not public_url:
        problems.append("MENTORAT_PUBLIC_URL is missing: the https address of this server, the Azure Bot's "
                        "messaging endpoint without /api/messages (Teams cards link the .ics and PDF files to it).")
    elif oauth and mode is Mode.HTTP and not public_url:
        problems.append("MENTORAT_PUBLIC_URL is missing: the https address of this server; Slack sends people back "
                        "to MENTORAT_PUBLIC_URL/slack/oauth_redirect after they install the app (add that address "
                        "under OAuth & Permissions > Redirect URLs).")

    needs_bot_token = _needs_bot_token(mode, oauth=oauth, teams_on=teams_on,
                                       slack_given=bool(bot_token or signing_secret))
    if needs_bot_token:
        if not bot_token:
            problems.append(f"SLACK_BOT_TOKEN is missing: {WHERE['SLACK_BOT_TOKEN']}.")
        elif not bot_token.startswith("xoxb-"):
            problems.append(f"SLACK_BOT_TOKEN must start with xoxb-: {WHERE['SLACK_BOT_TOKEN']}.")
    if mode is Mode.HTTP and (needs_bot_token or oauth) and not signing_secret:
        problems.append(f"SLACK_SIGNING_SECRET is missing: {WHERE['SLACK_SIGNING_SECRET']}.")
    if mode is Mode.SOCKET:
        if not app_token:
            problems.append(f"SLACK_APP_TOKEN is missing: {WHERE['SLACK_APP_TOKEN']}.")
        elif not app_token.startswith("xapp-"):
            problems.append(f"SLACK_APP_TOKEN must start with xapp-: {WHERE['SLACK_APP_TOKEN']}.")

    api_url = get("SLACK_API_URL", SLACK_API_DEFAULT) or SLACK_API_DEFAULT
    if not api_url.startswith(("http://", "https://")):
        problems.append(f"SLACK_API_URL must be an http(s) URL, got {api_url!r}.")
    elif not api_url.endswith("/"):
        api_url += "/"

    database_url = get("DATABASE_URL", "sqlite:///mentorat.db") or "sqlite:///mentorat.db"
    try:
        url = make_url(database_url)
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            problems.append("DATABASE_URL must be sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DB.")
    except ArgumentError:
        problems.append("DATABASE_URL is not a database URL (sqlite:///mentorat.db or postgresql+psycopg://…).")

    port_raw = get("PORT", "3000") or "3000"
    port = 3000
    if port_raw.isdigit() and 0 < int(port_raw) < 65536:
        port = int(port_raw)
    else:
        problems.append(f"PORT must be a number between 1 and 65535, got {port_raw!r}.")

    timezone = get("MENTORAT_TIMEZONE", "America/Toronto") or "America/Toronto"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"MENTORAT_TIMEZONE must be an IANA time zone such as America/Toronto, got {timezone!r}.")

    language = (get("MENTORAT_LANGUAGE", "fr") or "fr").lower()
    if language not in SUPPORTED_LANGUAGES:
        problems.append(f"MENTORAT_LANGUAGE must be one of {', '.join(SUPPORTED_LANGUAGES)}, got {language!r}.")

    notice_raw = get("MENTORAT_CLOSING_NOTICE_DAYS", "30") or "30"
    closing_notice_days = int(notice_raw) if notice_raw.isdigit() else 0
    if not 14 < closing_notice_days <= 90:
        problems.append(f"MENTORAT_CLOSING_NOTICE_DAYS must be a number of days from 15 to 90, got {notice_raw!r}.")

    # Entra object ids are compared lower-case, the way Teams sends them.
    coordinators = tuple(c.lower() if GUID.match(c) else c for c in _split_ids(get("MENTORAT_COORDINATORS")))
    bad_ids = [c for c in coordinators if not _person_id(c)]
    if bad_ids:
        problems.append(
            "MENTORAT_COORDINATORS must list Slack member ids such as U012ABCDEF (profile > ⋮ > Copy member ID) "
            "or, on Teams, Microsoft Entra object ids (Entra admin center > Users > Object ID), "
            f"got {', '.join(bad_ids)}."
        )

    fallback_admin = (get("MENTORAT_FALLBACK_ADMIN") or "").strip()
    fallback_admin = fallback_admin.lower() if GUID.match(fallback_admin) else fallback_admin
    if fallback_admin and not _person_id(fallback_admin):
        problems.append("MENTORAT_FALLBACK_ADMIN must be a Slack member id such as U012ABCDEF or a Microsoft Entra "
                        f"object id, got {fallback_admin!r}.")

    data_keys: tuple[str, ...] = ()
    raw_keys = get(KEY_VARIABLE)
    if not raw_keys:
        problems.append(f"{KEY_VARIABLE} is missing: {WHERE[KEY_VARIABLE]}.")
    else:
        try:
            data_keys = tuple(parse_keys(raw_keys))
        except DataKeyError as exc:
            problems.append(f"{exc}.")

    if problems:
        raise ConfigError(problems)
    return Settings(
        data_keys=data_keys,
        slack_bot_token=bot_token,
        slack_signing_secret=signing_secret,
        slack_app_token=app_token,
        slack_api_url=api_url,
        database_url=database_url,
        port=port,
        timezone=timezone,
        language=language,
        closing_notice_days=closing_notice_days,
        coordinators=coordinators,
        fallback_admin=fallback_admin,
        microsoft_app_id=teams["MICROSOFT_APP_ID"],
        microsoft_app_password=teams["MICROSOFT_APP_PASSWORD"],
        microsoft_app_tenant_id=teams["MICROSOFT_APP_TENANT_ID"],
        public_url=public_url,
        slack_client_id=client_id,
        slack_client_secret=client_secret,
    )
