"""Several programmes in one pass: on PostgreSQL they are planned side by side, on SQLite in turn.

Either way every side of every due convention gets exactly one nudge, in its own programme's
pass, and a second pass (or two passes at once) writes nothing new.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from sqlalchemy import select, text

from benchmarks.reminders import NOW, PROGRAMMES, seed_base, seed_conventions
from scheduling import planner
from storage.db import make_engine, make_session_factory
from storage.models import Convention, Programme, Reminder

# The planner's SQL itself (upserts, concurrent passes, PostgreSQL's locks): every test on both backends.
pytestmark = pytest.mark.both_databases

CONVENTIONS = 60


@pytest.fixture
def seeded(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    seed_base(engine)
    seed_conventions(engine, 0, CONVENTIONS)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def _nudged(factory) -> Counter[tuple[int, int]]:  # type: ignore[no-untyped-def]
    with factory() as session:
        rows = session.execute(select(Convention.programme_id, Reminder.recipient_id)
                               .join(Convention, Convention.id == Reminder.convention_id)
                               .where(Reminder.kind == planner.MONTHLY_NUDGE)).all()
    return Counter((programme, person) for programme, person in rows)


@pytest.mark.parametrize("connections", [1, 2, 3])
def test_every_programme_nudges_each_side_once(seeded, connections: int,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planner, "PLANNER_CONNECTIONS", connections)
    report = planner.plan(seeded, NOW)
    assert report.nudges == 2 * CONVENTIONS
    nudged = _nudged(seeded)
    assert set(nudged.values()) == {1}, "nobody is nudged twice"
    per_programme = Counter(programme for programme, _person in nudged)
    assert per_programme == {p + 1: 2 * CONVENTIONS // PROGRAMMES for p in range(PROGRAMMES)}
    assert planner.plan(seeded, NOW).nudges == 0, "a second pass finds everything planned"


def test_two_passes_at_once_write_each_nudge_once(seeded, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(planner, "PLANNER_CONNECTIONS", 2)
    written: list[int] = []
    errors: list[BaseException] = []

    def one_pass() -> None:
        try:
            written.append(planner.plan(seeded, NOW).nudges)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    passes = [threading.Thread(target=one_pass) for _ in range(2)]
    for thread in passes:
        thread.start()
    for thread in passes:
        thread.join(60)
    assert not errors
    assert sum(written) == 2 * CONVENTIONS
    assert set(_nudged(seeded).values()) == {1}


def _waiting_on_a_lock(factory) -> bool:  # type: ignore[no-untyped-def]
    with factory() as session:
        return bool(session.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")))


def test_a_pass_racing_another_on_the_same_rows_skips_theirs(seeded, database_url: str) -> None:  # type: ignore[no-untyped-def]
    """The second pass tries to write the rows the first has written but not committed; PostgreSQL
    makes it wait, then refuses the duplicate keys: it writes again, skipping them, without failing."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer: the second pass waits for the first before reading, so never races")
    with seeded() as first, seeded() as other:
        programme = first.get(Programme, 1)
        assert planner.plan_nudges(first, programme, NOW) == 2 * CONVENTIONS // PROGRAMMES
        outcome: list[int | BaseException] = []

        def second_pass() -> None:
            try:
                outcome.append(planner.plan_nudges(other, other.get(Programme, 1), NOW))
                other.commit()
            except BaseException as error:  # reported by the assertion below
                outcome.append(error)

        racer = threading.Thread(target=second_pass)
        racer.start()
        deadline = time.monotonic() + 30
        while not _waiting_on_a_lock(seeded) and racer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)  # until the second pass waits on the first one's uncommitted rows
        assert _waiting_on_a_lock(seeded), "the second pass should be waiting for the first"
        first.commit()
        racer.join(30)
    assert outcome == [0]
    assert set(_nudged(seeded).values()) == {1}
