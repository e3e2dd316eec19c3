"""A programme's development themes: the areas a mentor helps with, which profiles pick from.

The default list names the areas of the programme's phases document; a coordinator keeps or drops
each and adds their own. A default theme is stored as its key and read in each person's language; a
theme a coordinator typed is stored, and shown, as typed.
"""

from __future__ import annotations

from bot.i18n import N_, t
from storage.models import Programme

DEFAULT_THEMES: dict[str, str] = {
    "networking": N_("theme.networking"),
    "finance_admin": N_("theme.finance_admin"),
    "negotiation": N_("theme.negotiation"),
    "managing_people": N_("theme.managing_people"),
    "organisational_politics": N_("theme.organisational_politics"),
}


def programme_themes(programme: Programme) -> list[str]:
    return list(programme.themes) if programme.themes is not None else list(DEFAULT_THEMES)


def theme_label(lang: str, theme: str) -> str:
    key = DEFAULT_THEMES.get(theme)
    return t(lang, key) if key else theme


def theme_choices(lang: str, programme: Programme) -> list[tuple[str, str]]:
    """(label, stored value) for each of the programme's themes, in the programme's order."""
    return [(theme_label(lang, theme), theme) for theme in programme_themes(programme)]
