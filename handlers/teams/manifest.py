"""The Teams app package: manifest, localisation files and icons, built from the bot's own commands and texts.

A Teams admin uploads `mentorat-teams.zip` (made by `mentorat teams-manifest`). The package depends only on
the app id, the version, the public host and the project's metadata, and its bytes are the same at every run,
so the sample committed in `teams/` can be compared with what the generator makes.
"""

from __future__ import annotations

import io
import json
import re
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageDraw

from bot.commands import COMMANDS
from bot.i18n import N_, t
from bot.notify import plain
from handlers.teams.manifest_schema import schema_problems

SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
LOCALIZATION_SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json"
MANIFEST_VERSION = "1.17"
PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000"
DEFAULT_PROJECT_URL = "https://github.com/mentorat/mentorat"
ACCENT_COLOR = "#2C5F7C"  # the Slack app's background colour, so both apps look alike
ZIP_NAME = "mentorat-teams.zip"
LANGUAGE_FILES = {"fr": "fr.json", "en": "en.json"}
PACKAGE_FILES = ("manifest.json", "fr.json", "en.json", "color.png", "outline.png")
ICON_SIZES = {"color.png": 192, "outline.png": 32}  # what Teams asks for

# The 10 commands Teams may list (its limit), most useful first: (French name, English alias).
TEAMS_COMMANDS: tuple[tuple[str, str], ...] = (
    ("aide", "help"),
    ("statut", "status"),
    ("prochaine-rencontre", "next-meeting"),
    ("objectifs", "objectives"),
    ("ordre-du-jour", "agenda"),
    ("convention", "agreement"),
    ("differend", "dispute"),
    ("bilan", "review"),
    ("merci", "thanks"),
    ("jumeler", "pair"),
)

# Teams' documented limits (manifest and localisation schema v1.17).
MAX_COMMANDS = 10
TEXT_LIMITS = {"name.short": 30, "name.full": 100, "description.short": 80, "description.full": 4000}
COMMAND_TITLE_LIMIT = 32
COMMAND_DESCRIPTION_LIMIT = 128
_LOCALIZABLE = (
    *((re.compile(re.escape(key)), limit) for key, limit in TEXT_LIMITS.items()),
    (re.compile(r"bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title"), COMMAND_TITLE_LIMIT),
    (re.compile(r"bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description"), COMMAND_DESCRIPTION_LIMIT),
)
_GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_SEMVER = re.compile(r"\d+\.\d+\.\d+")
_HOST = re.compile(r"[A-Za-z0-9*](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d+)?")

# Written for the Teams listing (the commands' own texts come from the bot's catalogue too).
LISTING = {
    "name.short": N_("teams.manifest.name.short"),
    "name.full": N_("teams.manifest.name.full"),
    "description.short": N_("teams.manifest.description.short"),
    "description.full": N_("teams.manifest.description.full"),
}


def listing_texts(lang: str) -> dict[str, str]:
    return {field: t(lang, key) for field, key in LISTING.items()}


# --- where the package's facts come from ---
def _pyproject() -> dict[str, Any]:
    """The source checkout's pyproject.toml (absent from an installed wheel)."""
    path = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("project", {})


def package_version() -> str:
    try:
        return metadata.version("mentorat")
    except metadata.PackageNotFoundError:
        return str(_pyproject().get("version", "0.0.0"))


def project_url() -> str:
    """The project's home page as pyproject declares it (Homepage or Repository first), else the GitHub project."""
    try:
        entries = metadata.metadata("mentorat").get_all("Project-URL") or []  # "Homepage, https://…"
        declared = {label: url for label, _, url in (entry.partition(", ") for entry in entries) if url}
    except metadata.PackageNotFoundError:
        declared = dict(_pyproject().get("urls", {}))
    by_label = {label.lower(): url for label, url in declared.items()}
    for label in ("homepage", "repository", "source"):
        if label in by_label:
            return by_label[label].rstrip("/")
    return next(iter(declared.values()), DEFAULT_PROJECT_URL).rstrip("/")


def _developer() -> dict[str, str]:
    url = project_url()
    # On GitHub, the README sections say what coordinators see (figures only) and what the bot is.
    readme = f"{url}/blob/main/README.md" if urlsplit(url).hostname == "github.com" else None
    return {
        "name": "Mentorat",
        "websiteUrl": url,
        "privacyUrl": f"{readme}#programme-figures" if readme else url,
        "termsOfUseUrl": f"{readme}#mentorat" if readme else url,
    }


