"""The Teams app package: what `mentorat teams-manifest` writes, and the offline checks of Teams' rules."""

from __future__ import annotations

import copy
import io
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from bot import commands
from bot.cli import main
from handlers.teams.manifest import (
    PACKAGE_FILES,
    PLACEHOLDER_APP_ID,
    build_localization,
    build_manifest,
    build_package,
    icon_png,
    localizable_keys,
    package_version,
    validate_manifest,
)
from handlers.teams.manifest_schema import schema_problems

APP_ID = "6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No MICROSOFT_APP_ID and no .env to find: the command sees only its arguments."""
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _package() -> tuple[dict, dict[str, dict]]:
    return build_package(APP_ID, version="1.2.3", base_url="https://bot.example.org/api/messages")


def _commands(manifest: dict) -> list[dict]:
    return manifest["bots"][0]["commandLists"][0]["commands"]


def test_the_command_writes_a_zip_of_exactly_the_five_files_at_its_root(no_env: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = no_env / "teams"
    assert main(["teams-manifest", "--app-id", APP_ID, "--base-url", "https://bot.example.org", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    archive = out / "mentorat-teams.zip"
    assert str(archive) in printed and all(str(out / name) in printed for name in PACKAGE_FILES)
    with zipfile.ZipFile(archive) as package:
        assert sorted(package.namelist()) == sorted(PACKAGE_FILES)
        for name in PACKAGE_FILES:
            assert package.read(name) == (out / name).read_bytes()
    first = archive.read_bytes()
    assert main(["teams-manifest", "--app-id", APP_ID, "--base-url", "https://bot.example.org", "--out", str(out)]) == 0
    assert archive.read_bytes() == first  # fixed timestamps and order: the same package every time


def test_the_generated_package_passes_the_checks() -> None:
    manifest, localizations = _package()
    assert validate_manifest(manifest, localizations) == []
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["bot.example.org"]
    assert manifest["localizationInfo"] == {"defaultLanguageTag": "fr-ca",
                                            "additionalLanguages": [{"languageTag": "en-us", "file": "en.json"}]}
    assert build_manifest(APP_ID, version="1.2.3")["validDomains"] == []


def test_too_long_texts_and_an_eleventh_command_are_reported() -> None:
    manifest, localizations = _package()
    manifest["description"]["short"] = "x" * 81
    _commands(manifest).append({"title": "notes", "description": "vos notes"})
    _commands(manifest)[0]["description"] = "mot " * 40
    localizations["en.json"]["name.short"] = "A name far too long for the Teams app bar"
    problems = validate_manifest(manifest, localizations)
    assert "description.short: 81 characters, Teams allows at most 80" in problems
    assert "bots[0].commandLists[0]: 11 commands, Teams allows at most 10" in problems
    assert any(p.startswith("bots[0].commandLists[0].commands[0].description: 160 characters") for p in problems)
    assert any(p.startswith("en.json: name.short: 41 characters") for p in problems)
    assert len(problems) == 4


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("id",), "not-a-guid", "id: 'not-a-guid' is not a GUID"),
    (("version",), "1.0", "version: '1.0' is not a semantic version"),
    (("icons", "outline"), "", "icons.outline: name the PNG file"),
    (("validDomains",), ["https://bot.example.org/"], "validDomains: 'https://bot.example.org/' is not a host name"),
])
def test_each_rule_names_the_field(path: tuple[str, ...], value: object, expected: str) -> None:
    manifest, localizations = _package()
    target = manifest
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    problems = validate_manifest(manifest, localizations)
    assert any(p.startswith(expected) for p in problems), problems


def test_localisation_keys_must_resolve_in_the_manifest() -> None:
    manifest, localizations = _package()
    broken = copy.deepcopy(localizations)
    broken["en.json"]["bots[0].commandLists[0].commands[9].title"] = "pair"
    del _commands(manifest)[9]
    broken["en.json"]["staticTabs[0].label"] = "Home"
    del broken["fr.json"]["name.full"]
    problems = validate_manifest(manifest, broken)
    assert "en.json: bots[0].commandLists[0].commands[9].title matches nothing in the manifest" in problems
    assert "en.json: staticTabs[0].label is not a text Teams localises" in problems
    assert "fr.json: name.full missing" in problems
    assert any("'en.json'" in p for p in validate_manifest(manifest, {}))  # named in localizationInfo, not packaged


def test_french_default_and_english_localisation_have_the_same_keys() -> None:
    manifest = build_manifest(APP_ID, version="1.2.3")
    fr, en = build_localization("fr"), build_localization("en")
    assert fr.keys() == en.keys() == {"$schema", *localizable_keys(manifest)}
    assert fr["description.full"] == manifest["description"]["full"]  # the French file repeats the default
    assert en["description.full"] != fr["description.full"]
    with pytest.raises(ValueError, match="de"):
        build_localization("de")


