"""Texts for people. `t(lang, key, **params)` is the one way to get a sentence, `tn` the one for a count.

The texts live in gettext catalogues (bot/locale/<locale>/LC_MESSAGES/messages.po, loaded by
bot/i18n/catalogues.py). Message ids are symbolic keys ("meeting.proposal.sent"); each locale's .po holds its
wording, with str.format placeholders ({name}). Dates and times: bot/i18n/dates.py; numbers: bot/i18n/numbers.py.
"""

from __future__ import annotations

from bot.i18n.catalogues import DEFAULT_LANGUAGE, LOCALES, translations

__all__ = ["DEFAULT_LANGUAGE", "LOCALES", "N_", "N_plural", "bilingual", "language_part", "normalise_language", "quoted",
           "t", "tn"]


def N_(key: str) -> str:
    """Marks a key for `pybabel extract` where it is listed (a table) rather than translated on the spot."""
    return key


def N_plural(key: str, plural_key: str) -> tuple[str, str]:
    """The same for a sentence with a count: the pair `tn` takes."""
    return key, plural_key


def language_part(lang: str) -> str:
    """'en_GB' -> 'en': what formats and grammar rules are chosen by."""
    return lang.split("_")[0]


def normalise_language(value: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """'en-GB' -> 'en_GB' when that variant has a catalogue; 'fr-CA' -> 'fr'; anything unsupported -> fallback."""
    if not value:
        return fallback
    parts = value.replace("-", "_").split("_")
    language = parts[0].lower()
    variant = f"{language}_{parts[1].upper()}" if len(parts) > 1 else language
    for candidate in (variant, language):
        if candidate in LOCALES:
            return candidate
    return fallback


def _known(text: str, *keys: str) -> str:
    """gettext answers a missing key with the key itself: refuse it, as a missing dictionary key was refused."""
    if text in keys:
        raise KeyError(keys[0])
    return text


def t(lang: str, key: str, **params: object) -> str:
    text = _known(translations(lang).gettext(key), key)
    return text.format(**params) if params else text


def bilingual(key: str, **params: object) -> str:
    """Before anyone's language is known (an install page, an overloaded server): French, then English."""
    return f"{t('fr', key, **params)} / {t('en', key, **params)}"


def quoted(lang: str, text: str) -> str:
    """Someone's own words (an objective's title) in the quotation marks of the reader's language."""
    # Translators: quotation marks around words a person typed; French puts no-break spaces inside « ».
    return t(lang, "quoted", text=text)


def tn(lang: str, key: str, plural_key: str, count: int, **params: object) -> str:
    """A sentence that depends on a count, in the plural form the language's CLDR rules choose (`{count}`)."""
    return _known(translations(lang).ngettext(key, plural_key, count), key, plural_key).format(count=count, **params)
