"""`/mentorat aide` by role, unknown sub-commands, languages, and who is a coordinator."""

from __future__ import annotations

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from tests.scenarios.helpers import pair_and_accept
from tests.support.texts import fr_fixed


def test_help_for_someone_with_no_role(bot: Harness) -> None:
    bot.command("UOTHER", "")
    text = text_of(bot.last_response())
    assert "/mentorat aide" in text and "/mentorat langue" in text
    assert "/mentorat jumeler" not in text, "pairing is for coordinators only"
    assert "aucune convention" in text
    assert "<@UCOORD>" in text, "the coordinator is named"


def test_help_for_coordinator_lists_pairing(bot: Harness) -> None:
    bot.command("UCOORD", "aide")
    text = text_of(bot.last_response())
    assert "/mentorat jumeler" in text and "/mentorat coordonnateurs" in text
    assert "coordination du programme" in text


def test_help_for_mentor_and_mentee(bot: Harness) -> None:
    pair_and_accept(bot)
    bot.command("UMENTOR", "aide")
    mentor_text = text_of(bot.last_response())
    assert "mentor de <@UMENTEE>" in mentor_text and "/mentorat statut" in mentor_text
    assert "/mentorat jumeler" not in mentor_text
    bot.command("UMENTEE", "help")  # English alias, English locale
    mentee_text = text_of(bot.last_response())
    assert "<@UMENTOR> is your mentor" in mentee_text


def test_unknown_subcommand_suggests_the_closest(bot: Harness) -> None:
    bot.command("UOTHER", "statu")
    text = text_of(bot.last_response())
    assert "Je ne connais pas la commande « statu »" in text
    assert "Vouliez-vous dire `/mentorat statut`" in text


def test_unknown_subcommand_in_english(bot: Harness) -> None:
    bot.emulator.update_user("UOTHER", locale="en-US")
    bot.command("UOTHER", "pare")
    text = text_of(bot.last_response())
    assert "I don't know the command “pare”" in text
    assert "Did you mean `/mentorat pair`?" in text


def test_non_coordinator_cannot_pair(bot: Harness) -> None:
    bot.command("UOTHER", "jumeler <@UMENTOR> <@UMENTEE>")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"]
    assert bot.emulator.messages_to("UMENTOR") == []


def test_first_user_does_not_become_coordinator(bot: Harness) -> None:
    bot.command("UOTHER", "aide")  # first ever request in this workspace
    bot.command("UOTHER", "jumeler <@UMENTOR> <@UMENTEE>")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"]


def test_workspace_admin_is_coordinator(bot: Harness) -> None:
    bot.command("UADMIN", "jumeler <@UMENTOR> <@UMENTEE>")
    assert fr_fixed("pair.sent") in bot.last_response()["text"]


def test_demoted_admin_loses_the_right_at_once(bot: Harness) -> None:
    bot.command("UADMIN", "aide")
    bot.emulator.update_user("UADMIN", is_admin=False)
    bot.command("UADMIN", "jumeler <@UMENTOR> <@UMENTEE>")
    assert "Seule la coordination" in bot.last_response()["text"]


@pytest.mark.both_databases
def test_coordinator_adds_and_removes_another(bot: Harness) -> None:
    bot.command("UCOORD", "coordonnateurs ajouter <@UOTHER>")
    assert "fait maintenant partie de la coordination" in bot.last_response()["text"]
    bot.command("UOTHER", "jumeler <@UMENTOR> <@UMENTEE>")
    assert fr_fixed("pair.sent") in bot.last_response()["text"]
    bot.command("UCOORD", "coordonnateurs")
    assert "<@UOTHER>" in bot.last_response()["text"]
    bot.command("UCOORD", "coordonnateurs retirer <@UOTHER>")
    assert "ne fait plus partie" in bot.last_response()["text"]
    bot.command("UOTHER", "jumeler <@UMENTOR2> <@UMENTEE2>")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"]


def test_coordinator_by_right_cannot_be_removed_here(bot: Harness) -> None:
    bot.command("UADMIN", "aide")
    bot.command("UCOORD", "coordonnateurs retirer <@UADMIN>")
    assert "de droit" in bot.last_response()["text"]


def test_language_choice_sticks(bot: Harness) -> None:
    bot.command("UOTHER", "langue en")
    assert "in English" in bot.last_response()["text"]
    bot.command("UOTHER", "aide")
    assert "what you can do" in text_of(bot.last_response())
    bot.command("UOTHER", "language fr")
    bot.command("UOTHER", "")
    assert "ce que vous pouvez faire" in text_of(bot.last_response())
