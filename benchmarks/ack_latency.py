"""Ack latency of `/mentorat statut`: Mentorat as `mentorat serve` runs it, next to a bare Bolt app.

    python -m benchmarks.ack_latency [--seconds 20] [--clients 20] [--rate R] [--database-url URL] [--isolate]
                                     [--with-one-process] [--check]

The apps sit behind waitress on 127.0.0.1 with `mentorat serve`'s thread count and talk to the
Slack emulator (bot/demo/slack_emulator.py). Client threads send signed `/mentorat statut`
slash commands over keep-alive connections and time each HTTP 200, i.e. the ack Slack waits for
(3 s at most). Mentorat's work after the ack (database, reply through response_url) runs during
the measurement, as in production: in `mentorat serve`'s work process (bot/work_process.py), on
the same 2 cores as the acks, the clients and the emulator. When 200 commands are already
waiting, Mentorat acks "too busy, try again" instead: the `busy` column counts those acks, which
did no work. `--with-one-process` also measures `mentorat serve --work-in-process`, where the
work shares the serving process (and its GIL) with the acks.

Two bare Bolt apps that only ack: `bare` as Bolt comes (the target's reference) and `bare-inline`
with Mentorat's own Bolt setting (process_before_response=True), for comparison.

Targets: p99 < 100 ms, and Mentorat's p99 at most 1.5 times the bare app's. The exit code is 0
whatever the figures, unless --check is given. All traffic stays on 127.0.0.1.
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

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.server import RunningServer, make_server, serve_forever
from handlers.slack.background import BUSY

SIGNING_SECRET = "bench-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-bench"
TEAM_ID = "T0BENCH"
APP_ID = "A0MENTORAT"
COORDINATOR, MENTOR, MENTEE = "UCOORD", "UMENTOR", "UMENTEE"
BENCH_USER = MENTOR  # has one active convention: `statut` reads it and renders it after the ack
EVENTS_PATH = "/slack/events"

P99_TARGET_MS = 100.0
RATIO_TARGET = 1.5
WARMUP_SECONDS = 1.0
REQUEST_TIMEOUT = 10.0
MAX_REQUESTS_PER_CLIENT = 200_000  # a bound besides the clock
SEED_TIMEOUT = 30.0
DRAIN_TIMEOUT = 60.0
BENCH_RESPONSE_NAME = "bench-statut"
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


def start_mentorat(api_url: str, database_url: str, *, work_in_process: bool = False
                   ) -> tuple[int, Callable[[], None]]:
    """What `mentorat serve` runs: create_app with its work process (or, with `work_in_process`, the
    work queue in this process, as `mentorat serve --work-in-process`), HTTP routes, scheduler."""
    from bot.app import create_app
    from bot.config import Settings
    from bot.startup import check_slack_token
    from bot.work_process import WorkProcess
    from storage.db import make_engine, make_session_factory

    settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=api_url,
                        database_url=database_url, coordinators=(COORDINATOR,))
    engine = make_engine(database_url)
    work = None if work_in_process else WorkProcess(settings)
    mentorat = create_app(settings, make_session_factory(engine), work_queue=work)
    check_slack_token(mentorat.deps.client, settings)
    running = serve(mentorat.http_app(engine))
    scheduler = None
    if hasattr(mentorat, "jobs"):  # `mentorat serve` also ticks the scheduler (planner, outbox delivery)
        from scheduling.scheduler import start_scheduler

        scheduler = start_scheduler(mentorat.jobs)

    def stop() -> None:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        running.close()
        mentorat.close()
        engine.dispose()

    return running.port, stop


def start_bare(api_url: str, _database_url: str = "", *, answer_from_server_thread: bool = False
               ) -> tuple[int, Callable[[], None]]:
    """The floor: Bolt with one listener that only acks, behind the same server.

    `answer_from_server_thread` is Mentorat's Bolt setting (process_before_response=True); without
    it, Bolt's default runs the listener on its executor and polls every 10 ms for the ack.
    """
    # The client carries the token (Bolt would warn that token= is unused next to client=).
    bolt = App(signing_secret=SIGNING_SECRET, client=WebClient(token=BOT_TOKEN, base_url=api_url),
               token_verification_enabled=False, process_before_response=answer_from_server_thread)

    @bolt.command("/mentorat")
    def just_ack(ack: Ack) -> None:
        ack()

    running = serve(SlackRequestHandler(bolt, path=EVENTS_PATH))
    return running.port, running.close


def start_bare_inline(api_url: str, database_url: str = "") -> tuple[int, Callable[[], None]]:
    return start_bare(api_url, database_url, answer_from_server_thread=True)


def start_mentorat_one_process(api_url: str, database_url: str) -> tuple[int, Callable[[], None]]:
    return start_mentorat(api_url, database_url, work_in_process=True)


STARTERS: dict[str, Callable[[str, str], Any]] = {
    "mentorat": start_mentorat, "mentorat-1-process": start_mentorat_one_process, "bare": start_bare,
    "bare-inline": start_bare_inline}


def _child(kind: str, api_url: str, database_url: str, pipe: Connection) -> None:
    """--isolate: one server per process, as in production (Slack and the clients are elsewhere)."""
    quiet_logs()
    port, stop = STARTERS[kind](api_url, database_url)
    pipe.send(port)
    with contextlib.suppress(EOFError):  # any message, or the parent going away, means stop
        pipe.recv()
    stop()


@dataclass
class Target:
    name: str
    port: int
    stop: Callable[[], None]
    host: str = "127.0.0.1"


def start_target(kind: str, api_url: str, database_url: str, *, isolate: bool) -> Target:
    if not isolate:
        port, stop = STARTERS[kind](api_url, database_url)
        return Target(kind, port, stop)
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    # Not a daemon: Mentorat's server starts its own work process. stop() ends it either way.
    process = context.Process(target=_child, args=(kind, api_url, database_url, child), name=f"bench-{kind}")
    process.start()
    if not parent.poll(60):
        process.terminate()
        raise RuntimeError(f"the {kind} server did not start within 60 s")
    port = parent.recv()

    def stop() -> None:
        with contextlib.suppress(OSError):
            parent.send("stop")
        process.join(15)
        if process.is_alive():
            process.terminate()
            process.join(5)

    return Target(kind, port, stop)


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
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successful acks only
    errors: int = 0
    busy: int = 0  # acks that said "too busy, try again" (the work queue was full): nothing else was done
    replies_after: int = 0  # response_url replies Mentorat delivered during the window

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile, in ms."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
        return ordered[rank - 1] * 1000

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def _client(target: Target, emulator: Any, signer: Signer, start: threading.Barrier, window: list[float],
            pace: tuple[float, float], out: list[tuple[list[float], int, int]]) -> None:
    """Send `statut` until the window closes; `pace` = (seconds between sends, offset), (0, 0) = back to back."""
    interval, offset = pace
    latencies: list[float] = []
    errors = busy = 0
    conn = http.client.HTTPConnection(target.host, target.port, timeout=REQUEST_TIMEOUT)
    start.wait()
    measure_from, stop_at = window
    first = measure_from - WARMUP_SECONDS + offset
    try:
        for k in range(MAX_REQUESTS_PER_CLIENT):
            if interval:
                time.sleep(max(0.0, first + k * interval - time.perf_counter()))
            if time.perf_counter() >= stop_at:
                break
            text = command_body(emulator, BENCH_USER, "statut", BENCH_RESPONSE_NAME)
            body, headers = text.encode(), signer.headers(text)
            began = time.perf_counter()
            try:
                conn.request("POST", EVENTS_PATH, body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()  # request() reconnects
            elapsed = time.perf_counter() - began
            if began >= measure_from:
                if ok:
                    latencies.append(elapsed)
                    busy += is_busy(answer)
                else:
                    errors += 1
    finally:
        conn.close()
        out.append((latencies, errors, busy))


def is_busy(answer: bytes) -> bool:
    """The ack said "too busy, try again in a minute": the work queue was full and nothing else was done."""
    text = answer.decode("utf-8", "replace")  # Bolt sends a text-only ack as plain text, a bare ack() as nothing
    if text.startswith("{"):
        text = json.loads(text).get("text", "")
    return text == BUSY


def replies_delivered(emulator: Any) -> int:
    return len(emulator.calls("response_url", ok_only=True))


def run_load(target: Target, emulator: Any, *, clients: int, seconds: float, rate: float = 0.0) -> Result:
    """`clients` threads for warm-up + `seconds`; `rate` > 0 spreads that many requests a second over them."""
    signer = Signer()
    interval = clients / rate if rate else 0.0
    window = [0.0, 0.0]
    out: list[tuple[list[float], int, int]] = []

    def open_window() -> None:
        now = time.perf_counter()
        window[0], window[1] = now + WARMUP_SECONDS, now + WARMUP_SECONDS + seconds

    start = threading.Barrier(clients + 1, action=open_window)
    threads = [threading.Thread(target=_client, args=(target, emulator, signer, start, window,
                                                      (interval, i * interval / clients), out),
                                name=f"client-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    replies_before = replies_delivered(emulator)
    start.wait()
    for thread in threads:
        thread.join(WARMUP_SECONDS + seconds + REQUEST_TIMEOUT + 5)
    result = Result(target.name, seconds, replies_after=replies_delivered(emulator) - replies_before)
    for latencies, errors, busy in out:
        result.latencies.extend(latencies)
        result.errors += errors
        result.busy += busy
    result.errors += sum(1 for thread in threads if thread.is_alive())  # a client stuck past its timeout
    return result


def wait_until_quiet(emulator: Any) -> None:
    """Let Mentorat finish the replies it still owes before the next measurement."""
    deadline = time.monotonic() + DRAIN_TIMEOUT
    last = -1
    while time.monotonic() < deadline:
        count = len(emulator.calls("response_url"))
        if count == last:
            return
        last = count
        time.sleep(0.5)


# --------------------------------------------------------------------------- report


def report(results: list[Result], args: argparse.Namespace) -> bool:
    print()
    print(f"cpu count: {os.cpu_count()}   python {platform.python_version()} ({platform.machine()})   "
          f"waitress threads: {SERVER_THREADS}   servers: {'one process each' if args.isolate else 'in this process'}")
    print(f"clients: {args.clients}   "
          f"{args.seconds:g} s per target after {WARMUP_SECONDS:g} s warm-up   "
          f"load: {f'{args.rate:g} req/s offered' if args.rate else 'closed loop (next request on each ack)'}")
    print("bare: Bolt as it comes (listener on its executor, ack polled every 10 ms); bare-inline: Bolt answering "
          "from the server's thread, as Mentorat's does (process_before_response=True)")
    print(f"{'target':<19}{'requests':>10}{'errors':>8}{'busy':>7}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}"
          f"{'p99 ms':>9}{'max ms':>9}")
    for r in results:
        print(f"{r.name:<19}{len(r.latencies):>10}{r.errors:>8}{r.busy:>7}{r.throughput:>9.1f}"
              f"{r.percentile(50):>9.1f}{r.percentile(90):>9.1f}{r.percentile(99):>9.1f}"
              f"{max(r.latencies, default=0) * 1000:>9.1f}")
    by_name = {r.name: r for r in results}
    mentorat, bare, inline = by_name["mentorat"], by_name["bare"], by_name["bare-inline"]
    print(f"mentorat replies through response_url during its run (warm-up included): {mentorat.replies_after} "
          f"(for {len(mentorat.latencies)} acks measured, {mentorat.busy} of them \"too busy, try again\" "
          "because 200 commands were already waiting)")
    p99, bare_p99 = mentorat.percentile(99), bare.percentile(99)
    ratio = p99 / bare_p99 if bare_p99 > 0 else float("inf")
    inline_p99 = inline.percentile(99)
    print(f"p99 ratio mentorat/bare: {ratio:.2f}   mentorat/bare-inline: "
          f"{p99 / inline_p99 if inline_p99 > 0 else float('inf'):.2f}")
    checks = [
        (f"mentorat p99 < {P99_TARGET_MS:g} ms", p99 < P99_TARGET_MS, f"{p99:.1f} ms"),
        (f"p99 ratio <= {RATIO_TARGET:g}", ratio <= RATIO_TARGET, f"{ratio:.2f}"),
        ("no errors", not any(r.errors for r in results), f"{sum(r.errors for r in results)} errors"),
    ]
    for label, ok, figure in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {figure}")
    passed = all(ok for _label, ok, _figure in checks)
    print("PASS" if passed else "FAIL")
    return passed


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ack_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per target (default 20)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent client threads (default 20)")
    parser.add_argument("--rate", type=float, default=0.0,
                        help="offered load in requests/s spread over the clients (default 0: each client sends its next "
                        "request as soon as it has the ack)")
    parser.add_argument("--database-url", default=None,
                        help="database to migrate and use (default: a fresh SQLite file in a temporary directory)")
    parser.add_argument("--isolate", action="store_true",
                        help="run each server in its own process, away from the clients and the emulator")
    parser.add_argument("--with-one-process", action="store_true",
                        help="also measure `mentorat serve --work-in-process` (the work after the ack in the same process)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    if not 1 <= args.clients <= 200:
        parser.error("--clients must be between 1 and 200")
    if not 0 <= args.rate <= 10_000:
        parser.error("--rate must be between 0 and 10000")
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
            kinds = ("mentorat", "bare", "bare-inline", *(("mentorat-1-process",) if args.with_one_process else ()))
            for kind in kinds:
                targets.append(start_target(kind, emulator.api_url, database_url, isolate=args.isolate))
            mentorat, *others = targets
            seed(mentorat, emulator, database_url, Signer())
            for other in others:  # first request outside the measurement (and the database already seeded)
                post_once(other, command_body(emulator, BENCH_USER, "statut", "seed-other"), Signer())
            results = []
            for target in (*others[:2], mentorat, *others[2:]):
                print(f"{target.name}: {args.clients} clients, {WARMUP_SECONDS:g} s warm-up + {args.seconds:g} s ...",
                      flush=True)
                results.append(run_load(target, emulator, clients=args.clients, seconds=args.seconds, rate=args.rate))
                wait_until_quiet(emulator)
            passed = report(results, args)
        finally:
            for target in targets:
                target.stop()
            emulator.stop()
    return 1 if args.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
