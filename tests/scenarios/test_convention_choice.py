"""« Quelle convention ? » on Slack: someone in several conventions is asked which one a command is
about, and the click carries on with it; with one, the command goes straight on; a forged id in the
click is refused; a mentee of another programme than the one they act in still uses their commands."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.demo.forms import differend_values
from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, ConventionStatus, Dispute
from tests.scenarios.choice_helpers import SECOND, pair_in_programme
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import last_view
from tests.support.texts import fr, fr_fixed

CHOOSE = "convention-choose"
ASKING = ("prochaine-rencontre", "objectifs", "ordre-du-jour", "notes", "differend", "fin-hative", "bilan")


def choices(answer: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, action id, value) of each button of "Which convention?"."""
    return [(e["text"]["text"], e["action_id"], e["value"]) for block in answer.get("blocks") or []
            for e in block.get("elements") or [] if str(e.get("action_id", "")).startswith(CHOOSE)]


def pick(bot: Harness, user: str, answer: dict[str, Any], label_part: str) -> None:
    found = [(action_id, value) for label, action_id, value in choices(answer) if label_part in label]
    assert len(found) == 1, choices(answer)
    bot.click(user, found[0][0], found[0][1], message=answer)


def two_for_marie(bot: Harness) -> tuple[int, int]:
    """Marie mentors Sam in « Mentorat » and Léa in the second programme."""
    first = pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE2", "aide")  # Léa has used the bot: her name is known
    return first, pair_in_programme(bot, "UCOORD", "UMENTOR", "UMENTEE2")


@pytest.mark.both_databases
def test_mentor_of_two_is_asked_for_each_command_and_the_click_carries_on(bot: Harness) -> None:
    first, second = two_for_marie(bot)
    for command in ASKING:
        opened = len(bot.emulator.views_opened())
        bot.command("UMENTOR", command)
        answer = bot.last_response()
        assert fr("choose.question") in text_of(answer), command
        labels = sorted(label for label, _a, _v in choices(answer))
        assert labels == ["Avec Léa Mentorée — vous êtes mentor — Nouveaux gestionnaires",
                          "Avec Sam Mentoré — vous êtes mentor — Mentorat"], command
        assert len({a for _l, a, _v in choices(answer)}) == 2, "Slack wants each action id once in a block"
        assert len(bot.emulator.views_opened()) == opened, f"{command} guessed instead of asking"
    # The click goes on with the convention chosen: the meeting form is about Léa's.
    bot.command("UMENTOR", "prochaine-rencontre")
    pick(bot, "UMENTOR", bot.last_response(), "Léa")
    assert json.loads(last_view(bot)["private_metadata"])["convention_id"] == second
    # A différend about Léa's convention reaches the coordination about that one, not the first.
    bot.command("UMENTOR", "differend")
    pick(bot, "UMENTOR", bot.last_response(), "Léa")
    bot.submit_view("UMENTOR", last_view(bot, "differend-form-submit"), differend_values("Un souci de rythme"))
    with bot.session_factory() as session:
        assert [d.convention_id for d in session.scalars(select(Dispute))] == [second]
    # The objectives of the first one.
    bot.command("UMENTOR", "objectifs")
    pick(bot, "UMENTOR", bot.last_response(), "Sam")
    assert fr("objective.list.title") in text_of(bot.last_response())
    assert first != second


