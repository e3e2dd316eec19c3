"""Several programmes in one Teams tenant: a coordinator added to one programme reads its figures alone,
one by right reads every programme of the tenant side by side with one CSV, none another tenant's; status
and help name each convention's programme."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_requests import get
from bot.demo.teams_connector import BotConnectorEmulator, text_of
from bot.demo.teams_requests import TeamsUser
from bot.services import actions
from storage.db import session_scope
from storage.models import Platform, Workspace
from tests.scenarios.programme_helpers import (
    SECOND,
    add_coordinator,
    csv_rows,
    first_programme_id,
    person,
    running_programme,
    second_programme,
)
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    cards_for,
    channel,
    connector,
    last_text,
    teams_bot,
    teams_pair_and_accept,
)
from tests.scenarios.test_teams_reports import _links, _plain
from tests.support.texts import fr_fixed

__all__ = ["connector", "teams_bot"]

REPORT_DAY = datetime(2027, 1, 20, 15, 0, tzinfo=UTC)
FIRST_TITLE = "Programme « Mentorat »"
SECOND_TITLE = f"Programme « {SECOND} »"
LOUIS = ("0a000000-0000-4000-8000-0000000000a2", "Louis Mentor")
CSV_LINK = "Chiffres du programme (CSV)"


def _two_programmes(bot: Harness, connector: BotConnectorEmulator, *, held: bool = True) -> tuple[int, int]:
    """Sam is Marie's mentee in the default programme and Louis's in the second; Olivier coordinates the first
    only. Returns both programmes' ids."""
    teams_pair_and_accept(bot, connector, start="2026-11-23")
    first = first_programme_id(bot, Platform.TEAMS)
    second = second_programme(bot, Platform.TEAMS, LOUIS, (MENTEE.aad_object_id, MENTEE.name),
                              held=held)
    add_coordinator(bot, first, OUTSIDER.aad_object_id, OUTSIDER.name)
    return first, second


def _report(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser) -> tuple[str, list[dict[str, str]]]:
    """`mentorat rapport` as `user`: the cards' text and the CSV's rows, read from its link."""
    before = len(cards_for(connector, user))
    channel(bot).say(user, "mentorat rapport")
    cards = cards_for(connector, user)[before:]
    table = get(_links(cards)[CSV_LINK])
    assert table.status == 200
    return _plain(cards), csv_rows(table.body.decode("utf-8"))


@pytest.mark.both_databases
def test_each_coordinator_reads_their_programmes_and_no_other(teams_bot: Harness,
                                                              connector: BotConnectorEmulator) -> None:
    _first, second = _two_programmes(teams_bot, connector)
    now = teams_bot.clock.now()
    with session_scope(teams_bot.session_factory) as session:  # another tenant, with a programme of its own
        other = Workspace(platform=Platform.TEAMS, external_id="another-tenant", created_at=now)
        session.add(other)
        session.flush()
        elsewhere = running_programme(session, other, "Programme d'ailleurs",
                                      person(session, other, COORD.aad_object_id, "Homonyme", now),
                                      person(session, other, OUTSIDER.aad_object_id, "Autre", now), now,
                                      starts_on=date(2026, 11, 23))
        elsewhere_id = elsewhere.id
    teams_bot.clock.set(REPORT_DAY)
    # Olivier, added to the first programme: its figures only.
    text, rows = _report(teams_bot, connector, OUTSIDER)
    assert FIRST_TITLE in text and SECOND_TITLE not in text and "Louis" not in text
    assert {row["programme"] for row in rows} == {"Mentorat"}
    # The second programme's, asked for with a forged button: refused.
    channel(teams_bot).submit(OUTSIDER, {"mentorat": actions.REPORT_SEND, "value": str(second)})
    assert fr_fixed("error.coordinator_only").split(" (")[0] in last_text(connector, OUTSIDER)
    # Camille, a coordinator by right: both programmes side by side, one CSV of both, nothing of the other tenant.
    text, rows = _report(teams_bot, connector, COORD)
    assert text.index(FIRST_TITLE) < text.index(SECOND_TITLE)
    assert "ailleurs" not in text and "Homonyme" not in text
    assert {(row["programme"], row["mentor"], row["mentoré"]) for row in rows} == {
        ("Mentorat", MENTOR.name, MENTEE.name), (SECOND, LOUIS[1], MENTEE.name)}
    channel(teams_bot).submit(COORD, {"mentorat": actions.REPORT_SEND, "value": str(elsewhere_id)})
    assert fr_fixed("error.no_access") in last_text(connector, COORD)
    # Marie, added to the second programme only (the tenant's first is the default): its figures alone.
    add_coordinator(teams_bot, second, MENTOR.aad_object_id, MENTOR.name)
    text, rows = _report(teams_bot, connector, MENTOR)
    assert SECOND_TITLE in text and FIRST_TITLE not in text
    assert {row["programme"] for row in rows} == {SECOND}


def test_status_and_help_name_each_conventions_programme(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _two_programmes(teams_bot, connector)
    before = len(cards_for(connector, MENTEE))
    channel(teams_bot).say(MENTEE, "mentorat statut")  # Sam reads English
    statuses = _plain(cards_for(connector, MENTEE)[before:])
    assert statuses.index(MENTOR.name) < statuses.index("Programme: Mentorat") < statuses.index(LOUIS[1]) \
        < statuses.index(f"Programme: {SECOND}")
    channel(teams_bot).say(MENTEE, "mentorat aide")
    shown = last_text(connector, MENTEE).replace("**", "")
    assert f"{MENTOR.name} is your mentor, in the “Mentorat” programme." in shown
    assert f"{LOUIS[1]} is your mentor, in the “{SECOND}” programme." in shown


def test_a_nudge_on_teams_names_its_programme(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _two_programmes(teams_bot, connector, held=False)  # neither pair met: both are nudged
    for moment in (datetime(2026, 12, 28, 17, 0, tzinfo=UTC), datetime(2026, 12, 29, 9, 0, tzinfo=UTC)):
        teams_bot.clock.set(moment)
        teams_bot.mentorat.jobs.tick()
    # Due together, the two nudges come as one card, each with its programme and its own button.
    [nudges] = [text_of(c) for c in cards_for(connector, MENTEE) if "Plan the next meeting" in text_of(c)]
    assert "2 reminders for you" in nudges and nudges.count("Plan the next meeting") == 2
    assert MENTOR.name in nudges and "“Mentorat” programme" in nudges
    assert LOUIS[1] in nudges and f"“{SECOND}” programme" in nudges
