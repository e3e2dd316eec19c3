"""Reading a CSV a coordinator made: comma, semicolon or tab, whichever the file uses."""

from __future__ import annotations

import _csv
import contextlib
import csv
import io


def csv_reader(text: str) -> _csv.Reader:
    sample = text[:4096]
    dialect: type[csv.Dialect] = csv.excel  # one column, or no separator in the sample: the usual comma
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    return csv.reader(io.StringIO(text), dialect)


def first_line(text: str) -> list[str]:
    """The first line with something in it (a header, when the file has one)."""
    for cells in csv_reader(text.lstrip("\ufeff")):
        if any(c.strip() for c in cells):
            return cells
    return []
