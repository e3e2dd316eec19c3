"""Sealing and re-sealing the encrypted columns in place: `mentorat keys rotate`, and the migration that
introduced encryption (which seals what was written before).

Row by row in batches, each batch its own transaction: it can run while the bot runs (a row written
meanwhile is already under the new key), and a rotation stopped half way resumes where it was (a value
already under the key that writes is skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, MetaData, Table, select, update
from sqlalchemy.engine import Connection, Engine, Row

from storage import crypto


@dataclass(frozen=True)
class Sealed:
    table: str
    column: str
    kind: str  # "text" | "bytes"


def encrypted_columns(metadata: MetaData) -> list[Sealed]:
    found = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, crypto.EncryptedBytes):
                found.append(Sealed(table.name, column.name, "bytes"))
            elif isinstance(column.type, crypto.EncryptedText | crypto.EncryptedJSON):
                found.append(Sealed(table.name, column.name, "text"))
    return found


def _raw_table(sealed: Sealed) -> Table:
    """The column as stored (raw text or bytes), so that nothing is opened or sealed on the way."""
    from sqlalchemy import Integer, LargeBinary, Text

    kind = LargeBinary() if sealed.kind == "bytes" else Text()
    return Table(sealed.table, MetaData(), Column("id", Integer, primary_key=True), Column(sealed.column, kind))


def _fresh(sealed: Sealed, stored: str | bytes) -> str | bytes | None:
    """The value under the key that writes, or None when it is already."""
    if sealed.kind == "bytes":
        data = bytes(stored) if not isinstance(stored, str) else stored.encode("utf-8")
        if data.startswith(crypto.BYTES_PREFIX):
            try:
                crypto.KEYRING.current().decrypt(data[len(crypto.BYTES_PREFIX):])
                return None
            except crypto.InvalidToken:
                return crypto.BYTES_PREFIX + crypto.KEYRING.fernet().rotate(data[len(crypto.BYTES_PREFIX):])
        return crypto.BYTES_PREFIX + crypto.KEYRING.fernet().encrypt(data)
    text = stored.decode("utf-8") if isinstance(stored, bytes) else str(stored)
    return None if crypto.sealed_by_current(text) else crypto.reseal(text)


def _batch(connection: Connection, table: Table, column: str, after: int, size: int) -> list[Row[Any, Any]]:
    """The next `size` stored values of the column, by id, after the id `after`."""
    return list(connection.execute(select(table.c.id, table.c[column]).where(
        table.c.id > after, table.c[column].is_not(None)).order_by(table.c.id).limit(size)).all())


def _reseal_batch(connection: Connection, table: Table, sealed: Sealed, rows: list[Row[Any, Any]]) -> int:
    """Each value under the key that writes; only where nobody wrote it since it was read (a newer value is
    under the new key already). Returns rows changed."""
    changed = 0
    for row_id, stored in rows:
        fresh = _fresh(sealed, stored)
        if fresh is not None:
            connection.execute(update(table).where(table.c.id == row_id, table.c[sealed.column] == stored)
                               .values({sealed.column: fresh}))
            changed += 1
    return changed


def reseal_connection(connection: Connection, columns: list[Sealed], size: int = 500) -> int:
    """Within one connection (a migration): every value under the key that writes. Returns rows changed."""
    changed = 0
    for sealed in columns:
        table, last = _raw_table(sealed), 0
        while rows := _batch(connection, table, sealed.column, last, size):
            last = rows[-1][0]
            changed += _reseal_batch(connection, table, sealed, rows)
    return changed


def rotate(engine: Engine, metadata: MetaData, *, size: int = 500,
           after_batch: Callable[[int], None] | None = None) -> int:
    """`mentorat keys rotate`: each batch in its own transaction, while the bot runs. Returns rows changed."""
    changed = 0
    for sealed in encrypted_columns(metadata):
        table, last = _raw_table(sealed), 0
        while True:
            with engine.begin() as connection:
                rows = _batch(connection, table, sealed.column, last, size)
                if not rows:
                    break
                last = rows[-1][0]
                changed += _reseal_batch(connection, table, sealed, rows)
            if after_batch is not None:
                after_batch(changed)
    return changed
