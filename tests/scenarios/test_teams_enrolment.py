"""Teams: people sign up with the profile card, read profiles, and the coordination decides on the suggested
pairs from their card (the same use cases as Slack: test_enrolment.py)."""

from __future__ import annotations

import string
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from bot.demo.teams_requests import TeamsUser
from bot.i18n import t
from storage.db import session_scope
from storage.models import Convention, MatchDecision, Person, Profile, Programme
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
    teams_bot,
)
from tests.support.texts import fr, fr_fixed, unbold

__all__ = ["connector", "teams_bot"]

PROFILE_FIELDS = {"roles", "themes", "aspiration", "learning", "motivation", "expertise", "capacity", "languages",
                  "modes", "days", "windows", "presentation", "link", "team", "manager", "avoid"}
SECOND_MENTOR = TeamsUser("0a000000-0000-4000-8000-0000000000a3", "29:mentor3", "Louis Mentor")


def en_fixed(key: str) -> str:
    """The English sentence up to its first parameter (Sam reads English: Teams locale en-US)."""
    literal = next(string.Formatter().parse(t("en", key)))[0]
    return literal.strip()


def on_card(activity: dict[str, Any]) -> str:
    """What the card itself shows (not the activity's notification text)."""
    return text_of({**activity, "text": ""})


def profile_form(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, command: str) -> dict[str, Any]:
    channel(bot).say(user, command)
    form = cards_for(connector, user)[-1]
    assert set(card_inputs(form)) >= PROFILE_FIELDS, text_of(form)
    return form


def submit_profile(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, form: dict[str, Any],
                   **values: str) -> dict[str, Any]:
    """The card sent back with its inputs as shown, but for `values`; the card as it then stands."""
    inputs = card_inputs(form)
    (submit_data,) = [data for _title, data in card_actions(form) if data.get("mentorat") == "teams-profile-submit"]
    data = {**submit_data, **{name: str(element.get("value", "")) for name, element in inputs.items()}, **values}
    channel(bot).submit(user, data, card_id=form["id"])
    return connector.latest(form["id"])


MENTEE_VALUES = {
    "roles": "mentee", "themes": "negotiation,networking", "aspiration": "Diriger une équipe d'ici trois ans.",
    "learning": "prise de parole", "languages": "fr,en", "modes": "video,phone", "days": "0,1,2",
    "windows": "afternoon,evening", "presentation": "Analyste depuis trois ans.",
    "link": "https://exemple.org/cv", "team": "Analyse", "manager": OUTSIDER.aad_object_id.upper(),
}
MENTOR_VALUES = {
    "roles": "mentor", "themes": "negotiation", "motivation": "Rendre ce qu'on m'a donné.",
    "expertise": "Prise de parole, budget", "capacity": "2", "languages": "fr", "modes": "video",
    "days": "0,1,2,3,4", "windows": "morning,afternoon,evening", "presentation": "Directrice, 20 ans de métier.",
}


def enrol(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, values: dict[str, str]) -> dict[str, Any]:
    form = profile_form(bot, connector, user, "mentorat inscription")
    return submit_profile(bot, connector, user, form, **values)


def suggestions_card(bot: Harness, connector: BotConnectorEmulator) -> dict[str, Any]:
    channel(bot).say(COORD, "mentorat suggestions")
    return cards_for(connector, COORD)[-1]


