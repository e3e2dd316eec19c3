"""Programmes on Teams: the same use cases as Slack (test_programmes.py), from cards whose data the client
controls: a refused setting comes back under its field with everything as typed, a forged id is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from storage.models import Convention, Programme
from tests.scenarios.meeting_helpers import at
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
    pairing_form,
    submit_form,
    teams_bot,
)
from tests.scenarios.test_programmes import FIELD_ERRORS
from tests.support.texts import fr_fixed

__all__ = ["connector", "teams_bot"]


def names(bot: Harness) -> list[str]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Programme.name).order_by(Programme.id)))


@pytest.mark.both_databases
def test_a_coordinator_creates_a_programme_from_the_card(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Nouveau programme"), card_id=listing["id"])
    form = cards_for(connector, COORD)[-1]
    inputs = card_inputs(form)
    assert inputs["length_months"]["value"] == "10" and inputs["timezone"]["value"] == "America/Toronto"
    submit_form(teams_bot, COORD, form, "Enregistrer", name="Relève 2027", meeting_min_minutes="120",
                meeting_max_minutes="60")
    refused = cards_for(connector, COORD)[-1]
    assert refused["id"] == form["id"]  # in place, with what was typed
    assert card_inputs(refused)["name"]["value"] == "Relève 2027"
    assert fr_fixed("programme.error.min_over_max") in text_of(refused)
    assert names(teams_bot) == ["Mentorat"]
    submit_form(teams_bot, COORD, refused, "Enregistrer", meeting_min_minutes="45", clause_en="Meet off-site.")
    assert fr_fixed("programme.created") in text_of(cards_for(connector, COORD)[-1])
    assert names(teams_bot) == ["Mentorat", "Relève 2027"]
    with teams_bot.session_factory() as session:
        created = session.scalars(select(Programme).where(Programme.name == "Relève 2027")).one()
        assert (created.meeting_min_minutes, created.meeting_max_minutes) == (45, 60)
        assert created.convention_parts == {"clause_en": "Meet off-site."}


def test_a_participant_sees_no_settings_and_a_forged_edit_is_refused(teams_bot: Harness,
                                                                      connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTOR, "mentorat programme")
    listing = cards_for(connector, MENTOR)[-1]
    titles = [title for title, _data in card_actions(listing)]
    assert not any("Modifier" in title or "Nouveau" in title for title in titles)
    with teams_bot.session_factory() as session:
        programme_id = session.scalars(select(Programme.id)).one()
    for key in ("programme-edit-open", "programme-archive", "teams-programme-submit"):
        channel(teams_bot).submit(MENTOR, {"mentorat": key, "value": str(programme_id), "name": "Piraté"},
                                  card_id=listing["id"])
        assert fr_fixed("error.coordinator_only") in text_of(cards_for(connector, MENTOR)[-1])
    assert names(teams_bot) == ["Mentorat"]
    with teams_bot.session_factory() as session:
        assert session.scalars(select(Programme.archived_at)).one() is None


def test_corporate_method_pairing_with_the_manager_on_teams(teams_bot: Harness,
                                                            connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Modifier"), card_id=listing["id"])
    submit_form(teams_bot, COORD, cards_for(connector, COORD)[-1], "Enregistrer", corporate_method="on")
    form = pairing_form(teams_bot, connector)
    assert card_inputs(form)["manager"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    data = {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id, "mentee": MENTEE.aad_object_id,
            "manager": MENTOR.aad_object_id, "start": "2026-12-01"}
    channel(teams_bot).submit(COORD, data, card_id=form["id"])
    assert fr_fixed("error.pair.manager_in_pair") in text_of(cards_for(connector, COORD)[-1])
    channel(teams_bot).submit(COORD, {**data, "manager": OUTSIDER.aad_object_id}, card_id=form["id"])
    invitation = find_card(connector, MENTEE, fr_fixed("conv.manager.title"))
    assert OUTSIDER.name in text_of(invitation)
    for user in (MENTOR, MENTEE):
        card_ = find_card(connector, user, "convention")
        channel(teams_bot).submit(user, action(card_, "accept"), card_id=card_["id"])
    assert fr_fixed("conv.active.manager") in text_of(cards_for(connector, OUTSIDER)[-1])


def test_a_name_written_as_markdown_is_shown_as_typed(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Nouveau programme"), card_id=listing["id"])
    submit_form(teams_bot, COORD, cards_for(connector, COORD)[-1], "Enregistrer",
                name="[Signez ici](https://evil.example/login) **URGENT**")
    activity = cards_for(connector, COORD)[-1]
    assert activity["textFormat"] == "plain"  # the fallback text is never read as markdown
    card = json.dumps(activity["attachments"], ensure_ascii=False)
    assert "https://evil.example/login" in card  # the name is there, as typed...
    assert "](https://evil.example" not in card and "**URGENT**" not in card  # ...but no live link, no bold


def test_a_card_acts_in_the_programme_it_was_opened_in(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    form = pairing_form(teams_bot, connector)  # opened in « Mentorat »
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Nouveau programme"), card_id=listing["id"])
    submit_form(teams_bot, COORD, cards_for(connector, COORD)[-1], "Enregistrer", name="Relève")  # now in « Relève »
    data = {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id, "mentee": MENTEE.aad_object_id,
            "start": "2026-12-01"}
    channel(teams_bot).submit(COORD, data, card_id=form["id"])
    assert fr_fixed("programme.error.switched") in text_of(cards_for(connector, COORD)[-1])
    with teams_bot.session_factory() as session:
        assert session.scalars(select(Convention)).all() == []


@pytest.mark.both_databases
def corporate_pair(teams_bot: Harness, connector: BotConnectorEmulator, **settings: str) -> None:
    """A programme under the corporate method, and a pair with the mentee's manager who both signed."""
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Modifier"), card_id=listing["id"])
    submit_form(teams_bot, COORD, cards_for(connector, COORD)[-1], "Enregistrer", corporate_method="on", **settings)
    form = pairing_form(teams_bot, connector)
    channel(teams_bot).submit(COORD, {**action(form, "Envoyer"), "mentor": MENTOR.aad_object_id,
                                      "mentee": MENTEE.aad_object_id, "manager": OUTSIDER.aad_object_id,
                                      "start": "2026-12-01"}, card_id=form["id"])
    for user in (MENTOR, MENTEE):
        card_ = find_card(connector, user, "convention")
        channel(teams_bot).submit(user, action(card_, "accept"), card_id=card_["id"])


