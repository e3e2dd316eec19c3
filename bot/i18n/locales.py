"""Which Babel (CLDR) locale formats dates and numbers for each catalogue locale."""

from __future__ import annotations

from bot.i18n.catalogues import DEFAULT_LANGUAGE, LOCALES

# The programme runs in Canada: its French and English read the Canadian way. Any other catalogue locale
# (en_GB, or a language added later) is formatted as its own CLDR locale.
BABEL_LOCALE = {"fr": "fr_CA", "en": "en_CA"}


def babel_locale(lang: str) -> str:
    if lang in BABEL_LOCALE:
        return BABEL_LOCALE[lang]
    return lang if lang in LOCALES else BABEL_LOCALE[DEFAULT_LANGUAGE]
