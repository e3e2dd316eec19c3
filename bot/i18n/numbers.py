"""Numbers for people: one decimal, with the decimal comma in French."""

from __future__ import annotations


def one_decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def whole(value: int, lang: str) -> str:
    """A count with its thousands grouped as each language writes it: 20 000 (fr), 20,000 (en)."""
    return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")
