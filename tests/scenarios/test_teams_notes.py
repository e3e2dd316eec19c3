"""Teams: private notes and objectives. `mentorat notes` and the note card (from the check-in's button),
`mentorat objectifs` with the add, update, feedback and history cards, and the services' buttons
("Voir les objectifs", "Ajouter un objectif") that reach Teams as proactive cards.

The mentor (Marie) reads French on Vancouver time; the mentee (Sam) reads English on Paris time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, text_of
from storage.db import session_scope
from storage.models import Convention, Note, Objective, ObjectiveUpdate
from tests.scenarios.teams_helpers import (
    COORD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    TeamsUser,
    action,
    cards_for,
    channel,
    confirmed_meeting,
    connector,
    find_card,
    last_text,
    submit_form,
    teams_bot,
    teams_pair_and_accept,
)
from tests.support.texts import fr, fr_fixed, fr_lead

__all__ = ["connector", "teams_bot"]

TEAMS_LIMIT = 28_000  # bytes of an activity, as the emulator (and Teams) count them


# -- helpers -----------------------------------------------------------------------------------------------
def _saved_notes(bot: Harness) -> list[Note]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Note).order_by(Note.id)))
        session.expunge_all()
        return found


def _objectives(bot: Harness) -> list[Objective]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Objective).order_by(Objective.id)))
        session.expunge_all()
        return found


def _convention_id(bot: Harness) -> int:
    with session_scope(bot.session_factory) as session:
        return session.scalars(select(Convention.id)).one()


def _new_cards(connector: BotConnectorEmulator, user: TeamsUser, before: int) -> list[dict[str, Any]]:
    return cards_for(connector, user)[before:]


def _size(activity: dict[str, Any]) -> int:
    return len(json.dumps(activity, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _held_meeting_followup(bot: Harness, connector: BotConnectorEmulator) -> dict[str, Any]:
    """A confirmed meeting, then the check-in the next day: Marie answers that it took place."""
    confirmed_meeting(bot, connector)
    bot.clock.set(datetime(2026, 12, 8, 18, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    question = find_card(connector, MENTOR, "a-t-elle eu lieu")
    channel(bot).submit(MENTOR, action(question, "Oui"), card_id=question["id"])
    return connector.latest(question["id"])


def _write_note(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, opener: dict[str, Any],
                button: str, body: str, *, share: bool) -> dict[str, Any]:
    """Click `button` on `opener`, fill the note card and send it; the card as it stands afterwards."""
    channel(bot).submit(user, action(opener, button))
    form = cards_for(connector, user)[-1]
    submit_form(bot, user, form, "Enregistrer" if user is MENTOR else "Save", body=body,
                share="true" if share else "false")
    return connector.latest(form["id"])


# -- notes ---------------------------------------------------------------------------------------------------
@pytest.mark.both_databases
def test_a_note_after_the_check_in_stays_private_unless_shared(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    followup = _held_meeting_followup(teams_bot, connector)
    assert fr_fixed("checkin.thanks.held") in text_of(followup)
    channel(teams_bot).submit(MENTOR, action(followup, "note privée"))
    form = cards_for(connector, MENTOR)[-1]
    assert {"body", "share"} <= set(card_inputs(form))
    shown = text_of(form)
    assert fr_lead("note.modal.about_meeting") + "lundi 7 décembre 2026 à 10 h 00" in shown, "the meeting, on Marie's clock"
    assert fr("note.modal.share", other="Sam Mentoré") in shown
    # An empty note: the card comes back with the error under the text and the switch as it was.
    submit_form(teams_bot, MENTOR, form, "Enregistrer", body="   ", share="true")
    again = connector.latest(form["id"])
    assert fr_fixed("error.note.empty") in text_of(again) and card_inputs(again)["share"]["value"] == "true"
    assert _saved_notes(teams_bot) == []
    submit_form(teams_bot, MENTOR, again, "Enregistrer", body="Sam hésite entre deux postes 🤔", share="false")
    saved = text_of(connector.latest(form["id"]))
    assert "vous seul·e pouvez la lire" in saved and "mentorat notes" in saved and "/mentorat" not in saved

    # A second note from the list's "Nouvelle note", shared this time: Sam receives it exactly as typed.
    channel(teams_bot).say(MENTOR, "mentorat notes")
    listing = cards_for(connector, MENTOR)[-1]
    typed = "Lectures : « Le mentor » <https://x.example> *pas en gras* <@29:mentee>"
    done = _write_note(teams_bot, connector, MENTOR, listing, "Nouvelle note", typed, share=True)
    assert fr("note.saved.shared", other="Sam Mentoré") in text_of(done)
    teams_bot.clock.set(datetime(2026, 12, 9, 8, 0, tzinfo=UTC))  # Sam hears of it at 9:00 in Paris, not at 19:00
    teams_bot.mentorat.jobs.tick()
    shared = find_card(connector, MENTEE, "Marie Mentor shared a note with you")
    assert typed in text_of(shared), "shown as typed: no link, no bold, no mention"
    first, second = _saved_notes(teams_bot)
    assert first.meeting_id is not None and first.shared_at is None
    assert second.meeting_id is None and second.shared_at is not None

    channel(teams_bot).say(MENTOR, "mentorat notes")
    mine = last_text(connector, MENTOR)
    assert "Sam hésite entre deux postes 🤔" in mine and typed in mine
    assert fr_fixed("note.list.mine_private") in mine and "(partagée avec Sam Mentoré)" in mine
    channel(teams_bot).say(MENTEE, "mentorat notes")
    theirs = last_text(connector, MENTEE)
    assert typed in theirs and "(shared with you)" in theirs
    assert "hésite" not in theirs, "the private note never reaches the partner"


def test_strangers_and_coordinators_never_write_or_read_the_pairs_notes(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    followup = _held_meeting_followup(teams_bot, connector)
    _write_note(teams_bot, connector, MENTOR, followup, "note privée", "Sam hésite entre deux postes", share=False)
    button = action(followup, "note privée")
    channel(teams_bot).submit(OUTSIDER, button)  # a click forwarded to someone outside the pair
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    channel(teams_bot).submit(OUTSIDER, {"mentorat": "teams-note-submit", "value": button["value"],
                                         "body": "Intrus", "share": "true"})
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    channel(teams_bot).submit(OUTSIDER, {"mentorat": "teams-note-submit", "value": "convention:abc",
                                         "body": "Intrus", "share": "false"})
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER), "a garbled button is refused too"
    assert [n.body for n in _saved_notes(teams_bot)] == ["Sam hésite entre deux postes"]
    channel(teams_bot).say(OUTSIDER, "mentorat notes")
    assert "hésite" not in last_text(connector, OUTSIDER)
    channel(teams_bot).say(COORD, "mentorat notes")
    assert "mentorat notes est réservé à" in last_text(connector, COORD)
    seen_by_coordinator = " ".join(text_of(card) for card in cards_for(connector, COORD))
    assert "hésite" not in seen_by_coordinator


def test_a_note_typed_after_the_command_and_a_long_list_over_several_cards(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTEE, "mentorat notes")
    assert "No notes yet" in last_text(connector, MENTEE)
    channel(teams_bot).say(MENTEE, "mentorat notes Relire mon *CV* avant lundi")
    assert "only you can read it" in last_text(connector, MENTEE)
    assert [n.body for n in _saved_notes(teams_bot)] == ["Relire mon *CV* avant lundi"]
    channel(teams_bot).say(MENTEE, "mentorat notes " + "x" * 3001)
    assert "A note fits in 3000 characters at most" in last_text(connector, MENTEE)

    # Ten notes at the length limit, in scripts that take 2 to 4 bytes a character: far over one card.
    for n in range(9):
        channel(teams_bot).say(MENTEE, "mentorat notes " + (f"{n}: Écouter 👂 — استمع <b> & " * 200)[:3000])
    before = len(cards_for(connector, MENTEE))
    channel(teams_bot).say(MENTEE, "mentorat notes")
    pages = _new_cards(connector, MENTEE, before)
    assert len(pages) > 1 and all(_size(page) < TEAMS_LIMIT for page in pages)
    assert "Your notes (continued)" in text_of(pages[1])
    shown = "\n".join(text_of(page) for page in pages)
    for note in _saved_notes(teams_bot):
        assert note.body in shown, "every note whole"
    assert [title for page in pages for title, _ in card_actions(page)] == ["New note"], "the button closes the list"


# -- objectives --------------------------------------------------------------------------------------------
def _objectives_add(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, opener: dict[str, Any],
                    **values: str) -> dict[str, Any]:
    """Click "Add an objective" on `opener`, fill the card and send it; the card as it stands afterwards."""
    channel(bot).submit(user, action(opener, "Add an objective" if user is MENTEE else "Ajouter un objectif"))
    form = cards_for(connector, user)[-1]
    assert {"title", "description", "horizon", "due", "success"} <= set(card_inputs(form))
    submit_form(bot, user, form, "Add" if user is MENTEE else "Ajouter", **values)
    return connector.latest(form["id"])


def _buttons(activity: dict[str, Any]) -> list[str]:
    return [title for title, _ in card_actions(activity)]


def test_add_update_feedback_and_history_from_teams(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTEE, "mentorat objectifs")
    empty = cards_for(connector, MENTEE)[-1]
    assert "No objectives yet. Set some together with Marie Mentor" in text_of(empty)

    # Refused: the card comes back in place, every value as typed and the error under its field.
    refused = _objectives_add(teams_bot, connector, MENTEE, empty, title="   ", description="Pour *oser*",
                              horizon="long", due="2027-03-01")
    inputs = card_inputs(refused)
    assert "Give the objective a name" in text_of(refused)
    assert (inputs["description"]["value"], inputs["horizon"]["value"], inputs["due"]["value"]) == (
        "Pour *oser*", "long", "2027-03-01")
    submit_form(teams_bot, MENTEE, refused, "Add", title="Parler en public", due="2026-11-01")
    assert "That date has passed" in text_of(connector.latest(refused["id"]))
    submit_form(teams_bot, MENTEE, refused, "Add", title="Parler en public", due="01/03/2027")
    assert "I can't read that date" in text_of(connector.latest(refused["id"]))
    assert _objectives(teams_bot) == []
    title = "Prendre la parole en réunion 🎤 — « تحدث » *sans* <@29:mentor>"
    submit_form(teams_bot, MENTEE, refused, "Add", title=title, due="2027-03-01",
                success="Animer une réunion d'équipe")
    added = text_of(connector.latest(refused["id"]))
    assert "Objective added" in added and title in added, "stored and shown as typed"
    assert "Animer une réunion d'équipe" in added and "░░░░░░░░░░ 0 %" in added
    [objective] = _objectives(teams_bot)
    assert objective.title == title and objective.horizon == "long"

    # Update from the list: status, progress and a comment.
    listing = connector.latest(refused["id"])
    assert _buttons(listing) == ["Update", "History", "Add an objective"], "no feedback button for the mentee"
    channel(teams_bot).submit(MENTEE, action(listing, "Update"))
    form = cards_for(connector, MENTEE)[-1]
    assert (card_inputs(form)["status"]["value"], card_inputs(form)["progress"]["value"]) == ("todo", "0")
    submit_form(teams_bot, MENTEE, form, "Save", status="in_progress", progress="40", comment="Première fois")
    assert "▓▓▓▓░░░░░░ 40 %" in text_of(connector.latest(form["id"]))
    assert (_objectives(teams_bot)[0].status, _objectives(teams_bot)[0].progress) == ("in_progress", 40)
    # Feedback is the mentor's: a forged click from the mentee is refused.
    channel(teams_bot).submit(MENTEE, {"mentorat": "objective-feedback-open", "value": str(objective.id)})
    assert "Only the mentor gives feedback" in last_text(connector, MENTEE)

    # Ten minutes on it is 7:10 in Vancouver: Marie gets the grouped news at 9:00; its button opens the list,
    # with her feedback button.
    teams_bot.clock.advance(timedelta(minutes=10))
    teams_bot.mentorat.jobs.tick()
    assert not [c for c in cards_for(connector, MENTOR) if "Du nouveau dans vos objectifs" in text_of(c)]
    teams_bot.clock.set(datetime(2026, 11, 23, 17, 0, tzinfo=UTC))
    teams_bot.mentorat.jobs.tick()
    news = find_card(connector, MENTOR, "Du nouveau dans vos objectifs, de la part de Sam Mentoré (2)")
    channel(teams_bot).submit(MENTOR, action(news, "Voir les objectifs"))
    listing = cards_for(connector, MENTOR)[-1]
    assert "En cours" in text_of(listing) and "Donner un retour" in _buttons(listing)
    channel(teams_bot).submit(MENTOR, action(listing, "Donner un retour"))
    form = cards_for(connector, MENTOR)[-1]
    assert "Première fois" in text_of(form), "the mentor sees what they answer"
    submit_form(teams_bot, MENTOR, form, "Envoyer", comment=" ")
    assert fr_fixed("error.objective.feedback_missing") in text_of(connector.latest(form["id"]))
    submit_form(teams_bot, MENTOR, connector.latest(form["id"]), "Envoyer", comment="Bravo !")
    assert fr_fixed("objective.feedback_sent") in text_of(connector.latest(form["id"]))

    channel(teams_bot).submit(MENTEE, action(listing, "Historique"))
    history = last_text(connector, MENTEE)
    assert "History" in history and title in history
    assert "Première fois" in history and "Bravo !" in history and "40 %" in history
    with session_scope(teams_bot.session_factory) as session:
        kinds = [u.kind for u in session.scalars(select(ObjectiveUpdate).order_by(ObjectiveUpdate.id))]
    assert kinds == ["created", "update", "feedback"]

    # Reached means 100 %, whatever the progress chosen.
    channel(teams_bot).submit(MENTOR, action(listing, "Mettre à jour"))
    submit_form(teams_bot, MENTOR, cards_for(connector, MENTOR)[-1], "Enregistrer", status="reached", progress="60")
    assert _objectives(teams_bot)[0].progress == 100
    assert "Atteint" in last_text(connector, MENTOR) and "▓▓▓▓▓▓▓▓▓▓ 100 %" in last_text(connector, MENTOR)


def test_strangers_cannot_read_or_change_the_pairs_objectives(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTOR, "mentorat objectifs")
    _objectives_add(teams_bot, connector, MENTOR, cards_for(connector, MENTOR)[-1], title="Mieux déléguer")
    [objective] = _objectives(teams_bot)
    convention = str(_convention_id(teams_bot))
    for key, value in (("objective-update-open", str(objective.id)), ("objective-history-show", str(objective.id)),
                       ("objective-feedback-open", str(objective.id)), ("objectives-list-show", convention),
                       ("objective-add-open", convention)):
        channel(teams_bot).submit(OUTSIDER, {"mentorat": key, "value": value})
        refusal = last_text(connector, OUTSIDER)
        assert "concerne d'autres personnes" in refusal and "Mieux déléguer" not in refusal, key
    channel(teams_bot).submit(OUTSIDER, {"mentorat": "teams-objective-update-submit", "value": str(objective.id),
                                         "status": "dropped", "progress": "0", "comment": "Intrus"})
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    channel(teams_bot).submit(OUTSIDER, {"mentorat": "teams-objective-add-submit", "value": convention,
                                         "title": "Intrus", "horizon": "short"})
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    [unchanged] = _objectives(teams_bot)
    assert (unchanged.title, unchanged.status) == ("Mieux déléguer", "todo")
    channel(teams_bot).submit(OUTSIDER, {"mentorat": "objective-update-open", "value": "12x"})
    assert "ne correspond plus à rien" in last_text(connector, OUTSIDER), "a tampered button is a stale one"
    channel(teams_bot).say(COORD, "mentorat objectifs")
    assert "Mieux déléguer" not in " ".join(text_of(card) for card in cards_for(connector, COORD))


def test_objectives_at_the_length_limits_are_shown_whole_over_several_cards(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    channel(teams_bot).say(MENTEE, "mentorat objectifs")
    opener = cards_for(connector, MENTEE)[-1]
    too_long = _objectives_add(teams_bot, connector, MENTEE, opener, title="T" * 151)
    assert "150" in text_of(too_long) and card_inputs(too_long)["title"]["value"] == "T" * 151
    description = ("Écouter 👂 — استمع <b> & " * 200)[:3000]
    for n in range(3):
        _objectives_add(teams_bot, connector, MENTEE, opener, title=f"{n}" * 150, description=description,
                        success="s" * 3000)
    before = len(cards_for(connector, MENTEE))
    channel(teams_bot).say(MENTEE, "mentorat objectifs")
    pages = _new_cards(connector, MENTEE, before)
    assert len(pages) > 1 and all(_size(page) < TEAMS_LIMIT for page in pages)
    shown = "\n".join(text_of(page) for page in pages)
    assert shown.count(description.strip()) == 3 and shown.count("s" * 3000) == 3, "nothing cut off"
    assert _buttons(pages[-1])[-1] == "Add an objective"


def test_the_review_cards_buttons_open_the_list_and_the_add_card(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    teams_bot.clock.set(datetime(2027, 2, 23, 8, 0, tzinfo=UTC))  # month 3, 9:00 in Paris
    teams_bot.mentorat.jobs.tick()
    review = find_card(connector, MENTEE, "Month 3 of 10")
    channel(teams_bot).submit(MENTEE, action(review, "See the objectives"))
    assert "No objectives yet" in last_text(connector, MENTEE)
    done = _objectives_add(teams_bot, connector, MENTEE, review, title="Négocier mon salaire", horizon="short")
    assert "Objective added" in text_of(done) and "Négocier mon salaire" in text_of(done)
    assert [o.title for o in _objectives(teams_bot)] == ["Négocier mon salaire"]
