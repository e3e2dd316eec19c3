"""`mes-donnees effacer`: a person's typed text leaves every table, their conventions stay as figures,
the coordination is told without a name or a word; while a convention runs, erasure waits for its end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Base, Convention, Person
from tests.scenarios.dispute_helpers import ask_early_end, bot
from tests.scenarios.helpers import button_value, pair_and_accept
from tests.scenarios.meeting_helpers import at, click_last
from tests.scenarios.test_enrolment import enrol, mentor_fields
from tests.support.texts import fr_fixed

__all__ = ["bot"]

CANARIES = ("PRESENTATION-e1", "ASPIRATION-e2", "NOTE-e3", "AGENDA-e4", "REASON-e5")


def everything_stored(bot: Harness) -> str:
    """Every row of every table, as text: where a canary would show."""
    with bot.session_factory() as session:
        return "\n".join(str(tuple(row)) for table in Base.metadata.sorted_tables
                         for row in session.execute(select(table)))


def erase(bot: Harness, user: str) -> dict:
    bot.command(user, "mes-donnees effacer")
    shown = bot.last_response()
    assert fr_fixed("erasure.explain")[:30] in text_of(shown)
    bot.click(user, "my-data-erase-confirm", button_value(shown, "my-data-erase-confirm") or "", message=shown)
    return bot.last_response()


@pytest.mark.both_databases
def test_erasure_leaves_no_canary_and_keeps_the_figures(bot: Harness) -> None:
    enrol(bot, "UMENTEE2", presentation=CANARIES[0], aspiration=CANARIES[1])
    enrol(bot, "UMENTOR2", **mentor_fields())
    convention_id = pair_and_accept(bot, "UMENTOR2", "UMENTEE2", start="2026-11-23")
    bot.command("UMENTEE2", f"notes {CANARIES[2]}")
    bot.command("UMENTEE2", f"ordre-du-jour {CANARIES[3]}")
    ask_early_end(bot, "UMENTEE2", reason=CANARIES[4])
    assert all(canary in everything_stored(bot) for canary in CANARIES)
    # While the convention runs, the request is noted and nothing is erased.
    answer = erase(bot, "UMENTEE2")
    assert fr_fixed("erasure.noted")[:30] in text_of(answer)
    assert CANARIES[0] in everything_stored(bot)
    # The coordination confirms the early end; the planner's next pass erases.
    click_last(bot, "UCOORD", "early-end-request-confirm")
    at(bot, bot.clock.now() + timedelta(hours=1))
    stored = everything_stored(bot)
    for canary in CANARIES:
        assert canary not in stored, canary
    with bot.session_factory() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None and convention.status == "ended_early"  # kept, as figures
        erased = session.get(Person, convention.mentee_id)
        assert erased is not None and erased.display_name == "" and erased.external_id.startswith("erased-")
        assert session.scalar(select(func.count(Convention.id))) == 1
    told = [text_of(m) for m in bot.emulator.messages_to("UCOORD") if "effacé ses données" in text_of(m)]
    assert len(told) == 1 and "Léa" not in told[0] and "UMENTEE2" not in told[0]


def test_without_a_running_convention_erasure_is_immediate(bot: Harness) -> None:
    enrol(bot, "UMENTEE2", presentation=CANARIES[0])
    bot.command("UMENTEE2", "mes-donnees effacer")
    assert CANARIES[0] in everything_stored(bot)  # the explanation first: nothing erased yet
    answer = erase(bot, "UMENTEE2")
    assert fr_fixed("erasure.done")[:20] in text_of(answer)
    assert answer.get("replace_original") is True
    assert CANARIES[0] not in everything_stored(bot)
    # The person can start again: a fresh, empty profile.
    bot.command("UMENTEE2", "profil")
    assert fr_fixed("profile.none_yet")[:20] in bot.last_response()["text"]
