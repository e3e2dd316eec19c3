"""Teams: différends and early ends. `mentorat differend` and `mentorat fin-hative` open the forms; the
coordinators are alerted at once with the text, take the case, ask to meet the pair, resolve it or confirm
the end from the alert's card; the person who asked for an early end can withdraw it;
`mentorat coordonnateurs` lists the coordination and adds or removes someone picked from the directory.

Marie (mentor) reads French in Vancouver, Sam (mentee) English in Paris, Camille coordinates (Toronto).
What the person who raises it writes reaches the coordinators only: never the other side, never a log line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from storage.db import session_scope
from storage.models import Convention, Dispute, Person, Reminder, ReminderStatus
from tests.scenarios.dispute_helpers import raise_differend as raise_on_slack
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import texts_to, with_button
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    TeamsUser,
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
from tests.support.texts import fr, fr_fixed, fr_lead, fr_part

__all__ = ["connector", "teams_bot"]

SECRET = "Zanzibar-7 : il critique mon travail devant l'équipe"
ALERT = "signale un différend"  # the coordinator's alert (French)
EARLY_ALERT = "demande de mettre fin"


# -- driving it like people do -------------------------------------------------------------------------
def dispute_form(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser,
                 command: str = "mentorat differend") -> dict[str, Any]:
    channel(bot).say(user, command)
    form = cards_for(connector, user)[-1]
    assert "summary" in card_inputs(form), text_of(form)
    return form


def raise_differend(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, *, summary: str = SECRET,
                    amicable: str = "yes", go_on: str = "false", urgency: str = "normal") -> dict[str, Any]:
    """Fill in and send the différend form; returns the form's card (as it now stands)."""
    form = dispute_form(bot, connector, user)
    submit = "Envoyer" if user.locale.startswith("fr") else "Send"
    submit_form(bot, user, form, submit, summary=summary, amicable=amicable, go_on=go_on, urgency=urgency)
    return connector.latest(form["id"])


def ask_early_end(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser,
                  reason: str = SECRET) -> dict[str, Any]:
    form = dispute_form(bot, connector, user, "mentorat fin-hative")
    submit = "Envoyer la demande" if user.locale.startswith("fr") else "Send the request"
    submit_form(bot, user, form, submit, summary=reason)
    return connector.latest(form["id"])


def click(bot: Harness, user: TeamsUser, card: dict[str, Any], title: str) -> None:
    """A button of a card the person received (the card is replaced in place when the answer says so)."""
    channel(bot).submit(user, action(card, title), card_id=card["id"])


def everything_seen_by(connector: BotConnectorEmulator, user: TeamsUser) -> str:
    """Every version of every card in the person's chat (updates included)."""
    seen = []
    for activity in connector.activities_for(user.teams_id):
        seen += [text_of(activity), *(text_of(update) for update in connector.updates(activity["id"]))]
    return "\n".join(seen)


def all_disputes(bot: Harness) -> list[Dispute]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Dispute).order_by(Dispute.id)))
        session.expunge_all()
        return found


def convention_status(bot: Harness) -> str:
    with session_scope(bot.session_factory) as session:
        return session.scalars(select(Convention.status)).one()


def known_ids(bot: Harness) -> list[str]:
    """The people the bot knows, on both platforms (an id twice: one platform's id taken for the other's)."""
    with session_scope(bot.session_factory) as session:
        return list(session.scalars(select(Person.external_id)))


def alerts(connector: BotConnectorEmulator, user: TeamsUser, needle: str = ALERT) -> list[dict[str, Any]]:
    """The cards received whose first version held `needle`, as they now stand (a click may have changed them)."""
    received = connector.activities_for(user.teams_id)
    return [connector.latest(c["id"]) for c in received if needle in text_of(c)]


def titles(card: dict[str, Any]) -> list[str]:
    return [title for title, _ in card_actions(card)]


