"""Reading a CSV a coordinator made: comma, semicolon or tab, whichever the file uses."""

from __future__ import annotations

import _csv
import csv
import io


def csv_reader(text: str) -> _csv.Reader:
    sample = text[:4096]
    try:
        return csv.reader(io.StringIO(text), csv.Sniffer().sniff(sample, delimiters=",;\t"))
    except csv.Error:  # lines of unequal length: the separator the first line uses most, else the comma
        first = sample.splitlines()[0] if sample.strip() else ""
        counts = {separator: first.count(separator) for separator in ",;\t"}
        separator = max(counts, key=lambda s: counts[s]) if any(counts.values()) else ","
        return csv.reader(io.StringIO(text), csv.excel, delimiter=separator)


def first_line(text: str) -> list[str]:
    """The first line with something in it (a header, when the file has one)."""
    for cells in csv_reader(text.lstrip("\ufeff")):
        if any(c.strip() for c in cells):
            return cells
    return []
