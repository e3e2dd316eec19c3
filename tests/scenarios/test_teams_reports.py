"""Teams, for coordinators: `mentorat rapport` (figures only; the chart and the CSV are personal links)
and `mentorat importer` (bulk pairing from CSV lines pasted into a card, people named by their Entra
object id, each line refused with its reason, the result sent once every person was reached)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.demo.harness import TENANT_ID, Harness
from bot.demo.slack_requests import get
from bot.demo.teams_connector import BotConnectorEmulator, card_inputs, open_urls, text_of
from bot.demo.teams_requests import TeamsUser
from bot.services import actions
from storage.db import session_scope
from storage.models import Bilan, Convention, Dispute, Meeting, Note, Objective, Person, Reminder, SharedFile
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    action,
    cards_for,
    channel,
    connector,
    find_card,
    last_text,
    submit_form,
    teams_bot,
    teams_pair_and_accept,
)
from tests.support.texts import fr, fr_fixed, fr_n, fr_percent, unbold

__all__ = ["connector", "teams_bot"]

SECRETS = ("Zanzibar", "Kilimanjaro", "Popocatepetl")
REPORT_DAY = datetime(2027, 2, 20, 15, 0, tzinfo=UTC)  # Saturday 20 February 2027
# Two people who never wrote to the bot: the import reaches them through the directory.
MENTOR2 = TeamsUser("0a000000-0000-4000-8000-0000000000a2", "29:mentor2", "Louis Mentor")
MENTEE2 = TeamsUser("0a000000-0000-4000-8000-0000000000b3", "29:mentee2", "Léa Mentorée")
STRANGER_ID = "0a000000-0000-4000-8000-00000000dead"  # Mentorat is not installed for them


def _plain(cards: list[dict[str, Any]]) -> str:
    return "\n".join(text_of(c) for c in cards).replace("**", "")


def _seed(bot: Harness, connector: BotConnectorEmulator) -> None:
    """Marie and Sam, paired on Teams, with a meeting, objectives, a bilan, a note and a différend."""
    teams_pair_and_accept(bot, connector, start="2026-11-23")
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        session.add(Meeting(convention_id=convention.id, starts_at=datetime(2026, 12, 7, 15, tzinfo=UTC),
                            status="held", agenda="Kilimanjaro agenda", created_at=now, updated_at=now))
        for title, status in (("Zanzibar objective", "reached"), ("Parler en public", "in_progress")):
            session.add(Objective(convention_id=convention.id, title=title, description="Kilimanjaro", status=status,
                                  created_at=now, updated_at=now))
        session.add(Bilan(convention_id=convention.id, person_id=convention.mentor_id, role="mentor",
                          round_end_on=convention.planned_end_on, answers={"learned": "Popocatepetl answer"},
                          satisfaction=4, decision="end", submitted_at=now, updated_at=now))
        session.add(Note(convention_id=convention.id, author_id=convention.mentor_id, body="Zanzibar note",
                         created_at=now, updated_at=now))
        session.add(Dispute(convention_id=convention.id, kind="differend", raised_by_id=convention.mentee_id,
                            summary="Zanzibar summary", urgency="normal", status="open", created_at=now,
                            updated_at=now))


def _report_cards(bot: Harness, connector: BotConnectorEmulator) -> list[dict[str, Any]]:
    before = len(cards_for(connector, COORD))
    channel(bot).say(COORD, "mentorat rapport")
    return cards_for(connector, COORD)[before:]


def _links(cards: list[dict[str, Any]]) -> dict[str, str]:
    return {title: url for card in cards for title, url in open_urls(card)}


@pytest.mark.both_databases
def test_the_report_shows_the_figures_and_links_its_chart_and_csv(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _seed(teams_bot, connector)
    teams_bot.clock.set(REPORT_DAY)
    cards = _report_cards(teams_bot, connector)
    shown = _plain(cards)
    for expected in ("Programme « Mentorat » : les chiffres au 20 février 2027", unbold(fr("report.active", count=1)),
                     unbold(fr("report.objectives", set=fr_n("report.objectives.set", 2),
                               reached=fr_n("report.objectives.reached", 1))),
                     unbold(fr("report.disputes", open=1, resolved=fr_n("report.disputes.resolved", 0),
                               early_open=fr_n("report.disputes.early_open", 0),
                               early_done=fr_n("report.disputes.early_done", 0))),
                     unbold(fr_n("report.meetings", 2, held=1, percent=fr_percent(0.5))), "ni notes, ni bilans",
                     "• Marie Mentor / Sam Mentoré : en cours · rencontres 1/2 · objectifs 1/2"):
        assert expected in shown, expected
    assert "Marie Mentor / Sam Mentoré : " + fr_n("report.risk.no_meeting", 75) in shown, "people by name, not '?'"
    assert shown.index("Paires à risque") < shown.index("Paires en cours"), "the pairs at risk first"
    links = _links(cards)
    assert set(links) == {"Rencontres par paire", "Chiffres du programme (CSV)"}
    chart = get(links["Rencontres par paire"])
    assert chart.status == 200 and chart.headers["Content-Type"] == "image/png" and chart.body.startswith(b"\x89PNG")
    table = get(links["Chiffres du programme (CSV)"])
    assert table.headers["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(table.body.decode("utf-8"))))
    assert (row["mentor"], row["mentoré"], row["rencontres tenues"], row["objectifs atteints"]) == (
        "Marie Mentor", "Sam Mentoré", "1", "1")
    assert row["satisfaction mentor"] == "4" and row["différends en cours"] == "1"
    for secret in SECRETS:
        assert secret not in shown and secret.encode() not in table.body and secret.encode() not in chart.body
    with session_scope(teams_bot.session_factory) as session:
        owners = set(session.scalars(select(Person.external_id).join(SharedFile, SharedFile.person_id == Person.id)))
    assert owners == {COORD.aad_object_id}, "the links are the coordinator's own"


def test_the_report_is_for_coordinators_only(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _seed(teams_bot, connector)
    channel(teams_bot).say(MENTOR, "mentorat rapport")
    assert "réservé" in last_text(connector, MENTOR)
    channel(teams_bot).submit(MENTOR, {"mentorat": actions.REPORT_SEND, "value": "1"})  # a forged button
    assert "Seule la coordination du programme" in last_text(connector, MENTOR)
    assert "Camille Coordination" in last_text(connector, MENTOR), "who to ask, by name"
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalar(select(func.count(SharedFile.token))) == 0, "no file was shared"


def test_the_monthly_digest_button_sends_the_full_report(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _seed(teams_bot, connector)
    teams_bot.clock.set(datetime(2027, 3, 1, 14, 0, tzinfo=UTC))  # Monday 1 March, 9:00 in Toronto
    teams_bot.mentorat.jobs.tick()
    digest = find_card(connector, COORD, "Le point du mois")
    assert "Zanzibar" not in text_of(digest)
    channel(teams_bot).submit(COORD, action(digest, "Recevoir le rapport complet"))
    assert "Chiffres du programme (CSV)" in _links(cards_for(connector, COORD)[-1:])


# -- bulk pairing -----------------------------------------------------------------------------------
def _directory(connector: BotConnectorEmulator) -> None:
    for user in (MENTOR2, MENTEE2):
        connector.add_user(user.teams_id, user.name, aad_object_id=user.aad_object_id, tenant_id=TENANT_ID)


def _import(bot: Harness, connector: BotConnectorEmulator, lines: str) -> tuple[dict[str, Any], str]:
    """Paste the lines into the card; the card's answer, then (once the work is done) the result."""
    channel(bot).say(COORD, "mentorat importer")
    form = cards_for(connector, COORD)[-1]
    assert "paste" in card_inputs(form) and "identifiant d'objet Microsoft Entra" in text_of(form)
    submit_form(bot, COORD, form, "Importer", paste=lines)
    bot.executor.drain()  # the import runs after the turn: wait for it
    return connector.latest(form["id"]), last_text(connector, COORD)


