"""Engine and session factory. SQLite runs in WAL mode with foreign keys on.

Every engine hides its bound parameters: SQLAlchemy puts them in its exceptions' text and in its
log lines, and they are what people typed (a note, a différend).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Result, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

SessionFactory = sessionmaker[Session]


def normalise_url(database_url: str) -> str:
    """Accept the usual postgres:// and postgresql:// spellings and use psycopg 3."""
    url = make_url(database_url)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # erased text is overwritten, not left in free pages
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(database_url: str, *, pool_size: int = 20, one_shot: bool = False) -> Engine:
    """An engine for the app; `one_shot` (no pool) for migrations and short CLI commands."""
    url = normalise_url(database_url)
    pooling: dict[str, object] = {"poolclass": NullPool} if one_shot else {"pool_size": pool_size, "max_overflow": 10}
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, hide_parameters=True,
                               **pooling)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if not one_shot:
        pooling = {"pool_size": pool_size, "max_overflow": 10, "pool_pre_ping": True}
    return create_engine(url, hide_parameters=True, **pooling)


def make_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(bind=engine, expire_on_commit=False)


def engine_of(factory: SessionFactory) -> Engine:
    """The engine a session factory was made with (make_session_factory binds one)."""
    bind = factory.kw["bind"]
    assert isinstance(bind, Engine), "make_session_factory binds an engine"
    return bind


@contextmanager
def session_scope(factory: SessionFactory) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def dialect_insert(session: Session) -> Callable[[Any], Any]:
    """The dialect's own INSERT, the one with ON CONFLICT DO NOTHING / DO UPDATE (PostgreSQL or SQLite)."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched (Session.execute is typed as returning a plain Result)."""
    return cast(CursorResult[Any], result).rowcount


def ping(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