@pytest.mark.both_databases
def test_a_mentee_signs_up_with_every_field_of_the_card(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(OUTSIDER, "mentorat aide")  # Sam's manager uses the bot too
    form = profile_form(teams_bot, connector, MENTEE, "mentorat inscription mentee")
    inputs = card_inputs(form)
    assert en_fixed("profile.title.new") in text_of(form)
    assert inputs["roles"]["value"] == "mentee", "the wish typed is ticked"
    assert inputs["languages"]["value"] == "en", "the language Teams gives is proposed"
    assert inputs["themes"]["isMultiSelect"] and inputs["languages"]["isMultiSelect"]
    assert inputs["manager"]["choices.data"]["dataset"] == "graph.microsoft.com/users"  # Teams' people picker
    assert "Negotiation" in text_of(form) or "negotiation" in text_of(form).lower()

    saved = submit_profile(teams_bot, connector, MENTEE, form, **MENTEE_VALUES)
    # The form made way for the confirmation, in Sam's language, with a way to edit.
    assert en_fixed("profile.saved.new") in text_of(saved)
    assert not card_inputs(saved)
    assert action(saved, t("en", "profile.button.edit"))
    with session_scope(teams_bot.session_factory) as session:
        profile = session.scalars(select(Profile)).one()
        assert (profile.as_mentee, profile.as_mentor) == (True, False)
        assert profile.themes == ["networking", "negotiation"]  # in the programme's order
        assert profile.languages == ["fr", "en"] and profile.modes == ["video", "phone"]
        assert profile.days == [0, 1, 2] and profile.windows == ["afternoon", "evening"]
        assert (profile.aspiration, profile.learning) == ("Diriger une équipe d'ici trois ans.", "prise de parole")
        assert (profile.link, profile.team) == ("https://exemple.org/cv", "Analyse")
        assert profile.timezone == "Europe/Paris"
        assert profile.manager is not None and profile.manager.external_id == OUTSIDER.aad_object_id
        assert profile.avoid_id is None  # an empty picker is nobody


def test_a_refused_field_comes_back_on_the_card_with_what_was_typed(teams_bot: Harness,
                                                                      connector: BotConnectorEmulator) -> None:
    form = profile_form(teams_bot, connector, MENTOR, "mentorat inscription")
    again = submit_profile(teams_bot, connector, MENTOR, form, **{**MENTOR_VALUES, "themes": ""})
    inputs = card_inputs(again)
    text = text_of(again)
    assert fr("profile.error.themes") in text
    assert fr("teams.form.fix") in text
    assert inputs["presentation"]["value"] == "Directrice, 20 ans de métier."
    assert inputs["motivation"]["value"] == "Rendre ce qu'on m'a donné."
    assert inputs["capacity"]["value"] == "2" and inputs["modes"]["value"] == "video"
    # The error sits right under its field.
    body = again["attachments"][0]["content"]["body"]
    at = next(i for i, element in enumerate(body) if element.get("id") == "themes")
    assert fr("profile.error.themes") in body[at + 1]["text"]
    # Another field, on the same card: a mentor must say why.
    again = submit_profile(teams_bot, connector, MENTOR, again, motivation="", themes="negotiation")
    assert fr("profile.error.motivation") in text_of(again)
    assert fr("profile.error.themes") not in text_of(again)
    assert card_inputs(again)["themes"]["value"] == "negotiation"
    # Oneself as the person to avoid is refused on that picker.
    again = submit_profile(teams_bot, connector, MENTOR, again, motivation="Transmettre.",
                           avoid=MENTOR.aad_object_id)
    assert fr("profile.error.avoid_self") in text_of(again)
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Profile)).first() is None  # nothing saved
    # A colleague the bot knows, picked on a refused form, is not named back: the card would tell whether
    # they use Mentorat.
    channel(teams_bot).say(COORD, "mentorat aide")  # the bot knows Camille by name
    again = submit_profile(teams_bot, connector, MENTOR, again, themes="", avoid=COORD.aad_object_id)
    assert COORD.name not in text_of(again)
    saved = submit_profile(teams_bot, connector, MENTOR, again, themes="negotiation", avoid="")
    assert fr_fixed("profile.saved.new") in text_of(saved)


