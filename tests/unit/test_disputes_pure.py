"""The pure parts of différends and reports: danger wording, working days, CSV lines."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.services.danger import mentions_danger
from bot.services.errors import InvalidInput
from bot.services.pair_import import parse_rows
from bot.services.timing import working_days_after


@pytest.mark.parametrize("text", [
    "Il dit qu'il veut se suicider", "J'ai peur qu'elle veuille mettre fin à ses jours",
    "Je n’ai plus envie de vivre", "il a menacé de le tuer", "he said he would kill someone",
    "I want to die", "she talks about self-harm", "JE VAIS ME FAIRE DU MAL",
])
def test_danger_is_recognised(text: str) -> None:
    assert mentions_danger(text)


@pytest.mark.parametrize("text", [
    "Ce projet me tue de fatigue, on n'avance pas", "Il arrive toujours en retard",
    "The deadline is killing the mood", "Nous ne sommes pas d'accord sur les objectifs",
])
def test_ordinary_complaints_are_not_danger(text: str) -> None:
    assert not mentions_danger(text)


def test_two_working_days_skip_the_weekend_and_keep_the_hour_over_dst() -> None:
    toronto = ZoneInfo("America/Toronto")
    friday = datetime(2026, 10, 30, 15, 0, tzinfo=toronto)  # the Sunday after, clocks go back
    after = working_days_after(friday.astimezone(UTC), "America/Toronto", 2)
    assert after.astimezone(toronto) == datetime(2026, 11, 3, 15, 0, tzinfo=toronto)
    saturday = datetime(2026, 11, 28, 20, 0, tzinfo=toronto)
    assert working_days_after(saturday, "America/Toronto", 2).astimezone(toronto) == \
        datetime(2026, 12, 2, 9, 0, tzinfo=toronto)


def test_csv_lines_keep_their_file_line_numbers() -> None:
    rows, bad = parse_rows("mentee;mentor\n\nUMENTEE;UMENTOR\nnot-an-id;UX1\n")
    assert [(r.line, r.mentor, r.mentee) for r in rows] == [(3, "UMENTOR", "UMENTEE")]
    assert [(b.line, b.error.key) for b in bad] == [(4, "import.reason.person")]
    with pytest.raises(InvalidInput) as empty:
        parse_rows("mentor,mentee\n")
    assert empty.value.key == "error.import.empty"
