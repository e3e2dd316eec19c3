"""The form free words are compared in (no numpy here: the profile import uses it at start-up too)."""

from __future__ import annotations

import unicodedata


def normalise_keyword(word: str) -> str:
    """The form keywords are compared in: casefolded, accents dropped, runs of spaces made one, ends stripped."""
    if word.isascii():
        return " ".join(word.casefold().split())
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())
