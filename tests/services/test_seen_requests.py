"""The replay record: one sighting per key, whoever records it, forgotten after the window."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.seen_requests import first_sighting, purge_seen
from tests.services.conftest import NOW


def engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    return bind


def test_a_key_is_new_once(session: Session) -> None:
    engine = engine_of(session)
    assert first_sighting(engine, "sig:a", NOW) is True
    assert first_sighting(engine, "sig:a", NOW) is False
    assert first_sighting(engine, "sig:b", NOW) is True


def test_what_is_older_than_the_cut_is_forgotten(session: Session) -> None:
    engine = engine_of(session)
    first_sighting(engine, "sig:old", NOW - timedelta(minutes=11))
    first_sighting(engine, "sig:recent", NOW - timedelta(minutes=9))
    first_sighting(engine, "teams:old", NOW - timedelta(minutes=11))  # another door keeps its own for longer
    assert purge_seen(engine, NOW - timedelta(minutes=10), "sig:") == 1
    assert first_sighting(engine, "sig:old", NOW) is True  # forgotten, so new again
    assert first_sighting(engine, "sig:recent", NOW) is False
    assert first_sighting(engine, "teams:old", NOW) is False
