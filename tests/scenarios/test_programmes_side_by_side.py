"""Several programmes in one Slack workspace: each coordinator reads the figures of their own programme,
the workspace's admins every programme side by side with one CSV, and nobody another workspace's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.db import session_scope
from storage.models import AuditEvent, Convention, ConventionStatus, Platform, ProgrammeEvaluation, Workspace
from tests.scenarios.helpers import button_value, pair_and_accept
from tests.scenarios.meeting_helpers import with_button
from tests.scenarios.programme_helpers import (
    SECOND,
    add_coordinator,
    csv_rows,
    first_programme_id,
    person,
    running_programme,
    second_programme,
)
from tests.support.texts import fr_fixed, fr_n

REPORT_DAY = datetime(2027, 1, 20, 15, 0, tzinfo=UTC)
FIRST_TITLE = "Programme « Mentorat »"
SECOND_TITLE = f"Programme « {SECOND} »"
ELSEWHERE = "Programme d'ailleurs"  # the programme of another Slack workspace


def _two_programmes(bot: Harness, *, held: bool = True) -> tuple[int, int]:
    """Sam is Marie's mentee in the default programme and Louis's in the second one; Olivier coordinates the
    first only. Returns both programmes' ids."""
    pair_and_accept(bot, start="2026-11-23")
    first = first_programme_id(bot, Platform.SLACK)
    second = second_programme(bot, Platform.SLACK, ("UMENTOR2", "Louis Mentor"), ("UMENTEE", "Sam Mentoré"),
                              held=held)
    add_coordinator(bot, first, "UOTHER", "Olivier Outsider")
    return first, second


def _report(bot: Harness, user: str) -> tuple[str, list[dict]]:
    """/mentorat rapport: the DM's text (every message it posted) and the files uploaded."""
    uploads, messages = len(bot.emulator.uploads()), len(bot.emulator.messages_to(user))
    bot.command(user, "rapport")
    assert fr_fixed("report.sent") in bot.last_response()["text"]
    text = "\n".join(text_of(m) for m in bot.emulator.messages_to(user)[messages:])
    return text, bot.emulator.uploads()[uploads:]


def _csv(files: list[dict]) -> list[dict[str, str]]:
    [table] = [f for f in files if f["filename"].endswith(".csv")]
    return csv_rows(table["content"].decode("utf-8"))


@pytest.mark.both_databases
def test_a_coordinator_reads_their_programme_and_an_admin_reads_both(bot: Harness) -> None:
    first, second = _two_programmes(bot)
    bot.clock.set(REPORT_DAY)
    # Olivier, added to the first programme only: its figures, none of the second's.
    text, files = _report(bot, "UOTHER")
    assert FIRST_TITLE in text and SECOND_TITLE not in text and "Louis" not in text
    assert {row["programme"] for row in _csv(files)} == {"Mentorat"}
    assert len([f for f in files if f["filename"].endswith(".png")]) == 1
    # The second programme's figures, asked for with a digest's button: refused, and nothing is sent.
    uploads, messages = len(bot.emulator.uploads()), len(bot.emulator.messages_to("UOTHER"))
    bot.click("UOTHER", "report-full-send", str(second))
    assert fr_fixed("error.coordinator_only").split(" (")[0] in text_of(bot.last_response())
    assert len(bot.emulator.uploads()) == uploads
    assert not any(SECOND in text_of(m) for m in bot.emulator.messages_to("UOTHER")[messages:])
    # Their own programme's button works.
    bot.click("UOTHER", "report-full-send", str(first))
    assert any(FIRST_TITLE in text_of(m) for m in bot.emulator.messages_to("UOTHER")[messages:])
    # The workspace's admin: both programmes, side by side in one message, and one CSV of both.
    text, files = _report(bot, "UADMIN")
    assert text.index(FIRST_TITLE) < text.index(SECOND_TITLE)
    rows = _csv(files)
    by_programme = {(row["programme"], row["mentor"]) for row in rows}
    assert by_programme == {("Mentorat", "Marie Mentor"), (SECOND, "Louis Mentor")}
    assert all(row["programme"] and row["ligne"] == "paire" for row in rows)
    [louis] = [row for row in rows if row["programme"] == SECOND]
    assert (louis["mentoré"], louis["rencontres tenues"]) == ("Sam Mentoré", "1")
    assert len([f for f in files if f["filename"].endswith(".png")]) == 2, "a chart per programme"
    # Who read which programme's figures is kept per programme.
    with session_scope(bot.session_factory) as session:
        read = [e.detail["programme"] for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "report.viewed")).all()]
    assert read.count(first) == 3 and read.count(second) == 1, "Olivier twice, the admin once each"


