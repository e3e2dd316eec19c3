"""A programme's development themes: the areas a mentor helps with, which profiles pick from.

The default list names the areas of the programme's phases document; a coordinator keeps or drops
each and adds their own. A default theme is stored as its key and read in each person's language; a
theme a coordinator typed is stored, and shown, as typed.
"""

from __future__ import annotations

from bot.i18n import N_, t
from bot.services.errors import InvalidInput
from storage.models import Programme

DEFAULT_THEMES: dict[str, str] = {
    "networking": N_("theme.networking"),
    "finance_admin": N_("theme.finance_admin"),
    "negotiation": N_("theme.negotiation"),
    "managing_people": N_("theme.managing_people"),
    "organisational_politics": N_("theme.organisational_politics"),
}
MAX_THEMES = 30  # a list anyone can scan in a form (Slack's multi-select shows 100 at most)
MAX_THEME_LENGTH = 60  # a Slack option's label holds 75 characters


def programme_themes(programme: Programme) -> list[str]:
    return list(programme.themes) if programme.themes is not None else list(DEFAULT_THEMES)


def theme_label(lang: str, theme: str) -> str:
    key = DEFAULT_THEMES.get(theme)
    return t(lang, key) if key else theme


def theme_choices(lang: str, programme: Programme) -> list[tuple[str, str]]:
    """(label, stored value) for each of the programme's themes, in the programme's order."""
    return [(theme_label(lang, theme), theme) for theme in programme_themes(programme)]


def set_themes(programme: Programme, kept_defaults: list[str], extra: str) -> list[str]:
    """The programme's list from the default themes kept and the coordinator's own, one per line (checked)."""
    themes = [key for key in DEFAULT_THEMES if key in set(kept_defaults)]
    seen = {theme_label("fr", key).casefold() for key in themes} | {theme_label("en", key).casefold() for key in themes}
    for line in extra.splitlines():
        theme = " ".join(line.split())
        if not theme:
            continue
        if "," in theme:  # Teams joins a multi-select's values with commas
            raise InvalidInput("themes.error.comma", field="extra", value=theme[:40])
        if len(theme) > MAX_THEME_LENGTH:
            raise InvalidInput("themes.error.too_long", field="extra", limit=MAX_THEME_LENGTH, value=theme[:40])
        if theme.casefold() in seen or theme in DEFAULT_THEMES:
            raise InvalidInput("themes.error.twice", field="extra", value=theme)
        seen.add(theme.casefold())
        themes.append(theme)
    if not themes:
        raise InvalidInput("themes.error.none", field="defaults")
    if len(themes) > MAX_THEMES:
        raise InvalidInput("themes.error.too_many", field="extra", limit=MAX_THEMES)
    programme.themes = themes
    return themes
