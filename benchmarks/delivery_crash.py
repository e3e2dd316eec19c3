"""What a crash doubles: `kill -9` of one of two delivery workers mid-delivery, ten times over.

    python -m benchmarks.delivery_crash [--kills 10] [--reminders 400] [--check]

Each round starts from a fresh database on a temporary PostgreSQL (tests/support/postgres.py) with
`--reminders` convention invitations due, and a Slack emulator that answers a share of the calls
429 (with Retry-After) or 500, as a busy Slack does. Two real `mentorat tick` processes deliver side by
side; once a quarter of the invitations have reached Slack, one of them is killed outright (SIGKILL),
at whatever point of a send it happens to be. The survivor finishes, then a tick run after the dead
worker's lease has run out sends what it had claimed. Slack's chat.postMessage has no idempotency key,
so a message whose call was under way at the kill may arrive twice: that is the contract (at least
once). The baseline of the same run is a round with no kill.

Prints, per round, the messages doubled and lost; then the doubles per kill (mean and worst) against
the bound of what can be in flight (one message per sending thread of the killed worker). Targets:
nothing lost, and never more doubles in a round than that bound. Exit 0 unless --check and a miss.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.demo.slack_emulator import SlackEmulator
from scheduling.delivery import SEND_THREADS
from storage.migrate import upgrade
from storage.models import ReminderStatus
from tests.scenarios.delivery_helpers import NOW, delivered, finish, seed_invitations, statuses, tick, unfinished
from tests.support.postgres import postgres_server, unique_database_name

KILL_AT_SHARE = 0.25  # of the invitations already posted when the worker is killed
WAIT_TIMEOUT = 120.0


@dataclass
class Round:

    doubled: int
    lost: int
    unsent_rows: int
    seconds: float


def run_round(server: Any, reminders: int, *, kill: bool) -> Round:
    url = server.create_database(unique_database_name("bench_crash"))
    upgrade(url)
    try:
        with SlackEmulator(team_id="T0TEST") as emu:
            expected = seed_invitations(url, emu, pairs=reminders // 2)
            emu.fail_rate("chat.postMessage", share=0.1, status=429, retry_after=1, seed=3)
            emu.fail_rate("chat.postMessage", share=0.05, status=500, seed=5)
            started = time.perf_counter()
            workers = [tick(url, emu, NOW) for _ in range(2)]
            if kill:
                deadline = time.monotonic() + WAIT_TIMEOUT
                while len(emu.calls("chat.postMessage", ok_only=True)) < reminders * KILL_AT_SHARE:
                    if time.monotonic() > deadline or workers[0].poll() is not None:
                        break
                    time.sleep(0.01)
                os.kill(workers[0].pid, signal.SIGKILL)
                workers[0].wait(timeout=30)
                finish(workers[1])
            else:
                for worker in workers:
                    finish(worker)
            # What is left: the 429s and 500s to retry, and (after a kill) what the dead worker had claimed,
            # each tick a day later (past every backoff and the dead worker's lease).
            for day in range(1, 21):
                if not unfinished(url):
                    break
                finish(tick(url, emu, NOW + timedelta(days=day)))
            seconds = time.perf_counter() - started
            emu.clear_failures()
            got = delivered(emu)
        counts = statuses(url)
        return Round(doubled=sum(n - 1 for n in got.values() if n > 1), lost=len(expected - set(got)),
                     unsent_rows=sum(n for status, n in counts.items() if status != ReminderStatus.SENT),
                     seconds=seconds)
    finally:
        server.drop_database(url.rsplit("/", 1)[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.delivery_crash", description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--reminders", type=int, default=400)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    bound = SEND_THREADS  # the killed worker's sending threads: at most one message in flight each
    rounds: list[Round] = []
    with postgres_server() as server:
        baseline = run_round(server, args.reminders, kill=False)
        print(f"baseline   no kill: doubled {baseline.doubled}, lost {baseline.lost}, rows not sent "
              f"{baseline.unsent_rows}, {baseline.seconds:.1f} s", flush=True)
        for number in range(1, args.kills + 1):
            found = run_round(server, args.reminders, kill=True)
            rounds.append(found)
            print(f"kill {number:>2}    doubled {found.doubled}, lost {found.lost}, rows not sent {found.unsent_rows}, "
                  f"{found.seconds:.1f} s", flush=True)
    doubles = [r.doubled for r in rounds]
    print(f"doubles per kill: mean {statistics.mean(doubles):.1f}, worst {max(doubles)}, total {sum(doubles)} over "
          f"{len(rounds)} kills of {args.reminders} invitations each (bound: {bound} in flight per worker)")
    checks = [("nothing lost, every row sent", all(r.lost == 0 and r.unsent_rows == 0 for r in [baseline, *rounds])),
              (f"at most {bound} doubles per kill (what was in flight)", max(doubles) <= bound),
              ("none doubled without a kill", baseline.doubled == 0)]
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 1 if args.check and not all(ok for _label, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
