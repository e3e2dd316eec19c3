"""Teams texts: disagreement and early end (English)."""

TEXTS: dict[str, str] = {
}