def test_commands_are_ten_the_bot_understands_in_both_languages() -> None:
    fr_titles = [c["title"] for c in _commands(build_manifest(APP_ID, version="1.2.3"))]
    en = build_localization("en")
    en_titles = [en[f"bots[0].commandLists[0].commands[{i}].title"] for i in range(len(fr_titles))]
    assert len(fr_titles) == 10 and "aide" in fr_titles and "jumeler" in fr_titles and "help" in en_titles
    for french, english in zip(fr_titles, en_titles, strict=True):
        assert commands.parse(french).command is commands.parse(english).command is not None
    for strings in (build_localization("fr"), en):
        descriptions = [v for k, v in strings.items() if k.endswith(".description")]
        assert all(len(d) <= 128 and not set(d) & set("*`<>") and "/mentorat" not in d for d in descriptions)
    assert en["bots[0].commandLists[0].commands[0].description"] == "Show this help"


def test_icons_have_teams_sizes_and_the_outline_is_white_on_transparent() -> None:
    color = Image.open(io.BytesIO(icon_png(192, outline=False)))
    outline = Image.open(io.BytesIO(icon_png(32, outline=True)))
    assert (color.format, color.size) == ("PNG", (192, 192))
    assert (outline.format, outline.size, outline.mode) == ("PNG", (32, 32), "RGBA")
    pixels = [rgba for _count, rgba in outline.getcolors(32 * 32)]
    assert all(rgba[:3] == (255, 255, 255) for rgba in pixels if rgba[3])
    assert {0, 255} <= {rgba[3] for rgba in pixels}  # a solid glyph on a clear background
    assert len(color.convert("RGB").getcolors(192 * 192)) > 2  # the glyph shows on the accent colour


def test_a_missing_app_id_names_the_variable(no_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["teams-manifest", "--out", str(no_env / "teams")]) == 2
    error = capsys.readouterr().err
    assert "MICROSOFT_APP_ID" in error and "--app-id" in error and "--placeholder" in error
    assert not (no_env / "teams").exists()


def test_the_app_id_comes_from_the_environment(no_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    assert main(["teams-manifest", "--out", str(no_env / "teams")]) == 0
    assert f'"id": "{APP_ID}"' in (no_env / "teams" / "manifest.json").read_text(encoding="utf-8")


def test_a_package_teams_would_refuse_is_not_written(no_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["teams-manifest", "--app-id", "my-bot", "--base-url", "https://bot.example.org",
                 "--out", str(no_env / "teams")]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["Teams would refuse the package: id: 'my-bot' is not a GUID (the Azure bot's MICROSOFT_APP_ID)"]
    assert not (no_env / "teams").exists()


def test_the_committed_sample_matches_the_generator(no_env: Path) -> None:
    assert main(["teams-manifest", "--placeholder", "--out", str(no_env / "teams")]) == 0
    for name in ("manifest.json", "fr.json", "en.json"):
        assert (REPO / "teams" / name).read_text(encoding="utf-8") == \
            (no_env / "teams" / name).read_text(encoding="utf-8"), \
            f"teams/{name} is out of date: run `mentorat teams-manifest --placeholder` and commit the result"
    assert PLACEHOLDER_APP_ID in (REPO / "teams" / "manifest.json").read_text(encoding="utf-8")
    assert f'"version": "{package_version()}"' in (REPO / "teams" / "manifest.json").read_text(encoding="utf-8")


def test_the_committed_sample_has_only_what_the_1_17_schema_allows() -> None:
    import json

    sample = json.loads((REPO / "teams" / "manifest.json").read_text(encoding="utf-8"))
    assert schema_problems(sample) == []
    assert "packageName" not in sample


@pytest.mark.parametrize(("change", "expected"), [
    (lambda m: m.update(packageName="com.github.mentorat"), "packageName: not allowed by the v1.17 schema"),
    (lambda m: m["bots"][0].update(commands=[]), "bots[0].commands: not allowed by the v1.17 schema"),
    (lambda m: m["bots"][0]["commandLists"][0].update(title="x"),
     "bots[0].commandLists[0].title: not allowed by the v1.17 schema"),
    (lambda m: m["bots"][0]["commandLists"][0]["commands"][0].update(type="x"),
     "bots[0].commandLists[0].commands[0].type: not allowed by the v1.17 schema"),
    (lambda m: m.pop("accentColor"), "accentColor: required by the v1.17 schema"),
    (lambda m: m["developer"].update(email="a@b.c"), "developer.email: not allowed by the v1.17 schema"),
    (lambda m: m["bots"][0].update(scopes=["channel"]), "bots[0].scopes: 'channel' is not a bot scope"),
])
def test_what_the_1_17_schema_refuses_is_named(change: Callable[[dict], object], expected: str) -> None:
    manifest, localizations = _package()
    change(manifest)
    assert expected in validate_manifest(manifest, localizations)


def test_by_default_the_package_goes_to_an_ignored_folder_not_the_sample(no_env: Path) -> None:
    assert main(["teams-manifest", "--app-id", APP_ID]) == 0
    assert (no_env / "build" / "teams" / "mentorat-teams.zip").is_file()
    assert not (no_env / "teams").exists()
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "build/teams"], capture_output=True, text=True,
                             check=True).stdout
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", "build/teams/manifest.json"], check=False)
    assert tracked == "" and ignored.returncode == 0, "build/teams holds no tracked file and git ignores it"
