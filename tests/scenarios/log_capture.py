"""The production log configuration (at DEBUG unless told), written to a buffer, for tests that read the whole log."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.logs import configure_logging, is_own


class Records(logging.Handler):
    """Every record as logged, before any filter: Mentorat's own lines must not quote typed text either."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class CapturedLog:
    buffer: io.StringIO
    raw: Records = field(default_factory=Records)

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.raw.records]

    def assert_never(self, *texts: str) -> None:
        """None of `texts` in what the log wrote, nor in any of Mentorat's own records."""
        assert self.text, "the log wrote nothing: the check would prove nothing"
        for text in texts:
            assert text not in self.text, text
            for record in self.raw.records:
                if is_own(record.name):
                    assert text not in record.getMessage(), (record.name, text)


@contextmanager
def captured_log(level: str = "DEBUG") -> Iterator[CapturedLog]:
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_levels = {name: logging.getLogger(name).level for name in list(logging.root.manager.loggerDict)}
    captured = CapturedLog(io.StringIO())
    configure_logging(level, stream=captured.buffer)
    root.addHandler(captured.raw)
    try:
        yield captured
    finally:
        for handler in list(root.handlers):
            if handler not in saved_handlers:
                root.removeHandler(handler)
        root.setLevel(saved_level)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)
