"""Texts in each language: plurals by CLDR rules, locales matched to catalogues, dates and numbers by Babel."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.i18n import normalise_language, t, tn
from bot.i18n.dates import format_day, format_moment
from bot.i18n.numbers import one_decimal, percent, whole

NUDGES = ("report.risk.nudges", "report.risk.nudges.plural")


def test_language_from_locale() -> None:
    assert normalise_language("fr-CA") == "fr" and normalise_language("en_US") == "en"
    assert normalise_language("de-DE") == "fr" and normalise_language(None, "en") == "en"


def test_an_exact_variant_wins_over_its_language() -> None:
    assert normalise_language("en-GB") == "en_GB" and normalise_language("en_gb") == "en_GB"
    assert normalise_language("fr-FR") == "fr"


def test_a_variant_falls_back_to_its_language_then_french() -> None:
    assert t("en_GB", "meeting.ics.title") != t("en", "meeting.ics.title")  # one of its own entries
    assert t("en_GB", "coord.added", name="<@U1>") == t("en", "coord.added", name="<@U1>")
    assert t("xx", "coord.added", name="<@U1>") == t("fr", "coord.added", name="<@U1>")


def test_french_counts_zero_and_one_as_singular() -> None:
    assert tn("fr", *NUDGES, 0) == "0 relance restée sans suite"
    assert tn("fr", *NUDGES, 1) == "1 relance restée sans suite"
    assert tn("fr", *NUDGES, 2) == "2 relances restées sans suite"


def test_english_counts_only_one_as_singular() -> None:
    assert tn("en", *NUDGES, 1) == "1 reminder left unanswered"
    assert tn("en", *NUDGES, 0) == "0 reminders left unanswered"
    assert tn("en_GB", *NUDGES, 3) == "3 reminders left unanswered"


def test_objectives_and_disputes_agree_with_their_counts() -> None:
    one = tn("fr", "report.objectives.reached", "report.objectives.reached.plural", 1)
    many = tn("fr", "report.objectives.reached", "report.objectives.reached.plural", 4)
    assert one.endswith("atteint") and many.endswith("atteints")
    assert tn("fr", "report.disputes.resolved", "report.disputes.resolved.plural", 1).endswith("résolu")


def test_dates_in_each_language_and_zone() -> None:
    moment = datetime(2027, 3, 14, 14, 30, tzinfo=UTC)  # the day after Toronto moves to daylight time
    assert format_moment(moment, "America/Toronto", "fr") == "dimanche 14 mars 2027 à 10 h 30 (heure avancée de l’Est)"
    assert format_moment(moment, "Europe/Paris", "en").startswith("Sunday, March 14, 2027 at 3:30")
    assert format_moment(moment, "Europe/London", "en_GB", with_zone=False) == "Sunday 14 March 2027 at 14:30"
    assert format_day(date(2027, 9, 1), "fr") == "1 septembre 2027"
    assert t("en", "coord.added", name="<@U1>") == "<@U1> is now a coordinator."


def test_numbers_as_each_language_writes_them() -> None:
    assert one_decimal(4.25, "fr") == "4,2" and one_decimal(4.25, "en") == "4.2"
    assert one_decimal(4.45, "fr") == "4,5"  # rounded as before (f"{:.1f}")
    assert whole(20000, "fr") == "20\u00a0000" and whole(20000, "en") == "20,000"
    assert percent(2 / 3, "fr") == "67\u00a0%" and percent(2 / 3, "en") == "67%"