def test_profil_shows_ones_own_and_others_through_the_picker(teams_bot: Harness,
                                                             connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTEE, "mentorat profil")
    none_yet = cards_for(connector, MENTEE)[-1]
    assert t("en", "profile.none_yet") in text_of(none_yet)
    channel(teams_bot).submit(MENTEE, action(none_yet, t("en", "enrolment.button.mentee")), card_id=none_yet["id"])
    form = cards_for(connector, MENTEE)[-1]
    assert card_inputs(form)["roles"]["value"] == "mentee"
    submit_profile(teams_bot, connector, MENTEE, form, **MENTEE_VALUES)

    channel(teams_bot).say(MENTEE, "mentorat profil")
    own = cards_for(connector, MENTEE)[-1]
    assert "Analyste depuis trois ans." in text_of(own) and "Diriger une équipe d'ici trois ans." in text_of(own)
    assert "Negotiation" in text_of(own) or "négociation" in text_of(own).lower()
    assert action(own, t("en", "profile.button.edit")) and action(own, t("en", "enrolment.button.withdraw"))

    # The coordination reads it: a Teams chat carries no mention, so the directory's picker.
    channel(teams_bot).say(COORD, "mentorat profil @Sam")
    picker = cards_for(connector, COORD)[-1]
    assert card_inputs(picker)["person"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    data = {**card_actions(picker)[0][1], "person": MENTEE.aad_object_id}
    channel(teams_bot).submit(COORD, data, card_id=picker["id"])
    shown = connector.latest(picker["id"])
    assert "Sam Mentoré" in text_of(shown) and "Analyste depuis trois ans." in text_of(shown)
    # Someone else may not.
    channel(teams_bot).submit(OUTSIDER, data)
    refused = cards_for(connector, OUTSIDER)[-1]
    assert fr("profile.not_yours") in text_of(refused) and "Analyste" not in text_of(refused)
    # An Entra object id typed after `profil` does the same.
    channel(teams_bot).say(COORD, f"mentorat profil {MENTEE.aad_object_id}")
    assert "Analyste depuis trois ans." in text_of(cards_for(connector, COORD)[-1])

    # « Withdraw » under one's own profile.
    channel(teams_bot).submit(MENTEE, action(own, t("en", "enrolment.button.withdraw")), card_id=own["id"])
    assert en_fixed("enrolment.withdrawn") in text_of(cards_for(connector, MENTEE)[-1])
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Profile)).one().withdrawn_at is not None


