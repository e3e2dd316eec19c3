"""Shared fixtures: fresh databases on SQLite and on a real PostgreSQL, the Slack emulator, the bot on loopback.

Which databases a test that asks for ``database_url`` runs on:

* the HTTP scenarios (``tests/scenarios``, ``tests/properties``: the whole app driven over HTTP, where the
  SQL is the same on both backends) run on SQLite; ``@pytest.mark.both_databases`` adds PostgreSQL, and is
  put on one test per flow and platform (and on the scenario files that test SQL itself, like the planner);
* every other test (``tests/unit``, ``tests/support``) runs on both.

PostgreSQL-only tests ask for ``postgres_database_url``. Every PostgreSQL run carries the ``postgres``
marker: ``-m "not postgres"`` (``make fast``) leaves them out, ``MENTORAT_TEST_SKIP_POSTGRES=1`` skips them.

Each database is a copy of a migrated template made once per test process (so once per pytest-xdist
worker, each with its own PostgreSQL server: see tests/support/postgres.py for where it comes from),
and PostgreSQL copies are dropped after their test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage.crypto import KEY_VARIABLE, new_key

# The tests make their own data key (as the demo does), read at first use; the worker processes some tests
# start inherit it.
os.environ.setdefault(KEY_VARIABLE, new_key())

from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator
from storage.migrate import upgrade
from tests.support.people import DEFAULT_NOW, add_people
from tests.support.postgres import (
    ExternalPostgres,
    TemporaryPostgres,
    postgres_server,
    unique_database_name,
)

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BOTH_DATABASES = "both_databases"
TESTS = Path(__file__).parent
SQLITE_BY_DEFAULT = (TESTS / "scenarios", TESTS / "properties")  # the HTTP scenarios
SKIP_POSTGRES = "MENTORAT_TEST_SKIP_POSTGRES"


def backends_for(path: Path, marked_both: bool) -> list[str]:
    sqlite_by_default = any(path.is_relative_to(folder) for folder in SQLITE_BY_DEFAULT)
    return [SQLITE, POSTGRESQL] if marked_both or not sqlite_by_default else [SQLITE]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marked_both = metafunc.definition.get_closest_marker(BOTH_DATABASES) is not None
    if "database_url" not in metafunc.fixturenames:
        if marked_both:
            raise pytest.UsageError(f"{metafunc.definition.nodeid} is marked {BOTH_DATABASES} but has no database_url")
        return
    backends = backends_for(Path(metafunc.definition.path), marked_both)
    params = [pytest.param(b, marks=pytest.mark.postgres) if b == POSTGRESQL else b for b in backends]
    metafunc.parametrize("database_url", params, indirect=True)


# Figures a test publishes with `record_property("figures", text)` (the demo's humane-timing counts): printed
# at the end of the run, since pytest keeps a passing test's output to itself (and xdist's workers' too).
FIGURES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        FIGURES.extend(str(value) for name, value in report.user_properties if name == "figures")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("figures")
        for text in FIGURES:
            terminalreporter.write_line(text)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=f"{SKIP_POSTGRES}=1") if os.environ.get(SKIP_POSTGRES) == "1" else None
    for item in items:
        if "postgres_database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
        if skip is not None and item.get_closest_marker("postgres"):
            item.add_marker(skip)


# --------------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TemporaryPostgres | ExternalPostgres]:
    server = postgres_server()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: TemporaryPostgres | ExternalPostgres) -> Iterator[tuple[object, str]]:
    """The migrated template on this process's server; its name is unique (workers may share a server by URL)."""
    template = unique_database_name("mentorat_tpl")
    pg_server.prepare_template(template, upgrade)
    try:
        yield pg_server, template
    finally:
        pg_server.drop_database(template)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


class Databases:
    """Fresh migrated databases for one test, copied from the templates; PostgreSQL ones dropped after it."""

    def __init__(self, request: pytest.FixtureRequest, folder: Path) -> None:
        self._request = request
        self._folder = folder
        self._made: dict[str, object] = {}  # url -> the PostgreSQL server it is on (None: SQLite)

    def new(self, backend: str) -> str:
        if backend == SQLITE:
            template: Path = self._request.getfixturevalue("sqlite_template")
            target = self._folder / f"mentorat-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(template, target)
            url, server = f"sqlite:///{target}", None
        else:
            server, name = self._request.getfixturevalue("pg_template")
            url = server.clone(name)  # type: ignore[attr-defined]
        self._made[url] = server
        return url

    def drop(self, url: str) -> None:
        """Remove one database now (each engine on it must be disposed first)."""
        server = self._made.pop(url)
        name = make_url(url).database
        if server is None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
        else:
            server.drop_database(name)  # type: ignore[attr-defined]

    def drop_postgres(self) -> None:
        """Drop what is left on PostgreSQL (SQLite files stay in tmp_path, kept for a failed test)."""
        for url in [url for url, server in self._made.items() if server is not None]:
            self.drop(url)


@pytest.fixture
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    made = Databases(request, tmp_path)
    try:
        yield made
    finally:
        made.drop_postgres()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, databases: Databases) -> str:
    """A fresh, migrated database for one test (the backend comes from pytest_generate_tests)."""
    return databases.new(request.param)


@pytest.fixture
def postgres_database_url(databases: Databases) -> str:
    """A fresh, migrated PostgreSQL database, for what only PostgreSQL does (several processes at once)."""
    return databases.new(POSTGRESQL)


# --------------------------------------------------------------------------- Slack and the bot


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    emu = add_people(SlackEmulator(team_id="T0TEST"))
    emu.start()
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
