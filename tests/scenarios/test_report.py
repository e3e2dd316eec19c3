"""`/mentorat rapport`, the coordinator's App Home and the monthly digest: figures only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Bilan, Convention, Dispute, Meeting, Note, Objective, Person
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import with_button
from tests.support.texts import fr, fr_decimal, fr_fixed, fr_n, fr_percent

SECRETS = ("Zanzibar", "Kilimanjaro", "Popocatepetl", "Titicaca")
REPORT_DAY = datetime(2027, 2, 20, 15, 0, tzinfo=UTC)  # Saturday 20 February 2027


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T15:00:00+00:00")


def _seed(bot: Harness) -> tuple[int, int]:
    """Two running pairs with meetings, objectives, bilans, notes and différends; one unsigned pair."""
    bot.emulator.add_user("UMENTOR3", "paul", "Paul Mentor")
    bot.emulator.add_user("UMENTEE3", "zoe", "Zoé Mentorée")
    a = pair_and_accept(bot, start="2026-11-23")
    b = pair_and_accept(bot, "UMENTOR2", "UMENTEE2", start="2026-11-23")
    bot.command("UCOORD", "jumeler <@UMENTOR3> <@UMENTEE3> 2026-12-01")  # never signed
    now = bot.clock.now()
    with bot.session_factory.begin() as session:
        conv_a, conv_b = session.get(Convention, a), session.get(Convention, b)
        assert conv_a is not None and conv_b is not None
        for convention_id, day, status in ((a, "2026-12-07", "held"), (a, "2027-01-10", "held"),
                                           (a, "2027-01-20", "cancelled"), (b, "2026-12-01", "held")):
            session.add(Meeting(convention_id=convention_id, starts_at=_at(day), status=status,
                                agenda="Kilimanjaro agenda", created_at=now, updated_at=now))
        for convention_id, title, status in ((a, "Zanzibar objective", "reached"), (a, "Parler en public", "in_progress"),
                                             (a, "Abandonné", "dropped"), (b, "Titicaca", "reached")):
            session.add(Objective(convention_id=convention_id, title=title, description="Kilimanjaro",
                                  status=status, created_at=now, updated_at=now))
        for convention, person_id, role, end, satisfaction in (
                (conv_a, conv_a.mentor_id, "mentor", date(2027, 5, 23), 2),  # an earlier round …
                (conv_a, conv_a.mentor_id, "mentor", date(2027, 9, 23), 4),  # … the latest counts
                (conv_a, conv_a.mentee_id, "mentee", date(2027, 9, 23), 5),
                (conv_b, conv_b.mentor_id, "mentor", date(2027, 9, 23), 3)):
            session.add(Bilan(convention_id=convention.id, person_id=person_id, role=role, round_end_on=end,
                              answers={"learned": "Popocatepetl secret answer"}, satisfaction=satisfaction,
                              decision="end", submitted_at=now, updated_at=now))
        session.add(Note(convention_id=a, author_id=conv_a.mentor_id, body="Zanzibar note", created_at=now,
                         updated_at=now))
        for convention, status in ((conv_a, "resolved"), (conv_b, "open")):
            session.add(Dispute(convention_id=convention.id, kind="differend", raised_by_id=convention.mentee_id,
                                summary="Zanzibar summary", urgency="normal", status=status, created_at=now,
                                updated_at=now))
    return a, b


def _report(bot: Harness) -> tuple[str, bytes, str]:
    """/mentorat rapport as the coordinator: (the DM's text, the chart, the CSV)."""
    before = len(bot.emulator.uploads())
    bot.command("UCOORD", "rapport")
    assert fr_fixed("report.sent") in bot.last_response()["text"]
    uploads = bot.emulator.uploads()[before:]
    chart = next(u for u in uploads if u["filename"].endswith(".png"))
    table = next(u for u in uploads if u["filename"].endswith(".csv"))
    return text_of(bot.emulator.messages_to("UCOORD")[-1]), chart["content"], table["content"].decode("utf-8")


@pytest.mark.both_databases
def test_report_figures_against_a_seeded_programme(bot: Harness) -> None:
    _seed(bot)
    bot.clock.set(REPORT_DAY)
    text, chart, table = _report(bot)
    for expected in (fr("report.active", count=2), fr_n("report.meetings", 4, held=3, percent=fr_percent(0.75)),
                     fr("report.objectives", set=fr_n("report.objectives.set", 3),
                        reached=fr_n("report.objectives.reached", 2)),
                     fr("report.satisfaction", overall=fr_decimal(4), mentors=fr_decimal(3.5), mentees=fr_decimal(5),
                        answers=fr_n("report.satisfaction.answers", 3)),
                     fr("report.disputes", open=1, resolved=fr_n("report.disputes.resolved", 1),
                        early_open=fr_n("report.disputes.early_open", 0),
                        early_done=fr_n("report.disputes.early_done", 0))):
        assert expected in text, expected
    # Pairs at risk, first: 81 days since B's only meeting, C unsigned for 89 days; A is fine.
    assert text.index("Paires à risque") < text.index("Paires en cours")
    assert "<@UMENTOR2> / <@UMENTEE2> : " + fr_n("report.risk.no_meeting", 81) in text
    assert "<@UMENTOR3> / <@UMENTEE3> : " + fr_n("report.risk.unsigned", 89) in text
    assert "<@UMENTOR> / <@UMENTEE> :" not in text.split("*Par paire*")[0]
    # People appear by their full name (Slack's real_name), as in the final report.
    names = {"Marie Mentor": "marie", "Louis Mentor": "louis", "Paul Mentor": "paul"}
    rows = {names.get(r["mentor"], r["mentor"]): r for r in csv.DictReader(io.StringIO(table))}
    assert set(rows) == {"marie", "louis", "paul"}
    assert (rows["marie"]["rencontres tenues"], rows["marie"]["rencontres attendues"]) == ("2", "2")
    assert (rows["marie"]["objectifs fixés"], rows["marie"]["objectifs atteints"]) == ("2", "1")
    assert (rows["marie"]["satisfaction mentor"], rows["marie"]["satisfaction mentoré"]) == ("4", "5")
    assert rows["louis"]["à risque"] == fr_n("report.risk.no_meeting", 81)
    assert rows["paul"]["état"] == "en attente de signature" and rows["paul"]["rencontres attendues"] == "0"
    assert chart.startswith(b"\x89PNG") and len(chart) > 5000
    for secret in SECRETS:
        assert secret not in text and secret not in table and secret.encode() not in chart, secret


def test_unanswered_nudges_put_a_pair_at_risk(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    for moment in (datetime(2026, 12, 28, 17, 0, tzinfo=UTC), datetime(2026, 12, 29, 9, 0, tzinfo=UTC)):
        bot.clock.set(moment)
        bot.mentorat.jobs.tick()
    assert with_button(bot, "UMENTOR", "nudge-meeting-plan") and with_button(bot, "UMENTEE", "nudge-meeting-plan")
    bot.clock.set(datetime(2027, 1, 2, 15, 0, tzinfo=UTC))  # less than a week: they may still answer
    text, _chart, _table = _report(bot)
    assert fr_fixed("report.at_risk.none") in text
    bot.clock.set(datetime(2027, 1, 6, 15, 0, tzinfo=UTC))  # 44 days without a meeting, nudge unanswered
    text, _chart, table = _report(bot)
    assert "<@UMENTOR> / <@UMENTEE> : " + fr_n("report.risk.nudges", 1) in text
    assert fr_n("report.risk.nudges", 1) == "1 relance restée sans suite"  # the singular, not "1 relances"
    assert not any(fr_n("report.risk.no_meeting", days) in text for days in range(1, 100))
    assert fr_n("report.risk.nudges", 1) in table


def test_coordinator_home_shows_pairs_at_risk_first(bot: Harness) -> None:
    _seed(bot)
    bot.clock.set(REPORT_DAY)
    bot.event({"type": "app_home_opened", "user": "UCOORD", "tab": "home"})
    home = text_of(bot.emulator.home_view("UCOORD"))
    assert "Paires à risque* (2)" in home and "Paires en cours* : 2" in home
    assert home.index("Paires à risque") < home.index("Paires en cours")
    assert "Recevoir le rapport complet" in home and fr_fixed("home.button.import") in home
    for secret in SECRETS:
        assert secret not in home
    bot.event({"type": "app_home_opened", "user": "UMENTOR2", "tab": "home"})
    assert "Paires à risque" not in text_of(bot.emulator.home_view("UMENTOR2"))


def test_monthly_digest_in_the_first_week(bot: Harness) -> None:
    _seed(bot)
    bot.clock.set(REPORT_DAY)
    bot.mentorat.jobs.tick()
    assert not [m for m in bot.emulator.messages_to("UCOORD") if "Le point du mois" in text_of(m)]
    bot.clock.set(datetime(2027, 3, 1, 14, 0, tzinfo=UTC))  # Monday 1 March, 9:00 in Toronto
    bot.mentorat.jobs.tick()
    bot.mentorat.jobs.tick()
    digests = [m for m in bot.emulator.messages_to("UCOORD") if "Le point du mois" in text_of(m)]
    assert len(digests) == 1, "one digest a month, however many ticks"
    text = text_of(digests[0])
    assert "Paires en cours* : 2" in text and "Paires à risque* (3)" in text  # A too: 50 days since January 10
    assert text.index("Paires à risque") < text.index("Paires en cours")
    for secret in SECRETS:
        assert secret not in text
    # Its button sends the full report.
    before = len(bot.emulator.uploads())
    bot.click("UCOORD", "report-full-send", "1", message=digests[0])
    assert len(bot.emulator.uploads()) == before + 2
    assert bot.emulator.messages_to("UMENTOR") and not [
        m for m in bot.emulator.messages_to("UMENTOR") if "Le point du mois" in text_of(m)]


def test_report_is_for_coordinators_only(bot: Harness) -> None:
    _seed(bot)
    for user in ("UMENTOR", "UOTHER"):
        bot.command(user, "rapport")
        assert fr_fixed("error.not_allowed") in bot.last_response()["text"] or "reserved" in bot.last_response()["text"]
    bot.click("UMENTOR", "report-full-send", "1")
    assert "Seule la coordination" in bot.last_response()["text"]
    assert not bot.emulator.uploads()
    with bot.session_factory() as session:
        assert session.scalars(select(Person).where(Person.external_id == "UMENTOR")).one()


def test_a_pair_that_met_every_month_to_its_closure_met_every_meeting_expected(bot: Harness) -> None:
    """10 months, a meeting each month, closed in the last weeks: 10 of 10, not 10 of 9 (111 %)."""
    convention_id = pair_and_accept(bot, start="2026-11-23")
    now = bot.clock.now()
    with bot.session_factory.begin() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None and convention.planned_end_on == date(2027, 9, 23)
        for month in range(10):
            day = date(2026 + (11 + month) // 12, (11 + month) % 12 + 1, 5)  # the 5th of Dec 2026 … Sep 2027
            session.add(Meeting(convention_id=convention_id, starts_at=_at(day.isoformat()), status="held",
                                created_at=now, updated_at=now))
        convention.status, convention.closed_at = "closed", _at("2027-09-10")
    bot.clock.set(_at("2027-09-20"))
    text, _chart, table = _report(bot)
    assert fr_n("report.meetings", 10, held=10, percent=fr_percent(1)) in text
    row = next(csv.DictReader(io.StringIO(table)))
    assert (row["rencontres tenues"], row["rencontres attendues"]) == ("10", "10")


def test_a_running_pair_owes_only_the_months_gone_by(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    text, _chart, _table = _report(bot)  # the first day: no share of nothing
    assert fr("report.meetings.none_expected", held=0) in text
    bot.clock.set(_at("2027-01-10"))  # 48 days in: one whole period
    text, _chart, _table = _report(bot)
    assert fr_n("report.meetings", 1, held=0, percent=fr_percent(0)) in text
