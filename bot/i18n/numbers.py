"""Numbers for people: one decimal, with the decimal comma in French."""

from __future__ import annotations


def one_decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text
