"""`/mentorat differend`: the coordinators are alerted at once, then again, then the fallback."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from tests.scenarios.dispute_helpers import SECRET, bot, disputes, everything_seen_by, raise_differend
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import click_last, texts_to, with_button
from tests.support.texts import fr_fixed, fr_part

__all__ = ["bot"]  # the fixture with a fallback admin

ALERT = "dispute-case-take"


@pytest.mark.both_databases
def test_whole_path_with_escalation_timing(bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    pair_and_accept(bot, start="2026-11-23")
    # Monday 23 November 2026, 10:00 in Toronto: Marie (mentor, French) raises a différend.
    raise_differend(bot, "UMENTOR")
    sent = texts_to(bot, "UMENTOR")[-1]
    assert fr_part("differend.sent", names="<@UCOORD>") in sent and "lundi 23 novembre 2026" in sent
    alert = with_button(bot, "UCOORD", ALERT)
    assert len(alert) == 1, "the coordinator is alerted at once"
    text = text_of(alert[0])
    for expected in ("<@UMENTOR> (mentor) signale un différend", "<@UMENTOR> / <@UMENTEE>", "À traiter bientôt",
                     "lundi 23 novembre 2026 à 10 h 00", "Zanzibar-7", "Je m'en occupe", "Planifier une rencontre",
                     "Résolu"):
        assert expected in text, expected
    # Tuesday: one working day, nothing more.
    bot.clock.set(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    assert len(with_button(bot, "UCOORD", ALERT)) == 1
    # Wednesday 10:00 Toronto: two working days without anyone taking it, the coordinators again.
    bot.clock.set(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    reminders = with_button(bot, "UCOORD", ALERT)
    assert len(reminders) == 2
    assert fr_fixed("dispute.escalated.1") in text_of(reminders[-1])
    assert bot.emulator.messages_to("UBOSS") == [], "the fallback waits one more working day"
    assert disputes(bot)[0].escalation_level == 1
    # Thursday: still nobody; the fallback admin is alerted.
    bot.clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    fallback = with_button(bot, "UBOSS", ALERT)
    assert len(fallback) == 1 and fr_fixed("dispute.escalated.2") in text_of(fallback[0])
    assert disputes(bot)[0].escalation_level == 2
    # The coordinator takes it: the person who raised it is told who and when.
    click_last(bot, "UCOORD", ALERT)
    told = texts_to(bot, "UMENTOR")[-1]
    assert fr_part("differend.taken", person="<@UCOORD>") in told and "jeudi 26 novembre 2026" in told
    assert disputes(bot)[0].status == "acknowledged"
    # The fallback clicks too late: told who has it, nothing changes.
    click_last(bot, "UBOSS", ALERT)
    assert fr_part("dispute.already_taken", person="<@UCOORD>") in texts_to(bot, "UBOSS")[-1]
    click_last(bot, "UCOORD", "dispute-case-resolve")
    assert fr_fixed("differend.resolved") in texts_to(bot, "UMENTOR")[-1]
    assert disputes(bot)[0].status == "resolved"
    # The other person never read the text, and no log line holds it.
    assert "Zanzibar" not in everything_seen_by(bot, "UMENTEE")
    assert "Zanzibar" not in caplog.text


def test_taken_in_time_means_no_escalation(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    raise_differend(bot, "UMENTEE", urgency="urgent")  # Sam reads English
    assert "went to the coordinators" in texts_to(bot, "UMENTEE")[-1]
    assert "Urgent" in text_of(with_button(bot, "UCOORD", ALERT)[0])
    bot.clock.set(datetime(2026, 11, 24, 16, 0, tzinfo=UTC))
    click_last(bot, "UCOORD", ALERT)
    assert "<@UCOORD> has been handling your disagreement since Tuesday, November 24, 2026" in \
        texts_to(bot, "UMENTEE")[-1]
    for day in (25, 26, 27, 30):
        bot.clock.set(datetime(2026, 11, day, 15, 0, tzinfo=UTC))
        bot.mentorat.jobs.tick()
    assert len(with_button(bot, "UCOORD", ALERT)) == 1
    assert bot.emulator.messages_to("UBOSS") == []
    assert disputes(bot)[0].escalation_level == 0


def test_a_friendly_solution_first_then_anyway(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    answer = raise_differend(bot, "UMENTOR", amicable="no")
    body = answer.json()
    assert body["response_action"] == "errors"
    assert fr_fixed("dispute.try_first") in body["errors"]["dispute-amicable"]
    assert disputes(bot) == [] and with_button(bot, "UCOORD", ALERT) == []
    answer = raise_differend(bot, "UMENTOR", summary="   ", amicable="yes")
    assert fr_fixed("error.dispute.summary") in answer.json()["errors"]["dispute-summary"]
    raise_differend(bot, "UMENTOR", amicable="no", go_on=True)
    assert len(disputes(bot)) == 1 and disputes(bot)[0].amicable_tried is False
    assert "pas encore" in text_of(with_button(bot, "UCOORD", ALERT)[0])
    # A second one while the first is open is refused, with the date of the first.
    refused = raise_differend(bot, "UMENTOR", amicable="yes").json()
    assert refused["response_action"] == "push"  # explained over the form, which keeps what was typed
    assert fr_fixed("error.differend.already_open") in json.dumps(refused["view"]["blocks"], ensure_ascii=False)
    assert len(disputes(bot)) == 1


def test_danger_shows_resources_and_marks_it_urgent(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    # No friendly attempt and urgency left at "low": the danger overrides both.
    raise_differend(bot, "UMENTEE", summary="He told me he wants to kill himself, I am worried",
                    amicable="no", urgency="low")
    dispute = disputes(bot)[0]
    assert dispute.urgency == "urgent" and dispute.danger
    told = texts_to(bot, "UMENTEE")[-1]
    assert "911" in told and "988" in told and "You don't have to carry this alone" in told
    alert = text_of(with_button(bot, "UCOORD", ALERT)[0])
    assert "Urgent" in alert and "988" in alert and "⚠️" in alert
    assert "kill himself" not in everything_seen_by(bot, "UMENTOR")


def test_danger_in_french(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    raise_differend(bot, "UMENTOR", summary="Sam m’a confié vouloir mettre fin à ses jours.", amicable="yes")
    told = texts_to(bot, "UMENTOR")[-1]
    assert "appelez le *911*" in told and "le *988*" in told
    assert disputes(bot)[0].urgency == "urgent"


def test_only_the_coordination_acts_on_a_differend(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    raise_differend(bot, "UMENTOR")
    alert = with_button(bot, "UCOORD", ALERT)[0]
    for user, refusal in (("UOTHER", "Seule la coordination"), ("UMENTEE", "Only the programme's coordinators")):
        bot.click(user, ALERT, str(disputes(bot)[0].id), message=alert)
        assert refusal in bot.last_response()["text"]
    assert disputes(bot)[0].status == "open"


def test_outside_a_running_convention(bot: Harness) -> None:
    bot.command("UOTHER", "differend")
    assert fr_fixed("error.not_allowed") in bot.last_response()["text"]
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01")
    bot.command("UMENTOR", "differend")
    assert "pas de convention en cours" in bot.last_response()["text"]


def test_a_coordinator_removed_since_no_longer_reads_the_escalation(bot: Harness) -> None:
    """Who may read the text is asked again when each alert goes out, not only when it was written."""
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UCOORD", "coordonnateurs ajouter <@UOTHER>")
    raise_differend(bot, "UMENTOR")
    assert any(SECRET in text_of(m) for m in bot.emulator.messages_to("UOTHER")), "alerted while coordinating"
    bot.command("UCOORD", "coordonnateurs retirer <@UOTHER>")
    before = len(bot.emulator.messages_to("UOTHER"))
    bot.clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))  # past the two working days: the escalation is due
    bot.mentorat.jobs.tick()
    assert not any(SECRET in text_of(m) for m in bot.emulator.messages_to("UOTHER")[before:])
    assert any(SECRET in text_of(m) for m in bot.emulator.messages_to("UCOORD")[1:]), "the others still are"
