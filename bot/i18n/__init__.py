"""Texts in French and English. `t(lang, key, **params)` is the one way to get a sentence.

Catalogues are plain dictionaries (bot/i18n/fr.py, en.py) with the same keys and the same
placeholders; a test checks that. Dates and times are formatted by Babel (bot/i18n/dates.py).
"""

from __future__ import annotations

from bot.i18n import (
    en,
    en_closure,
    en_teams,
    en_teams_closure,
    en_teams_disputes,
    en_teams_notes,
    fr,
    fr_closure,
    fr_teams,
    fr_teams_closure,
    fr_teams_disputes,
    fr_teams_notes,
)

# Per language, the feature modules in the order they are merged (a test refuses a key defined twice).
MODULES = {
    "fr": (fr, fr_closure, fr_teams, fr_teams_notes, fr_teams_disputes, fr_teams_closure),
    "en": (en, en_closure, en_teams, en_teams_notes, en_teams_disputes, en_teams_closure),
}

# One catalogue per language, assembled from per-feature modules (same keys in each language).
CATALOGUES: dict[str, dict[str, str]] = {
    lang: {key: text for module in modules for key, text in module.TEXTS.items()} for lang, modules in MODULES.items()
}
DEFAULT_LANGUAGE = "fr"


def normalise_language(value: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """'fr-CA' -> 'fr', 'en_US' -> 'en'; anything unsupported -> fallback."""
    if not value:
        return fallback
    short = value.replace("_", "-").split("-")[0].lower()
    return short if short in CATALOGUES else fallback


def t(lang: str, key: str, **params: object) -> str:
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template
