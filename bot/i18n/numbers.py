"""Numbers for people, as each locale writes them (Babel): 4,5 and 20 000 in French, 4.5 and 20,000 in English."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from bot.i18n.locales import babel_locale


def one_decimal(value: float, lang: str) -> str:
    return format_decimal(round(value, 1), format="0.0", locale=babel_locale(lang))  # rounded as f"{:.1f}" does


def whole(value: int, lang: str) -> str:
    """A count with its thousands grouped: 20 000 (fr_CA: a no-break space), 20,000 (en)."""
    return format_decimal(value, format="#,##0", locale=babel_locale(lang))


def percent(ratio: float, lang: str) -> str:
    """0.67 -> '67 %' (fr, with a no-break space), '67%' (en)."""
    return format_percent(ratio, locale=babel_locale(lang))