# -- différends ----------------------------------------------------------------------------------------
def test_a_differend_reaches_the_coordinator_at_once_and_nobody_else(
        teams_bot: Harness, connector: BotConnectorEmulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(COORD, "mentorat pause 2 semaines")  # essential messages are never muted
    assert "plus de rappels jusqu'au lundi 7 décembre 2026" in last_text(connector, COORD)
    form = dispute_form(teams_bot, connector, MENTOR)
    shown = text_of(form)
    assert "Sam Mentoré ne le verra pas" in shown and "911" in shown and "988" in shown
    assert card_inputs(form)["urgency"]["value"] == "normal"

    answered = raise_differend(teams_bot, connector, MENTOR, urgency="urgent")
    # The form gave way to the acknowledgement, naming the coordination (never a Slack id, never "?").
    assert "transmis à la coordination (Camille Coordination) le lundi 23 novembre 2026 à 7 h 00" in \
        text_of(answered)
    assert card_inputs(answered) == {}
    # Camille is alerted at once, though paused, with everything Slack shows a coordinator.
    [alert] = alerts(connector, COORD)
    text = text_of(alert)
    for expected in ("Marie Mentor (mentor) signale un différend", "Marie Mentor / Sam Mentoré", "Urgent",
                     "lundi 23 novembre 2026 à 10 h 00", SECRET, "Pour la coordination seulement"):
        assert expected in text, expected
    assert titles(alert) == ["Je m'en occupe", "Planifier une rencontre", "Résolu"]
    [dispute] = all_disputes(teams_bot)
    assert (dispute.status, dispute.urgency, dispute.amicable_tried) == ("open", "urgent", True)
    # Sam, the other side, never reads it; nor does any log line; nor is a Slack-only coordinator id
    # (MENTORAT_COORDINATORS also lists UCOORD) looked for in the Teams tenant.
    assert "Zanzibar" not in everything_seen_by(connector, MENTEE)
    assert "Zanzibar" not in caplog.text
    assert not any("UCOORD" in json.dumps(call.body or {}) for call in connector.calls)


def test_a_refused_differend_form_comes_back_with_the_error_and_every_value(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    # No friendly attempt yet, and not asking to go on anyway: the convention asks to talk first.
    again = raise_differend(teams_bot, connector, MENTOR, amicable="no", urgency="low")
    inputs = card_inputs(again)
    assert {name: inputs[name]["value"] for name in ("summary", "amicable", "go_on", "urgency")} == {
        "summary": SECRET, "amicable": "no", "go_on": "false", "urgency": "low"}
    assert fr_fixed("dispute.try_first") in text_of(again) and fr_fixed("teams.form.fix") in text_of(again)
    assert all_disputes(teams_bot) == [] and alerts(connector, COORD) == []
    # An empty text is refused on its field, the other answers kept.
    submit_form(teams_bot, MENTOR, again, "Envoyer", summary="   ", go_on="true")
    again = connector.latest(again["id"])
    assert fr_fixed("error.dispute.summary") in text_of(again)
    assert card_inputs(again)["go_on"]["value"] == "true" and card_inputs(again)["urgency"]["value"] == "low"
    # Written, and "bring it to the coordination anyway": it goes through.
    submit_form(teams_bot, MENTOR, again, "Envoyer", summary=SECRET)
    assert fr_fixed("differend.sent") in text_of(connector.latest(again["id"]))
    assert "pas encore" in text_of(alerts(connector, COORD)[0])
    # A second one while the first is open: the form gives way to the reason, with the first one's date.
    second = raise_differend(teams_bot, connector, MENTOR)
    assert fr_lead("error.differend.already_open") + "lundi 23 novembre 2026" in text_of(second)
    assert card_inputs(second) == {}
    assert len(all_disputes(teams_bot)) == 1 and len(alerts(connector, COORD)) == 1


def test_danger_adds_the_resources_and_makes_it_urgent(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    # No friendly attempt and urgency left low: the danger goes through anyway, as urgent.
    answered = raise_differend(teams_bot, connector, MENTEE, summary="He told me he wants to kill himself",
                               amicable="no", urgency="low")
    told = text_of(answered)
    assert "went to the coordinators (Camille Coordination)" in told
    assert "You don't have to carry this alone" in told and "911" in told and "988" in told
    alert = text_of(alerts(connector, COORD)[0])
    assert "Urgent" in alert and "⚠️" in alert and "988" in alert
    assert all_disputes(teams_bot)[0].danger
    assert "kill himself" not in everything_seen_by(connector, MENTOR)


@pytest.mark.both_databases
def test_the_coordinator_takes_asks_to_meet_and_resolves_from_the_alert(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    raise_differend(teams_bot, connector, MENTEE)
    alert = alerts(connector, COORD)[0]
    teams_bot.clock.set(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))
    click(teams_bot, COORD, alert, "occupe")
    # The alert now shows who has it (no more "Je m'en occupe"); a note confirms; Sam is told, in English.
    taken = connector.latest(alert["id"])
    assert "Pris en charge** : par Camille Coordination, le mardi 24 novembre 2026 à 11 h 00" in text_of(taken)
    assert titles(taken) == ["Planifier une rencontre", "Résolu"]
    assert fr("dispute.taken.you", person="Sam Mentoré") in last_text(connector, COORD)
    assert "Camille Coordination has been handling your disagreement since Tuesday, November 24, 2026 at 5:00" \
        in last_text(connector, MENTEE)
    assert all_disputes(teams_bot)[0].status == "acknowledged"
    # A meeting with the pair: both told, each in their language, without the text.
    click(teams_bot, COORD, taken, "rencontre")
    assert "Les deux personnes de la paire savent" in last_text(connector, COORD)
    assert fr_part("dispute.meeting", person="Camille Coordination", other="Sam Mentoré") in last_text(connector, MENTOR)
    assert "Camille Coordination, a coordinator of the programme, would like to meet Marie Mentor" in \
        last_text(connector, MENTEE)
    assert "Zanzibar" not in everything_seen_by(connector, MENTOR)
    # Resolved: the alert becomes a short note without the text; Sam is thanked.
    click(teams_bot, COORD, connector.latest(alert["id"]), "Résolu")
    closed = connector.latest(alert["id"])
    assert fr_lead("differend.closed.resolved", person="Camille Coordination") + "mardi 24 novembre 2026" in text_of(closed)
    assert "Zanzibar" not in text_of(closed) and titles(closed) == []
    assert "marked your disagreement as resolved" in last_text(connector, MENTEE)
    assert all_disputes(teams_bot)[0].status == "resolved"
    # A stale copy clicked again changes nothing and says so.
    channel(teams_bot).submit(COORD, action(taken, "Résolu"))
    assert fr_fixed("dispute.already_closed") in last_text(connector, COORD)


def test_one_coordinator_list_serves_slack_and_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    """MENTORAT_COORDINATORS holds a Slack member id (UCOORD) and Camille's Entra id: a différend raised
    on Slack reaches UCOORD on Slack, one raised on Teams reaches Camille on Teams, each at once."""
    pair_and_accept(teams_bot, start="2026-11-23")  # Marie and Sam on Slack this time
    raise_on_slack(teams_bot, "UMENTOR")
    assert "transmis à la coordination (<@UCOORD>)" in texts_to(teams_bot, "UMENTOR")[-1]
    assert len(with_button(teams_bot, "UCOORD", "dispute-case-take")) == 1
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    raise_differend(teams_bot, connector, MENTOR)
    assert "transmis à la coordination (Camille Coordination)" in last_text(connector, MENTOR)
    assert len(alerts(connector, COORD)) == 1
    assert len(with_button(teams_bot, "UCOORD", "dispute-case-take")) == 1, "the Slack coordinator got only Slack's"
    # Neither workspace took the other platform's id for one of its people.
    assert known_ids(teams_bot).count("UCOORD") == 1
    assert known_ids(teams_bot).count(COORD.aad_object_id) == 1


def test_only_the_coordination_acts_on_a_dispute(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(OUTSIDER, "mentorat differend")
    assert "réservé" in last_text(connector, OUTSIDER), "no convention: the command is not theirs"
    raise_differend(teams_bot, connector, MENTOR)
    alert = alerts(connector, COORD)[0]
    for title in ("occupe", "rencontre", "Résolu"):  # forged submissions of the coordinator's buttons
        channel(teams_bot).submit(OUTSIDER, action(alert, title))
        assert "Seule la coordination du programme peut faire cela (Camille Coordination)" in \
            last_text(connector, OUTSIDER)
        channel(teams_bot).submit(MENTEE, action(alert, title))
        assert "Only the programme's coordinators can do that (Camille Coordination)" in last_text(connector, MENTEE)
    assert all_disputes(teams_bot)[0].status == "open"
    assert "Zanzibar" not in everything_seen_by(connector, MENTEE) + everything_seen_by(connector, OUTSIDER)
    assert not any("aimerait vous rencontrer" in text_of(c) for c in cards_for(connector, MENTOR))


def test_nobody_takes_it_and_the_coordinators_are_reminded_after_two_working_days(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    raise_differend(teams_bot, connector, MENTOR)
    jobs = teams_bot.mentorat.jobs
    teams_bot.clock.set(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))  # Tuesday: one working day
    jobs.tick()
    assert len(alerts(connector, COORD)) == 1
    teams_bot.clock.set(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))  # Wednesday 10:00 in Toronto
    jobs.tick()
    reminder = cards_for(connector, COORD)[-1]
    assert fr_fixed("dispute.escalated.1") in text_of(reminder)
    assert SECRET in text_of(reminder) and "Je m'en occupe" in titles(reminder)
    assert all_disputes(teams_bot)[0].escalation_level == 1
    # Taken from the reminder's card: no more reminders.
    click(teams_bot, COORD, reminder, "occupe")
    for day in (26, 27, 30):
        teams_bot.clock.set(datetime(2026, 11, day, 15, 0, tzinfo=UTC))
        jobs.tick()
    assert len(alerts(connector, COORD, "pris en charge par personne")) == 1


# -- early ends ----------------------------------------------------------------------------------------
def _pending(bot: Harness) -> list[Reminder]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.PENDING)))
        session.expunge_all()
        return found


