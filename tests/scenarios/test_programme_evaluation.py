"""The programme's evaluation: asked of both people when a convention ends, one reminder a week later,
and the coordination's figures only from 5 answers up, suggestions without their authors."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import ProgrammeEvaluation
from tests.scenarios.dispute_helpers import ask_early_end, bot
from tests.scenarios.helpers import button_value, pair_and_accept
from tests.scenarios.meeting_helpers import at, click_last, last_view
from tests.scenarios.test_report import _report
from tests.support.texts import fr_fixed

__all__ = ["bot"]

INVITE = "evaluation-form-open"


def end_early(bot: Harness, mentor: str, mentee: str) -> int:
    convention_id = pair_and_accept(bot, mentor, mentee, start="2026-11-23")
    ask_early_end(bot, mentor)
    click_last(bot, "UCOORD", "early-end-request-confirm")
    return convention_id


def answers(**overrides: Any) -> dict[str, Any]:
    picked = {"satisfaction": "4", "matching": "5", "rhythm": "3", "support": "4", **overrides}
    values: dict[str, Any] = {f"evaluation-rating:{name}": {"evaluation-rating-select": {
        "selected_option": {"value": value} if value else None}} for name, value in picked.items()
        if name in ("satisfaction", "matching", "rhythm", "support")}
    recommend = overrides.get("recommend", "yes")
    values["evaluation-recommend"] = {"evaluation-recommend-select": {
        "selected_option": {"value": recommend} if recommend else None}}
    values["evaluation-suggestion"] = {"evaluation-suggestion-input": {"value": overrides.get("suggestion")}}
    return values


def evaluate(bot: Harness, user: str, **overrides: Any) -> Any:
    bot.command(user, "evaluation")
    return bot.submit_view(user, last_view(bot, "evaluation-form-submit"), answers(**overrides))


def _invites(bot: Harness, user: str) -> list[dict[str, Any]]:
    return [m for m in bot.emulator.messages_to(user) if button_value(m, INVITE)]


@pytest.mark.both_databases
def test_both_are_asked_once_reminded_once_and_answer_once(bot: Harness) -> None:
    bot.command("UMENTOR", "evaluation")
    assert fr_fixed("evaluation.nothing") in bot.last_response()["text"]
    convention_id = end_early(bot, "UMENTOR", "UMENTEE")
    at(bot, bot.clock.now() + timedelta(minutes=30))  # the planner writes the invitations
    at(bot, bot.clock.now() + timedelta(hours=3))  # delivered at a good hour for each (Marie is in Vancouver)
    assert len(_invites(bot, "UMENTOR")) == 1 and len(_invites(bot, "UMENTEE")) == 1
    invite = _invites(bot, "UMENTOR")[0]
    bot.click("UMENTOR", INVITE, button_value(invite, INVITE) or "", message=invite)
    form = last_view(bot, "evaluation-form-submit")
    body = bot.submit_view("UMENTOR", form, answers(rhythm="")).json()
    assert list(body["errors"]) == ["evaluation-rating:rhythm"]
    assert bot.submit_view("UMENTOR", form, answers(suggestion="Des rencontres de groupe.")).status == 200
    assert any(fr_fixed("evaluation.thanks").split("{")[0] in text_of(m) for m in bot.emulator.messages_to("UMENTOR"))
    # Twice is refused; the first answer stands.
    again = bot.submit_view("UMENTOR", form, answers(satisfaction="1")).json()
    assert again["response_action"] == "push" and fr_fixed("evaluation.done") in str(again["view"])
    with bot.session_factory() as session:
        (saved,) = session.scalars(select(ProgrammeEvaluation)).all()
        assert (saved.convention_id, saved.role, saved.satisfaction, saved.recommend) == (convention_id, "mentor", 4,
                                                                                          "yes")
    # A week later only the mentee, who did not answer, is reminded; then nothing more.
    at(bot, bot.clock.now() + timedelta(days=7, hours=20))  # Tuesday 15:30 in Paris
    assert len(_invites(bot, "UMENTEE")) == 2 and len(_invites(bot, "UMENTOR")) == 1
    at(bot, bot.clock.now() + timedelta(days=14))
    assert len(_invites(bot, "UMENTEE")) == 2


def test_figures_only_from_five_answers_and_suggestions_without_authors(bot: Harness) -> None:
    for user, name in (("UM3", "Marc"), ("UE3", "Eva"), ("UM4", "Nour"), ("UE4", "Ines")):
        bot.emulator.add_user(user, name.lower(), name, tz="America/Toronto", locale="fr-CA")
    for mentor, mentee in (("UMENTOR", "UMENTEE"), ("UMENTOR2", "UMENTEE2"), ("UM3", "UE3")):
        end_early(bot, mentor, mentee)
    for user in ("UMENTOR", "UMENTEE", "UMENTOR2"):
        assert evaluate(bot, user, suggestion=f"Idée de {user}").status == 200
    assert evaluate(bot, "UMENTEE2", satisfaction="2", recommend="maybe").status == 200
    text, _chart, table = _report(bot)
    assert "Évaluation du programme : 4 réponse(s) ; encore 1 avant d'afficher des chiffres" in text
    assert "Idée" not in text and "Idée" not in table
    assert evaluate(bot, "UM3").status == 200
    text, _chart, table = _report(bot)
    # 5 answers: 4, 4, 4, 2, 4 -> 3.6; mentors (3) below the threshold are not shown apart, nor mentees (2).
    assert "Évaluation du programme (Tous, 5 réponses) : satisfaction 3,6/5" in text
    assert "4 oui, 1 peut-être, 0 non" in text
    assert "(mentor," not in text and "(personne mentorée," not in text
    assert "3 suggestions, dans le fichier CSV (sans les noms)" in text
    # One table, one header: the evaluation's rows follow the pairs', each naming its programme and kind.
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len({len(r) for r in csv.reader(io.StringIO(table))}) == 1, "every row has every column"
    [overall] = [r for r in rows if r["ligne"] == "évaluation"]
    assert (overall["programme"], overall["groupe évalué"], overall["réponses"],
            overall["évaluation satisfaction"]) == ("Mentorat", "Tous", "5", "3.60")
    suggestions = [r for r in rows if r["ligne"] == "suggestion"]
    assert sorted(r["suggestion"] for r in suggestions) == ["Idée de UMENTEE", "Idée de UMENTOR", "Idée de UMENTOR2"]
    evaluation_part = "\n".join(",".join(r.values()) for r in [overall, *suggestions])
    for who in ("Marie", "Sam", "Louis", "UMENTOR>", "<@"):
        assert who not in evaluation_part
