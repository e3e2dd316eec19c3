"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL 15."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator
from storage.migrate import upgrade
from tests.support.postgres import postgres_server

TEMPLATE = "mentorat_template"
# Monday 23 November 2026, 10:00 in Toronto.
DEFAULT_NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[object, str]]:
    server = postgres_server()
    server.start()
    try:
        server.prepare_template(TEMPLATE, upgrade)
        yield server, TEMPLATE
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database for one test."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "mentorat.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    if os.environ.get("MENTORAT_TEST_SKIP_POSTGRES") == "1":
        pytest.skip("MENTORAT_TEST_SKIP_POSTGRES=1")
    server, template = request.getfixturevalue("pg_template")
    return server.clone(template)  # type: ignore[attr-defined]


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    emu = SlackEmulator(team_id="T0TEST")
    emu.start()
    emu.add_user("UCOORD", "camille", "Camille Coordination", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UADMIN", "alex", "Alex Admin", tz="America/Toronto", locale="fr-CA", is_admin=True)
    emu.add_user("UMENTOR", "marie", "Marie Mentor", tz="America/Vancouver", locale="fr-CA")
    emu.add_user("UMENTEE", "sam", "Sam Mentoré", tz="Europe/Paris", locale="en-US")
    emu.add_user("UOTHER", "olivier", "Olivier Outsider", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UMENTOR2", "louis", "Louis Mentor", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UMENTEE2", "lea", "Léa Mentorée", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UROBOT", "robot", "Robot", is_bot=True)
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def bot(database_url: str, emulator: SlackEmulator) -> Iterator[Harness]:
    harness = start_harness(database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD",))
    try:
        yield harness
    finally:
        harness.close()
