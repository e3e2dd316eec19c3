"""The gettext catalogues: bot/locale/<locale>/LC_MESSAGES/messages.po, compiled in memory by Babel.

Nothing to build: each .po is read and compiled to a .mo in memory the first time its locale is asked for.
A variant (en_GB) falls back to its language (en), and every language to French, the reference.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "fr"


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_locales() -> tuple[str, ...]:
    """Every folder of bot/locale with a catalogue: adding a language needs no code."""
    return tuple(sorted(folder.name for folder in LOCALE_DIR.iterdir() if po_path(folder.name).is_file()))


LOCALES = available_locales()


def _untranslated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    forms = string if isinstance(string, tuple | list) else (string,)
    return not all(forms)


def compiled(locale: str) -> Translations:
    """One catalogue alone, without fallbacks (fuzzy entries are left out, as msgfmt does)."""
    with po_path(locale).open("rb") as po:
        catalogue = read_po(po, locale=locale, domain=DOMAIN)
    # write_mo keeps a plural entry whose forms are empty: drop it, so that the fallback answers.
    for message in list(catalogue):
        if message.id and _untranslated(message.string):
            del catalogue[message.id]
    mo = io.BytesIO()
    write_mo(mo, catalogue)
    mo.seek(0)
    return Translations(fp=mo, domain=DOMAIN)


def chain(locale: str) -> list[str]:
    """en_GB -> [en_GB, en, fr]; fr -> [fr]."""
    found = [locale]
    language = locale.split("_")[0]
    if language != locale and language in LOCALES:
        found.append(language)
    if DEFAULT_LANGUAGE not in found:
        found.append(DEFAULT_LANGUAGE)
    return found


@cache
def translations(locale: str) -> NullTranslations:
    """The locale's catalogue with its fallbacks; an unknown locale reads French."""
    if locale not in LOCALES:
        locale = DEFAULT_LANGUAGE
    first, *rest = (compiled(name) for name in chain(locale))
    for fallback in rest:
        first.add_fallback(fallback)
    return first
