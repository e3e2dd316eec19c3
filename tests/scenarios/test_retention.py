"""Retention: a convention's free text goes exactly when the programme's retention period after its end is
over (injected clock), and the figures stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services.retention import purge_date
from storage.models import AuditEvent, Convention, Programme
from tests.scenarios.dispute_helpers import ask_early_end, bot
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import at, click_last
from tests.scenarios.test_erasure import everything_stored

__all__ = ["bot"]

TEXTS = ("NOTE-r1", "AGENDA-r2", "REASONS-r3")


def test_free_text_goes_at_the_end_of_retention_and_figures_stay(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", f"notes {TEXTS[0]}")
    bot.command("UMENTEE", f"ordre-du-jour {TEXTS[1]}")
    ask_early_end(bot, "UMENTOR", reason=TEXTS[2])
    click_last(bot, "UCOORD", "early-end-request-confirm")
    with bot.session_factory() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        due = purge_date(convention)
        assert due is not None and convention.closed_at is not None
        assert (due - convention.closed_at).days == 365  # 12 months by default
    at(bot, due - timedelta(minutes=1))
    stored = everything_stored(bot)
    assert all(text in stored for text in TEXTS), "kept until the last minute"
    at(bot, due + timedelta(minutes=1))
    stored = everything_stored(bot)
    for text in TEXTS:
        assert text not in stored, text
    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.status == "ended_early" and convention.texts_purged_at is not None
        assert convention.starts_on.isoformat() == "2026-11-23"  # the figures stay


@pytest.mark.both_databases
def test_the_audit_trail_goes_when_its_programme_keeps_it_no_longer(bot: Harness) -> None:
    bot.command("UCOORD", "aide")  # the programme, before its first pair
    with bot.session_factory() as session:
        session.scalars(select(Programme)).one().audit_retention_months = 6  # what its conventions will say
        session.commit()
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.command("UCOORD", "rapport")  # a report view is audited, for the programme
    with bot.session_factory() as session:
        assert session.get(Convention, convention_id).version.audit_retention_months == 6  # type: ignore[union-attr]
        events = session.scalars(select(AuditEvent)).all()
        assert {e.convention_id for e in events} == {convention_id, None}
        newest = max(e.at for e in events)
    at(bot, newest + timedelta(days=30 * 6 - 3))  # six months are not over yet
    with bot.session_factory() as session:
        assert len(session.scalars(select(AuditEvent).where(AuditEvent.at <= newest)).all()) == len(events)
    at(bot, newest + timedelta(days=186))
    with bot.session_factory() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.at <= newest)).all() == []
        assert session.get(Convention, convention_id) is not None  # the convention and its figures stay


def test_each_convention_keeps_its_trail_as_long_as_its_signed_version_says(bot: Harness) -> None:
    """Two pairs signed under different audit retentions: the purge honours each one's."""
    bot.command("UCOORD", "aide")
    with bot.session_factory() as session:
        session.scalars(select(Programme)).one().audit_retention_months = 6
        session.commit()
    short = pair_and_accept(bot, start="2026-11-23")
    with bot.session_factory() as session:
        session.scalars(select(Programme)).one().audit_retention_months = 24  # the next pairs are signed so
        session.commit()
    long = pair_and_accept(bot, "UMENTOR2", "UMENTEE2", start="2026-11-23")
    with bot.session_factory() as session:
        newest = max(session.scalars(select(AuditEvent.at)))
    at(bot, newest + timedelta(days=186))
    with bot.session_factory() as session:
        kept = {e.convention_id for e in session.scalars(select(AuditEvent).where(AuditEvent.at <= newest))}
    assert short not in kept and long in kept


def test_a_signed_convention_keeps_the_retention_it_promised(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    with bot.session_factory() as session:
        session.scalars(select(Programme)).one().text_retention_months = 120  # edited after the signature
        session.commit()
    bot.command("UMENTOR", "convention")
    assert "12 mois après la fin" in text_of(bot.last_response())
    with bot.session_factory() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None and convention.version.text_retention_months == 12