@pytest.mark.both_databases
def test_the_road_map_on_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    corporate_pair(teams_bot, connector)
    channel(teams_bot).say(MENTOR, "mentorat feuille-de-route")
    road = cards_for(connector, MENTOR)[-1]
    assert {"axes", "strategies", "hours", "milestones"} <= set(card_inputs(road))
    submit_form(teams_bot, MENTOR, road, "Enregistrer", axes="Déléguer", strategies="Un dossier par mois",
                hours="abc", milestones="2027-02-15 Point d'étape")
    refused = cards_for(connector, MENTOR)[-1]
    assert fr_fixed("roadmap.error.hours") in text_of(refused) and card_inputs(refused)["axes"]["value"] == "Déléguer"
    submit_form(teams_bot, MENTOR, refused, "Enregistrer", hours="12")
    review = find_card(connector, MENTEE, "Déléguer")
    assert not [c for c in cards_for(connector, OUTSIDER) if "Déléguer" in text_of(c)]
    channel(teams_bot).submit(MENTEE, action(review, "Confirm"), card_id=review["id"])
    to_manager = find_card(connector, OUTSIDER, "Déléguer")
    channel(teams_bot).submit(OUTSIDER, action(to_manager, "Confirmer"), card_id=to_manager["id"])
    assert fr_fixed("roadmap.confirmed_manager") in text_of(cards_for(connector, OUTSIDER)[-1])
    # The milestone's day: the mentor records it on a card, the mentee shares it, the manager reads it.
    at(teams_bot, datetime(2027, 2, 15, 18, 0, tzinfo=UTC))
    due = find_card(connector, MENTOR, "Point d'étape")
    channel(teams_bot).submit(MENTOR, action(due, "Noter"), card_id=due["id"])
    status = cards_for(connector, MENTOR)[-1]
    submit_form(teams_bot, MENTOR, status, "Enregistrer", on_track="yes", hours="6")
    share = find_card(connector, MENTEE, "6 h")
    assert not [c for c in cards_for(connector, OUTSIDER) if "6 h" in text_of(c)]
    channel(teams_bot).submit(MENTEE, action(share, "Share"), card_id=share["id"])
    assert "Sur la bonne voie · 6 h" in text_of(cards_for(connector, OUTSIDER)[-1])
    # Near the end: the mentor's synthesis, approved by the mentee for the manager too.
    channel(teams_bot).say(MENTOR, "mentorat synthese")
    form = cards_for(connector, MENTOR)[-1]
    assert card_inputs(form)["axes"]["value"] == "Déléguer"  # prefilled from the road map
    submit_form(teams_bot, MENTOR, form, "Soumettre", points="Prise de parole", results="Objectif atteint",
                follow_up="")
    refused = cards_for(connector, MENTOR)[-1]
    assert fr_fixed("synthesis.error.follow_up") in text_of(refused)
    submit_form(teams_bot, MENTOR, refused, "Soumettre", follow_up="2027-11-01 Point de suivi")
    review = find_card(connector, MENTEE, "Prise de parole")
    assert not [c for c in cards_for(connector, OUTSIDER) if "Prise de parole" in text_of(c)]
    channel(teams_bot).submit(MENTEE, action(review, "Olivier"), card_id=review["id"])  # "…send to Olivier too"
    delivered = find_card(connector, OUTSIDER, "Prise de parole")
    assert "PDF" in text_of(delivered)


