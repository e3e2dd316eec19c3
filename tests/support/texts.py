"""What the bot says, read from the French catalogue: a test that asserts through these does not break when a
wording is improved, and still fails when the bot says something else (another key, other values)."""

from __future__ import annotations

import re
import string

from bot.i18n import t, tn
from bot.i18n.numbers import one_decimal, percent


def fr(key: str, **params: object) -> str:
    return t("fr", key, **params)


def fr_n(key: str, count: int, **params: object) -> str:
    """A sentence with a count: the plural key is the key with `.plural` (bot/locale)."""
    return tn("fr", key, f"{key}.plural", count, **params)


def fr_percent(ratio: float) -> str:
    return percent(ratio, "fr")


def fr_decimal(value: float) -> str:
    return one_decimal(value, "fr")


def unbold(text: str) -> str:
    """Without Slack's asterisks: how Teams cards and plain-text files show a sentence."""
    return text.replace("*", "")


def fr_fixed(key: str) -> str:
    """The longest stretch of a French sentence that no parameter fills and no markup splits: what any rendering
    of that sentence shows (Slack mrkdwn, a Teams card, a PDF), whatever the values put in it."""
    stretches = [part.strip() for literal, *_ in string.Formatter().parse(t("fr", key))
                 for part in re.split(r"[\n*`_]", literal)]
    return max(stretches, key=len)


def fr_part(key: str, **params: object) -> str:
    """The longest stretch of a French sentence once the given parameters are filled in, cut where one that is
    not given (a date the test does not pin) would go: fr_part("meeting.confirmed", other="<@U1>")."""
    pieces, current = [], ""
    for literal, field, spec, _ in string.Formatter().parse(t("fr", key)):
        current += literal
        if field is None:
            continue
        if field in params:
            current += format(params[field], spec or "")
        else:
            pieces.append(current)
            current = ""
    pieces.append(current)
    return max((line for piece in pieces for line in piece.split("\n")), key=len)


def fr_lead(key: str, **params: object) -> str:
    """A French sentence up to the first parameter not given, e.g. to follow it with the date the test pins:
    fr_lead("meeting.confirmed", other="<@U1>") + "lundi 7 décembre 2026"."""
    lead = ""
    for literal, field, spec, _ in string.Formatter().parse(t("fr", key)):
        lead += literal
        if field is None:
            continue
        if field not in params:
            break
        lead += format(params[field], spec or "")
    return lead.split("\n")[-1]