# --- texts ---
def _plain(text: str) -> str:
    """Teams shows command descriptions as plain text, and people type no slash there."""
    text = re.sub(r"<([^<>]+)>", r"[\1]", plain(text))  # <sujets>: a placeholder, written like [AAAA-MM-JJ]
    text = text.replace("/mentorat ", "")
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _fit(text: str, limit: int) -> str:
    """Shorten to Teams' limit with an ellipsis: at the last whole clause if one is long enough, else a word."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    clauses = [m.start() for m in re.finditer(r" \(| ?; |, ", room)
               if m.start() >= limit // 2 and room[: m.start()].count("(") == room[: m.start()].count(")")]
    cut = room[: clauses[-1]] if clauses else room[: room.rfind(" ")] if " " in room else room
    return cut.rstrip(" ,;:([–-") + "…"


def _commands(lang: str) -> list[dict[str, str]]:
    by_name = {cmd.name: cmd for cmd in COMMANDS}
    entries = []
    for name, english in TEAMS_COMMANDS:
        cmd = by_name[name]
        if english not in cmd.aliases:  # the bot must understand what the English menu inserts
            raise ValueError(f"{english!r} is not an alias of {name!r} in bot/commands.py")
        title = name if lang == "fr" else english
        entries.append({"title": title, "description": _fit(_plain(t(lang, cmd.help_key)), COMMAND_DESCRIPTION_LIMIT)})
    return entries


def _host(base_url: str) -> str:
    parts = urlsplit(base_url if "//" in base_url else f"//{base_url}")
    return parts.netloc.rpartition("@")[2] or base_url


# --- the package ---
def build_manifest(app_id: str, *, version: str, base_url: str | None = None) -> dict[str, Any]:
    texts = listing_texts("fr")
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": _developer(),
        "name": {"short": texts["name.short"], "full": texts["name.full"]},
        "description": {"short": texts["description.short"], "full": texts["description.full"]},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT_COLOR,
        "bots": [{
            "botId": app_id,
            "scopes": ["personal"],
            "supportsFiles": False,
            "isNotificationOnly": False,
            "commandLists": [{"scopes": ["personal"], "commands": _commands("fr")}],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [_host(base_url)] if base_url else [],
        "localizationInfo": {
            "defaultLanguageTag": "fr-ca",
            "additionalLanguages": [{"languageTag": "en-us", "file": LANGUAGE_FILES["en"]}],
        },
    }


def build_localization(lang: str) -> dict[str, str]:
    if lang not in LANGUAGE_FILES:
        raise ValueError(f"no Teams texts for language {lang!r} (have: {', '.join(LANGUAGE_FILES)})")
    strings = {"$schema": LOCALIZATION_SCHEMA, **listing_texts(lang)}
    for i, command in enumerate(_commands(lang)):
        strings[f"bots[0].commandLists[0].commands[{i}].title"] = command["title"]
        strings[f"bots[0].commandLists[0].commands[{i}].description"] = command["description"]
    return strings


def build_package(app_id: str, *, version: str, base_url: str | None = None) -> tuple[dict[str, Any], dict[str, dict]]:
    """The manifest and its localisation files by file name: what validate_manifest checks."""
    localizations = {file: build_localization(lang) for lang, file in LANGUAGE_FILES.items()}
    return build_manifest(app_id, version=version, base_url=base_url), localizations


def _pair_mask(size: int, *, outline: bool) -> Image.Image:
    """Two interlaced rings (a mentor and a mentee), drawn 8x larger then reduced for smooth edges."""
    scale = 8
    big = size * scale
    radius, offset, width = (0.30, 0.15, 0.09) if outline else (0.23, 0.12, 0.065)  # thicker lines at 32 px
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    for centre in (0.5 - offset, 0.5 + offset):
        box = [(centre - radius) * big, (0.5 - radius) * big, (centre + radius) * big, (0.5 + radius) * big]
        draw.ellipse(box, outline=255, width=round(width * big))
    return mask.resize((size, size), Image.Resampling.BOX)


def icon_png(size: int, *, outline: bool) -> bytes:
    """Teams' icons: full colour (192 px, white rings on the accent colour) or outline (32 px, white on transparent)."""
    mask = _pair_mask(size, outline=outline)
    if outline:
        image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
        image.putalpha(mask)  # every pixel white; only its opacity varies
    else:
        image = Image.new("RGB", (size, size), ACCENT_COLOR)
        image.paste((255, 255, 255), mask=mask)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def package_files(app_id: str, *, version: str, base_url: str | None = None) -> dict[str, bytes]:
    manifest, localizations = build_package(app_id, version=version, base_url=base_url)
    files = {"manifest.json": _json_bytes(manifest)}
    files.update({name: _json_bytes(strings) for name, strings in localizations.items()})
    files.update({name: icon_png(size, outline=name == "outline.png") for name, size in ICON_SIZES.items()})
    return files


def write_package(out_dir: Path, app_id: str, *, version: str, base_url: str | None) -> Path:
    """Write the five files and the zip Teams takes; the same input gives the same bytes."""
    files = package_files(app_id, version=version, base_url=base_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out_dir / name).write_bytes(content)
    archive_path = out_dir / ZIP_NAME
    with zipfile.ZipFile(archive_path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the default depends on the platform building the zip
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name])
    return archive_path


# --- offline checks of Teams' documented rules ---
_MISSING = object()


def _lookup(document: Any, key: str) -> Any:
    """'bots[0].commandLists[0].commands[3].title' in the manifest, or _MISSING."""
    node = document
    for part in key.split("."):
        match = re.fullmatch(r"([^\[\]]+)((?:\[\d+\])*)", part)
        if match is None:
            return _MISSING
        for step in [match[1], *(int(index) for index in re.findall(r"\d+", match[2]))]:
            found = (isinstance(step, str) and isinstance(node, dict) and step in node) or (
                isinstance(step, int) and isinstance(node, list) and step < len(node))
            if not found:
                return _MISSING
            node = node[step]
    return node


