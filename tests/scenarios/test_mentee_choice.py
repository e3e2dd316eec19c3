"""The mentee's choice, on Slack through signed requests: three suggested mentors, a request, the mentor's
answer with a word, the coordination's confirmation (or only a notice, when the programme trusts the pair)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, MatchDecision, MentorRequest
from tests.scenarios.helpers import button_value
from tests.scenarios.meeting_helpers import last_view
from tests.scenarios.test_enrolment import enrol, mentor_fields
from tests.support.texts import fr_fixed


def _latest_with(bot: Harness, user: str, action_id: str) -> dict[str, Any]:
    found = [m for m in bot.emulator.messages_to(user) if button_value(m, action_id)]
    assert found, f"{user} has no message with {action_id}"
    return found[-1]


def _answer(bot: Harness, mentor: str, action_id: str, reply: str) -> None:
    message = _latest_with(bot, mentor, action_id)
    bot.click(mentor, action_id, button_value(message, action_id) or "", message=message)
    bot.submit_view(mentor, last_view(bot, "request-answer-submit"),
                    {"request-reply": {"request-reply-input": {"value": reply or None}}})


def _choices(bot: Harness, user: str) -> dict[str, Any]:
    bot.command(user, "suggestions")
    return bot.last_response()


def _ask(bot: Harness, user: str, shown: dict[str, Any], mentor_name: str) -> None:
    for block_index, block in enumerate(shown["blocks"]):
        if block.get("type") == "section" and mentor_name in str(block):
            for later in shown["blocks"][block_index:]:
                for element in later.get("elements", []) or []:
                    if element.get("action_id") == "match-mentor-ask":
                        bot.click(user, "match-mentor-ask", element["value"], message=shown)
                        return
    raise AssertionError(f"no « Demander » for {mentor_name}")


@pytest.mark.both_databases
def test_choose_decline_choose_again_agree_and_the_coordination_confirms(bot: Harness) -> None:
    bot.clock.set(datetime(2026, 11, 23, 17, 0, tzinfo=UTC))  # 9:00 in Vancouver: Marie reads a request at once
    bot.command("UCOORD", "inscription choix valide")
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    enrol(bot, "UMENTOR", **mentor_fields(presentation="Ingénieure, quinze ans en usine."))

    shown = _choices(bot, "UMENTEE2")
    text = text_of(shown)
    assert "Directrice, 20 ans de métier." in text and "Ingénieure, quinze ans en usine." in text
    assert "thèmes en commun" in text
    _ask(bot, "UMENTEE2", shown, "UMENTOR2")
    assert fr_fixed("request.asked.mentee").split("{")[0] in text_of(bot.last_response())

    # Louis reads Léa's introduction and goals, then declines with a word.
    asked = _latest_with(bot, "UMENTOR2", "mentor-request-decline")
    assert "Analyste depuis trois ans." in text_of(asked) and "Diriger une équipe" in text_of(asked)
    # A second request while one is pending is refused.
    bot.command("UMENTEE2", "suggestions")
    assert fr_fixed("request.none_to_choose") in text_of(bot.last_response())
    _answer(bot, "UMENTOR2", "mentor-request-decline", "Je pars en congé cet automne, désolé.")
    told = _latest_with(bot, "UMENTEE2", "match-suggestions-show")
    assert "Je pars en congé cet automne, désolé." in text_of(told)

    # Léa asks Marie, who agrees; the coordination confirms.
    shown = _choices(bot, "UMENTEE2")
    assert "Ingénieure, quinze ans en usine." in text_of(shown)
    _ask(bot, "UMENTEE2", shown, "UMENTOR>")
    _answer(bot, "UMENTOR", "mentor-request-agree", "Avec plaisir !")
    assert any("Avec plaisir !" in text_of(m) for m in bot.emulator.messages_to("UMENTEE2"))
    to_confirm = _latest_with(bot, "UCOORD", "mentor-request-confirm")
    coordinator_texts = " ".join(text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    assert "Avec plaisir" not in coordinator_texts and "congé" not in coordinator_texts  # never the pair's words
    assert "Analyste" not in coordinator_texts
    with bot.session_factory() as session:
        assert session.scalars(select(Convention)).first() is None  # not before the coordination confirms
    bot.click("UCOORD", "mentor-request-confirm", button_value(to_confirm, "mentor-request-confirm") or "",
              message=to_confirm)
    assert fr_fixed("request.confirmed.you").split("{")[0][:10] in text_of(bot.last_response())
    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert (convention.mentor.external_id, convention.mentee.external_id) == ("UMENTOR", "UMENTEE2")
        assert [d.outcome for d in session.scalars(select(MatchDecision))] == ["chosen"]
        assert sorted(r.status for r in session.scalars(select(MentorRequest))) == ["confirmed", "declined"]
    assert any(fr_fixed("conv.title") in text_of(m) for m in bot.emulator.messages_to("UMENTEE2"))


def test_a_trusted_choice_pairs_at_once_and_the_coordination_is_told(bot: Harness) -> None:
    bot.command("UCOORD", "inscription choix libre")
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    _ask(bot, "UMENTEE2", _choices(bot, "UMENTEE2"), "UMENTOR2")
    _answer(bot, "UMENTOR2", "mentor-request-agree", "")
    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.paired_by_id is None
    assert any("se sont choisis" in text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    assert any(fr_fixed("conv.title") in text_of(m) for m in bot.emulator.messages_to("UMENTOR2"))


def test_choice_is_off_unless_the_coordination_turns_it_on(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    bot.command("UMENTEE2", "suggestions")
    assert fr_fixed("request.not_open") in text_of(bot.last_response())
    # A forged « Demander » is refused the same way, and nothing is written.
    bot.click("UMENTEE2", "match-mentor-ask", "1")
    with bot.session_factory() as session:
        assert session.scalars(select(MentorRequest)).first() is None
    bot.command("UOTHER", "inscription choix libre")  # not a coordinator
    with bot.session_factory() as session:
        from storage.models import Programme
        assert session.scalars(select(Programme.mentee_choice)).one() == "off"


def test_only_the_mentor_asked_may_answer(bot: Harness) -> None:
    bot.command("UCOORD", "inscription choix valide")
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    _ask(bot, "UMENTEE2", _choices(bot, "UMENTEE2"), "UMENTOR2")
    asked = _latest_with(bot, "UMENTOR2", "mentor-request-agree")
    before = len(bot.emulator.views_opened())
    bot.click("UOTHER", "mentor-request-agree", button_value(asked, "mentor-request-agree") or "", message=asked)
    assert len(bot.emulator.views_opened()) == before  # no form for someone else
    assert fr_fixed("request.not_yours") in str(bot.emulator.responses()[-1])


def _request_statuses(bot: Harness) -> list[str]:
    with bot.session_factory() as session:
        return [r.status for r in session.scalars(select(MentorRequest).order_by(MentorRequest.id))]


def test_a_request_closes_when_the_mentor_leaves_expires_or_is_cancelled(bot: Harness) -> None:
    from datetime import timedelta

    from tests.scenarios.meeting_helpers import at

    bot.command("UCOORD", "inscription choix libre")
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    enrol(bot, "UMENTOR", **mentor_fields(presentation="Ingénieure, quinze ans en usine."))
    # 1. The mentor asked leaves the pool: the request closes, the mentee is told, and cannot be paired by it.
    _ask(bot, "UMENTEE2", _choices(bot, "UMENTEE2"), "UMENTOR2")
    asked = _latest_with(bot, "UMENTOR2", "mentor-request-agree")
    bot.command("UMENTOR2", "inscription retirer")
    assert _request_statuses(bot) == ["withdrawn"]
    assert any("n'est plus disponible comme mentor" in text_of(m) for m in bot.emulator.messages_to("UMENTEE2"))
    before = len(bot.emulator.views_opened())
    bot.click("UMENTOR2", "mentor-request-agree", button_value(asked, "mentor-request-agree") or "", message=asked)
    assert len(bot.emulator.views_opened()) == before  # no form for a closed request
    # 2. The mentee asks Marie, then takes it back.
    _ask(bot, "UMENTEE2", _choices(bot, "UMENTEE2"), "UMENTOR>")
    sent = bot.last_response()
    bot.click("UMENTEE2", "mentor-request-cancel", button_value(sent, "mentor-request-cancel") or "", message=sent)
    assert fr_fixed("request.cancelled").split("{")[0] in text_of(bot.last_response())
    # 3. Asked again, Marie never answers: after two weeks the request expires and the mentee may ask again.
    _ask(bot, "UMENTEE2", _choices(bot, "UMENTEE2"), "UMENTOR>")
    at(bot, bot.clock.now() + timedelta(days=15))
    assert _request_statuses(bot) == ["withdrawn", "withdrawn", "expired"]
    with bot.session_factory() as session:
        assert session.scalars(select(Convention)).first() is None


def test_a_mentor_who_declined_is_not_offered_again_and_only_shown_mentors_may_be_asked(bot: Harness) -> None:
    bot.command("UCOORD", "inscription choix valide")
    enrol(bot, "UMENTEE2")
    for user in ("UMENTOR2", "UMENTOR", "UADMIN", "UOTHER"):
        enrol(bot, user, **mentor_fields(presentation=f"Présentation de {user}."))
    shown = _choices(bot, "UMENTEE2")
    offered = [e["value"] for b in shown["blocks"] for e in b.get("elements", []) or []
               if e.get("action_id") == "match-mentor-ask"]
    assert len(offered) == 3
    with bot.session_factory() as session:
        from storage.models import Person
        everyone = {str(p.id) for p in session.scalars(select(Person))}
    hidden = sorted(everyone - set(offered) - {str(_pid(bot, "UMENTEE2")), str(_pid(bot, "UCOORD"))})
    for value in hidden:  # a mentor the mentee was not shown, forged into the button
        bot.click("UMENTEE2", "match-mentor-ask", value)
    assert _request_statuses(bot) == []
    bot.click("UMENTEE2", "match-mentor-ask", offered[0], message=shown)
    mentor = _latest_external(bot, int(offered[0]))
    _answer(bot, mentor, "mentor-request-decline", "Pas cette année.")
    again = [e["value"] for b in _choices(bot, "UMENTEE2")["blocks"] for e in b.get("elements", []) or []
             if e.get("action_id") == "match-mentor-ask"]
    assert offered[0] not in again and len(again) == 3


def _pid(bot: Harness, external_id: str) -> int:
    from storage.models import Person

    with bot.session_factory() as session:
        return session.scalars(select(Person.id).where(Person.external_id == external_id)).one()


def _latest_external(bot: Harness, person_id: int) -> str:
    from storage.models import Person

    with bot.session_factory() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.external_id
