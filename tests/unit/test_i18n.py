"""French and English catalogues stay in step; dates read naturally in each language."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime

from bot.i18n import CATALOGUES, normalise_language, t
from bot.i18n.dates import format_day, format_moment


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_and_placeholders() -> None:
    fr, en = CATALOGUES["fr"], CATALOGUES["en"]
    assert fr.keys() == en.keys()
    for key in fr:
        assert _fields(fr[key]) == _fields(en[key]), key


def test_language_from_locale() -> None:
    assert normalise_language("fr-CA") == "fr" and normalise_language("en_US") == "en"
    assert normalise_language("de-DE") == "fr" and normalise_language(None, "en") == "en"


def test_dates_in_each_language_and_zone() -> None:
    moment = datetime(2027, 3, 14, 14, 30, tzinfo=UTC)  # the day after Toronto moves to daylight time
    assert format_moment(moment, "America/Toronto", "fr") == "dimanche 14 mars 2027 à 10 h 30 (heure avancée de l’Est)"
    assert format_moment(moment, "Europe/Paris", "en").startswith("Sunday, March 14, 2027 at 3:30")
    assert format_day(date(2027, 9, 1), "fr") == "1 septembre 2027"
    assert t("en", "coord.added", name="<@U1>") == "<@U1> is now a coordinator."


def test_feature_catalogues_do_not_redefine_a_key() -> None:
    from itertools import combinations

    from bot.i18n import MODULES

    for modules in MODULES.values():
        for first, second in combinations(modules, 2):
            assert not set(first.TEXTS) & set(second.TEXTS), "a key defined twice: the later module would hide it"
