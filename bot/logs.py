"""Logging for every entry point, and the one way to report an unexpected error.

What people type (a note, a différend, a bilan) must never reach a log line. Three rules keep it out:

- **Unexpected errors are logged by `log_unexpected` only**: the exception's type and its frames,
  never its message, which may quote a bound parameter or a payload.
- **Libraries speak only from WARNING up, and only their message's head.** slack_sdk logs whole
  request and response bodies at DEBUG, Bolt logs request bodies in several INFO and WARNING
  lines ("Unhandled request (…)"), the Agents SDK logs activities. A record from a logger that is
  not Mentorat's keeps the text before its first detail (`(`, `:`, `{`, a new line) and loses its
  arguments; its exception, if any, is written as type and frames.
- **Mentorat's own lines name things, never quote them**: ids, counts, kinds, error codes.

`MENTORAT_LOG_LEVEL` sets the level of Mentorat's own loggers; `MENTORAT_LOG_FORMAT=json` writes one
JSON object per line for log platforms.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

OWN_PREFIXES = ("mentorat", "bot.", "handlers.", "scheduling.", "storage.", "benchmarks.")
# Libraries whose lower levels carry payloads, or say something every few seconds.
LIBRARIES = ("slack_sdk", "slack_bolt", "microsoft_agents", "msal", "aiohttp", "urllib3", "sqlalchemy", "alembic",
             "apscheduler", "waitress", "asyncio", "jwt", "matplotlib", "PIL", "fpdf", "fontTools")
LIBRARY_LEVEL = logging.WARNING
_HEAD = re.compile(r"[(:{\[\n]")
UNEXPECTED = "mentorat.unexpected"
HANDLER_NAME = "mentorat"

_unexpected = logging.getLogger(UNEXPECTED)


def is_own(logger_name: str) -> bool:
    return logger_name == "mentorat" or logger_name.startswith(OWN_PREFIXES) or logger_name in ("bot", "handlers")


def frames_of(error: BaseException) -> str:
    """The exception's type and frames, for it and the exceptions it was raised from; never a message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{type(current).__module__}.{type(current).__qualname__}\n"
                     + "".join(traceback.format_tb(current.__traceback__)))
        current = current.__cause__ or current.__context__
    return "caused by ".join(parts).rstrip()


def log_unexpected(where: str, error: BaseException) -> None:
    """An error nobody planned for: its type and frames, where it happened. Slack, Teams, the CLI and
    the scheduler all report through here."""
    _unexpected.error("unexpected %s in %s\n%s", type(error).__name__, where, frames_of(error))


def safe_head(message: str) -> str:
    """A library's message up to its first detail: "Unhandled request ({…})" becomes "Unhandled request"."""
    match = _HEAD.search(message)
    head = message[: match.start()] if match else message
    return head.strip()[:160]


class PrivacyFilter(logging.Filter):
    """On the handler: libraries' records lose their details (see the module's docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if is_own(record.name):
            return True
        if record.levelno < LIBRARY_LEVEL:
            return False
        template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        record.msg, record.args = safe_head(template) or "(a library message)", None
        return True


def _exception_text(exc_info: Any) -> str:
    error = exc_info[1] if isinstance(exc_info, tuple) else None
    return frames_of(error) if isinstance(error, BaseException) else ""


class SafeFormatter(logging.Formatter):
    """Text lines; an exception is written as its type and frames, never its message."""

    def formatException(self, ei: Any) -> str:
        return _exception_text(ei)

    def formatStack(self, stack_info: str) -> str:
        return stack_info


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the error's type and frames if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = _exception_text(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _Stderr(logging.StreamHandler):  # the stream is whatever sys.stderr is now
    """Writes to the current sys.stderr, even after it was replaced (the CLI run inside tests, daemons)."""

    @property
    def stream(self) -> IO[str]:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def configure_logging(level: str = "INFO", fmt: str = "text", *, stream: IO[str] | None = None,
                      libraries: Iterable[str] = LIBRARIES) -> logging.Handler:
    """One handler on the root logger, with the privacy filter; returns it (tests read what it writes)."""
    handler = logging.StreamHandler(stream) if stream is not None else _Stderr()
    handler.addFilter(PrivacyFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    for old in list(root.handlers):  # ours from an earlier call (another handler, e.g. a test's, stays)
        if old.get_name() == HANDLER_NAME:
            root.removeHandler(old)
    root.addHandler(handler)
    numeric = logging.getLevelName(level.upper())
    root.setLevel(numeric if isinstance(numeric, int) else logging.INFO)
    for name in libraries:
        logging.getLogger(name).setLevel(max(LIBRARY_LEVEL, root.level))
    return handler
