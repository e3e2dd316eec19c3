"""Bulk pairing from a CSV: good lines go through, each bad line is reported with its number."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.demo.harness import Harness
from storage.models import Convention, Person, Reminder
from tests.scenarios.helpers import button_value
from tests.scenarios.meeting_helpers import last_view, texts_to
from tests.support.texts import fr, fr_fixed, fr_n

CSV = """mentor,mentore,debut
UMENTOR,UMENTEE,2026-12-01
<@UMENTOR2>,UMENTEE2
UMENTOR,UOTHER,2026-12-01
UNOBODY1,UADMIN
UADMIN,UADMIN
UROBOT,UADMIN
UADMIN,marie@example.org
UADMIN,UOTHER,1er janvier
UADMIN
UADMIN,UOTHER,2031-01-01
"""


def _paste(text: str) -> dict[str, dict[str, Any]]:
    return {"import-paste": {"import-paste-input": {"type": "plain_text_input", "value": text}}}


def _conventions(bot: Harness) -> list[tuple[str, str]]:
    with bot.session_factory() as session:
        rows = session.execute(select(Convention.mentor_id, Convention.mentee_id).order_by(Convention.id)).all()
        names = {p.id: p.external_id for p in session.scalars(select(Person))}
    return [(names[a], names[b]) for a, b in rows]


def _invited(bot: Harness, user: str) -> bool:
    return any(button_value(m, "convention-accept") for m in bot.emulator.messages_to(user))


@pytest.mark.both_databases
def test_modal_import_with_bad_rows(bot: Harness) -> None:
    bot.command("UCOORD", "importer")
    answer = bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), _paste(CSV))
    assert answer.status == 200 and not answer.body, "the modal closes; the result comes in a DM"
    assert _conventions(bot) == [("UMENTOR", "UMENTEE"), ("UMENTOR2", "UMENTEE2")]
    for user in ("UMENTOR", "UMENTEE", "UMENTOR2", "UMENTEE2"):
        assert _invited(bot, user), user
    assert not _invited(bot, "UOTHER") and not _invited(bot, "UADMIN")
    report = texts_to(bot, "UCOORD")[-1]
    assert fr("import.done", created=fr_n("import.done.created", 2), existing=fr_n("import.done.existing", 0),
              bad=fr_n("import.done.bad", 8)) in report
    for expected in (
        "Ligne 4 : <@UMENTOR> figure déjà plus haut dans le fichier",
        "Ligne 5 : <@UNOBODY1> est introuvable dans l'espace de travail",
        "Ligne 6 : Une même personne ne peut pas être à la fois mentor et mentorée.",
        "Ligne 7 : <@UROBOT> est un bot",
        "Ligne 8 : « marie@example.org » n'est pas un identifiant de membre Slack",
        "Ligne 9 : « 1er janvier » n'est pas une date",
        "Ligne 10 : il faut un mentor et une personne mentorée",
        "Ligne 11 : La date de début doit tomber d'ici le",
    ):
        assert expected in report, expected
    # Nothing half-created: no person row for the unknown id, no invitation row for the refused lines.
    with bot.session_factory() as session:
        assert session.scalars(select(Person).where(Person.external_id == "UNOBODY1")).first() is None
        assert session.scalar(select(func.count(Reminder.id)).where(Reminder.kind == "convention_invite")) == 4
    # The same file again: nothing is created twice.
    bot.command("UCOORD", "importer")
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), _paste(CSV))
    assert fr_n("import.done.created", 0) + ", " + fr_n("import.done.existing", 2) in texts_to(bot, "UCOORD")[-1]
    assert len(_conventions(bot)) == 2


def test_uploaded_file_and_semicolons(bot: Harness) -> None:
    file = bot.emulator.add_user_file("paires.csv", "\ufeffmentor;mentee\r\nUMENTOR;UMENTEE\r\n".encode())
    bot.command("UCOORD", "importer")
    values = {"import-file": {"import-file-pick": {"type": "file_input", "files": [file]}}}
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), values)
    assert fr_n("import.done.created", 1) in texts_to(bot, "UCOORD")[-1]
    assert _conventions(bot) == [("UMENTOR", "UMENTEE")]
    assert bot.emulator.calls("file_download")[-1].token == bot.settings.slack_bot_token


def test_unreadable_input_stays_on_the_form(bot: Harness) -> None:
    bot.command("UCOORD", "importer")
    view = last_view(bot, "import-form-submit")
    answer = bot.submit_view("UCOORD", view, _paste("   "))
    assert fr_fixed("error.import.nothing") in answer.json()["errors"]["import-file"]
    answer = bot.submit_view("UCOORD", view, _paste("mentor,nom\nUMENTOR,UMENTEE\n"))
    assert fr_fixed("error.import.header") in answer.json()["errors"]["import-file"]
    latin1 = bot.emulator.add_user_file("paires.csv", "mentor,mentoré\nUMENTOR,UMENTEE\n".encode("latin-1"))
    answer = bot.submit_view("UCOORD", view, {"import-file": {"import-file-pick": {"type": "file_input",
                                                                                   "files": [latin1]}}})
    assert "UTF-8" in answer.json()["errors"]["import-file"]
    assert _conventions(bot) == []


def test_only_coordinators_import(bot: Harness) -> None:
    bot.command("UMENTOR", "importer")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"]
    assert not [v for v in bot.emulator.views_opened() if v.get("callback_id") == "import-form-submit"]


def test_cli_import_pairs(bot: Harness, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("mentor,mentee,start\nUMENTOR,UMENTEE,2026-12-01\nUMENTOR2,UMENTOR2\n", encoding="utf-8")
    env = {**os.environ, "SLACK_BOT_TOKEN": bot.settings.slack_bot_token, "SLACK_API_URL": bot.emulator.api_url,
           "DATABASE_URL": bot.settings.database_url, "MENTORAT_COORDINATORS": "UCOORD"}
    result = subprocess.run([sys.executable, "-m", "bot", "import-pairs", str(path)], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # one line refused
    assert fr_n("import.done.created", 1) in result.stdout
    assert "Ligne 3 : Une même personne" in result.stdout
    assert _conventions(bot) == [("UMENTOR", "UMENTEE")]
    assert _invited(bot, "UMENTOR") and _invited(bot, "UMENTEE")
    report = subprocess.run([sys.executable, "-m", "bot", "report", "--csv", str(tmp_path / "r.csv")], env=env,
                            capture_output=True, text=True, timeout=120)
    assert report.returncode == 0, report.stderr
    assert "Paires en cours : 0" in report.stdout and "non signée" not in report.stdout
    assert "Marie Mentor" in (tmp_path / "r.csv").read_text(encoding="utf-8")
