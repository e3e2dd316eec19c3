"""Textes Teams : différend et fin anticipée (français)."""

TEXTS: dict[str, str] = {
}
