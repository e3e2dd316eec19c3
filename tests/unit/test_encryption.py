"""Encryption at rest: what people type is sealed in the database (a raw read shows no canary), the key
rotation re-seals everything while writes go on, and a value sealed under a removed key is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from bot.services.convention_versions import current
from storage import crypto
from storage.db import make_engine, make_session_factory, session_scope
from storage.models import Base, Convention, Note, Person, Programme, SharedFile, Workspace
from storage.rotation import encrypted_columns, rotate

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
CANARY = "CANARY-SEALED-w7"


@pytest.fixture
def keys() -> object:
    """A key of this test's own, put back as it was afterwards."""
    before = list(crypto.KEYRING.keys)
    crypto.use_keys([crypto.new_key()])
    yield crypto.KEYRING
    crypto.use_keys(before) if before else crypto.KEYRING.__init__()  # type: ignore[misc]  # back to the env's


def _pair(session) -> Convention:  # type: ignore[no-untyped-def]
    workspace = Workspace(platform="slack", external_id="T1", created_at=NOW)
    session.add(workspace)
    session.flush()
    programme = Programme(workspace_id=workspace.id, name="P", created_at=NOW)
    people = [Person(workspace_id=workspace.id, external_id=f"U{n}", created_at=NOW) for n in (1, 2)]
    session.add_all([programme, *people])
    session.flush()
    convention = Convention(programme_id=programme.id, version_id=current(session, programme, now=NOW).id,
                            mentor_id=people[0].id, mentee_id=people[1].id,
                            starts_on=date(2026, 12, 1), planned_end_on=date(2027, 10, 1), created_at=NOW,
                            updated_at=NOW, next_agenda=f"{CANARY} agenda")
    session.add(convention)
    session.flush()
    return convention


def _note(session, convention: Convention, body: str) -> None:  # type: ignore[no-untyped-def]
    session.add(Note(convention_id=convention.id, author_id=convention.mentee_id, body=body, created_at=NOW,
                     updated_at=NOW))


def test_a_raw_read_shows_no_typed_text(database_url: str, keys: object) -> None:
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    with session_scope(factory) as session:
        convention = _pair(session)
        _note(session, convention, f"{CANARY} note")
        session.add(SharedFile(token="t" * 40, person_id=convention.mentee_id, filename="x.csv",
                               content_type="text/csv", content=f"{CANARY} file".encode(), created_at=NOW,
                               expires_at=NOW))
    with engine.connect() as connection:  # the columns as stored, no type in between
        stored = [str(v) for v in connection.execute(text("SELECT body FROM notes")).scalars()]
        stored += [str(v) for v in connection.execute(text("SELECT next_agenda FROM conventions")).scalars()]
        files = connection.execute(text("SELECT content FROM shared_files")).scalars()
        stored += [bytes(v).decode("latin-1") for v in files]
    assert stored and all(value.startswith("f1:") for value in stored)
    assert not any(CANARY in value for value in stored)
    if make_url(database_url).get_backend_name() == "sqlite":
        engine.dispose()
        path = Path(make_url(database_url).database or "")
        for file in (path, path.with_name(path.name + "-wal")):
            if file.exists():
                assert CANARY.encode() not in file.read_bytes(), file
    with session_scope(factory) as session:  # and the app reads it back
        assert session.scalars(select(Note.body)).one() == f"{CANARY} note"
        assert session.scalars(select(SharedFile.content)).one() == f"{CANARY} file".encode()