def test_one_convention_goes_straight_on(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTOR", "prochaine-rencontre")
    assert last_view(bot)["callback_id"] == "meeting-form-submit"
    assert not any(choices(r) for r in bot.emulator.responses())


def test_a_forged_convention_in_the_click_is_refused(bot: Harness) -> None:
    two_for_marie(bot)
    others = pair_in_programme(bot, "UCOORD", "UMENTOR2", "UOTHER", programme="Troisième")
    opened = len(bot.emulator.views_opened())
    for command, refusal in (("prochaine-rencontre", "meeting.not_yours"), ("differend", "dispute.not_yours"),
                             ("objectifs", "meeting.not_yours")):
        bot.click("UMENTOR", f"{CHOOSE}-0", f"{command}:{others}")
        said = text_of(bot.last_response())
        assert fr_fixed(refusal) in said, command
        assert "Louis" not in said and "Olivier" not in said and "Troisième" not in said
    bot.click("UMENTOR", f"{CHOOSE}-0", "jumeler:1")  # not a command that picks a convention
    assert fr_fixed("error.stale_button") in text_of(bot.last_response())
    assert len(bot.emulator.views_opened()) == opened


def test_mentee_here_and_mentor_there_uses_both(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")  # Sam is mentee of Marie in « Mentorat »
    bot.command("UOTHER", "aide")
    pair_in_programme(bot, "UCOORD", "UMENTEE", "UOTHER")  # ...and mentor of Olivier in the second programme
    bot.command("UMENTEE", "ordre-du-jour")  # Sam reads English
    answer = bot.last_response()
    labels = sorted(label for label, _a, _v in choices(answer))
    assert labels == ["With Marie Mentor — you are the mentee — Mentorat",
                      f"With Olivier Outsider — you are the mentor — {SECOND}"]
    pick(bot, "UMENTEE", answer, "Olivier")  # as mentor: reads what Olivier sent (nothing yet)
    assert "Olivier" in text_of(bot.last_response()) or "UOTHER" in text_of(bot.last_response())
    bot.command("UMENTEE", "ordre-du-jour")
    pick(bot, "UMENTEE", bot.last_response(), "Marie")  # as mentee: the form to write it
    assert last_view(bot, "agenda-form-submit")


def test_mentee_of_another_programme_has_the_participant_commands(bot: Harness) -> None:
    for user in ("UCOORD", "UMENTOR2", "UOTHER"):
        bot.command(user, "aide")
    pair_in_programme(bot, "UCOORD", "UMENTOR2", "UOTHER")  # only in the second programme
    bot.command("UOTHER", "objectifs")
    said = text_of(bot.last_response())
    assert fr("objective.list.title") in said
    bot.command("UOTHER", "aide")
    assert "prochaine-rencontre" in text_of(bot.last_response())


def test_the_app_home_asks_too(bot: Harness) -> None:
    _first, second = two_for_marie(bot)
    bot.event({"type": "app_home_opened", "user": "UMENTOR", "tab": "home", "channel": "D1"})
    home = bot.emulator.home_view("UMENTOR")
    assert home is not None
    meeting = [e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
               if e["action_id"] == "home-meeting-plan"]
    assert meeting and not meeting[0].get("value"), "two running conventions: the button names none"
    bot.click("UMENTOR", "home-meeting-plan", "", container="view")
    asked = bot.emulator.messages_to("UMENTOR")[-1]  # no message to answer in place: a DM
    assert fr("choose.question") in text_of(asked)
    pick(bot, "UMENTOR", asked, "Léa")
    assert json.loads(last_view(bot)["private_metadata"])["convention_id"] == second
    bot.click("UMENTOR", "home-notes-show", "notes", container="view")
    assert fr("choose.question") in text_of(bot.emulator.messages_to("UMENTOR")[-1])


def test_a_note_typed_after_the_command_is_not_kept_silently(bot: Harness) -> None:
    two_for_marie(bot)
    bot.command("UMENTOR", "notes Penser au plan de formation")
    answer = bot.last_response()
    assert fr("choose.typed_not_kept") in text_of(answer) and len(choices(answer)) == 2
    pick(bot, "UMENTOR", answer, "Léa")  # the list of that convention's notes, with its "new note" button
    assert fr("note.list.title") in text_of(bot.last_response())


def test_thanks_and_evaluation_ask_too(bot: Harness) -> None:
    first = pair_and_accept(bot, start="2026-11-23")  # Sam: mentee of Marie in « Mentorat »...
    bot.command("UMENTOR2", "aide")
    second = pair_in_programme(bot, "UCOORD", "UMENTOR2", "UMENTEE")  # ...and of Louis in the second one
    bot.command("UMENTEE", "merci")
    answer = bot.last_response()
    assert sorted(label for label, _a, _v in choices(answer)) == [
        "With Louis Mentor — you are the mentee — Nouveaux gestionnaires",
        "With Marie Mentor — you are the mentee — Mentorat"]
    pick(bot, "UMENTEE", answer, "Louis")
    assert json.loads(last_view(bot, "thanks-form-submit")["private_metadata"])["convention_id"] == second
    # Both over: the programme evaluation asks which one too.
    with bot.session_factory() as session:
        session.execute(update(Convention).where(Convention.id.in_((first, second)))
                        .values(status=ConventionStatus.CLOSED, closed_at=bot.clock.now()))
        session.commit()
    bot.command("UMENTEE", "evaluation")
    pick(bot, "UMENTEE", bot.last_response(), "Marie")
    assert json.loads(last_view(bot, "evaluation-form-submit")["private_metadata"])["convention_id"] == first
