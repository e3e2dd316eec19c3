"""The record of signed requests already carried out, shared by every replica through the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import SeenRequest

# Built once per dialect: every signed request runs one (rowcount is -1 on PostgreSQL's driver here;
# RETURNING says whether the row went in).
_FIRST_SIGHTING = {
    name: insert(SeenRequest).values(key=bindparam("key"), seen_at=bindparam("seen_at"))
    .on_conflict_do_nothing(index_elements=["key"]).returning(SeenRequest.key)
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}


def first_sighting(engine: Engine, key: str, now: datetime) -> bool:
    """True the first time `key` is recorded; False for every later sighting, on any replica.

    One statement in its own transaction: two replicas receiving the same request at the same
    moment cannot both see it as new.
    """
    stmt = _FIRST_SIGHTING["postgresql" if engine.dialect.name == "postgresql" else "sqlite"]
    with engine.begin() as conn:
        return conn.execute(stmt, {"key": key, "seen_at": now}).first() is not None


def forget(engine: Engine, keys: list[str]) -> None:
    """Take back a record: the request was not carried out after all (the app answered with an error)."""
    with engine.begin() as conn:
        conn.execute(delete(SeenRequest).where(SeenRequest.key.in_(keys)))


def purge_seen(engine: Engine, before: datetime, prefix: str) -> int:
    """Forget the keys starting with `prefix` seen before `before` (a request that old is refused anyway)."""
    with engine.begin() as conn:
        return conn.execute(delete(SeenRequest).where(SeenRequest.seen_at < before,
                                                      SeenRequest.key.startswith(prefix, autoescape=True))).rowcount