def _pairs(bot: Harness) -> list[tuple[str, str]]:
    with session_scope(bot.session_factory) as session:
        rows = session.execute(select(Convention.mentor_id, Convention.mentee_id).order_by(Convention.id)).all()
        names = {p.id: p.external_id for p in session.scalars(select(Person))}
    return [(names[a], names[b]) for a, b in rows]


def test_bulk_pairing_from_pasted_lines_refuses_each_bad_line_with_its_reason(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    _directory(connector)
    ids = {"mentor": MENTOR.aad_object_id, "mentee": MENTEE.aad_object_id, "out": OUTSIDER.aad_object_id,
           "coord": COORD.aad_object_id}
    lines = "\n".join([
        "mentor,mentore,debut",
        f"{ids['mentor']},{ids['mentee']},2026-12-01",
        f"{MENTOR2.aad_object_id.upper()},{{{MENTEE2.aad_object_id}}}",  # upper case, in braces: still the ids
        f"{ids['mentor']},{ids['out']}",
        f"{STRANGER_ID},{ids['out']}",
        f"marie@example.org,{ids['out']}",
        f"{ids['out']},{ids['out']}",
        f"{ids['out']},bob",
        f"{ids['out']},{ids['coord']},1er janvier",
        f"{ids['out']}",
        f"{ids['out']},{ids['coord']},2031-01-01",
    ])
    answer, result = _import(teams_bot, connector, lines)
    assert fr_n("teams.closure.import.started", 10) in text_of(answer), "the card gives way at once"
    assert _pairs(teams_bot) == [(MENTOR.aad_object_id, MENTEE.aad_object_id),
                                 (MENTOR2.aad_object_id, MENTEE2.aad_object_id)]
    assert fr("import.done", created=fr_n("import.done.created", 2), existing=fr_n("import.done.existing", 0),
              bad=fr_n("import.done.bad", 8)) in result
    assert "0 existait déjà" in fr_n("import.done.existing", 0)  # French counts zero as singular
    for expected in (
        "Ligne 4 : Marie Mentor figure déjà plus haut dans le fichier",
        f"Ligne 5 : je ne peux pas écrire à {STRANGER_ID} dans Teams",
        "Ligne 6 : « marie@example.org » est une adresse",
        "Ligne 7 : Une même personne ne peut pas être à la fois mentor et mentorée.",
        "Ligne 8 : « bob » n'est pas un identifiant d'objet Microsoft Entra",
        "Ligne 9 : « 1er janvier » n'est pas une date",
        "Ligne 10 : il faut un mentor et une personne mentorée",
        "Ligne 11 : La date de début doit tomber d'ici le",
    ):
        assert expected in result, expected
    # People who never wrote to the bot were reached in Teams: invited, under the names Teams gives.
    for user in (MENTOR2, MENTEE2, MENTOR, MENTEE):
        assert find_card(connector, user, "Votre convention"), user.name
    assert not [c for c in cards_for(connector, OUTSIDER) if "Votre convention" in text_of(c)]
    with session_scope(teams_bot.session_factory) as session:
        louis = session.scalars(select(Person).where(Person.external_id == MENTOR2.aad_object_id)).one()
        assert louis.display_name == "Louis Mentor"
        assert session.scalars(select(Person).where(Person.external_id == STRANGER_ID)).first() is None, \
            "no row left for someone Teams does not let the bot reach"
        assert session.scalar(select(func.count(Reminder.id)).where(Reminder.kind == "convention_invite")) == 4
    # The same lines again: nothing is created twice.
    _answer, result = _import(teams_bot, connector, lines)
    assert fr_n("import.done.created", 0) + ", " + fr_n("import.done.existing", 2) in result
    assert len(_pairs(teams_bot)) == 2


def test_unreadable_lines_keep_the_card_with_what_was_pasted(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(COORD, "mentorat importer")
    form = cards_for(connector, COORD)[-1]
    submit_form(teams_bot, COORD, form, "Importer", paste="   ")
    assert fr_fixed("teams.closure.import.nothing") in text_of(connector.latest(form["id"]))
    pasted = f"mentor,nom\n{MENTOR.aad_object_id},{MENTEE.aad_object_id}\n"
    submit_form(teams_bot, COORD, connector.latest(form["id"]), "Importer", paste=pasted)
    again = connector.latest(form["id"])
    assert fr_fixed("error.import.header") in text_of(again)
    assert card_inputs(again)["paste"]["value"] == pasted, "what was pasted is kept"
    assert _pairs(teams_bot) == []


def test_only_coordinators_import(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTOR, "mentorat importer")
    assert "réservé" in last_text(connector, MENTOR)
    forged = {"mentorat": "teams-import-submit", "value": "",
              "paste": f"{MENTOR.aad_object_id},{MENTEE.aad_object_id}"}
    channel(teams_bot).submit(MENTOR, forged)
    teams_bot.executor.drain()
    assert "Seule la coordination du programme" in last_text(connector, MENTOR)
    assert _pairs(teams_bot) == []
