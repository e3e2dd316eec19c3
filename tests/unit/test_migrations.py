"""The Alembic migrations create exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from storage.db import make_engine
from storage.migrate import current_revision, head_revision
from storage.models import Base


def test_migrated_schema_matches_models(database_url: str) -> None:
    engine = make_engine(database_url, one_shot=True)
    try:
        assert current_revision(engine) == head_revision(database_url)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()
