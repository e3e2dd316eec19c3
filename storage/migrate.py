"""Alembic driven from code, so `mentorat db upgrade` works from an installed package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from storage.db import make_engine, normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(database_url).replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def head_revision(database_url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


class SchemaOutOfDate(Exception):
    pass


def ensure_schema(database_url: str) -> None:
    """Create the schema of an empty database; refuse to run on an older one.

    Upgrading a database that already holds data is an operator's decision
    (`mentorat db upgrade`), taken once, not by every process that starts.
    """
    engine = make_engine(database_url, one_shot=True)
    try:
        if is_empty(engine):
            upgrade(database_url)
            return
        current, head = current_revision(engine), head_revision(database_url)
        if current != head:
            raise SchemaOutOfDate(
                f"The database schema is at {current or 'no revision'}, this version needs {head}: "
                "run `mentorat db upgrade` first."
            )
    finally:
        engine.dispose()
