"""Refusals, the pairing modal and its field errors, outsiders, questions, status and the App Home."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, ConventionStatus
from tests.scenarios.helpers import button_value, dm_texts, invitation, pair_and_accept
from tests.support.texts import fr, fr_fixed, fr_n, fr_part


def _conventions(bot: Harness) -> int:
    with bot.session_factory() as session:
        return session.scalar(select(func.count(Convention.id))) or 0


def test_command_refusals_are_clear(bot: Harness) -> None:
    cases = {
        "jumeler <@UMENTOR> <@UMENTOR>": "à la fois mentor et mentorée",
        "jumeler <@UMENTOR> <@UROBOT>": "est un bot",
        "jumeler <@UMENTOR>": "Mentionnez deux personnes",
        "jumeler <@UMENTOR> <@UMENTEE> demain": "n'est pas une date",
        "jumeler <@UMENTOR> <@UMENTEE> 2026-02-30": "n'est pas une date",
        "jumeler <@UMENTOR> <@UMENTEE> 2029-01-01": "doit tomber d'ici",
        "jumeler <@UMENTOR> <@UNOBODY>": "Je ne trouve pas cette personne",
    }
    for text, expected in cases.items():
        bot.command("UCOORD", text)
        assert expected in bot.last_response()["text"], text
    assert _conventions(bot) == 0


def test_busy_mentor_and_mentee_are_refused(bot: Harness) -> None:
    pair_and_accept(bot)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE2>")
    assert fr_fixed("error.pair.mentor_busy") in bot.last_response()["text"]
    bot.command("UCOORD", "jumeler <@UMENTOR2> <@UMENTEE>")
    assert "comme personne mentorée" in bot.last_response()["text"]
    # Being a mentee elsewhere does not stop someone from mentoring.
    bot.command("UCOORD", "jumeler <@UMENTEE> <@UMENTEE2>")
    assert fr_fixed("pair.sent") in bot.last_response()["text"]
    assert _conventions(bot) == 2


def _open_modal(bot: Harness) -> dict:
    bot.command("UCOORD", "jumeler")
    opened = bot.emulator.views_opened()
    assert opened, "the pairing modal did not open"
    return opened[-1]


def _values(mentor: str | None, mentee: str | None, start: str | None) -> dict:
    return {
        "pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": mentor}},
        "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": mentee}},
        "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": start}},
    }


def test_pairing_modal_shows_errors_on_the_field(bot: Harness) -> None:
    view = _open_modal(bot)
    assert "Jumeler une paire" in text_of(view)
    answer = bot.submit_view("UCOORD", view, _values("UMENTOR", "UMENTOR", "2026-12-01"))
    assert answer.json()["response_action"] == "errors"
    assert fr_fixed("error.pair.same_person") in answer.json()["errors"]["pairing-mentee"]
    answer = bot.submit_view("UCOORD", view, _values("UROBOT", "UMENTEE", "2026-12-01"))
    assert fr_fixed("error.pair.bot") in answer.json()["errors"]["pairing-mentor"]
    answer = bot.submit_view("UCOORD", view, _values("UMENTOR", "UMENTEE", "2025-01-01"))
    assert fr_fixed("error.pair.date_too_early") in answer.json()["errors"]["pairing-start"]
    assert _conventions(bot) == 0


def test_pairing_modal_success(bot: Harness) -> None:
    view = _open_modal(bot)
    answer = bot.submit_view("UCOORD", view, _values("UMENTOR", "UMENTEE", "2026-12-01"))
    assert answer.status == 200 and not answer.body
    assert any(fr_fixed("pair.sent") in t for t in dm_texts(bot, "UCOORD"))
    invitation(bot, "UMENTOR")
    invitation(bot, "UMENTEE")


def test_outsider_cannot_accept(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    message = invitation(bot, "UMENTOR")
    bot.click("UOTHER", "convention-accept", button_value(message, "convention-accept") or "", message=message)
    assert "concerne d'autres personnes" in bot.last_response()["text"]
    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert convention.mentor_accepted_at is None and convention.mentee_accepted_at is None


def test_double_accept_is_harmless(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    message = invitation(bot, "UMENTOR")
    value = button_value(message, "convention-accept") or ""
    bot.click("UMENTOR", "convention-accept", value, message=message)
    bot.click("UMENTOR", "convention-accept", value, message=message)
    assert fr_fixed("conv.already_accepted") in bot.last_response()["text"]
    with bot.session_factory() as session:
        assert session.scalars(select(Convention)).one().status == ConventionStatus.AWAITING_SIGNATURES


def test_question_reaches_the_coordinator(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    message = invitation(bot, "UMENTEE")
    bot.click("UMENTEE", "convention-question", button_value(message, "convention-question") or "", message=message)
    assert "<@UCOORD> will write to you" in bot.last_response()["text"]
    assert any(fr_part("conv.question.coordinator", person="<@UMENTEE>") in t for t in dm_texts(bot, "UCOORD"))


def test_status_shows_phase_month_and_next_step(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-11-23")
    bot.command("UMENTOR", "statut")
    text = text_of(bot.last_response())
    assert "en attente de signature" in text and fr_fixed("next.accept") in text
    pair_invite = invitation(bot, "UMENTOR")
    value = button_value(pair_invite, "convention-accept") or ""
    bot.click("UMENTOR", "convention-accept", value, message=pair_invite)
    bot.click("UMENTEE", "convention-accept", value, message=invitation(bot, "UMENTEE"))
    bot.clock.advance(timedelta(days=95))
    bot.command("UMENTOR", "statut")
    text = text_of(bot.last_response())
    assert fr("status.phase", phase=fr("phase.development"), month=4, months=10) in text
    assert fr_n("status.meetings", 3, held=0) in text
    assert "Du 23 novembre 2026 au 23 septembre 2027" in text
    bot.command("UMENTEE", "status")
    assert "Phase: development, month 4 of 10" in text_of(bot.last_response())


def test_status_without_convention(bot: Harness) -> None:
    bot.command("UOTHER", "statut")
    assert "aucune convention en cours" in text_of(bot.last_response())


def test_convention_command_shows_it_again_with_buttons(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")
    bot.command("UMENTOR", "convention")
    reply = bot.last_response()
    assert fr_fixed("conv.confidential.title") in text_of(reply) and button_value(reply, "convention-accept")


def test_home_tab_for_coordinator_and_participant(bot: Harness) -> None:
    pair_and_accept(bot)
    bot.event({"type": "app_home_opened", "user": "UCOORD", "channel": "DUCOORD", "tab": "home", "event_ts": "1.0"})
    home = bot.emulator.home_view("UCOORD")
    assert home and "Jumeler une paire" in text_of(home)
    bot.event({"type": "app_home_opened", "user": "UMENTOR", "channel": "DUMENTOR", "tab": "home",
               "event_ts": "2.0"}, event_id="Ev2")
    home = bot.emulator.home_view("UMENTOR")
    assert home and "Convention avec <@UMENTEE>" in text_of(home) and "Jumeler une paire" not in text_of(home)
    bot.click("UMENTOR", "home-help-show", "help", container="view")
    assert "/mentorat statut" in text_of(bot.emulator.views_opened()[-1])