def test_a_coordinator_of_the_second_programme_alone_gets_its_figures(bot: Harness) -> None:
    _first, second = _two_programmes(bot)
    add_coordinator(bot, second, "UMENTEE2", "Léa Mentorée")
    bot.clock.set(REPORT_DAY)
    text, files = _report(bot, "UMENTEE2")  # not a coordinator of the first programme: the command still serves
    assert SECOND_TITLE in text and FIRST_TITLE not in text and "Marie" not in text
    assert {row["programme"] for row in _csv(files)} == {SECOND}
    bot.command("UMENTOR", "rapport")  # a mentor coordinates nothing: refused as before
    assert "réservé" in bot.last_response()["text"]
    # Her help says what she coordinates and offers the report; an admin's names every programme.
    bot.command("UMENTEE2", "aide")
    shown = text_of(bot.last_response())
    assert f"coordination du programme « {SECOND} »" in shown and "/mentorat rapport" in shown
    assert "/mentorat jumeler" not in shown, "pairing acts on the first programme: not hers"
    bot.command("UADMIN", "aide")
    assert f"coordination des programmes « Mentorat », « {SECOND} »." in text_of(bot.last_response())
    # Her App Home: the second programme at a glance and its report; nothing to pair in the first.
    bot.event({"type": "app_home_opened", "user": "UMENTEE2", "channel": "DUMENTEE2", "tab": "home",
               "event_ts": "1.0"})
    home = bot.emulator.home_view("UMENTEE2") or {}
    assert SECOND_TITLE in text_of(home) and FIRST_TITLE not in text_of(home)
    assert button_value(home, "report-full-send") and not button_value(home, "home-pairing-open")


def test_the_app_home_shows_only_the_programmes_one_coordinates(bot: Harness) -> None:
    _first, _second = _two_programmes(bot)
    bot.clock.set(REPORT_DAY)
    for n, user in enumerate(("UOTHER", "UADMIN")):
        bot.event({"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home",
                   "event_ts": f"{n + 1}.0"}, event_id=f"EvHome{n}")
    olivier, admin = (text_of(bot.emulator.home_view(user) or {}) for user in ("UOTHER", "UADMIN"))
    assert FIRST_TITLE in olivier and SECOND_TITLE not in olivier
    # Each programme's pairs at risk under its own name (both pairs went over 45 days without a meeting).
    assert admin.index(FIRST_TITLE) < admin.index("<@UMENTOR> / <@UMENTEE>") < admin.index(SECOND_TITLE) \
        < admin.index("<@UMENTOR2> / <@UMENTEE>")


def test_no_coordinator_sees_another_workspaces_programme(bot: Harness) -> None:
    _two_programmes(bot)
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        other = Workspace(platform=Platform.SLACK, external_id="TOTHER", name="Ailleurs", created_at=now)
        session.add(other)
        session.flush()
        # The same Slack ids in the other workspace: still other people, and not coordinators here or there.
        elsewhere = running_programme(session, other, ELSEWHERE, person(session, other, "UCOORD", "Homonyme", now),
                                      person(session, other, "UADMIN", "Autre Admin", now), now,
                                      starts_on=date(2026, 11, 23))
        elsewhere_id = elsewhere.id
    bot.clock.set(REPORT_DAY)
    for user in ("UCOORD", "UADMIN"):  # a coordinator by MENTORAT_COORDINATORS, an admin: this workspace only
        text, files = _report(bot, user)
        assert ELSEWHERE not in text and "Homonyme" not in text
        assert {row["programme"] for row in _csv(files)} == {"Mentorat", SECOND}
        uploads = len(bot.emulator.uploads())
        bot.click(user, "report-full-send", str(elsewhere_id))
        assert fr_fixed("error.no_access") in text_of(bot.last_response())
        assert len(bot.emulator.uploads()) == uploads


