"""Teams: the closure. `mentorat bilan` opens the bilan card (worded for each side, in their language), a
refused card comes back with what was typed, the bilans stay private until both answered, the follow-up
is settled (end, continue, redefine), the final report's PDF is a link; `mentorat merci` sends thanks,
then news; coordinators read figures only and pick the sponsor from the directory.

The mentor (Vancouver) reads French, the mentee (Paris) reads English.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bot.demo.harness import TENANT_ID, Harness
from bot.demo.slack_requests import get
from bot.demo.teams_connector import BotConnectorEmulator, card_inputs, open_urls, text_of
from bot.demo.teams_requests import TeamsUser
from bot.services import actions
from storage.db import session_scope
from storage.models import Bilan, Convention, ConventionStatus, Gratitude, Objective, Person, Programme
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
from tests.support.texts import fr_fixed

__all__ = ["connector", "teams_bot"]

LAST_PHASE = datetime(2027, 9, 1, 15, 0, tzinfo=UTC)  # three weeks before the end (23 September 2027)
SECRET = "Je n'ai pas osé dire que les rencontres du lundi me pesaient"
SPONSOR = TeamsUser("0a000000-0000-4000-8000-00000000d1c0", "29:direction", "Dominique Direction")
STRANGER_ID = "0a000000-0000-4000-8000-00000000dead"  # in the directory, but Mentorat is not installed for them


# -- helpers -------------------------------------------------------------------------------------------
def in_last_phase(bot: Harness, connector: BotConnectorEmulator) -> int:
    """Marie and Sam signed on 23 November 2026; it is now three weeks before the end. The convention id."""
    teams_pair_and_accept(bot, connector, start="2026-11-23")
    # The reminders of the months gone by go out the day before, not in the middle of a test (nor count
    # against the day's cap of reminders).
    bot.clock.set(datetime(2027, 8, 31, 15, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    bot.clock.set(LAST_PHASE)
    with session_scope(bot.session_factory) as session:
        return session.scalars(select(Convention.id)).one()


def with_input(connector: BotConnectorEmulator, user: TeamsUser, name: str) -> dict[str, Any]:
    """The latest card of the person holding the input `name` (reminders may have come after it)."""
    for activity in reversed(cards_for(connector, user)):
        if name in card_inputs(activity):
            return activity
    raise AssertionError(f"{user.name} has no card with the input {name!r}")


def bilan_card(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser) -> dict[str, Any]:
    channel(bot).say(user, "mentorat bilan")
    return with_input(connector, user, "brought")


def fill_bilan(bot: Harness, connector: BotConnectorEmulator, user: TeamsUser, **values: str) -> dict[str, Any]:
    """Open the bilan card, answer it (sensible defaults, then `values`) and save. The card as it ends."""
    form = bilan_card(bot, connector, user)
    defaults = {"brought": "Du recul", "went": "Bien", "satisfaction": "4", "decision": "end",
                "keep_in_touch": "no"}
    submit_form(bot, user, form, "Enregistrer" if user is MENTOR else "Save", **{**defaults, **values})
    return connector.latest(form["id"])


def bilans(bot: Harness) -> list[Bilan]:
    with session_scope(bot.session_factory) as session:
        found = list(session.scalars(select(Bilan).order_by(Bilan.id)))
        session.expunge_all()
        return found


def convention(bot: Harness) -> Convention:
    with session_scope(bot.session_factory) as session:
        found = session.scalars(select(Convention)).one()
        session.expunge(found)
        return found


def everything(connector: BotConnectorEmulator, user: TeamsUser) -> str:
    return "\n".join(text_of(c) for c in cards_for(connector, user))


def pdf_text(url: str) -> str:
    answer = get(url)
    assert answer.status == 200 and answer.headers["Content-Type"] == "application/pdf"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.body)).pages).split())


def add_objectives(bot: Harness, titles: list[str]) -> list[int]:
    """Objectives written along the way (through the objectives feature; here straight into the table)."""
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        convention_id = session.scalars(select(Convention.id)).one()
        rows = [Objective(convention_id=convention_id, title=title, created_at=now, updated_at=now) for title in titles]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


# -- the bilan card ---------------------------------------------------------------------------------
def test_the_bilan_card_opens_in_the_last_phase_worded_for_each_side(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    teams_pair_and_accept(teams_bot, connector, start="2026-11-23")
    teams_bot.clock.set(datetime(2027, 3, 1, 15, 0, tzinfo=UTC))
    teams_bot.mentorat.jobs.tick()
    channel(teams_bot).say(MENTOR, "mentorat bilan")
    assert fr_fixed("bilan.too_early") in last_text(connector, MENTOR)
    assert "23 juillet 2027" in last_text(connector, MENTOR)
    teams_bot.clock.set(LAST_PHASE)
    teams_bot.mentorat.jobs.tick()
    form = bilan_card(teams_bot, connector, MENTOR)
    shown = text_of(form)
    assert fr_fixed("bilan.q.mentor.learned") in shown and "Sam Mentoré" in shown, "worded for the mentor"
    inputs = card_inputs(form)
    assert {"brought", "went", "satisfaction", "decision", "extend", "keep_in_touch", "share"} <= set(inputs)
    assert inputs["brought"]["isRequired"] and not inputs["helped"]["isRequired"]
    assert inputs["share"]["isMultiSelect"], "what the other may read: several choices"
    channel(teams_bot).say(MENTEE, "mentorat review")  # the English alias
    form = with_input(connector, MENTEE, "brought")
    assert "What you appreciated most in your mentor" in text_of(form), "worded for the mentee, in English"
    assert "Continue with new objectives" in text_of(form)


def test_a_refused_bilan_comes_back_in_place_with_every_value(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    in_last_phase(teams_bot, connector)
    form = bilan_card(teams_bot, connector, MENTEE)
    typed = {"brought": "   ", "went": "Très bien *vraiment*", "support": "La négociation", "satisfaction": "5",
             "decision": "continue", "keep_in_touch": "yes", "share": "went,satisfaction"}
    submit_form(teams_bot, MENTEE, form, "Save", **typed)
    again = connector.latest(form["id"])  # the same card, replaced in place
    assert "needs an answer" in text_of(again) and "One field needs fixing" in text_of(again)
    inputs = card_inputs(again)
    assert {name: inputs[name]["value"] for name in typed} == typed, "everything typed is still there"
    # Continue without saying for how long: the error is under the length.
    submit_form(teams_bot, MENTEE, again, "Save", brought="De l'assurance")
    again = connector.latest(form["id"])
    assert "choose a length" in text_of(again)
    assert card_inputs(again)["brought"]["value"] == "De l'assurance"
    assert bilans(teams_bot) == [], "nothing saved from a refused card"
    submit_form(teams_bot, MENTEE, again, "Save", extend="2")
    assert "Your bilan is saved" in text_of(connector.latest(form["id"])), "the card gives way to the confirmation"
    [saved] = bilans(teams_bot)
    assert (saved.decision, saved.extend_months, saved.satisfaction) == ("continue", 2, 5)
    assert saved.answers["went"] == "Très bien *vraiment*" and saved.shared_keys == ["went", "satisfaction"]


@pytest.mark.both_databases
def test_bilans_stay_private_until_both_answered_then_only_what_is_shared(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    convention_id = in_last_phase(teams_bot, connector)
    [objective_id] = add_objectives(teams_bot, ["Animer une réunion"])
    saved = text_of(fill_bilan(
        teams_bot, connector, MENTEE, brought="De l'assurance <@U1> *gras*", went=SECRET, support="La négociation",
        next_steps="Présenter au comité", follow_up="2027-12-01", satisfaction="5",
        **{f"objective:{objective_id}": "reached"}, share="brought,support,next_steps,satisfaction,objectives"))
    assert "stays private until Marie Mentor completes theirs" in saved
    # Marie's week has had its two messages (the closing notice, the objectives review): she is told on Monday.
    teams_bot.clock.set(datetime(2027, 9, 6, 16, 0, tzinfo=UTC))
    teams_bot.mentorat.jobs.tick()
    told = find_card(connector, MENTOR, "a rempli son bilan")
    assert "Sam Mentoré a rempli son bilan" in text_of(told) and action(told, "Remplir mon bilan")
    assert "assurance" not in everything(connector, MENTOR) and SECRET not in everything(connector, MENTOR)
    channel(teams_bot).submit(MENTOR, action(told, "Remplir mon bilan"))  # the button opens the card
    assert "brought" in card_inputs(cards_for(connector, MENTOR)[-1])
    channel(teams_bot).submit(MENTOR, {"mentorat": actions.BILAN_SHOW, "value": str(convention_id)})
    assert "vous le lirez" in last_text(connector, MENTOR) and "assurance" not in last_text(connector, MENTOR)

    fill_bilan(teams_bot, connector, MENTOR, brought="Un regard neuf", went="Très bien", share="satisfaction")
    shown = everything(connector, MENTOR)
    assert "De l'assurance <@U1> *gras*" in shown, "typed words shown exactly as typed"
    assert "La négociation" in shown and "1 décembre 2027" in shown and SECRET not in shown
    channel(teams_bot).submit(MENTEE, {"mentorat": actions.BILAN_SHOW, "value": str(convention_id)})
    mentee_reads = "\n".join(text_of(c) for c in cards_for(connector, MENTEE)[-2:])
    assert "Satisfaction: 4 / 5" in mentee_reads and "Un regard neuf" not in mentee_reads, "a figure only"
    # Both chose to end: closed now, and the final report reaches both with its PDF behind a link.
    assert convention(teams_bot).status == ConventionStatus.CLOSED
    assert find_card(connector, MENTEE, "both chose to end")
    report = find_card(connector, MENTOR, "Rapport final —")
    [(_title, url)] = open_urls(report)
    pdf = pdf_text(url)
    for expected in ("Rapport final", "Marie Mentor", "Sam Mentoré", "Animer une réunion", "La négociation",
                     "Présenter au comité", "5 / 5", "4 / 5"):
        assert expected in pdf, expected
    assert SECRET not in pdf and "Un regard neuf" not in pdf
    # The report button gives the same report again, to the person who asks only.
    channel(teams_bot).submit(MENTEE, {"mentorat": actions.BILAN_REPORT, "value": str(convention_id)})
    [(_title, url)] = open_urls(cards_for(connector, MENTEE)[-1])
    assert "Final report" in pdf_text(url)


def test_disagreeing_asks_them_to_talk_then_the_edit_settles_it(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    in_last_phase(teams_bot, connector)
    fill_bilan(teams_bot, connector, MENTEE, decision="redefine", extend="4")
    fill_bilan(teams_bot, connector, MENTOR, decision="end", brought="Mes propres réponses")
    assert convention(teams_bot).status == ConventionStatus.ACTIVE, "nothing decided"
    talk = find_card(connector, MENTOR, "vos choix pour la suite diffèrent")
    assert "vous souhaitez « Terminer le mentorat », Sam Mentoré souhaite « Continuer avec de nouveaux objectifs »" \
        in text_of(talk)
    assert action(talk, "Planifier une rencontre") and find_card(connector, MENTEE, "Talk it over")
    # "Modifier mon bilan" opens the card with the mentor's own answers.
    channel(teams_bot).submit(MENTOR, action(talk, "Modifier mon bilan"))
    form = cards_for(connector, MENTOR)[-1]
    inputs = card_inputs(form)
    assert inputs["brought"]["value"] == "Mes propres réponses" and inputs["decision"]["value"] == "end"
    submit_form(teams_bot, MENTOR, form, "Enregistrer", decision="redefine", extend="6")
    after = convention(teams_bot)
    assert after.planned_end_on == date(2028, 1, 23) and after.closure_decision == "redefine", "the shorter of 4 and 6"
    assert find_card(connector, MENTEE, "new objectives")
    assert "4 mois de plus" in everything(connector, MENTOR)


def test_strangers_and_coordinators_never_reach_a_bilan(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    convention_id = in_last_phase(teams_bot, connector)
    fill_bilan(teams_bot, connector, MENTEE, went=SECRET, share="went,satisfaction")
    value = str(convention_id)
    for key in (actions.BILAN_OPEN, actions.BILAN_SHOW, actions.BILAN_REPORT):
        channel(teams_bot).submit(OUTSIDER, {"mentorat": key, "value": value})
        assert "concerne d'autres personnes" in last_text(connector, OUTSIDER), key
    forged = {"mentorat": "teams-bilan-submit", "value": value, "brought": "Pirate", "went": "x", "satisfaction": "1",
              "decision": "end", "keep_in_touch": "no"}
    channel(teams_bot).submit(OUTSIDER, forged)
    assert "concerne d'autres personnes" in last_text(connector, OUTSIDER)
    assert len(bilans(teams_bot)) == 1, "a forged card saves nothing"
    # The coordinator, not in a pair, reads the figures; the buttons give nothing.
    channel(teams_bot).say(COORD, "mentorat bilan")
    figures = last_text(connector, COORD)
    assert "Bilans remplis : 1 sur 2" in figures and "personnes mentorées 4,0 / 5" in figures
    assert "mentorat bilan direction" in figures, "how to name a sponsor, as typed on Teams"
    for key in (actions.BILAN_SHOW, actions.BILAN_REPORT, actions.BILAN_OPEN):
        channel(teams_bot).submit(COORD, {"mentorat": key, "value": value})
        assert "concerne d'autres personnes" in last_text(connector, COORD), key
    fill_bilan(teams_bot, connector, MENTOR, share="brought,went,satisfaction")
    coordinator_reads = everything(connector, COORD)
    assert fr_fixed("summary.closed.end") in coordinator_reads, "told of the closure"
    for private in (SECRET, "Du recul", "Déroulement"):
        assert private not in coordinator_reads
    assert not any(open_urls(c) for c in cards_for(connector, COORD)), "no report (nor its PDF) for the coordinator"


def test_thanks_then_news_reach_the_mentor_as_typed(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    in_last_phase(teams_bot, connector)
    channel(teams_bot).say(MENTOR, "mentorat merci")
    assert find_card(connector, MENTOR, "réservé aux personnes mentorées")
    channel(teams_bot).say(MENTEE, "mentorat thanks")
    form = with_input(connector, MENTEE, "message")
    assert "achievements" in card_inputs(form) and "Marie Mentor" in text_of(form)
    submit_form(teams_bot, MENTEE, form, "Send", message="  ", achievements="Promotion")
    again = connector.latest(form["id"])
    assert "Write your message" in text_of(again) and card_inputs(again)["achievements"]["value"] == "Promotion"
    words = "Merci pour ton écoute <at>Tous</at> & *tes* conseils 🙏"
    submit_form(teams_bot, MENTEE, again, "Send", message=words)
    assert "Your message was sent to Marie Mentor" in text_of(connector.latest(form["id"]))
    received = find_card(connector, MENTOR, "vous adresse un message de remerciement")
    assert words in text_of(received) and "Promotion" in text_of(received), "shown exactly as typed"
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Gratitude.message)).all() == [words]
    # Both end and keep in touch: three months later, the mentee is invited to give news.
    fill_bilan(teams_bot, connector, MENTEE, keep_in_touch="yes")
    fill_bilan(teams_bot, connector, MENTOR, keep_in_touch="yes")
    teams_bot.clock.set(datetime(2027, 12, 1, 8, 0, tzinfo=UTC))
    teams_bot.mentorat.jobs.tick()
    prompt = find_card(connector, MENTEE, "3 months ago")
    channel(teams_bot).submit(MENTEE, action(prompt, "Send my news"))
    form = with_input(connector, MENTEE, "message")
    assert "achievements" not in card_inputs(form)
    submit_form(teams_bot, MENTEE, form, "Send", message="J'ai eu le poste !")
    news = find_card(connector, MENTOR, "vous donne de ses nouvelles")
    assert "J'ai eu le poste !" in text_of(news)
    channel(teams_bot).submit(MENTOR, action(prompt, "Send my news"))  # someone else's button
    assert fr_fixed("thanks.mentee_only") in last_text(connector, MENTOR)


def test_the_sponsor_is_picked_from_the_directory_and_gets_the_report_only_if_both_agree(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    connector.add_user(SPONSOR.teams_id, SPONSOR.name, aad_object_id=SPONSOR.aad_object_id, tenant_id=TENANT_ID)
    in_last_phase(teams_bot, connector)
    channel(teams_bot).say(MENTOR, "mentorat bilan direction")
    assert find_card(connector, MENTOR, "Seule la coordination du programme"), "coordinators only"
    channel(teams_bot).say(COORD, "mentorat bilan direction")
    form = with_input(connector, COORD, "sponsor")
    assert card_inputs(form)["sponsor"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    submit_form(teams_bot, COORD, form, "Enregistrer", sponsor=STRANGER_ID)
    again = connector.latest(form["id"])
    assert fr_fixed("teams.pair.unreachable") in text_of(again) and card_inputs(again)["sponsor"]["value"] == STRANGER_ID
    submit_form(teams_bot, COORD, again, "Enregistrer", sponsor=SPONSOR.aad_object_id.upper())
    assert "Dominique Direction recevra le rapport final" in text_of(connector.latest(form["id"]))
    with session_scope(teams_bot.session_factory) as session:
        sponsor_id = session.scalars(select(Programme.sponsor_id)).one()
        assert session.get(Person, sponsor_id).external_id == SPONSOR.aad_object_id  # type: ignore[union-attr]
    # The bilan card now asks each side whether the report may go to the sponsor; the mentor says no.
    fill_bilan(teams_bot, connector, MENTEE, sponsor="true", went=SECRET, share="brought,satisfaction")
    fill_bilan(teams_bot, connector, MENTOR, sponsor="false", share="satisfaction")
    assert convention(teams_bot).status == ConventionStatus.CLOSED
    assert cards_for(connector, SPONSOR) == [], "the mentor did not agree"
    assert [b.sponsor_ok for b in bilans(teams_bot)] == [True, False]
    # Removing the sponsor from the card.
    channel(teams_bot).say(COORD, "mentorat bilan direction")
    form = with_input(connector, COORD, "sponsor")
    assert "Dominique Direction" in text_of(form)
    channel(teams_bot).submit(COORD, action(form, "N'envoyer à personne"), card_id=form["id"])
    assert fr_fixed("sponsor.cleared") in text_of(connector.latest(form["id"]))
    with session_scope(teams_bot.session_factory) as session:
        assert session.scalars(select(Programme.sponsor_id)).one() is None


def test_the_sponsor_receives_the_report_when_both_agree(teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    connector.add_user(SPONSOR.teams_id, SPONSOR.name, aad_object_id=SPONSOR.aad_object_id, tenant_id=TENANT_ID)
    in_last_phase(teams_bot, connector)
    channel(teams_bot).say(COORD, "mentorat bilan direction")
    submit_form(teams_bot, COORD, with_input(connector, COORD, "sponsor"), "Enregistrer",
                sponsor=SPONSOR.aad_object_id)
    fill_bilan(teams_bot, connector, MENTEE, sponsor="true", brought="Partagé avec la direction", went=SECRET,
               share="brought,satisfaction")
    fill_bilan(teams_bot, connector, MENTOR, sponsor="true", share="satisfaction")
    report = find_card(connector, SPONSOR, "Rapport final —")
    [(_title, url)] = open_urls(report)
    pdf = pdf_text(url)
    assert "Partagé avec la direction" in pdf and "avec l'accord des deux" in pdf and SECRET not in pdf


def test_the_largest_bilan_card_fits_teams_and_nothing_is_lost(
        teams_bot: Harness, connector: BotConnectorEmulator) -> None:
    """Seven answers at the card's limit, fifteen objectives with the longest titles, a sponsor to agree to:
    the card, its refused copy, the edit card, both bilans read back and the report all reach Teams."""
    connector.add_user(SPONSOR.teams_id, SPONSOR.name, aad_object_id=SPONSOR.aad_object_id, tenant_id=TENANT_ID)
    in_last_phase(teams_bot, connector)
    channel(teams_bot).say(COORD, "mentorat bilan direction")
    submit_form(teams_bot, COORD, with_input(connector, COORD, "sponsor"), "Enregistrer",
                sponsor=SPONSOR.aad_object_id)
    ids = add_objectives(teams_bot, [f"Objectif {n} : {'é' * 130} prendre la parole en comité de direction"[:150]
                                     for n in range(1, 16)])
    long = ("Une relation précieuse, où j'ai appris à écouter, à douter et à préciser mes priorités. " * 30)
    answers = {key: f"{key} {long}"[:1500] for key in
               ("brought", "went", "qualities", "changes", "helped", "support", "next_steps")}
    form = bilan_card(teams_bot, connector, MENTEE)
    inputs = card_inputs(form)
    assert inputs["brought"]["maxLength"] == 1500 and "up to 1,500 characters" in text_of(form)
    shown = [f"objective:{i}" for i in ids[:12]]
    assert set(shown) <= set(inputs) and f"objective:{ids[12]}" not in inputs, "twelve on the card"
    assert "And 3 more objectives" in text_of(form)
    every = {**answers, **dict.fromkeys(shown, "partly"), "satisfaction": "", "decision": "end",
             "keep_in_touch": "yes", "follow_up": "2027-12-01", "sponsor": "true",
             "share": "brought,went,qualities,changes,helped,support,next_steps,satisfaction,objectives"}
    submit_form(teams_bot, MENTEE, form, "Save", **every)
    again = connector.latest(form["id"])  # refused (no satisfaction): the full card comes back, accepted by Teams
    assert "from 1 to 5" in text_of(again) and card_inputs(again)["support"]["value"] == answers["support"]
    submit_form(teams_bot, MENTEE, again, "Save", satisfaction="5")
    assert "Your bilan is saved" in text_of(connector.latest(form["id"]))
    # The hidden objectives' results survive an edit made on the card.
    with session_scope(teams_bot.session_factory) as session:
        bilan = session.scalars(select(Bilan)).one()
        bilan.objective_results = {**bilan.objective_results, str(ids[14]): "reached"}
    channel(teams_bot).submit(MENTEE, action(cards_for(connector, MENTEE)[-1], "Edit my bilan"))
    form = with_input(connector, MENTEE, "brought")
    assert card_inputs(form)["next_steps"]["value"] == answers["next_steps"], "the edit card, prefilled in full"
    submit_form(teams_bot, MENTEE, form, "Save", **{f"objective:{ids[0]}": "reached"})
    [bilan] = bilans(teams_bot)
    assert bilan.objective_results[str(ids[0])] == "reached" and bilan.objective_results[str(ids[14])] == "reached"
    # The mentor answers just as long and agrees to end: the report, with everything both shared, reaches
    # both and the sponsor; each reads both bilans back, over as many cards as it takes.
    mentor_answers = {key: f"{key} {long}"[:1500] for key in
                      ("brought", "went", "learned", "changes", "helped", "support", "next_steps")}
    fill_bilan(teams_bot, connector, MENTOR, **mentor_answers, **dict.fromkeys(shown, "reached"), sponsor="true",
               follow_up="2027-12-15", share="brought,went,learned,changes,helped,support,next_steps,satisfaction")
    assert convention(teams_bot).status == ConventionStatus.CLOSED
    for user in (MENTOR, MENTEE, SPONSOR):
        report = find_card(connector, user, "Rapport final —" if user is not MENTEE else "Final report —")
        [(_title, url)] = open_urls(report)  # the report reached Teams, its PDF behind a link
        if user is MENTOR:
            assert "[…]" in text_of(report), "the card shortens the longest answers to fit one Teams message"
            assert " ".join(answers["support"].split())[-80:] in pdf_text(url), "the PDF holds every word"
    channel(teams_bot).submit(MENTOR, {"mentorat": actions.BILAN_SHOW, "value": str(convention(teams_bot).id)})
    read_back = "\n".join(text_of(c) for c in cards_for(connector, MENTOR)[-3:])
    assert answers["support"] in read_back and mentor_answers["learned"] in read_back, "nothing cut off"
    channel(teams_bot).submit(MENTOR, {"mentorat": actions.BILAN_REPORT, "value": str(convention(teams_bot).id)})
    assert open_urls(cards_for(connector, MENTOR)[-1]), "the PDF's link, on the last card of the report"
