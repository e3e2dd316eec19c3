"""Time to the reply of `/mentorat statut`: Mentorat as `mentorat serve` runs it, next to a bare Bolt app.

    python -m benchmarks.ack_latency [--seconds 20] [--clients 20] [--rates 5 20 50] [--database-url URL] [--check]

Each server runs in its own process behind waitress on 127.0.0.1 (`mentorat serve`'s thread count) and
talks to the Slack emulator (bot/demo/slack_emulator.py) in this process. Client threads send signed
`/mentorat statut` slash commands at a steady offered rate and the emulator notes when each command's
reply reaches its response_url: that is what a person waits for. Mentorat does everything it does in
production (the gate's signature and replay checks, the database, rendering the status); the bare
Bolt app acks and replies a fixed text, the floor of the same stack. The RSS of each server is read
after each run.

Targets at the highest rate: reply p99 under 300 ms, at most 2 times the bare app's, and Mentorat's
RSS under 200 MiB. The exit code is 0 whatever the figures, unless --check is given.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import inspect
import json
import logging
import multiprocessing
import os
import platform
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.server import RunningServer, make_server, serve_forever

SIGNING_SECRET = "bench-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-bench"
TEAM_ID = "T0BENCH"
APP_ID = "A0MENTORAT"
COORDINATOR, MENTOR, MENTEE = "UCOORD", "UMENTOR", "UMENTEE"
BENCH_USER = MENTOR  # has one active convention: `statut` reads it and renders it after the ack
EVENTS_PATH = "/slack/events"

P99_TARGET_MS = 300.0
RATIO_TARGET = 2.0
RSS_TARGET_MIB = 200.0
RATES = (5.0, 20.0, 50.0)
BARE_REPLY = "Statut"
REPLY_TIMEOUT = 30.0  # seconds to wait, after a run, for the replies still owed
WARMUP_SECONDS = 1.0
REQUEST_TIMEOUT = 10.0
MAX_REQUESTS_PER_CLIENT = 200_000  # a bound besides the clock
SEED_TIMEOUT = 30.0
# What `mentorat serve` uses: make_server's default.
SERVER_THREADS: int = inspect.signature(make_server).parameters["threads"].default


# --------------------------------------------------------------------------- the two servers


def serve(app: Any) -> RunningServer:
    """`mentorat serve`'s server (make_server, default threads) on a loopback port, in a thread."""
    running = make_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=serve_forever, args=(running,), daemon=True, name=f"waitress-{running.port}")
    thread.start()
    running._thread = thread
    return running


def start_mentorat(api_url: str, database_url: str) -> tuple[int, Callable[[], None]]:
    """What `mentorat serve` runs, in one process: create_app, its HTTP routes (the Slack gate), the scheduler."""
    from bot.app import create_app
    from bot.config import Settings
    from bot.startup import check_slack_token
    from scheduling.scheduler import start_scheduler
    from storage.db import make_engine, make_session_factory

    settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=api_url,
                        database_url=database_url, coordinators=(COORDINATOR,))
    engine = make_engine(database_url)
    mentorat = create_app(settings, make_session_factory(engine))
    check_slack_token(mentorat.deps.client, settings)
    running = serve(mentorat.http_app(engine))
    scheduler = start_scheduler(mentorat.jobs)  # `mentorat serve` also plans and delivers reminders

    def stop() -> None:
        scheduler.shutdown(wait=False)
        running.close()
        mentorat.close()
        engine.dispose()

    return running.port, stop


def start_bare(api_url: str, _database_url: str = "") -> tuple[int, Callable[[], None]]:
    """The floor: Bolt as it comes, behind the same server, acking and replying through response_url."""
    # The client carries the token (Bolt would warn that token= is unused next to client=).
    bolt = App(signing_secret=SIGNING_SECRET, client=WebClient(token=BOT_TOKEN, base_url=api_url),
               token_verification_enabled=False)

    @bolt.command("/mentorat")
    def answer(ack: Ack, respond: Respond) -> None:
        ack()
        respond(text=BARE_REPLY)

    running = serve(SlackRequestHandler(bolt, path=EVENTS_PATH))
    return running.port, running.close


STARTERS: dict[str, Callable[[str, str], Any]] = {"mentorat": start_mentorat, "bare": start_bare}


def _child(kind: str, api_url: str, database_url: str, pipe: Connection) -> None:
    """One server per process, as in production (Slack and the clients are elsewhere)."""
    quiet_logs()
    port, stop = STARTERS[kind](api_url, database_url)
    pipe.send((port, os.getpid()))
    with contextlib.suppress(EOFError):  # any message, or the parent going away, means stop
        pipe.recv()
    stop()


