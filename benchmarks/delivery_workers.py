"""Delivery workers at load size: `mentorat tick` processes side by side on one PostgreSQL, exactly once.

    python -m benchmarks.delivery_workers [--reminders 5000] [--workers 2] [--check]

`--reminders` convention invitations (two per pair) are due in the outbox of a fresh migrated
database on a temporary PostgreSQL (tests/support/postgres.py); the Slack emulator answers on
127.0.0.1 without limits. Measured in the same run, each on its own fresh database:

1. start-up: one `mentorat tick` on an empty outbox (the cost of a process before it sends anything);
2. baseline: one `mentorat tick` process delivers every invitation;
3. `--workers` processes started together deliver them (FOR UPDATE SKIP LOCKED claims), again while
   something is left (a tick delivers up to 5,000 rows).

For each: wall time from the start to the last exit, messages per second with and without the
start-up, what each process sent, invitations lost and doubled, rows not marked sent.
Targets (PASS/FAIL): 0 lost, 0 doubled, every row sent, every process sent some. The exit code is 0
whatever the figures, unless --check is given. All traffic stays on 127.0.0.1.

The test-suite proves the same with six claim batches (tests/scenarios/test_delivery_workers.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from typing import Any

from bot.demo.slack_emulator import SlackEmulator
from storage.migrate import upgrade
from storage.models import ReminderStatus
from tests.scenarios.delivery_helpers import NOW, delivered, finish, seed_invitations, statuses, tick, tick_until_done
from tests.support.postgres import postgres_server, unique_database_name


@dataclass
class Figures:
    label: str
    workers: int
    reminders: int
    seconds: float
    sent_by_process: list[int]
    lost: int
    doubled: int
    unsent_rows: int

    def rate(self, startup_s: float = 0.0) -> float:
        busy = self.seconds - startup_s
        return self.reminders / busy if busy > 0 else 0.0

    def ok(self) -> bool:
        first_round = self.sent_by_process[: self.workers]
        return self.lost == 0 and self.doubled == 0 and self.unsent_rows == 0 and all(first_round)


def fresh_database(server: Any) -> str:
    url = server.create_database(unique_database_name("bench_delivery"))
    upgrade(url)
    return url


def measure_startup(server: Any) -> float:
    url = fresh_database(server)
    with SlackEmulator(team_id="T0TEST") as emu:
        started = time.perf_counter()
        finish(tick(url, emu, NOW))
        seconds = time.perf_counter() - started
    server.drop_database(url.rsplit("/", 1)[-1])
    return seconds


def measure(server: Any, label: str, reminders: int, workers: int) -> Figures:
    url = fresh_database(server)
    with SlackEmulator(team_id="T0TEST") as emu:
        expected = seed_invitations(url, emu, pairs=reminders // 2)
        started = time.perf_counter()
        sent = tick_until_done(url, emu, NOW, workers)
        seconds = time.perf_counter() - started
        got = delivered(emu)
    counts = statuses(url)
    server.drop_database(url.rsplit("/", 1)[-1])
    return Figures(
        label=label, workers=workers, reminders=len(expected), seconds=seconds, sent_by_process=sent,
        lost=len(expected - set(got)), doubled=sum(n - 1 for n in got.values() if n > 1),
        unsent_rows=sum(n for status, n in counts.items() if status != ReminderStatus.SENT),
    )


def describe(f: Figures, startup_s: float) -> str:
    return (f"{f.label:<10} {f.workers} process(es), {f.reminders:,} invitations in {f.seconds:6.1f} s = "
            f"{f.rate():6.1f} msg/s ({f.rate(startup_s):6.1f} msg/s without the start-up); sent per process "
            f"{f.sent_by_process}; lost {f.lost}, doubled {f.doubled}, rows not sent {f.unsent_rows}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reminders", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with postgres_server() as server:
        startup_s = measure_startup(server)
        print(f"start-up   one `mentorat tick` on an empty outbox: {startup_s:.1f} s", flush=True)
        baseline = measure(server, "baseline", args.reminders, 1)
        print(describe(baseline, startup_s), flush=True)
        side_by_side = measure(server, "together", args.reminders, args.workers)
        print(describe(side_by_side, startup_s), flush=True)
    speedup = baseline.seconds / side_by_side.seconds if side_by_side.seconds else 0.0
    print(f"ratio      {args.workers} processes take {1 / speedup if speedup else 0:.2f}x the time of one "
          f"(speed-up {speedup:.2f}x)")
    verdicts = [(f"{f.label}: 0 lost, 0 doubled, every row sent, every process sent some", f.ok())
                for f in (baseline, side_by_side)]
    print("Targets:")
    for label, ok in verdicts:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 1 if args.check and not all(ok for _, ok in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