def test_an_early_end_waits_for_a_coordinator_to_confirm(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    assert _pending(teams_bot), "reviews are planned for the pair"
    form = dispute_form(teams_bot, connector, MENTEE, "mentorat fin-hative")
    assert set(card_inputs(form)) == {"summary"}, "an early end asks for the reasons only"
    submit_form(teams_bot, MENTEE, form, "Send the request", summary="  ")
    assert "Describe the situation in a few words" in text_of(connector.latest(form["id"]))
    submit_form(teams_bot, MENTEE, connector.latest(form["id"]), "Send the request", summary=SECRET)
    sent = connector.latest(form["id"])
    assert "stays in force meanwhile" in text_of(sent) and titles(sent) == ["Withdraw my request"]
    [alert] = alerts(connector, COORD, EARLY_ALERT)
    assert fr_part("early_end.coordinator", person="Sam Mentoré", role=fr("role.mentee")) in text_of(alert)
    assert SECRET in text_of(alert)
    assert "Confirmer la fin" in titles(alert)
    # Marie cannot confirm it herself, nor withdraw Sam's request.
    channel(teams_bot).submit(MENTOR, action(alert, "Confirmer la fin"))
    assert "Seule la coordination" in last_text(connector, MENTOR)
    channel(teams_bot).submit(MENTOR, action(sent, "Withdraw"))
    assert "Seule la personne qui a fait la demande peut la retirer" in last_text(connector, MENTOR)
    assert convention_status(teams_bot) == "active"
    # After talking with both, Camille confirms: ended early, reminders stop, both told and offered the bilan.
    teams_bot.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    click(teams_bot, COORD, alert, "Confirmer la fin")
    assert fr_lead("early_end.closed.resolved", person="Camille Coordination") + "mercredi 2 décembre 2026" in \
        text_of(connector.latest(alert["id"]))
    assert convention_status(teams_bot) == "ended_early"
    assert _pending(teams_bot) == []
    assert any("prend fin aujourd'hui" in text_of(c) for c in cards_for(connector, MENTOR))
    assert any("ends today" in text_of(c) for c in cards_for(connector, MENTEE))
    assert "short bilan" in last_text(connector, MENTEE) and "bilan court" in last_text(connector, MENTOR)
    assert "Zanzibar" not in everything_seen_by(connector, MENTOR)
    # Over: no participant role any more, so no second request.
    channel(teams_bot).say(MENTEE, "mentorat fin-hative")
    assert "mentorat fin-hative is for: mentee, mentor" in last_text(connector, MENTEE)


def test_a_withdrawn_early_end_lets_the_convention_go_on(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    sent = ask_early_end(teams_bot, connector, MENTOR)
    alert = alerts(connector, COORD, EARLY_ALERT)[0]
    click(teams_bot, MENTOR, sent, "Retirer ma demande")
    assert fr_fixed("early_end.withdrawn.you") in text_of(connector.latest(sent["id"]))
    assert titles(connector.latest(sent["id"])) == []
    assert "Marie Mentor a retiré sa demande de fin hâtive : la convention de Marie Mentor et Sam Mentoré continue" \
        in last_text(connector, COORD)
    assert all_disputes(teams_bot)[0].status == "withdrawn"
    # The alert clicked afterwards: nothing ends, the card says it was withdrawn.
    click(teams_bot, COORD, alert, "Confirmer la fin")
    assert fr_fixed("early_end.closed.withdrawn") in text_of(connector.latest(alert["id"]))
    assert fr_fixed("dispute.already_closed") in last_text(connector, COORD)
    assert convention_status(teams_bot) == "active"
    # No reminder about it follows.
    teams_bot.clock.set(datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    teams_bot.mentorat.jobs.tick()
    assert len(alerts(connector, COORD, EARLY_ALERT)) == 1


# -- the coordination ----------------------------------------------------------------------------------
def coordinators_card(bot: Harness, connector: BotConnectorEmulator) -> dict[str, Any]:
    channel(bot).say(COORD, "mentorat coordonnateurs")
    listed = cards_for(connector, COORD)[-1]
    assert card_inputs(listed)["person"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    return listed


def pick(bot: Harness, user: TeamsUser, listed: dict[str, Any], title: str, person: str) -> None:
    channel(bot).submit(user, {**action(listed, title), "person": person}, card_id=listed["id"])


def test_coordinators_are_listed_added_and_removed_from_the_card(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    listed = coordinators_card(teams_bot, connector)
    assert fr("coord.list", programme="Mentorat", names="Camille Coordination") in text_of(listed)
    assert "UCOORD" not in text_of(listed) and "?" not in text_of(listed).split("\n")[0]
    # Nobody picked: the card comes back with the error under the picker.
    pick(teams_bot, COORD, listed, "Ajouter", "")
    assert fr_fixed("teams.disputes.coord.pick") in text_of(connector.latest(listed["id"]))
    # Someone the bot cannot reach (the app is not installed for them): refused, the choice kept.
    stranger = "0a000000-0000-4000-8000-0000000000ee"
    pick(teams_bot, COORD, listed, "Ajouter", stranger)
    again = connector.latest(listed["id"])
    assert fr_fixed("teams.pair.unreachable") in text_of(again) and card_inputs(again)["person"]["value"] == stranger
    # Olivier is added: the card is updated in place, with his name from Teams.
    pick(teams_bot, COORD, listed, "Ajouter", OUTSIDER.aad_object_id)
    updated = text_of(connector.latest(listed["id"]))
    assert "Olivier Outsider fait maintenant partie de la coordination" in updated
    assert "Camille Coordination, Olivier Outsider" in updated
    pick(teams_bot, COORD, listed, "Ajouter", OUTSIDER.aad_object_id)
    assert fr("coord.already", name="Olivier Outsider") in text_of(connector.latest(listed["id"]))
    # A coordinator by right (MENTORAT_COORDINATORS) cannot be removed here; an added one can.
    pick(teams_bot, COORD, listed, "Retirer", COORD.aad_object_id)
    assert "Camille Coordination coordonne de droit" in text_of(connector.latest(listed["id"]))
    pick(teams_bot, COORD, listed, "Retirer", OUTSIDER.aad_object_id)
    updated = text_of(connector.latest(listed["id"]))
    assert "Olivier Outsider ne fait plus partie de la coordination" in updated
    assert "« Mentorat » : Camille Coordination\n" in updated + "\n"


def test_only_coordinators_change_the_coordination(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    listed = coordinators_card(teams_bot, connector)
    channel(teams_bot).say(OUTSIDER, "mentorat coordonnateurs")
    assert "réservé" in last_text(connector, OUTSIDER)
    pick(teams_bot, OUTSIDER, listed, "Ajouter", OUTSIDER.aad_object_id)  # a forged submission
    assert "Seule la coordination du programme peut faire cela (Camille Coordination)" in \
        last_text(connector, OUTSIDER)
    channel(teams_bot).say(COORD, "mentorat coordonnateurs")
    assert "Olivier" not in last_text(connector, COORD)


def test_an_added_coordinator_is_alerted_too_and_the_first_to_take_it_has_it(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    pick(teams_bot, COORD, coordinators_card(teams_bot, connector), "Ajouter", OUTSIDER.aad_object_id)
    raise_differend(teams_bot, connector, MENTOR)
    assert "transmis à la coordination (Camille Coordination, Olivier Outsider)" in last_text(connector, MENTOR)
    olivier, camille = alerts(connector, OUTSIDER)[0], alerts(connector, COORD)[0]
    assert SECRET in text_of(olivier)
    click(teams_bot, OUTSIDER, olivier, "occupe")
    assert fr_lead("differend.taken", person="Olivier Outsider") in last_text(connector, MENTOR)
    # Camille clicks her (older) copy: told who has it, and her card shows it; nothing changes.
    click(teams_bot, COORD, camille, "occupe")
    assert "Olivier Outsider s'en occupe déjà depuis le lundi 23 novembre 2026" in last_text(connector, COORD)
    assert "par Olivier Outsider" in text_of(connector.latest(camille["id"]))
    assert all_disputes(teams_bot)[0].taken_by_id is not None
    assert len([c for c in cards_for(connector, MENTOR) if fr_fixed("differend.taken") in text_of(c)]) == 1
    find_card(connector, OUTSIDER, "vous vous en occupez")
