"""Textes Teams : notes et objectifs (français)."""

TEXTS: dict[str, str] = {
}
