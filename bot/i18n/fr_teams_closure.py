"""Textes Teams : bilan, merci, rapport et import (français)."""

TEXTS: dict[str, str] = {
}
