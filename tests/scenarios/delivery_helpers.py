"""Outbox delivery by real `mentorat tick` processes: seed due invitations, run ticks, count what Slack got.

Shared by tests/scenarios/test_delivery_workers.py (small sizes) and benchmarks/delivery_workers.py (load sizes).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.demo.slack_emulator import SlackEmulator, button_value
from bot.services import outbox
from bot.services.convention_versions import current
from storage.crypto import KEY_VARIABLE, new_key
from storage.db import make_engine, make_session_factory
from storage.models import Convention, ConventionStatus, Person, Programme, Reminder, ReminderStatus, Workspace

# The suite's data key (tests/conftest.py), or one of the helpers' own when a benchmark runs them: read at first
# use, it seals what they seed and the tick processes inherit it.
os.environ.setdefault(KEY_VARIABLE, new_key())

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in Toronto
TICK_TIMEOUT = 300  # seconds, per `mentorat tick` process
MAX_TICKS = 5  # a tick delivers up to 5,000 rows; a few more rounds at most

Delivery = tuple[str, str]  # (DM channel, convention id)


def seed_invitations(url: str, emu: SlackEmulator, pairs: int, now: datetime = NOW) -> set[Delivery]:
    """`pairs` conventions awaiting signatures, each with its two invitations due in the outbox.

    Returns what Slack should receive: one invitation per (person, convention).
    """
    engine = make_engine(url, one_shot=True)
    try:
        with make_session_factory(engine).begin() as session:
            workspace = Workspace(platform="slack", external_id="T0TEST", name="Test", created_at=now)
            session.add(workspace)
            session.flush()
            programme = Programme(workspace_id=workspace.id, name="Mentorat", created_at=now)
            coordinator = Person(workspace_id=workspace.id, external_id="UCOORD", timezone="America/Toronto",
                                 created_at=now)
            people = [Person(workspace_id=workspace.id, external_id=f"U{side}{i:05d}", timezone="America/Toronto",
                             created_at=now) for i in range(pairs) for side in "RE"]
            session.add_all([programme, coordinator, *people])
            session.flush()
            version_id = current(session, programme, now=now).id
            conventions = [
                Convention(programme_id=programme.id, version_id=version_id, mentor_id=people[2 * i].id,
                           mentee_id=people[2 * i + 1].id,
                           paired_by_id=coordinator.id, status=ConventionStatus.AWAITING_SIGNATURES,
                           starts_on=date(2026, 12, 1), planned_end_on=date(2027, 10, 1), created_at=now,
                           updated_at=now)
                for i in range(pairs)
            ]
            session.add_all(conventions)
            session.flush()
            expected: set[Delivery] = set()
            for i, convention in enumerate(conventions):
                for person in people[2 * i:2 * i + 2]:
                    outbox.enqueue(session, kind="convention_invite", recipient_id=person.id,
                                   convention_id=convention.id, due_at=now - timedelta(minutes=1), now=now,
                                   essential=True, dedupe_key=f"convention_invite:{convention.id}:{person.id}")
                    expected.add((f"D{person.external_id}", str(convention.id)))
    finally:
        engine.dispose()
    emu.add_user("UCOORD", "camille")
    for person in people:
        emu.add_user(person.external_id, person.external_id.lower())
    return expected


def delivered(emu: SlackEmulator) -> Counter[Delivery]:
    """Invitations Slack accepted, per (DM channel, convention)."""
    return Counter((m["channel"], button_value(m, "convention-accept") or "?") for m in emu.messages())


def statuses(url: str) -> Counter[str]:
    engine = make_engine(url, one_shot=True)
    try:
        with engine.connect() as conn:
            return Counter(dict(conn.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all()))
    finally:
        engine.dispose()


def unfinished(url: str) -> int:
    counts = statuses(url)
    return counts[ReminderStatus.PENDING] + counts[ReminderStatus.CLAIMED]


def tick(url: str, emu: SlackEmulator, now: datetime) -> subprocess.Popen[str]:
    """A real `mentorat tick --now …` process (plan, deliver what is due, exit), with this process's data key."""
    env = {**os.environ, "SLACK_BOT_TOKEN": emu.bot_token, "SLACK_API_URL": emu.api_url, "DATABASE_URL": url,
           "MENTORAT_COORDINATORS": "UCOORD"}
    return subprocess.Popen([sys.executable, "-m", "bot", "tick", "--now", now.isoformat()], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> int:
    """Wait for a tick; how many rows it sent."""
    out, err = process.communicate(timeout=TICK_TIMEOUT)
    assert process.returncode == 0, err[-3000:]
    found = re.search(r"delivered: (\d+) sent", out)
    assert found, f"tick printed no delivery line: {out[-500:]}"
    return int(found.group(1))


def tick_until_done(url: str, emu: SlackEmulator, now: datetime, workers: int) -> list[int]:
    """Run `workers` ticks side by side, again while something is left (bounded); how many each sent."""
    sent: list[int] = []
    for _ in range(MAX_TICKS):
        sent += [finish(process) for process in [tick(url, emu, now) for _ in range(workers)]]
        if not unfinished(url):
            return sent
    raise AssertionError(f"still unfinished after {MAX_TICKS} rounds: {statuses(url)}")
