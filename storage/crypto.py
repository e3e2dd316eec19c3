"""Encryption at rest of the text people type: every such column is an `EncryptedText` (or JSON, or bytes).

Fernet (AES-128-CBC with an HMAC-SHA256, from the `cryptography` package) seals each value with the key of
MENTORAT_DATA_KEY; the variable may list several keys, comma-separated, the first being the one that
writes, the others only read (what `mentorat keys rotate` moves away from). A stored value reads
`f1:<token>`; a value without the prefix is from before encryption and is read as is, until the rotation
(or the migration that introduced encryption) seals it.

Without a key the bot refuses to start (bot/config.py); the tests and the demo make their own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import LargeBinary, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from bot.config import KEY_VARIABLE, DataKeyError, parse_keys

__all__ = ["EncryptedBytes", "EncryptedJSON", "EncryptedText", "InvalidToken"]

PREFIX = "f1:"
BYTES_PREFIX = b"f1:"


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


class _Keyring:
    def __init__(self) -> None:
        self.bypassed = False  # benchmarks/encryption.py only: what the sealing costs
        self.keys: list[str] = []
        self._fernet: MultiFernet | None = None
        self._current: Fernet | None = None

    def use(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        fernets = [Fernet(k.encode("ascii")) for k in keys]
        self._fernet = MultiFernet(fernets) if fernets else None
        self._current = fernets[0] if fernets else None

    def fernet(self) -> MultiFernet:
        if self._fernet is None:
            # Not configured by the app (a worker, a migration, a test process): the environment's keys.
            raw = os.environ.get(KEY_VARIABLE, "")
            if not raw.strip():
                raise DataKeyError(f"{KEY_VARIABLE} is missing: make one with `mentorat keys new` and put it in .env")
            self.use(parse_keys(raw))
        assert self._fernet is not None
        return self._fernet

    def current(self) -> Fernet:
        self.fernet()
        assert self._current is not None
        return self._current


KEYRING = _Keyring()


def use_keys(keys: Sequence[str]) -> None:
    KEYRING.use(keys)


def use_demo_key() -> None:
    """The offline demo's throw-away key (its database lives in a temporary folder), unless one is set."""
    if not os.environ.get(KEY_VARIABLE, "").strip() and not KEYRING.keys:
        use_keys([new_key()])


@contextmanager
def bypassed_for_benchmark() -> Iterator[None]:
    """Values stored as typed, for measuring what sealing costs (benchmarks/encryption.py); never in the bot."""
    KEYRING.bypassed = True
    try:
        yield
    finally:
        KEYRING.bypassed = False


def seal(plain: str) -> str:
    if KEYRING.bypassed:
        return plain
    return PREFIX + KEYRING.fernet().encrypt(plain.encode("utf-8")).decode("ascii")


def open_(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption: sealed by the migration or the rotation
    try:
        return KEYRING.fernet().decrypt(stored[len(PREFIX):].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DataKeyError("a stored value does not open with the keys of MENTORAT_DATA_KEY (a key removed "
                        "before `mentorat keys rotate` finished?)") from exc


def sealed_by_current(stored: str) -> bool:
    """Whether a stored value is already under the key that writes (the rotation skips it)."""
    if not stored.startswith(PREFIX):
        return False
    try:
        KEYRING.current().decrypt(stored[len(PREFIX):].encode("ascii"))
    except InvalidToken:
        return False
    return True


def reseal(stored: str) -> str:
    """A stored value under the key that writes (a legacy plain value gets sealed)."""
    if not stored.startswith(PREFIX):
        return seal(stored)
    token = KEYRING.fernet().rotate(stored[len(PREFIX):].encode("ascii"))
    return PREFIX + token.decode("ascii")


class EncryptedText(TypeDecorator[str]):
    """Text a person typed, sealed at rest."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else open_(value)


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON value holding typed text (the bilan's answers), sealed at rest as text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else seal(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, dict | list):  # a JSON column read before the migration changed its type
            return value
        return json.loads(open_(value))


class EncryptedBytes(TypeDecorator[bytes]):
    """A shared file's bytes (a report, an export), sealed at rest."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None or KEYRING.bypassed:
            return value
        return BYTES_PREFIX + KEYRING.fernet().encrypt(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        value = bytes(value)
        if not value.startswith(BYTES_PREFIX):
            return value
        try:
            return KEYRING.fernet().decrypt(value[len(BYTES_PREFIX):])
        except InvalidToken as exc:
            raise DataKeyError("a stored file does not open with the keys of MENTORAT_DATA_KEY") from exc