@pytest.mark.both_databases
def test_the_coordination_pairs_a_suggested_pair_and_both_receive_the_convention(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    enrol(teams_bot, connector, MENTEE, MENTEE_VALUES)
    enrol(teams_bot, connector, MENTOR, MENTOR_VALUES)
    shown = suggestions_card(teams_bot, connector)
    text = text_of(shown)
    assert "Sam Mentoré" in text and "Marie Mentor" in text
    assert fr("theme.negotiation") in text  # the theme in common
    assert "prise de parole" in text  # Sam's wish met by Marie's expertise
    assert "français" in text  # the language in common
    assert not card_inputs(shown), "one mentor only: no other to pick"

    channel(teams_bot).submit(COORD, action(shown, fr("match.button.accept")), card_id=shown["id"])
    with session_scope(teams_bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        assert (convention.mentor.external_id, convention.mentee.external_id) == (MENTOR.aad_object_id,
                                                                                  MENTEE.aad_object_id)
        assert [d.outcome for d in session.scalars(select(MatchDecision))] == ["accepted"]
    # The convention reaches both, each with the other's introduction.
    invitation = find_card(connector, MENTEE, t("en", "conv.title"))
    assert "Directrice, 20 ans de métier." in text_of(invitation)
    invitation = find_card(connector, MENTOR, fr("conv.title"))
    assert "Analyste depuis trois ans." in text_of(invitation)
    # The coordinator's card was replaced: what was done on top, nobody left to pair.
    refreshed = connector.latest(shown["id"])
    assert "Sam Mentoré" in on_card(refreshed) and "Marie Mentor" in on_card(refreshed)
    assert not [title for title, _ in card_actions(refreshed) if title == fr("match.button.accept")]
    assert unbold(fr_fixed("match.headline")) in on_card(refreshed)


def test_a_set_aside_mentee_is_then_shown_unmatched(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    enrol(teams_bot, connector, MENTEE, MENTEE_VALUES)
    enrol(teams_bot, connector, MENTOR, MENTOR_VALUES)
    shown = suggestions_card(teams_bot, connector)
    channel(teams_bot).submit(COORD, action(shown, fr("match.button.reject")), card_id=shown["id"])
    refreshed = connector.latest(shown["id"])
    assert fr_fixed("match.rejected") in on_card(refreshed)
    assert not [title for title, _ in card_actions(refreshed) if title == fr("match.button.accept")]

    again = suggestions_card(teams_bot, connector)
    text = text_of(again)
    assert fr("match.unmatched.title") in text
    assert f"Sam Mentoré{fr('match.unmatched.only_excluded').split('{name}')[1]}" in text
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Convention)).all() == []
        assert [d.outcome for d in session.scalars(select(MatchDecision))] == ["rejected"]


def test_another_mentor_from_the_list_and_a_stale_choice(teams_bot: Harness,
                                                         connector: BotConnectorEmulator) -> None:
    connector.add_user(SECOND_MENTOR.teams_id, SECOND_MENTOR.name, aad_object_id=SECOND_MENTOR.aad_object_id,
                       tenant_id=channel(teams_bot).tenant_id, conversation_id=SECOND_MENTOR.conversation_id)
    enrol(teams_bot, connector, MENTEE, MENTEE_VALUES)
    enrol(teams_bot, connector, MENTOR, MENTOR_VALUES)
    enrol(teams_bot, connector, SECOND_MENTOR, {**MENTOR_VALUES, "themes": "finance_admin"})
    shown = suggestions_card(teams_bot, connector)
    (other,) = card_inputs(shown).values()
    assert other["label"] == fr("match.button.swap")
    with session_scope(teams_bot.session_factory) as session:
        louis = session.scalars(select(Person).where(Person.external_id == SECOND_MENTOR.aad_object_id)).one()
        louis_id = louis.id
    (louis_choice,) = [c["value"] for c in other["choices"] if "Louis Mentor" in c["title"]]
    assert louis_choice.split(":")[1] == str(louis_id)
    swap = next(data for _title, data in card_actions(shown) if data.get("mentorat") == "match-pair-swap")
    # A forged input name is refused; nothing is paired.
    channel(teams_bot).submit(COORD, {**swap, "value": "themes", "themes": louis_choice}, card_id=shown["id"])
    assert fr_fixed("teams.stale") in text_of(cards_for(connector, COORD)[-1])
    channel(teams_bot).submit(COORD, {**swap, other["id"]: louis_choice}, card_id=shown["id"])
    with session_scope(teams_bot.session_factory) as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.mentor.external_id == SECOND_MENTOR.aad_object_id
        assert [d.outcome for d in session.scalars(select(MatchDecision))] == ["swapped"]
    assert find_card(connector, SECOND_MENTOR, fr("conv.title"))
    # The same pick again: the pair is no longer possible, said on top of the suggestions as they now stand.
    channel(teams_bot).submit(COORD, {**swap, other["id"]: louis_choice}, card_id=shown["id"])
    assert fr_fixed("match.gone") in on_card(connector.latest(shown["id"]))
    with session_scope(teams_bot.session_factory) as session:
        assert len(session.scalars(select(Convention)).all()) == 1


def test_a_theme_of_the_coordinators_own_with_a_comma_is_read_whole(teams_bot: Harness,
                                                                    connector: BotConnectorEmulator) -> None:
    channel(teams_bot).say(MENTOR, "mentorat aide")  # Marie's programme exists
    with session_scope(teams_bot.session_factory) as session:
        for programme in session.scalars(select(Programme)):
            programme.themes = ["negotiation", "Finances, budget"]
    form = profile_form(teams_bot, connector, MENTOR, "mentorat inscription")
    assert [c["value"] for c in card_inputs(form)["themes"]["choices"]] == ["negotiation", "Finances, budget"]
    # Teams joins a multi-select's values with commas.
    saved = submit_profile(teams_bot, connector, MENTOR, form, **{**MENTOR_VALUES,
                                                                   "themes": "negotiation,Finances, budget"})
    assert fr_fixed("profile.saved.new") in text_of(saved)
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Profile)).one().themes == ["negotiation", "Finances, budget"]
