"""Files behind links (.ics, PDFs, charts): the link expires after 30 days, and the planner's pass deletes the bytes."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.notify import Attachment
from bot.services import shared_files
from bot.services.people import ensure_person, ensure_workspace
from scheduling.planner import plan
from storage.db import SessionFactory, session_scope
from storage.models import SharedFile
from tests.services.conftest import NOW


def share(factory: SessionFactory, name: str, at: datetime) -> str:
    with session_scope(factory) as session:
        workspace = ensure_workspace(session, platform="teams", external_id="tenant", now=NOW)
        person = ensure_person(session, workspace, "0a000000-0000-4000-8000-000000000001", now=NOW)
        return shared_files.share(session, person.id, Attachment(name, b"BEGIN:VCALENDAR", name), at)


def test_expired_files_are_deleted_by_the_planner_pass_and_their_links_are_dead(factory: SessionFactory) -> None:
    old = share(factory, "old.ics", NOW)
    recent = share(factory, "recent.ics", NOW + timedelta(days=20))
    later = NOW + shared_files.LIFETIME + timedelta(days=1)
    report = plan(factory, later)
    assert report.files_purged == 1
    with session_scope(factory) as session:
        assert shared_files.fetch(session, old, later) is None
        kept = shared_files.fetch(session, recent, later)
        assert kept is not None and kept.filename == "recent.ics"
        assert session.scalar(select(func.count(SharedFile.id))) == 1
    assert plan(factory, later).files_purged == 0  # nothing left to purge: the pass is idempotent


def test_a_link_is_dead_once_expired_even_before_the_purge(factory: SessionFactory) -> None:
    token = share(factory, "invite.ics", NOW)
    with session_scope(factory) as session:
        assert shared_files.fetch(session, token, NOW + timedelta(days=29)) is not None
        assert shared_files.fetch(session, token, NOW + shared_files.LIFETIME) is None
