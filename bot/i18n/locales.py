"""Which Babel (CLDR) locale formats dates and numbers for each catalogue locale."""

from __future__ import annotations

# The programme runs in Canada: its French and English read the Canadian way. A variant is its own locale.
BABEL_LOCALE = {"fr": "fr_CA", "en": "en_CA"}


def babel_locale(lang: str) -> str:
    return BABEL_LOCALE.get(lang, lang if "_" in lang else BABEL_LOCALE["fr"])
