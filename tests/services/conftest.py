"""Services tested directly: a real session on SQLite and on PostgreSQL, an injected time, no HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from storage.db import SessionFactory, make_engine, make_session_factory

# Monday 23 November 2026, 10:00 in Toronto (as the scenarios).
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def factory(database_url: str) -> Iterator[SessionFactory]:
    """A session factory on a fresh, migrated database, for services that open their own units of work."""
    engine = make_engine(database_url, pool_size=2)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    """One session on a fresh, migrated database; what a test writes is never committed elsewhere."""
    engine = make_engine(database_url, pool_size=2)
    factory = make_session_factory(engine)
    session = factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()
        engine.dispose()
