"""The report's Block Kit across many programmes: every programme reaches the reader, within Slack's limits."""

from __future__ import annotations

from datetime import date

import pytest

from bot.demo.slack_emulator import text_of
from bot.services.programme_report import PairFigures, ProgrammeReport
from handlers.slack.render import as_dicts
from handlers.slack.views.report import MESSAGE_BLOCKS, home_figures, report_messages


def _report(n: int) -> ProgrammeReport:
    pair = PairFigures(convention_id=n, mentor=f"Mentor {n}", mentee=f"Mentoré {n}", mentor_ref=f"UR{n}",
                       mentee_ref=f"UE{n}", status="active", starts_on=date(2026, 11, 23),
                       planned_end_on=date(2027, 9, 23), held=1, expected=2, objectives_set=1, objectives_reached=0,
                       satisfaction_mentor=None, satisfaction_mentee=None, disputes_open=0, disputes_resolved=0)
    return ProgrammeReport(programme_id=n, programme=f"Équipe {n:02d}", day=date(2027, 1, 20), pairs=[pair])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_long_report_goes_in_several_messages_and_drops_no_programme(lang: str) -> None:
    reports = [_report(n) for n in range(30)]
    messages = [as_dicts(blocks) for blocks in report_messages(lang, reports)]
    assert len(messages) > 1 and all(len(blocks) <= MESSAGE_BLOCKS for blocks in messages)
    text = "\n".join(text_of(blocks) for blocks in messages)
    positions = [text.index(f"Équipe {n:02d}") for n in range(30)]
    assert positions == sorted(positions), "in the programmes' order"
    assert messages[-1][-1]["type"] == "context", "the privacy line closes the report"
    # A programme is never cut across two messages: each message starts with a programme's title.
    assert all("Équipe" in text_of(blocks[:1]) for blocks in messages)


def test_the_app_home_counts_the_programmes_past_its_room() -> None:
    reports = [_report(n) for n in range(30)]
    blocks = as_dicts(home_figures("fr", reports, budget=12))
    assert len(blocks) <= 12
    text = text_of(blocks)
    assert "Équipe 00" in text and "Équipe 29" not in text
    shown = sum(f"Équipe {n:02d}" in text for n in range(30))
    assert f"… et {30 - shown} autres programmes" in text
    assert "autres programmes" not in text_of(as_dicts(home_figures("fr", reports[:2])))
