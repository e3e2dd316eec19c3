"""Teams texts: notes and objectives (English)."""

TEXTS: dict[str, str] = {
}
