"""The corporate method's road map on Slack: once the three-way start took place the mentor writes it;
the mentee confirms it, then the manager; an edit asks them again; nobody else can confirm or read it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services import erasure
from bot.services.roles import CoordinatorRule
from storage.models import Milestone, RoadMap
from tests.scenarios.helpers import button_value, invitation
from tests.scenarios.meeting_helpers import at, click_last, last_view, propose, texts_to, with_button
from tests.scenarios.test_closure import _home_actions
from tests.scenarios.test_corporate_method import turn_on
from tests.scenarios.test_erasure import everything_stored
from tests.support.texts import fr_fixed

FORM = "road-map-form-submit"
MILESTONES = "2027-02-15 Premier point d'étape\n2027-06-01 Bilan à mi-parcours"


def values(axes: str = "Déléguer davantage", strategies: str = "Un dossier confié par mois", hours: str = "20",
           milestones: str = MILESTONES) -> dict[str, dict[str, Any]]:
    return {f"road-map-{name}": {name: {"type": "plain_text_input", "value": value}}
            for name, value in (("axes", axes), ("strategies", strategies), ("hours", hours),
                                ("milestones", milestones))}


def started(bot: Harness) -> None:
    """A corporate pair whose three-way start took place."""
    turn_on(bot)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> <@UOTHER> 2026-12-01")
    for user in ("UMENTOR", "UMENTEE"):
        message = invitation(bot, user)
        bot.click(user, "convention-accept", button_value(message, "convention-accept") or "", message=message)
    propose(bot, "UMENTOR", "2026-12-07", "10:00")
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    bot.clock.set(datetime(2026, 12, 7, 19, 30, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    click_last(bot, "UMENTOR", "meeting-checkin-held")
    # The next day, in working hours for all three (8:30 in Vancouver, 17:30 in Paris, 11:30 in Toronto): what
    # one writes reaches the others at once.
    bot.clock.set(datetime(2026, 12, 8, 16, 30, tzinfo=UTC))
    bot.mentorat.jobs.tick()


def write(bot: Harness, **fields: str) -> Any:
    click_last(bot, "UMENTOR", "road-map-edit-open")
    return bot.submit_view("UMENTOR", last_view(bot, FORM), values(**fields))


@pytest.mark.both_databases
def test_the_mentee_then_the_manager_confirm_the_road_map(bot: Harness) -> None:
    started(bot)
    prompt = with_button(bot, "UMENTOR", "road-map-edit-open")
    assert prompt and fr_fixed("roadmap.prompt") in text_of(prompt[-1])
    assert write(bot).status == 200
    before = len(texts_to(bot, "UOTHER"))
    [review] = with_button(bot, "UMENTEE", "road-map-confirm")
    shown = text_of(review)
    assert "Déléguer davantage" in shown and "20 hours in all" in shown and "Premier point d'étape" in shown
    assert len(texts_to(bot, "UOTHER")) == before, "the manager reads it only once the mentee agreed"
    click_last(bot, "UMENTEE", "road-map-confirm")
    [to_manager] = with_button(bot, "UOTHER", "road-map-confirm")
    assert "Déléguer davantage" in text_of(to_manager)
    click_last(bot, "UOTHER", "road-map-confirm")
    assert fr_fixed("roadmap.confirmed_manager") in text_of(bot.last_response())
    assert any(fr_fixed("roadmap.confirmed_all") in text for text in texts_to(bot, "UMENTOR"))
    with bot.session_factory() as session:
        road_map = session.scalars(select(RoadMap)).one()
        assert road_map.mentee_confirmed_at is not None and road_map.manager_confirmed_at is not None


FIELD_ERRORS = [
    ({"axes": ""}, "axes", "roadmap.error.axes"),
    ({"strategies": ""}, "strategies", "roadmap.error.strategies"),
    ({"hours": "0"}, "hours", "roadmap.error.hours"),
    ({"milestones": ""}, "milestones", "roadmap.error.no_milestone"),
    ({"milestones": "demain Point"}, "milestones", "roadmap.error.milestone_date"),
    ({"milestones": "2031-01-01 Trop tard"}, "milestones", "roadmap.error.milestone_outside"),
    ({"milestones": "2027-02-15"}, "milestones", "roadmap.error.milestone_title"),
]


@pytest.mark.parametrize(("changes", "field", "key"), FIELD_ERRORS, ids=[k for _c, _f, k in FIELD_ERRORS])
def test_a_bad_road_map_is_refused_on_its_field(bot: Harness, changes: dict[str, str], field: str, key: str) -> None:
    started(bot)
    errors = write(bot, **changes).json()["errors"]
    assert list(errors) == [f"road-map-{field}"] and fr_fixed(key) in errors[f"road-map-{field}"]
    with bot.session_factory() as session:
        assert session.scalars(select(RoadMap)).all() == []


def test_an_edit_asks_again_and_an_old_version_cannot_be_confirmed(bot: Harness) -> None:
    started(bot)
    write(bot)
    [old] = with_button(bot, "UMENTEE", "road-map-confirm")
    write(bot, hours="30")  # version 2
    bot.click("UMENTEE", "road-map-confirm", button_value(old, "road-map-confirm") or "", message=old)
    assert "The road map has changed since" in text_of(bot.last_response())  # Sam reads English
    with bot.session_factory() as session:
        assert session.scalars(select(RoadMap.mentee_confirmed_at)).one() is None
    at(bot, datetime(2026, 12, 9, 9, 0, tzinfo=UTC))  # a request waits for the mentee's good hours (Paris)
    latest = with_button(bot, "UMENTEE", "road-map-confirm")[-1]
    assert "30 hours in all" in text_of(latest) and "(version 2)" in text_of(latest)


def test_nobody_else_confirms_or_reads_it(bot: Harness) -> None:
    started(bot)
    write(bot)
    [review] = with_button(bot, "UMENTEE", "road-map-confirm")
    value = button_value(review, "road-map-confirm") or ""
    for user in ("UMENTOR", "UMENTOR2", "UCOORD"):  # the author, an outsider, a coordinator
        bot.click(user, "road-map-confirm", value, message={})
        assert "Déléguer" not in text_of(bot.last_response())
    bot.click("UOTHER", "road-map-confirm", value, message={})  # the manager, before the mentee
    assert fr_fixed("roadmap.mentee_first") in text_of(bot.last_response())
    with bot.session_factory() as session:
        road_map = session.scalars(select(RoadMap)).one()
        assert road_map.mentee_confirmed_at is None and road_map.manager_confirmed_at is None
    bot.command("UMENTEE", "feuille-de-route")  # the mentee reads it from the command too
    assert "Déléguer davantage" in text_of(bot.last_response())


def test_one_gentle_reminder_then_none(bot: Harness) -> None:
    started(bot)
    write(bot, axes="AXE-CANARY")
    at(bot, datetime(2026, 12, 8, 17, 0, tzinfo=UTC))
    assert len(with_button(bot, "UMENTEE", "road-map-confirm")) == 1
    at(bot, datetime(2026, 12, 11, 16, 45, tzinfo=UTC))  # three days on, 17:45 in Paris: one reminder
    reminders = with_button(bot, "UMENTEE", "road-map-confirm")
    assert len(reminders) == 2 and "A gentle reminder" in text_of(reminders[-1])
    at(bot, datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    assert len(with_button(bot, "UMENTEE", "road-map-confirm")) == 2, "then none"


def test_the_mentors_erasure_takes_the_road_maps_words_not_its_figures(bot: Harness) -> None:
    started(bot)
    write(bot, axes="AXE-CANARY", strategies="STRATEGIE-CANARY", milestones="2027-02-15 ETAPE-CANARY")
    with bot.session_factory() as session:
        road_map = session.scalars(select(RoadMap)).one()
        erasure.erase(session, road_map.convention.mentor, CoordinatorRule(), bot.clock.now())
        session.commit()
    stored = everything_stored(bot)
    assert "CANARY" not in stored
    with bot.session_factory() as session:
        assert session.scalars(select(RoadMap.planned_hours)).one() == 20


def agreed(bot: Harness) -> None:
    started(bot)
    write(bot)
    click_last(bot, "UMENTEE", "road-map-confirm")
    click_last(bot, "UOTHER", "road-map-confirm")


def status_values(on_track: str | None, hours: str) -> dict[str, dict[str, Any]]:
    return {"milestone-on-track": {"on_track": {"type": "radio_buttons",
                                                "selected_option": {"value": on_track} if on_track else None}},
            "milestone-hours": {"hours": {"type": "number_input", "value": hours}}}


@pytest.mark.both_databases
def test_milestone_statuses_reach_the_manager_only_as_the_mentee_decides(bot: Harness) -> None:
    agreed(bot)
    told = len(texts_to(bot, "UOTHER"))
    at(bot, datetime(2027, 2, 15, 8, 0, tzinfo=UTC))  # the first milestone's day, 9:00 in Paris
    at(bot, datetime(2027, 2, 15, 18, 0, tzinfo=UTC))  # 10:00 in Vancouver
    [due] = with_button(bot, "UMENTOR", "milestone-record-open")
    assert "Premier point d'étape" in text_of(due)
    assert any("review it together" in text for text in texts_to(bot, "UMENTEE"))
    click_last(bot, "UMENTOR", "milestone-record-open")
    form = last_view(bot, "milestone-form-submit")
    for values, block in ((status_values(None, "8"), "milestone-on-track"), (status_values("yes", "abc"),
                                                                               "milestone-hours")):
        assert list(bot.submit_view("UMENTOR", form, values).json()["errors"]) == [block]
    assert bot.submit_view("UMENTOR", form, status_values("no", "8")).status == 200
    assert len(texts_to(bot, "UOTHER")) == told, "nothing reaches the manager before the mentee decides"
    [share] = with_button(bot, "UMENTEE", "milestone-keep")
    assert "Needs adjusting · 8 h so far" in text_of(share)
    click_last(bot, "UMENTEE", "milestone-keep")
    held = texts_to(bot, "UOTHER")[-1]
    assert fr_fixed("milestone.to_manager.held") in held and "8 h" not in held and "réajuster" not in held
    # The second milestone, shared this time.
    at(bot, datetime(2027, 6, 1, 18, 0, tzinfo=UTC))
    click_last(bot, "UMENTOR", "milestone-record-open")
    bot.submit_view("UMENTOR", last_view(bot, "milestone-form-submit"), status_values("yes", "14"))
    click_last(bot, "UMENTEE", "milestone-share")
    shared = texts_to(bot, "UOTHER")[-1]
    assert "Sur la bonne voie · 14 h jusqu'ici" in shared
    # A second click, or the mentor's, changes nothing.
    click_last(bot, "UMENTEE", "milestone-keep")
    assert texts_to(bot, "UOTHER")[-1] == shared
    with bot.session_factory() as session:
        assert [m.sharing for m in session.scalars(select(Milestone).order_by(Milestone.due_on))] == ["declined",
                                                                                                     "shared"]


def test_only_the_mentee_decides_and_only_the_mentor_records(bot: Harness) -> None:
    agreed(bot)
    at(bot, datetime(2027, 2, 15, 18, 0, tzinfo=UTC))
    [due] = with_button(bot, "UMENTOR", "milestone-record-open")
    milestone_id = button_value(due, "milestone-record-open") or ""
    opened = len(bot.emulator.views_opened())
    for user in ("UMENTEE", "UOTHER", "UMENTOR2"):
        bot.click(user, "milestone-record-open", milestone_id, message={})
    assert len(bot.emulator.views_opened()) == opened
    click_last(bot, "UMENTOR", "milestone-record-open")
    bot.submit_view("UMENTOR", last_view(bot, "milestone-form-submit"), status_values("yes", "5"))
    for user in ("UMENTOR", "UOTHER", "UMENTOR2"):
        bot.click(user, "milestone-share", milestone_id, message={})
    with bot.session_factory() as session:
        assert session.get(Milestone, int(milestone_id)).sharing is None  # type: ignore[union-attr]


def test_the_coordination_sees_the_corporate_figures_and_never_the_words(bot: Harness) -> None:
    agreed(bot)
    at(bot, datetime(2027, 2, 15, 18, 0, tzinfo=UTC))
    click_last(bot, "UMENTOR", "milestone-record-open")
    bot.submit_view("UMENTOR", last_view(bot, "milestone-form-submit"), status_values("yes", "7"))
    click_last(bot, "UMENTEE", "milestone-share")  # only shared hours count
    bot.command("UCOORD", "rapport")
    report = " ".join(texts_to(bot, "UCOORD")[-3:])  # the report comes in a direct message
    assert ("feuilles de route confirmées : 1 sur 1 ; étapes tenues à temps : 1 sur 1 ; heures : 7 déclarées sur "
            "20 prévues") in report
    assert "Déléguer" not in report and "Premier point" not in report


def test_the_road_map_is_reachable_from_the_app_home(bot: Harness) -> None:
    started(bot)
    assert "home-road-map-show" in _home_actions(bot, "UMENTOR")
    home = bot.emulator.home_view("UMENTOR")
    assert home is not None
    value = next(e["value"] for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == "home-road-map-show")
    bot.click("UMENTOR", "home-road-map-show", value, container="view")
    assert last_view(bot, FORM)  # the mentor's form
    bot.command("UMENTEE", "aide")
    assert "feuille-de-route" in text_of(bot.last_response())


def test_the_manager_reads_no_draft_and_the_mentor_cannot_rewrite_a_status(bot: Harness) -> None:
    started(bot)
    write(bot, axes="BROUILLON-SECRET")
    with bot.session_factory() as session:
        convention_id = session.scalars(select(RoadMap.convention_id)).one()
    bot.click("UOTHER", "convention-choose-0", f"feuille-de-route:{convention_id}", message={})  # a forged choice
    assert "BROUILLON-SECRET" not in text_of(bot.last_response())
    bot.command("UOTHER", "mes-donnees")
    exported = " ".join(str(u.get("content")) for u in bot.emulator.uploads())
    assert "conventions_you_manage" in exported and "BROUILLON-SECRET" not in exported
    # Agreed, recorded: the mentor cannot change the status the mentee is about to share.
    click_last(bot, "UMENTEE", "road-map-confirm")
    click_last(bot, "UOTHER", "road-map-confirm")
    at(bot, datetime(2027, 2, 15, 18, 0, tzinfo=UTC))
    click_last(bot, "UMENTOR", "milestone-record-open")
    form = last_view(bot, "milestone-form-submit")
    bot.submit_view("UMENTOR", form, status_values("yes", "5"))
    assert bot.submit_view("UMENTOR", form, status_values("no", "1999")).json()["response_action"] == "push"
    click_last(bot, "UMENTEE", "milestone-share")
    assert "5 h" in texts_to(bot, "UOTHER")[-1] and "1999" not in texts_to(bot, "UOTHER")[-1]


def test_a_coordinator_cannot_be_the_manager(bot: Harness) -> None:
    turn_on(bot)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> <@UADMIN> 2026-12-01")
    assert fr_fixed("error.pair.manager_coordinates") in text_of(bot.last_response())
