"""Teams: the mentee's choice (three mentors, a request, the mentor's word, the coordination's decision),
the programme's themes and its evaluation, with the same use cases as Slack."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from bot.demo.teams_requests import TeamsUser
from storage.db import session_scope
from storage.models import Convention, ConventionStatus, MentorRequest, Programme, ProgrammeEvaluation
from tests.scenarios.teams_helpers import COORD, MENTEE, MENTOR, action, cards_for, channel, connector, teams_bot
from tests.scenarios.test_teams_enrolment import MENTEE_VALUES, MENTOR_VALUES, enrol
from tests.support.texts import fr

__all__ = ["connector", "teams_bot"]


def _click(bot: Harness, user: TeamsUser, activity: dict[str, Any], title: str, **values: str) -> None:
    channel(bot).submit(user, {**action(activity, title), **values}, card_id=activity["id"])


def _with(connector: BotConnectorEmulator, user: TeamsUser, key: str) -> dict[str, Any]:
    found = [a for a in cards_for(connector, user) if any(d.get("mentorat") == key for _t, d in card_actions(a))]
    assert found, f"{user.name} has no card with {key}"
    return found[-1]


@pytest.mark.both_databases
def test_the_mentee_chooses_the_mentor_agrees_the_coordination_confirms(teams_bot: Harness,
                                                                         connector: BotConnectorEmulator) -> None:
    teams_bot.clock.set(datetime(2026, 11, 23, 16, 30, tzinfo=UTC))  # working hours in Vancouver, Paris and Toronto
    channel(teams_bot).say(COORD, "mentorat inscription choix valide")
    enrol(teams_bot, connector, MENTOR, MENTOR_VALUES)
    enrol(teams_bot, connector, MENTEE, {**MENTEE_VALUES, "manager": ""})
    channel(teams_bot).say(MENTEE, "mentorat suggestions")
    choices = cards_for(connector, MENTEE)[-1]
    assert "Directrice, 20 ans de métier." in text_of(choices)
    _click(teams_bot, MENTEE, choices, "Ask this mentor")
    asked = _with(connector, MENTOR, "mentor-request-agree")
    assert "Analyste depuis trois ans." in text_of(asked)
    _click(teams_bot, MENTOR, asked, "Accepter")
    form = cards_for(connector, MENTOR)[-1]
    assert "reply" in card_inputs(form)
    _click(teams_bot, MENTOR, form, "Accepter", reply="Au plaisir de vous rencontrer.")
    assert any("Au plaisir de vous rencontrer." in text_of(a) for a in cards_for(connector, MENTEE))
    to_confirm = _with(connector, COORD, "mentor-request-confirm")
    assert "Au plaisir" not in " ".join(text_of(a) for a in cards_for(connector, COORD))
    _click(teams_bot, COORD, to_confirm, "Confirmer")
    with session_scope(teams_bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.mentor.external_id == MENTOR.aad_object_id
        assert session.scalars(select(MentorRequest.status)).one() == "confirmed"


def test_themes_card_and_a_forged_request_id(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(COORD, "mentorat themes")
    form = cards_for(connector, COORD)[-1]
    assert set(card_inputs(form)) >= {"defaults", "extra"}
    _click(teams_bot, COORD, form, "Enregistrer", defaults="networking", extra="Prise de parole, en public")
    again = connector.latest(form["id"])
    assert fr("themes.error.comma", value="Prise de parole, en public") in text_of(again)
    _click(teams_bot, COORD, again, "Enregistrer", defaults="networking", extra="Prise de parole")
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Programme.themes)).one() == ["networking", "Prise de parole"]
    # A mentor answering a request id nobody sent them is refused without a form.
    channel(teams_bot).submit(MENTOR, {"mentorat": "mentor-request-agree", "value": "999"})
    assert fr("request.not_yours") in text_of(cards_for(connector, MENTOR)[-1])


def test_the_evaluation_card_on_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    from tests.scenarios.teams_helpers import teams_pair_and_accept

    teams_pair_and_accept(teams_bot, connector)
    channel(teams_bot).say(MENTOR, "mentorat evaluation")
    assert fr("evaluation.nothing") in text_of(cards_for(connector, MENTOR)[-1])
    with session_scope(teams_bot.session_factory) as session:  # the end itself is tested on both platforms
        convention = session.scalars(select(Convention)).one()
        convention.status, convention.closed_at = ConventionStatus.ENDED_EARLY, teams_bot.clock.now()
    channel(teams_bot).say(MENTOR, "mentorat evaluation")
    form = cards_for(connector, MENTOR)[-1]
    ratings = {"satisfaction": "5", "matching": "4", "rhythm": "4", "support": "5", "recommend": "yes"}
    _click(teams_bot, MENTOR, form, "Envoyer", **{**ratings, "support": ""})
    again = connector.latest(form["id"])
    assert fr("evaluation.error.rating") in text_of(again)
    assert card_inputs(again)["satisfaction"]["value"] == "5"
    _click(teams_bot, MENTOR, again, "Envoyer", **ratings, suggestion="Plus de rencontres de groupe.")
    with session_scope(teams_bot.session_factory) as session:
        saved = session.scalars(select(ProgrammeEvaluation)).one()
        assert (saved.support, saved.suggestion) == (5, "Plus de rencontres de groupe.")


def test_editing_a_profile_shows_the_manager_by_name(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    from tests.scenarios.teams_helpers import OUTSIDER

    channel(teams_bot).say(OUTSIDER, "mentorat aide")  # Olivier is known by name
    enrol(teams_bot, connector, MENTEE, MENTEE_VALUES)
    channel(teams_bot).say(MENTEE, "mentorat profil")
    _click(teams_bot, MENTEE, cards_for(connector, MENTEE)[-1], "Edit my profile")
    manager = card_inputs(cards_for(connector, MENTEE)[-1])["manager"]
    assert manager["value"] == OUTSIDER.aad_object_id
    assert manager["choices"] == [{"title": "Olivier Outsider", "value": OUTSIDER.aad_object_id}]


def test_my_data_on_teams_comes_as_two_personal_links(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    enrol(teams_bot, connector, MENTEE, {**MENTEE_VALUES, "manager": ""})
    channel(teams_bot).say(MENTEE, "mentorat mes-donnees")
    reply = cards_for(connector, MENTEE)[-1]
    links = [a for a in reply["attachments"][0]["content"].get("actions", []) if a.get("type") == "Action.OpenUrl"]
    assert [a["title"] for a in links] == ["My data (readable page)", "My data (JSON)"]
    with session_scope(teams_bot.session_factory) as session:
        from storage.models import SharedFile
        files = session.scalars(select(SharedFile)).all()
        from storage.models import Person
        owner = session.scalars(select(Person.id).where(Person.external_id == MENTEE.aad_object_id)).one()
        assert len(files) == 2 and {f.person_id for f in files} == {owner}


def test_erasure_on_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    enrol(teams_bot, connector, MENTEE, {**MENTEE_VALUES, "manager": "", "presentation": "CANARY-TEAMS-q1"})
    channel(teams_bot).say(MENTEE, "mentorat mes-donnees effacer")
    shown = cards_for(connector, MENTEE)[-1]
    assert "cannot be undone" in text_of(shown)
    _click(teams_bot, MENTEE, shown, "Erase my data")
    with session_scope(teams_bot.session_factory) as session:
        from storage.models import Base
        stored = "\n".join(str(tuple(row)) for table in Base.metadata.sorted_tables
                           for row in session.execute(select(table)))
    assert "CANARY-TEAMS-q1" not in stored and MENTEE.aad_object_id not in stored
