"""Catalogue sentences as Rich text: people, emphasis and commands stay data until a platform renders them.

`rt(lang, key, other=mention(person))` fills the template's placeholders after its markup is read, so
what fills a placeholder (a name, a title someone typed) is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Formatter
from typing import TypeAlias

from bot.i18n import t
from bot.notify import Command, Inline, Mention, Rich, Strong, Text, as_rich

_FORMATTER = Formatter()
Param: TypeAlias = Inline | Rich | int | float


def _fill(template: str, params: dict[str, Param]) -> list[Inline]:
    """One run of the template, its placeholders replaced: Inline values stay runs, the rest is text."""
    runs: list[Inline] = []
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if literal:
            runs.append(literal)
        if field is None:
            continue
        value = params[field]
        if isinstance(value, Rich):
            runs.extend(value.runs)
        elif isinstance(value, (str, int, float)):
            runs.append(_FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec or ""))
        else:
            runs.append(value)  # a person, a date, emphasis: stays a run
    return runs


def _plain(value: Param) -> str:
    if isinstance(value, Rich):
        return value.plain()
    if isinstance(value, (str, int, float)):
        return str(value)
    return Rich((value,)).plain()


def rich(template: Text, **params: Param) -> Rich:
    """A template (catalogue markup, placeholders) as runs. Inside emphasis, a person reads as their name."""
    runs: list[Inline] = []
    for run in as_rich(template).runs:
        if isinstance(run, str):
            runs.extend(_fill(run, params))
        elif isinstance(run, Strong) and isinstance(run.text, str):
            runs.append(Strong(run.text.format(**{k: _plain(v) for k, v in params.items()})))
        elif isinstance(run, Command):
            runs.append(Command(run.text.format(**{k: _plain(v) for k, v in params.items()})))
        else:
            runs.append(run)
    return Rich(tuple(runs))


def rt(lang: str, key: str, **params: Param) -> Rich:
    """`t` for a sentence that names people or carries emphasis: the catalogue's text as Rich runs."""
    return rich(t(lang, key), **params)


def names_or_none(lang: str, people: Sequence[Mention]) -> Rich:
    """People named one after the other, or the catalogue's "none"."""
    return Rich.join(", ", people) if people else rt(lang, "none")