@dataclass
class Target:
    name: str
    port: int
    stop: Callable[[], None]
    pid: int
    host: str = "127.0.0.1"


def start_target(kind: str, api_url: str, database_url: str) -> Target:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(kind, api_url, database_url, child), name=f"bench-{kind}",
                              daemon=True)
    process.start()
    if not parent.poll(60):
        process.terminate()
        raise RuntimeError(f"the {kind} server did not start within 60 s")
    port, pid = parent.recv()

    def stop() -> None:
        with contextlib.suppress(OSError):
            parent.send("stop")
        process.join(15)
        if process.is_alive():
            process.terminate()
            process.join(5)

    return Target(kind, port, stop, pid)


def rss_mib(pid: int) -> float:
    """The process's resident memory now (Linux /proc), in MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# --------------------------------------------------------------------------- signed requests


class Signer:
    def __init__(self) -> None:
        self._verifier = SignatureVerifier(SIGNING_SECRET)

    def headers(self, body: str) -> dict[str, str]:
        timestamp = str(int(time.time()))
        return {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": self._verifier.generate_signature(timestamp=timestamp, body=body),
        }


_numbers = iter(range(1, sys.maxsize))
_numbers_lock = threading.Lock()


def _next() -> int:
    with _numbers_lock:
        return next(_numbers)


def command_body(emulator: Any, user: str, text: str, response_name: str) -> str:
    n = _next()
    return urllib.parse.urlencode({
        "token": "legacy", "team_id": TEAM_ID, "team_domain": "bench", "channel_id": f"D{user}",
        "channel_name": "directmessage", "user_id": user, "user_name": user.lower(), "command": "/mentorat",
        "text": text, "api_app_id": APP_ID, "is_enterprise_install": "false",
        "response_url": emulator.response_url(response_name), "trigger_id": f"trigger-{n}",
    })


def click_body(emulator: Any, user: str, action_id: str, value: str, message: dict[str, Any], response_name: str) -> str:
    n = _next()
    channel = emulator.im_channel_id(user)
    payload = {
        "type": "block_actions", "team": {"id": TEAM_ID, "domain": "bench"},
        "user": {"id": user, "team_id": TEAM_ID, "username": user.lower()}, "api_app_id": APP_ID,
        "trigger_id": f"trigger-{n}",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": f"{n}.0"}],
        "container": {"type": "message", "channel_id": channel, "message_ts": message.get("ts", f"{n}.000")},
        "channel": {"id": channel}, "message": message, "response_url": emulator.response_url(response_name),
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def post_once(target: Target, body: str, signer: Signer) -> int:
    conn = http.client.HTTPConnection(target.host, target.port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("POST", EVENTS_PATH, body=body.encode(), headers=signer.headers(body))
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


# --------------------------------------------------------------------------- seeding


def start_emulator() -> Any:
    from bot.demo.slack_emulator import SlackEmulator

    emulator = SlackEmulator(bot_token=BOT_TOKEN, team_id=TEAM_ID).start()
    emulator.add_user(COORDINATOR, "camille", "Camille Coordination", tz="America/Toronto", locale="fr-CA")
    emulator.add_user(MENTOR, "marie", "Marie Mentor", tz="America/Vancouver", locale="fr-CA")
    emulator.add_user(MENTEE, "sam", "Sam Mentoré", tz="Europe/Paris", locale="en-US")
    emulator.add_user("UOTHER", "olivier", "Olivier Outsider", tz="America/Toronto", locale="fr-CA")
    return emulator


def wait_for(what: str, probe: Callable[[], Any], timeout: float = SEED_TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.05)
    raise RuntimeError(f"seeding: gave up waiting for {what} after {timeout:.0f} s")


def has_active_convention(database_url: str) -> bool:
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from storage.db import make_engine
    from storage.models import Convention, ConventionStatus, Person

    engine = make_engine(database_url, one_shot=True)
    try:
        mentor = aliased(Person)
        with engine.connect() as conn:
            count = conn.scalar(
                select(func.count(Convention.id))
                .join(mentor, Convention.mentor_id == mentor.id)
                .where(mentor.external_id == MENTOR, Convention.status == ConventionStatus.ACTIVE)
            )
        return bool(count)
    finally:
        engine.dispose()


def _invite(emulator: Any, user: str) -> dict[str, Any] | None:
    from bot.demo.slack_emulator import text_of

    invites = [m for m in emulator.messages_to(user) if "J'accepte" in text_of(m) or "I accept" in text_of(m)]
    return invites[-1] if invites else None


def _button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in block.get("elements", []) or []:
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise RuntimeError(f"seeding: no {action_id} button in the invitation")


def seed(target: Target, emulator: Any, database_url: str, signer: Signer) -> None:
    """One active convention for BENCH_USER, made the way people make it: pair, then both accept."""
    from bot.demo.slack_emulator import text_of

    if not has_active_convention(database_url):
        status = post_once(target, command_body(emulator, COORDINATOR, f"jumeler <@{MENTOR}|marie> <@{MENTEE}|sam>",
                                                "seed-pair"), signer)
        if status != 200:
            raise RuntimeError(f"seeding: /mentorat jumeler answered HTTP {status}")
        for user in (MENTOR, MENTEE):
            invite = wait_for(f"the invitation to {user}", lambda user=user: _invite(emulator, user))
            value = _button_value(invite, "convention-accept")
            name = f"seed-accept-{user}"
            status = post_once(target, click_body(emulator, user, "convention-accept", value, invite, name), signer)
            if status != 200:
                raise RuntimeError(f"seeding: the accept click answered HTTP {status}")
            wait_for(f"the answer to {user}'s click", lambda name=name: emulator.responses(name))
        wait_for("the active convention", lambda: has_active_convention(database_url))
    # `statut` must show the convention: that is the work done after each ack.
    status = post_once(target, command_body(emulator, BENCH_USER, "statut", "seed-statut"), signer)
    reply = wait_for("the answer to /mentorat statut", lambda: emulator.responses("seed-statut"))
    if status != 200 or f"<@{MENTEE}>" not in text_of(reply[-1]):
        raise RuntimeError(f"seeding: /mentorat statut does not show the convention: {text_of(reply[-1])[:300]!r}")


# --------------------------------------------------------------------------- load


@dataclass
class Result:
    name: str
    rate: float
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds from the request to its response_url reply
    sent: int = 0
    errors: int = 0  # not acked with 200, or no reply within REPLY_TIMEOUT
    rss: float = float("nan")  # the server's resident memory after the run, MiB

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile, in ms."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
        return ordered[rank - 1] * 1000


def _client(target: Target, emulator: Any, signer: Signer, start: threading.Barrier, window: list[float],
            pace: tuple[float, float], sent: list[tuple[str, float, bool]]) -> None:
    """Send `statut` at the paced moments of the window; note each reply's name and when it was asked for."""
    interval, offset = pace
    conn = http.client.HTTPConnection(target.host, target.port, timeout=REQUEST_TIMEOUT)
    start.wait()
    measure_from, stop_at = window
    try:
        for k in range(MAX_REQUESTS_PER_CLIENT):
            time.sleep(max(0.0, measure_from + offset + k * interval - time.time()))
            if time.time() >= stop_at:
                break
            name = f"bench-{_next()}"
            text = command_body(emulator, BENCH_USER, "statut", name)
            body, headers = text.encode(), signer.headers(text)
            began = time.time()
            try:
                conn.request("POST", EVENTS_PATH, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()  # request() reconnects
            sent.append((name, began, ok))
    finally:
        conn.close()


def reply_times(emulator: Any) -> dict[str, float]:
    """When each response_url received its first reply (the emulator's wall clock), by reply name."""
    names = emulator.response_names()
    found: dict[str, float] = {}
    for call in emulator.calls("response_url", ok_only=True):
        name = names.get(call.args.get("id", ""))
        if name is not None and name not in found:
            found[name] = call.at
    return found


def run_load(target: Target, emulator: Any, *, clients: int, seconds: float, rate: float) -> Result:
    """`rate` requests a second spread over `clients` threads for `seconds`; then wait for the replies."""
    signer = Signer()
    interval = clients / rate
    window = [0.0, 0.0]
    sent: list[tuple[str, float, bool]] = []

    def open_window() -> None:
        now = time.time() + WARMUP_SECONDS
        window[0], window[1] = now, now + seconds

    start = threading.Barrier(clients + 1, action=open_window)
    threads = [threading.Thread(target=_client, args=(target, emulator, signer, start, window,
                                                      (interval, i * interval / clients), sent),
                                name=f"client-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join(WARMUP_SECONDS + seconds + REQUEST_TIMEOUT + 5)
    deadline = time.time() + REPLY_TIMEOUT
    while time.time() < deadline:
        replied = reply_times(emulator)
        if all(name in replied for name, _began, ok in sent if ok):
            break
        time.sleep(0.2)
    replied = reply_times(emulator)
    result = Result(target.name, rate, seconds, sent=len(sent), rss=rss_mib(target.pid))
    for name, began, ok in sent:
        if ok and name in replied:
            result.latencies.append(replied[name] - began)
        else:
            result.errors += 1
    return result


# --------------------------------------------------------------------------- report


def report(results: list[Result], args: argparse.Namespace) -> bool:
    print()
    print(f"cpu count: {os.cpu_count()}   python {platform.python_version()} ({platform.machine()})   "
          f"waitress threads: {SERVER_THREADS}   one process per server   {args.clients} client threads   "
          f"{args.seconds:g} s per rate")
    print("time from the request to its reply through response_url; bare: Bolt as it comes, replying a fixed text")
    print(f"{'target':<10}{'req/s':>7}{'sent':>7}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'RSS MiB':>9}")
    for r in results:
        print(f"{r.name:<10}{r.rate:>7g}{r.sent:>7}{r.errors:>8}{r.percentile(50):>9.1f}{r.percentile(99):>9.1f}"
              f"{max(r.latencies, default=0) * 1000:>9.1f}{r.rss:>9.1f}")
    checks = []
    for rate in args.rates:
        mentorat = next(r for r in results if r.name == "mentorat" and r.rate == rate)
        bare = next(r for r in results if r.name == "bare" and r.rate == rate)
        ratio = mentorat.percentile(99) / bare.percentile(99) if bare.percentile(99) > 0 else float("inf")
        print(f"at {rate:g} req/s: p99 ratio mentorat/bare {ratio:.2f}")
        if rate == max(args.rates):
            checks += [(f"mentorat reply p99 < {P99_TARGET_MS:g} ms at {rate:g} req/s",
                        mentorat.percentile(99) < P99_TARGET_MS, f"{mentorat.percentile(99):.1f} ms"),
                       (f"p99 within {RATIO_TARGET:g}x bare Bolt at {rate:g} req/s", ratio <= RATIO_TARGET,
                        f"{ratio:.2f}")]
    peak = max((r.rss for r in results if r.name == "mentorat"), default=float("nan"))
    checks += [(f"mentorat RSS < {RSS_TARGET_MIB:g} MiB", peak < RSS_TARGET_MIB, f"{peak:.1f} MiB"),
               ("every command answered", not any(r.errors for r in results),
                f"{sum(r.errors for r in results)} without a reply")]
    for label, ok, figure in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {figure}")
    passed = all(ok for _label, ok, _figure in checks)
    print("PASS" if passed else "FAIL")
    return passed


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ack_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per rate (default 20)")
    parser.add_argument("--clients", type=int, default=20, help="client threads (default 20)")
    parser.add_argument("--rates", type=float, nargs="+", default=list(RATES),
                        help="offered loads in requests/s (default 5 20 50)")
    parser.add_argument("--database-url", default=None,
                        help="database to migrate and use (default: a fresh SQLite file in a temporary directory)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    if not 1 <= args.clients <= 200:
        parser.error("--clients must be between 1 and 200")
    if not all(0 < rate <= 1000 for rate in args.rates):
        parser.error("--rates must be between 0 and 1000")
    return args


def quiet_logs() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # One warning per request that waits for a free waitress thread: expected with more clients than threads.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    from storage.migrate import upgrade

    args = parse_args(argv)
    quiet_logs()
    with tempfile.TemporaryDirectory(prefix="mentorat-bench-") as tmp:
        database_url = args.database_url or f"sqlite:///{Path(tmp) / 'mentorat.db'}"
        upgrade(database_url)
        emulator = start_emulator()
        targets: list[Target] = []
        try:
            targets = [start_target(kind, emulator.api_url, database_url) for kind in ("mentorat", "bare")]
            mentorat, bare = targets
            seed(mentorat, emulator, database_url, Signer())
            post_once(bare, command_body(emulator, BENCH_USER, "statut", "seed-bare"), Signer())
            results = []
            for rate in args.rates:
                for target in (bare, mentorat):
                    print(f"{target.name}: {rate:g} req/s for {args.seconds:g} s ...", flush=True)
                    results.append(run_load(target, emulator, clients=args.clients, seconds=args.seconds, rate=rate))
            passed = report(results, args)
        finally:
            for target in targets:
                target.stop()
            emulator.stop()
    return 1 if args.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
