"""Alembic environment: runs against the URL handed over by storage.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.db import make_engine
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _dangling(connection: Connection) -> bool:
    return connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite changes a table by copying it and dropping the old one; with foreign keys on, that
        # drop deletes every row that points to it (a convention's notes, meetings...). So they are off
        # while migrating, and checked before (a database already inconsistent is refused untouched) and
        # after (SQLite's DDL is not transactional: the steps already ran, say so plainly).
        if _dangling(connection):
            raise RuntimeError("the database has rows pointing to missing rows (PRAGMA foreign_key_check); "
                               "nothing was migrated")
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # the pragma is ignored inside a transaction; end the one it opened
    try:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite and _dangling(connection):
            raise RuntimeError("the migration left rows pointing to missing rows (PRAGMA foreign_key_check): "
                               "restore the copy of the database made before upgrading")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url, "storage.migrate sets sqlalchemy.url"
    engine = make_engine(url, one_shot=True)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
