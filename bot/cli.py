"""The `mentorat` command (also `python -m bot`). The only place that reads `.env`."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Mode, Settings, load_settings
from bot.logs import configure_logging, log_unexpected
from bot.notify import plain

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.demo.script import DemoResult
    from storage.db import SessionFactory

# Each command imports what it runs inside its function: `mentorat --help` or `db upgrade` does not load
# Bolt, the Agents SDK or matplotlib (benchmarks/imports.py measures what a process pays at start).
log = logging.getLogger("mentorat")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEMO_PLATFORMS = ("slack", "teams", "both")  # bot.demo.script.PLATFORMS, or both (not imported at start)


def _settings(mode: Mode) -> Settings:
    from dotenv import find_dotenv, load_dotenv

    # The .env of the folder the command runs in (not the installed package's folder).
    load_dotenv(find_dotenv(usecwd=True), override=False)
    return load_settings(mode=mode)


def _prepare(settings: Settings) -> tuple[Engine, SessionFactory]:
    from storage.db import make_engine, make_session_factory
    from storage.migrate import ensure_schema

    ensure_schema(settings.database_url)
    engine = make_engine(settings.database_url)
    return engine, make_session_factory(engine)


def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(args, Mode.HTTP)


def cmd_teams(args: argparse.Namespace) -> int:
    return _serve(args, Mode.TEAMS)


def _serve(args: argparse.Namespace, mode: Mode) -> int:
    """HTTP: Slack (POST /slack/events), and Teams (POST /api/messages) when its settings are present."""
    from bot.app import create_app
    from bot.server import make_server, serve_forever
    from bot.startup import check_slack_token

    settings = _settings(mode)
    engine, factory = _prepare(settings)
    slack = mode is Mode.HTTP and settings.has_slack_tokens
    mentorat = create_app(settings, factory, serve_slack=slack)
    routes = []
    if slack and settings.slack_oauth:
        routes.append(f"POST /slack/events and GET /slack/install for every Slack workspace that installs Mentorat "
                      f"(add it at {settings.public_url}/slack/install)")
    elif slack:
        identity = check_slack_token(mentorat.deps.client, settings)
        routes.append(f"POST /slack/events for Slack team {identity.team_id}")
    if mentorat.teams is not None:
        routes.append(f"POST /api/messages for Teams app {settings.microsoft_app_id}")
    running = make_server(mentorat.http_app(engine), host=args.host, port=args.port or settings.port)
    if not args.no_scheduler:
        from scheduling.scheduler import start_scheduler

        start_scheduler(mentorat.jobs)
    log.info("Mentorat listening on %s:%s: %s", args.host, running.port, "; ".join(routes))
    # `docker stop` sends SIGTERM: stop like Ctrl-C, so that the work already queued is finished.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        serve_forever(running)
    finally:
        running.close()  # no new request, the ones in progress answered: then the queued work is finished
        mentorat.close()
    return 0


def cmd_socket(_args: argparse.Namespace) -> int:
    import threading

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import create_app
    from bot.startup import check_app_token, check_slack_token

    settings = _settings(Mode.SOCKET)
    _engine, factory = _prepare(settings)
    mentorat = create_app(settings, factory)
    check_slack_token(mentorat.deps.client, settings)
    check_app_token(settings)
    handler = SocketModeHandler(mentorat.bolt, settings.slack_app_token)
    handler.connect()  # said "connected" only once it is
    log.info("Mentorat connected through Socket Mode")
    threading.Event().wait()
    return 0


def cmd_worker(_args: argparse.Namespace) -> int:
    import threading

    from bot.app import create_app
    from bot.startup import check_slack_token
    from scheduling.scheduler import start_scheduler

    settings = _settings(Mode.WORKER)
    _engine, factory = _prepare(settings)
    mentorat = create_app(settings, factory)
    if not settings.slack_oauth:  # with OAuth each workspace's token is checked by Slack as it is used
        check_slack_token(mentorat.deps.client, settings)
    start_scheduler(mentorat.jobs)
    log.info("Mentorat worker running: planning every hour, delivering every 30 s")
    threading.Event().wait()
    return 0


def cmd_tick(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from bot.app import create_app
    from bot.clock import Clock, FrozenClock, SystemClock

    settings = _settings(Mode.WORKER)
    _engine, factory = _prepare(settings)
    clock: Clock = SystemClock()
    if args.now:
        try:
            at = datetime.fromisoformat(args.now)
        except ValueError:
            print(f"--now must be an ISO-8601 date and time such as 2027-03-01T09:00-05:00, got {args.now!r}",
                  file=sys.stderr)
            return 2
        clock = FrozenClock(at if at.tzinfo else at.replace(tzinfo=UTC))
    mentorat = create_app(settings, factory, clock=clock)
    planned, delivered = mentorat.jobs.tick()
    print(f"planned: {planned.nudges} monthly nudges; delivered: {delivered.sent} sent, {delivered.retried} to "
          f"retry, {delivered.failed} failed, {delivered.deferred} deferred (paused), {delivered.skipped} no longer "
          "needed")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    settings = _settings(Mode.OFFLINE)
    if args.action == "upgrade":
        upgrade(settings.database_url)
        print("Database schema is up to date.")
    return 0


# --- bulk pairing ---
def cmd_import_pairs(args: argparse.Namespace) -> int:
    """Pair the lines of a CSV file as a coordinator; invitations go out right away."""
    from bot.app import create_app
    from bot.i18n.errors import error_text
    from bot.services.errors import DomainError
    from bot.startup import check_slack_token
    from bot.usecases.pair_import import import_text
    from handlers.slack.deps import import_port

    settings = _settings(Mode.WORKER)
    coordinator = args.by or (settings.coordinators[0] if settings.coordinators else "")
    if not coordinator:
        print("Say who imports: --by U012ABCDEF (a coordinator), or set MENTORAT_COORDINATORS.", file=sys.stderr)
        return 2
    try:
        with open(args.file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    _engine, factory = _prepare(settings)
    mentorat = create_app(settings, factory)
    if settings.slack_oauth and not args.team:
        print("Mentorat is installed in several workspaces: say which one with --team T012ABCDEF.", file=sys.stderr)
        return 2
    team_id = args.team or check_slack_token(mentorat.deps.client, settings).team_id
    try:
        deps = mentorat.deps
        outcome = import_text(deps.session_factory, deps.clock, deps.rule, import_port(deps, team_id, coordinator), text)
    except DomainError as error:
        print(error_text(settings.language, settings.timezone, error), file=sys.stderr)
        return 2
    print(plain(outcome.text))
    return 1 if outcome.refused else 0  # scripts can tell that some lines need fixing


def cmd_report(args: argparse.Namespace) -> int:
    """The programmes' figures on the console, with the CSV and the chart if asked."""
    from sqlalchemy import select

    from bot.clock import SystemClock
    from bot.services.programme_report import programme_report
    from bot.services.report_files import report_chart, report_csv
    from bot.services.report_text import risk_lines, summary_lines, title
    from storage.db import session_scope
    from storage.models import Programme

    settings = _settings(Mode.OFFLINE)
    lang = args.lang or settings.language
    _engine, factory = _prepare(settings)
    now = SystemClock().now()
    with session_scope(factory) as session:
        reports = [programme_report(session, p, now) for p in session.scalars(select(Programme).order_by(Programme.id))]
    for report in reports:  # the per-pair lines are in the CSV
        lines = [title(lang, report), *risk_lines(lang, report, mentions=False), *summary_lines(lang, report)]
        print("\n".join(plain(line) for line in lines), end="\n\n")
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as handle:
            handle.write(report_csv(lang, reports))
        print(f"CSV written to {args.csv}")
    charted = next((r for r in reports if r.pairs), None)
    if args.chart and charted is not None:
        with open(args.chart, "wb") as handle:
            handle.write(report_chart(lang, charted))
        print(f"Chart written to {args.chart}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole programme, offline: the real bot against the local Slack emulator, the Bot Connector
    emulator for Teams, or both one after the other, with a fast clock."""
    from bot.demo.script import PLATFORMS, run_demo
    from bot.demo.transcript import PLATFORM_NAMES
    from bot.i18n import labels, t

    logging.getLogger().setLevel(logging.WARNING)  # the transcript is the output
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Offline the Teams app has no Entra app id to give the SDK's token client: its warning says only that.
    logging.getLogger("microsoft_agents").setLevel(logging.ERROR)
    lang = args.lang
    platforms = PLATFORMS if args.platform == "both" else (args.platform,)
    results = [run_demo(lang, platform) for platform in platforms]
    people = " · ".join(f"{p.name} ({t(lang, labels.ROLE[p.role])}, {p.city})"
                        for p in results[0].transcript.people.values())
    print(t(lang, "demo.title"))
    print(t(lang, "demo.people", people=people))
    for result in results:
        if len(results) > 1:
            print("\n" + t(lang, "demo.playing", platform=t(lang, PLATFORM_NAMES[result.platform])) + "\n")
        print(result.transcript.as_text())  # it ends with the coordinator's figures, once
    if args.html:
        _write_demo_pages(Path(args.html), results, lang)
    return 0


def _write_demo_pages(page: Path, results: list[DemoResult], lang: str) -> None:
    """The first story at `page`, the other (with --platform both) beside it as <name>-teams.html, each
    drawn like its platform and linking to the other; the final report's PDF as <name>.pdf."""
    from bot.demo.transcript import PLATFORM_NAMES
    from bot.i18n import t

    page.parent.mkdir(parents=True, exist_ok=True)
    pages = [page] + [page.with_name(f"{page.stem}-{r.platform}{page.suffix}") for r in results[1:]]
    pdf = next((r.pdf for r in results if r.pdf), None)
    pdf_name = page.with_suffix(".pdf").name if pdf else None
    if pdf:
        page.with_suffix(".pdf").write_bytes(pdf)
    for index, (result, path) in enumerate(zip(results, pages, strict=True)):
        others = [(r.platform, p.name) for i, (r, p) in enumerate(zip(results, pages, strict=True)) if i != index]
        title = f"{t(lang, 'demo.title')} ({t(lang, PLATFORM_NAMES[result.platform])})"
        path.write_text(result.transcript.as_html(title, pdf_name, others=others), encoding="utf-8")
        print(t(lang, "demo.html", path=path))
    if pdf:
        print(t(lang, "demo.pdf", path=page.with_suffix(".pdf")))


def cmd_start(args: argparse.Namespace) -> int:
    """`make run`: the real bot when .env (or the environment) holds Slack or Teams settings, else the offline demo."""
    import os

    from dotenv import find_dotenv, load_dotenv

    load_dotenv(find_dotenv(usecwd=True), override=False)
    from bot.config import PLATFORM_VARIABLES

    # Any platform's setting means a real bot is wanted: `serve` then names whatever is still missing.
    if any(os.environ.get(name) for name in PLATFORM_VARIABLES):
        if os.environ.get("SLACK_APP_TOKEN") and not os.environ.get("SLACK_SIGNING_SECRET"):
            return cmd_socket(args)
        return cmd_serve(argparse.Namespace(host="0.0.0.0", port=None, no_scheduler=False))
    from bot.i18n import t

    lang = (os.environ.get("MENTORAT_LANGUAGE") or "fr").lower()
    lang = lang if lang in ("fr", "en") else "fr"
    print(t(lang, "demo.no_tokens") + "\n")
    return cmd_demo(argparse.Namespace(lang=lang, html=args.html, platform=args.platform))


# --- data keys ---
def cmd_keys(args: argparse.Namespace) -> int:
    """`keys new`: a key for MENTORAT_DATA_KEY; `keys rotate`: every sealed value under the first key."""
    from storage.crypto import new_key, use_keys

    if args.action == "new":
        print(new_key())
        print("Put it in .env as MENTORAT_DATA_KEY=… and keep a copy somewhere safe: without it, what people "
              "wrote cannot be read. To rotate: MENTORAT_DATA_KEY=<new>,<old>, run `mentorat keys rotate`, "
              "then drop the old one.", file=sys.stderr)
        return 0
    from storage.models import Base
    from storage.rotation import rotate

    settings = _settings(Mode.OFFLINE)
    use_keys(settings.data_keys)
    engine, _factory = _prepare(settings)
    changed = rotate(engine, Base.metadata, after_batch=lambda n: print(f"{n} values re-sealed so far",
                                                                        file=sys.stderr))
    print(f"Done: {changed} values re-sealed under the first key of MENTORAT_DATA_KEY; the others may go.")
    return 0


# --- Teams app package ---
DEFAULT_TEAMS_OUT = "build/teams"


def cmd_teams_manifest(args: argparse.Namespace) -> int:
    """The zip a Teams admin uploads: manifest, French and English texts, icons; refused if Teams would refuse it."""
    import os

    from dotenv import find_dotenv, load_dotenv

    from handlers.teams import manifest as teams

    load_dotenv(find_dotenv(usecwd=True), override=False)
    app_id = args.app_id or (teams.PLACEHOLDER_APP_ID if args.placeholder else os.environ.get("MICROSOFT_APP_ID"))
    if not app_id:
        print("No app id: pass --app-id GUID or set MICROSOFT_APP_ID (the Azure Bot's Microsoft App ID), "
              "or use --placeholder for a sample package.", file=sys.stderr)
        return 2
    version = teams.package_version()
    problems = teams.validate_manifest(*teams.build_package(app_id, version=version, base_url=args.base_url))
    for problem in problems:
        print(f"Teams would refuse the package: {problem}", file=sys.stderr)
    if problems:
        return 1
    out = Path(args.out)
    archive = teams.write_package(out, app_id, version=version, base_url=args.base_url)
    for name in teams.PACKAGE_FILES:
        print(f"written: {out / name}")
    print(f"Teams app package: {archive}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorat", description="Mentorat, the mentoring programme bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve Slack over HTTP (POST /slack/events, GET /healthz, /metrics)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    serve.add_argument("--no-scheduler", action="store_true", help="do not plan or deliver reminders here")
    serve.set_defaults(func=cmd_serve)
    teams = sub.add_parser("teams", help="serve only Microsoft Teams over HTTP (POST /api/messages, GET /healthz)")
    teams.add_argument("--host", default="0.0.0.0")
    teams.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    teams.add_argument("--no-scheduler", action="store_true", help="do not run reminders in this process")
    teams.set_defaults(func=cmd_teams)
    socket = sub.add_parser("socket", help="connect to Slack through Socket Mode (no public URL needed)")
    socket.set_defaults(func=cmd_socket)
    worker = sub.add_parser("worker", help="run only the scheduler: plan reminders hourly, deliver every 30 s")
    worker.set_defaults(func=cmd_worker)
    tick = sub.add_parser("tick", help="plan and deliver what is due once, then exit")
    tick.add_argument("--now", default=None, help="the moment to act as, ISO-8601 (e.g. 2027-03-01T09:00-05:00)")
    tick.set_defaults(func=cmd_tick)
    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade"])
    db.set_defaults(func=cmd_db)
    # --- bulk pairing, reports, the demo ---
    bulk = sub.add_parser("import-pairs", help="pair mentors and mentees from a CSV file (mentor,mentee,start)")
    bulk.add_argument("file", help="CSV: one line per pair, Slack member ids, start date YYYY-MM-DD optional")
    bulk.add_argument("--by", default=None, help="the coordinator importing (default: first MENTORAT_COORDINATORS)")
    bulk.add_argument("--team", default=None, help="the Slack workspace id (T…), needed when Mentorat is installed by OAuth")
    bulk.set_defaults(func=cmd_import_pairs)
    report = sub.add_parser("report", help="the programmes' figures (no private text), optionally as CSV and chart")
    report.add_argument("--csv", default=None, help="write the per-pair figures to this CSV file")
    report.add_argument("--chart", default=None, help="write the meetings chart of the first programme (PNG)")
    report.add_argument("--lang", choices=["fr", "en"], default=None)
    report.set_defaults(func=cmd_report)
    demo = sub.add_parser("demo", help="play a whole ten-month convention offline (no Slack, no tokens) and print it")
    demo.add_argument("--lang", choices=["fr", "en"], default="fr")
    demo.add_argument("--html", default=None, help="also write the conversation as a web page (and the PDF beside it)")
    demo.add_argument("--platform", choices=DEMO_PLATFORMS, default="slack",
                      help="play it on Slack, on Microsoft Teams, or on both one after the other")
    demo.set_defaults(func=cmd_demo)
    start = sub.add_parser("start", help="the bot with the Slack tokens of .env, or the offline demo without them")
    start.add_argument("--html", default=None, help="without tokens: also write the demo as a web page (and its PDF)")
    start.add_argument("--platform", choices=DEMO_PLATFORMS, default="slack",
                       help="without tokens: the platform the demo plays on")
    start.set_defaults(func=cmd_start)
    keys = sub.add_parser("keys", help="the data key: make a new one, or re-seal everything under the first one")
    keys.add_argument("action", choices=["new", "rotate"])
    keys.set_defaults(func=cmd_keys)
    # --- Teams app package ---
    teams = sub.add_parser("teams-manifest", help="write the Microsoft Teams app package (manifest, texts, icons, zip)")
    teams_id = teams.add_mutually_exclusive_group()
    teams_id.add_argument("--app-id", default=None, help="the Azure Bot's Microsoft App ID (default: $MICROSOFT_APP_ID)")
    teams_id.add_argument("--placeholder", action="store_true", help="use the app id 00000000-… (a sample package)")
    teams.add_argument("--base-url", default=None, help="the bot's public address, e.g. https://bot.example.org")
    # Not ./teams: it holds the committed sample, which a real app id must not overwrite.
    teams.add_argument("--out", default=DEFAULT_TEAMS_OUT,
                       help=f"the folder to write into (default: {DEFAULT_TEAMS_OUT}, ignored by git)")
    teams.set_defaults(func=cmd_teams_manifest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import os

    from dotenv import find_dotenv, load_dotenv

    args = build_parser().parse_args(argv)
    # The .env of the folder the command runs in (not the installed package's folder), before the log level is read.
    load_dotenv(find_dotenv(usecwd=True), override=False)
    level = (os.environ.get("MENTORAT_LOG_LEVEL") or "INFO").upper()
    fmt = (os.environ.get("MENTORAT_LOG_FORMAT") or "text").lower()
    if level not in LOG_LEVELS or fmt not in ("text", "json"):
        print(f"MENTORAT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (got {level!r}) and MENTORAT_LOG_FORMAT "
              f"text or json (got {fmt!r}).", file=sys.stderr)
        return 2
    configure_logging(level, fmt)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a busy moment is not a warning
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # one clear line for operators: an unreachable Slack, a refused token, an old schema
        from bot.startup import StartupError
        from storage.migrate import SchemaOutOfDate

        if isinstance(exc, StartupError | SchemaOutOfDate):
            print(str(exc), file=sys.stderr)
            return 2
        log_unexpected(f"mentorat {args.command}", exc)
        return 1


if __name__ == "__main__":
    sys.exit(main())