def _text_problem(where: str, value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"{where}: missing (a text of at most {limit} characters)"
    if len(value) > limit:
        return f"{where}: {len(value)} characters, Teams allows at most {limit}"
    return None


def localizable_keys(manifest: dict[str, Any]) -> list[str]:
    """The keys a localisation file may set for this manifest: names, descriptions, command texts."""
    keys = list(TEXT_LIMITS)
    command_lists = _lookup(manifest, "bots[0].commandLists")
    for j, command_list in enumerate(command_lists if isinstance(command_lists, list) else []):
        for k in range(len(command_list.get("commands", []))):
            keys += [f"bots[0].commandLists[{j}].commands[{k}].{field}" for field in ("title", "description")]
    return keys


def _identity_problems(manifest: dict[str, Any]) -> list[str]:
    problems = []
    if manifest.get("manifestVersion") != MANIFEST_VERSION:
        problems.append(f"manifestVersion: {manifest.get('manifestVersion')!r}, expected {MANIFEST_VERSION!r}")
    version = manifest.get("version")
    if not isinstance(version, str) or not _SEMVER.fullmatch(version):
        problems.append(f"version: {version!r} is not a semantic version x.y.z (e.g. 1.0.0)")
    app_id = manifest.get("id")
    if not isinstance(app_id, str) or not _GUID.fullmatch(app_id):
        problems.append(f"id: {app_id!r} is not a GUID (the Azure bot's MICROSOFT_APP_ID)")
    for field in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        url = (manifest.get("developer") or {}).get(field)
        if not isinstance(url, str) or not url.startswith("https://"):
            problems.append(f"developer.{field}: {url!r} must be an https:// address")
    icons = manifest.get("icons") or {}
    for kind in ("color", "outline"):
        if not str(icons.get(kind, "")).endswith(".png"):
            problems.append(f"icons.{kind}: name the PNG file in the package")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(manifest.get("accentColor", ""))):
        problems.append(f"accentColor: {manifest.get('accentColor')!r} is not a colour like #2C5F7C")
    for domain in manifest.get("validDomains", []):
        if not isinstance(domain, str) or not _HOST.fullmatch(domain):
            problems.append(f"validDomains: {domain!r} is not a host name (no https://, no path)")
    return problems


def _bot_problems(manifest: dict[str, Any]) -> list[str]:
    problems = []
    for i, bot in enumerate(manifest.get("bots", [])):
        if bot.get("botId") != manifest.get("id"):
            problems.append(f"bots[{i}].botId: {bot.get('botId')!r} differs from the app id")
        for j, command_list in enumerate(bot.get("commandLists", [])):
            commands = command_list.get("commands", [])
            where = f"bots[{i}].commandLists[{j}]"
            if len(commands) > MAX_COMMANDS:
                problems.append(f"{where}: {len(commands)} commands, Teams allows at most {MAX_COMMANDS}")
            for k, command in enumerate(commands):
                problems += filter(None, [
                    _text_problem(f"{where}.commands[{k}].title", command.get("title"), COMMAND_TITLE_LIMIT),
                    _text_problem(f"{where}.commands[{k}].description", command.get("description"),
                                  COMMAND_DESCRIPTION_LIMIT),
                ])
    return problems


def _limit_of(key: str) -> int | None:
    return next((limit for pattern, limit in _LOCALIZABLE if pattern.fullmatch(key)), None)


def _localization_problems(manifest: dict[str, Any], localizations: dict[str, dict]) -> list[str]:
    info = manifest.get("localizationInfo") or {}
    problems = [] if info.get("defaultLanguageTag") else ["localizationInfo.defaultLanguageTag: missing"]
    for language in info.get("additionalLanguages", []):
        if language.get("file") not in localizations:
            problems.append(f"localizationInfo: {language.get('file')!r} ({language.get('languageTag')}) is not in the "
                            "package")
    for file, strings in localizations.items():
        problems += [f"{file}: {key} missing" for key in TEXT_LIMITS if key not in strings]
        for key, value in strings.items():
            if key == "$schema":
                continue
            limit = _limit_of(key)
            if limit is None:
                problems.append(f"{file}: {key} is not a text Teams localises")
            elif _lookup(manifest, key) is _MISSING:
                problems.append(f"{file}: {key} matches nothing in the manifest")
            else:
                problems += filter(None, [_text_problem(f"{file}: {key}", value, limit)])
    return problems


def validate_manifest(manifest: dict[str, Any], localizations: dict[str, dict]) -> list[str]:
    """Teams' documented rules, checked offline; one sentence per problem, none when the package is fine."""
    texts = [_text_problem(key, _lookup(manifest, key), limit) for key, limit in TEXT_LIMITS.items()]
    return [*schema_problems(manifest), *_identity_problems(manifest), *filter(None, texts), *_bot_problems(manifest),
            *_localization_problems(manifest, localizations)]
