"""What sealing typed text at rest costs, and how fast `mentorat keys rotate` re-seals.

1. The whole offline demo (ten months of one convention through the real app: every meeting, agenda,
   note, objective, bilan, the planner's passes), with encryption and without it, alternating, the
   medians compared (target: under 10 % slower).
2. Sealing and opening alone: notes written and read through the ORM, per second, both ways.
3. One planner pass on its own (SQLite, PLANNER_CONVENTIONS conventions with their meetings and a note
   each), with encryption and without it, alternating, the medians compared.
4. The rotation's throughput on PostgreSQL (the server of tests/support/postgres.py): rows per second.

    python -m benchmarks.encryption [--runs 3] [--rows 20000]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from bot.services.convention_versions import current
from storage import crypto
from storage.db import make_engine, make_session_factory, session_scope
from storage.migrate import upgrade
from storage.models import Base, Convention, Note, Person, Programme, Workspace
from storage.rotation import rotate

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
TARGET = 0.10


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def demo_once() -> None:
    from bot.demo.script import run_demo

    run_demo("fr")


def seed(url: str, rows: int) -> None:
    factory = make_session_factory(make_engine(url))
    with session_scope(factory) as session:
        workspace = Workspace(platform="slack", external_id="T1", created_at=NOW)
        session.add(workspace)
        session.flush()
        programme = Programme(workspace_id=workspace.id, name="P", created_at=NOW)
        a, b = (Person(workspace_id=workspace.id, external_id=f"U{n}", created_at=NOW) for n in (1, 2))
        session.add_all([programme, a, b])
        session.flush()
        convention = Convention(programme_id=programme.id, version_id=current(session, programme, now=NOW).id,
                                mentor_id=a.id, mentee_id=b.id, starts_on=date(2026, 12, 1),
                                planned_end_on=date(2027, 10, 1), created_at=NOW, updated_at=NOW)
        session.add(convention)
        session.flush()
        body = "Une note de rencontre, avec ce qui a été dit et ce qui reste à faire. " * 4
        session.add_all([Note(convention_id=convention.id, author_id=b.id, body=f"{n} {body}", created_at=NOW,
                              updated_at=NOW) for n in range(rows)])


PLANNER_CONVENTIONS = 5_000


def planner_pass(path: Path) -> float:
    """Seconds for one all-due planner pass over a fresh database (what it writes is sealed or not)."""
    from benchmarks.reminders import NOW as DUE
    from benchmarks.reminders import seed_base, seed_conventions
    from scheduling import planner

    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    seed_base(engine)
    seed_conventions(engine, 0, PLANNER_CONVENTIONS)
    factory = make_session_factory(engine)
    with session_scope(factory) as session:  # a note each: typed text the pass may have to read
        session.add_all([Note(convention_id=i + 1, author_id=2 * i + 2, body=f"note {i}", created_at=NOW,
                              updated_at=NOW) for i in range(PLANNER_CONVENTIONS)])
    seconds = timed(lambda: planner.plan(factory, DUE))
    engine.dispose()
    return seconds


def orm_rate(url: str, rows: int) -> tuple[float, float]:
    """(rows written a second, rows read a second) through the ORM."""
    write = timed(lambda: seed(url, rows))
    factory = make_session_factory(make_engine(url))

    def read() -> None:
        with session_scope(factory) as session:
            assert len(session.scalars(select(Note.body)).all()) == rows

    return rows / write, rows / timed(read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    crypto.use_keys([crypto.new_key()])

    sealed, plain = [], []
    for _ in range(args.runs):  # alternating: these machines are noisy
        sealed.append(timed(demo_once))
        with crypto.bypassed_for_benchmark():
            plain.append(timed(demo_once))
    s, p = statistics.median(sealed), statistics.median(plain)
    print(f"1. the offline demo, median of {args.runs}: {s:.1f} s sealed, {p:.1f} s plain: "
          f"{(s / p - 1) * 100:+.1f} % (target under {TARGET * 100:.0f} %)")

    with tempfile.TemporaryDirectory(prefix="bench-encryption-") as folder:
        rates = {}
        for label, bypass in (("sealed", False), ("plain", True)):
            url = f"sqlite:///{Path(folder) / f'{label}.db'}"
            upgrade(url)
            with crypto.bypassed_for_benchmark() if bypass else contextlib.nullcontext():
                rates[label] = orm_rate(url, 5_000)
        print("2. notes through the ORM (SQLite), written / read a second: "
              f"sealed {rates['sealed'][0]:,.0f} / {rates['sealed'][1]:,.0f}, "
              f"plain {rates['plain'][0]:,.0f} / {rates['plain'][1]:,.0f}")

    with tempfile.TemporaryDirectory(prefix="bench-planner-") as folder:
        passes: dict[str, list[float]] = {"sealed": [], "plain": []}
        for _ in range(args.runs):
            for label, bypass in (("sealed", False), ("plain", True)):
                with crypto.bypassed_for_benchmark() if bypass else contextlib.nullcontext():
                    passes[label].append(planner_pass(Path(folder) / f"{label}-{len(passes[label])}.db"))
        s, p = statistics.median(passes["sealed"]), statistics.median(passes["plain"])
        print(f"3. one planner pass, {PLANNER_CONVENTIONS:,} conventions, median of {args.runs}: "
              f"{s * 1000:.0f} ms sealed, {p * 1000:.0f} ms plain: {(s / p - 1) * 100:+.1f} %")

    from tests.support.postgres import postgres_server

    with postgres_server() as server:
        url = server.create_database("bench_rotation")
        upgrade(url)
        seed(url, args.rows)
        crypto.use_keys([crypto.new_key(), *crypto.KEYRING.keys])
        seconds = timed(lambda: rotate(make_engine(url), Base.metadata, size=1000))
        print(f"4. keys rotate on PostgreSQL: {args.rows:,} notes in {seconds:.1f} s, "
              f"{args.rows / seconds:,.0f} rows a second")


if __name__ == "__main__":
    main()