@pytest.mark.both_databases
def test_synthesis_changes_and_the_restitution_on_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    corporate_pair(teams_bot, connector, direction=COORD.aad_object_id)
    channel(teams_bot).say(MENTOR, "mentorat synthese")
    submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Soumettre", points="Prise de parole",
                results="Objectif atteint", axes="Déléguer", follow_up="2027-11-01 Point de suivi")
    review = find_card(connector, MENTEE, "Prise de parole")
    channel(teams_bot).submit(MENTEE, action(review, "changes"), card_id=review["id"])
    changes = cards_for(connector, MENTEE)[-1]
    submit_form(teams_bot, MENTEE, changes, "Send", comment="")
    assert "Tell the mentor what should change" in text_of(cards_for(connector, MENTEE)[-1])
    submit_form(teams_bot, MENTEE, cards_for(connector, MENTEE)[-1], "Send", comment="Ajoutez le réseautage")
    asked = find_card(connector, MENTOR, "Ajoutez le réseautage")
    channel(teams_bot).submit(MENTOR, action(asked, "Modifier"), card_id=asked["id"])
    submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Soumettre", points="Prise de parole\nRéseautage")
    review = find_card(connector, MENTEE, "Réseautage")
    channel(teams_bot).submit(MENTEE, action(review, "management only"), card_id=review["id"])
    assert find_card(connector, COORD, "Réseautage")  # the direction reads the approved report
    assert not [c for c in cards_for(connector, OUTSIDER) if "Réseautage" in text_of(c)]  # not the manager
    at(teams_bot, datetime(2026, 11, 30, 18, 0, tzinfo=UTC))  # a prompt waits for Marie's good hours and week
    prompt = find_card(connector, MENTOR, fr_fixed("restitution.prompt")[:40])
    channel(teams_bot).submit(MENTOR, action(prompt, "restitution"), card_id=prompt["id"])
    form = cards_for(connector, MENTOR)[-1]
    assert fr_fixed("meeting.restitution.form") in text_of(form)
    submit_form(teams_bot, MENTOR, form, "Envoyer", date="2027-09-15", time="10:00", duration="60", mode="video",
                agenda="Nos dernières questions")
    proposal = find_card(connector, MENTEE, "Restitution")
    channel(teams_bot).submit(MENTEE, action(proposal, "Confirm"), card_id=proposal["id"])
    for guest in (OUTSIDER, COORD):  # the manager and the direction, without the agenda
        invited = find_card(connector, guest, fr_fixed("meeting.restitution.guest")[:30])
        assert "dernières questions" not in text_of(invited)
    at(teams_bot, datetime(2027, 9, 16, 18, 0, tzinfo=UTC))
    question = find_card(connector, MENTOR, "a-t-elle eu lieu")
    channel(teams_bot).submit(MENTOR, action(question, "Oui"), card_id=question["id"])
    with teams_bot.session_factory() as session:
        assert session.scalars(select(Convention.restitution_held_at)).one() is not None  # the closure validated


@pytest.mark.parametrize(("changes", "field", "key"), FIELD_ERRORS, ids=[f for _c, f, _k in FIELD_ERRORS])
def test_every_bad_setting_comes_back_under_its_field_on_teams(teams_bot: Harness, connector: BotConnectorEmulator,
                                                                changes: dict[str, str], field: str, key: str) -> None:
    channel(teams_bot).say(COORD, "mentorat programme")
    listing = cards_for(connector, COORD)[-1]
    channel(teams_bot).submit(COORD, action(listing, "Nouveau programme"), card_id=listing["id"])
    form = cards_for(connector, COORD)[-1]
    submit_form(teams_bot, COORD, form, "Enregistrer", **{"name": "Cohorte 2027", **changes})
    refused = cards_for(connector, COORD)[-1]
    assert refused["id"] == form["id"] and fr_fixed(key) in text_of(refused)
    assert card_inputs(refused)[field]  # the field is still there, with the error under it
    assert names(teams_bot) == ["Mentorat"]
