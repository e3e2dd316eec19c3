"""The programmes migration on a database from before it: every convention keeps its terms as version 1."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from storage.db import make_engine, make_session_factory, session_scope
from storage.migrate import upgrade
from storage.models import Convention, Meeting, Programme

STAMP = "'2026-12-03 15:00:00'"


def test_the_default_programme_and_its_conventions_come_through_whole(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before.db'}"
    upgrade(url, "0014")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"INSERT INTO workspaces (id, platform, external_id, name, created_at) "
                                f"VALUES (1, 'slack', 'T1', '', {STAMP})"))
        connection.execute(text(
            "INSERT INTO programmes (id, workspace_id, name, language, timezone, length_months, meeting_every_days,"
            " meeting_min_minutes, meeting_max_minutes, reminder_hour, closing_notice_days, created_at)"
            f" VALUES (1, 1, 'Mentorat', 'fr', 'America/Toronto', 8, 21, 45, 75, 10, 20, {STAMP})"))
        for pid in (1, 2):
            connection.execute(text(f"INSERT INTO people (id, workspace_id, external_id, display_name, "
                                    f"is_workspace_admin, is_bot, created_at) VALUES ({pid}, 1, 'U{pid}', '', 0, 0, "
                                    f"{STAMP})"))
        connection.execute(text(
            "INSERT INTO conventions (id, programme_id, mentor_id, mentee_id, status, starts_on, planned_end_on,"
            f" created_at, updated_at) VALUES (1, 1, 1, 2, 'active', '2026-12-01', '2027-08-01', {STAMP}, {STAMP})"))
        connection.execute(text(
            "INSERT INTO meetings (convention_id, proposed_by_id, starts_at, duration_minutes, mode, status,"
            f" created_at, updated_at) VALUES (1, 1, '2026-12-10 15:00:00', 60, 'video', 'held', {STAMP}, {STAMP})"))
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with session_scope(make_session_factory(engine)) as session:
        programme = session.scalars(select(Programme)).one()
        convention = session.scalars(select(Convention)).one()
        version = convention.version
        assert (version.number, version.programme_name, version.length_months, version.meeting_every_days,
                version.meeting_min_minutes, version.meeting_max_minutes, version.closing_notice_days) == (
            1, "Mentorat", 8, 21, 45, 75, 20)
        assert convention.planned_end_on.isoformat() == "2027-08-01"
        assert programme.archived_at is None and programme.description == "" and programme.convention_parts == {}
        assert len(session.scalars(select(Meeting)).all()) == 1  # rebuilding conventions deleted nothing
    engine.dispose()