def test_rotation_while_writes_go_on_loses_nothing(database_url: str, keys: object) -> None:
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    old = crypto.KEYRING.keys[0]
    with session_scope(factory) as session:
        convention = _pair(session)
        convention_id = convention.id
        for n in range(25):
            _note(session, convention, f"old {n}")
    new = crypto.new_key()
    crypto.use_keys([new, old])
    written = []

    def meanwhile(_changed: int) -> None:  # rows written during the rotation, under the new key already
        if len(written) >= 3:
            return
        with session_scope(factory) as session:
            convention = session.get(Convention, convention_id)
            assert convention is not None
            _note(session, convention, f"during {len(written)}")
            written.append(1)

    changed = rotate(engine, Base.metadata, size=10, after_batch=meanwhile)
    assert changed >= 26  # 25 notes and the agenda
    crypto.use_keys([new])  # the old key removed: everything must open with the new one alone
    with session_scope(factory) as session:
        bodies = session.scalars(select(Note.body).order_by(Note.id)).all()
        assert bodies[:25] == [f"old {n}" for n in range(25)]
        assert len(bodies) == 25 + len(written) and written
        assert session.get(Convention, convention_id).next_agenda == f"{CANARY} agenda"  # type: ignore[union-attr]
    # A second rotation has nothing left to do: it resumes where the first stopped.
    assert rotate(engine, Base.metadata) == 0


def test_a_value_under_a_removed_key_is_refused_not_misread(database_url: str, keys: object) -> None:
    factory = make_session_factory(make_engine(database_url))
    with session_scope(factory) as session:
        _note(session, _pair(session), "secret")
    crypto.use_keys([crypto.new_key()])
    with pytest.raises(crypto.DataKeyError), session_scope(factory) as session:
        session.scalars(select(Note.body)).all()


def test_every_typed_text_column_is_sealed() -> None:
    sealed = {(c.table, c.column) for c in encrypted_columns(Base.metadata)}
    for expected in (("notes", "body"), ("meetings", "agenda"), ("meetings", "reason"), ("meetings", "location"),
                     ("conventions", "next_agenda"), ("objectives", "title"), ("objective_updates", "comment"),
                     ("bilans", "answers"), ("gratitudes", "message"), ("disputes", "summary"),
                     ("profiles", "presentation"), ("profiles", "aspiration"), ("mentor_requests", "reply"),
                     ("programme_evaluations", "suggestion"), ("shared_files", "content")):
        assert expected in sealed, expected


def test_the_migration_seals_what_was_written_before(tmp_path: Path, keys: object) -> None:
    from storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0013")  # a database from before encryption, with plain text in it
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO workspaces (id, platform, external_id, name, created_at) "
                                "VALUES (1, 'slack', 'T1', '', '2026-12-03 15:00:00')"))
        connection.execute(text("INSERT INTO programmes (id, workspace_id, name, language, timezone, length_months, "
                                "meeting_every_days, meeting_min_minutes, meeting_max_minutes, reminder_hour, "
                                "closing_notice_days, created_at) VALUES (1, 1, 'P', 'fr', 'America/Toronto', 10, 30, "
                                "60, 90, 9, 30, '2026-12-03 15:00:00')"))
        for pid in (1, 2):
            connection.execute(text(f"INSERT INTO people (id, workspace_id, external_id, display_name, "
                                    f"is_workspace_admin, is_bot, created_at) VALUES ({pid}, 1, 'U{pid}', '', 0, 0, "
                                    "'2026-12-03 15:00:00')"))
        connection.execute(text("INSERT INTO conventions (id, programme_id, mentor_id, mentee_id, status, starts_on, "
                                "planned_end_on, created_at, updated_at) VALUES (1, 1, 1, 2, 'active', '2026-12-01', "
                                "'2027-10-01', '2026-12-03 15:00:00', '2026-12-03 15:00:00')"))
        connection.execute(text(f"INSERT INTO notes (convention_id, author_id, body, created_at, updated_at) VALUES "
                                f"(1, 2, '{CANARY} before', '2026-12-03 15:00:00', '2026-12-03 15:00:00')"))
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        (stored,) = connection.execute(text("SELECT body FROM notes")).scalars()
    assert stored.startswith("f1:") and CANARY not in stored
    with session_scope(make_session_factory(engine)) as session:
        assert session.scalars(select(Note.body)).one() == f"{CANARY} before"