def test_status_help_and_the_app_home_name_each_conventions_programme(bot: Harness) -> None:
    _two_programmes(bot)
    # Sam (in English) is in a convention of each programme: each one says which programme it belongs to.
    bot.command("UMENTEE", "statut")
    text = text_of(bot.last_response())
    assert text.index("<@UMENTOR>") < text.index("Programme: Mentorat") < text.index("<@UMENTOR2>") \
        < text.index(f"Programme: {SECOND}")
    bot.command("UMENTEE", "aide")
    text = text_of(bot.last_response())
    assert "<@UMENTOR> is your mentor, in the “Mentorat” programme." in text
    assert f"<@UMENTOR2> is your mentor, in the “{SECOND}” programme." in text
    # Louis, in French, on his App Home.
    bot.event({"type": "app_home_opened", "user": "UMENTOR2", "channel": "DUMENTOR2", "tab": "home",
               "event_ts": "1.0"})
    home = text_of(bot.emulator.home_view("UMENTOR2") or {})
    assert "Convention avec <@UMENTEE>" in home and f"Programme : {SECOND}" in home


def test_a_pairs_reminder_names_its_programme(bot: Harness) -> None:
    _two_programmes(bot, held=False)  # no meeting for a month: both pairs are nudged
    for moment in (datetime(2026, 12, 28, 17, 0, tzinfo=UTC), datetime(2026, 12, 29, 9, 0, tzinfo=UTC)):
        bot.clock.set(moment)
        bot.mentorat.jobs.tick()
    [louis] = with_button(bot, "UMENTOR2", "nudge-meeting-plan")
    assert "<@UMENTEE>" in text_of(louis) and f"Programme « {SECOND} »" in text_of(louis)
    # Sam is nudged about each of his two conventions, in one message (due together: grouped), in English;
    # each nudge says which programme, with its own button.
    [grouped] = with_button(bot, "UMENTEE", "nudge-meeting-plan")
    nudges = text_of(grouped)
    assert nudges.startswith("2 reminders for you")
    assert "“Mentorat” programme" in nudges and f"“{SECOND}” programme" in nudges
    assert "<@UMENTOR>" in nudges and "<@UMENTOR2>" in nudges
    assert nudges.count("Plan the next meeting") == 2


def _evaluations(bot: Harness, first: int, second: int) -> None:
    """Marie and Sam evaluated the first programme (2 answers); three ended pairs the second (6 answers)."""
    now = bot.clock.now()
    with session_scope(bot.session_factory) as session:
        [ours] = session.scalars(select(Convention).where(Convention.programme_id == first)).all()
        answers = [(ours, ours.mentor_id, "mentor", "Idée du premier"), (ours, ours.mentee_id, "mentee", "")]
        template = session.scalars(select(Convention).where(Convention.programme_id == second)).first()
        assert template is not None
        workspace = template.programme.workspace
        for n in range(3):
            mentor = person(session, workspace, f"UEVALR{n}", f"Mentor {n}", now)
            mentee = person(session, workspace, f"UEVALE{n}", f"Mentoré {n}", now)
            ended = Convention(programme_id=second, version_id=template.version_id, mentor_id=mentor.id,
                               mentee_id=mentee.id, status=ConventionStatus.CLOSED, starts_on=template.starts_on,
                               planned_end_on=template.planned_end_on, closed_at=now, created_at=now, updated_at=now)
            session.add(ended)
            session.flush()
            answers += [(ended, mentor.id, "mentor", f"Idée {n}"), (ended, mentee.id, "mentee", "")]
        for convention, person_id, role, suggestion in answers:
            session.add(ProgrammeEvaluation(programme_id=convention.programme_id, convention_id=convention.id,
                                            person_id=person_id, role=role, satisfaction=4, matching=4, rhythm=3,
                                            support=5, recommend="yes", suggestion=suggestion, answered_at=now))


def test_the_evaluation_stays_per_programme(bot: Harness) -> None:
    first, second = _two_programmes(bot)
    _evaluations(bot, first, second)
    bot.clock.set(REPORT_DAY)
    text, files = _report(bot, "UADMIN")
    # Together they would reach 5 answers; each programme counts its own.
    mine, theirs = text.split(SECOND_TITLE)
    assert fr_n("report.evaluation.waiting", 3, answers=2) in mine
    assert "Évaluation du programme (Tous, 6 réponses)" in theirs and "Évaluation du programme (Tous" not in mine
    rows = _csv(files)
    evaluated = [row for row in rows if row["ligne"] == "évaluation"]
    assert evaluated and {row["programme"] for row in evaluated} == {SECOND}
    assert sorted((row["programme"], row["suggestion"]) for row in rows if row["ligne"] == "suggestion") == [
        (SECOND, "Idée 0"), (SECOND, "Idée 1"), (SECOND, "Idée 2")]
    assert "Idée du premier" not in text and all("Idée du premier" not in ",".join(r.values()) for r in rows)
