"""The corporate method on Slack: a programme that turns it on pairs with the mentee's manager (command,
form, CSV); the mentee agrees to them by accepting; the manager is told the relationship started and
reads nothing of it. A programme without it behaves as before."""

from __future__ import annotations

from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, Person
from tests.scenarios.helpers import button_value, invitation
from tests.scenarios.meeting_helpers import click_last, last_view, meeting_values, meetings, texts_to, with_button
from tests.scenarios.test_programmes import FORM, form_values
from tests.support.texts import fr_fixed


def turn_on(bot: Harness) -> None:
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    answer = bot.submit_view("UCOORD", last_view(bot, FORM), form_values(last_view(bot, FORM), corporate_method="on"))
    assert answer.status == 200 and not answer.body


def convention(bot: Harness) -> Convention:
    with bot.session_factory() as session:
        found = session.scalars(select(Convention)).one()
        session.expunge(found)
        return found


def external_id(bot: Harness, person_id: int | None) -> str | None:
    with bot.session_factory() as session:
        person = session.get(Person, person_id) if person_id else None
        return person.external_id if person else None


def test_without_the_method_pairing_takes_no_manager(bot: Harness) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> <@UOTHER>")
    assert fr_fixed("error.pair.no_corporate_method") in text_of(bot.last_response())
    bot.command("UCOORD", "jumeler")
    blocks = [b.get("block_id") for b in last_view(bot, "pairing-form-submit")["blocks"]]
    assert "pairing-manager" not in blocks
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")  # as before
    assert external_id(bot, convention(bot).manager_id) is None
    assert fr_fixed("conv.manager.title") not in text_of(invitation(bot, "UMENTEE"))


@pytest.mark.both_databases
def test_the_mentee_accepts_the_manager_with_the_convention(bot: Harness) -> None:
    turn_on(bot)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> <@UOTHER> 2026-12-01")
    assert external_id(bot, convention(bot).manager_id) == "UOTHER"
    to_mentee = text_of(invitation(bot, "UMENTEE"))
    assert "Three-way start" in to_mentee and "By accepting this agreement, you agree to their part" in to_mentee
    assert "<@UOTHER>" in to_mentee  # named
    assert fr_fixed("conv.manager.title") in text_of(invitation(bot, "UMENTOR"))
    assert not texts_to(bot, "UOTHER"), "the manager hears nothing before both have signed"
    for user in ("UMENTOR", "UMENTEE"):
        message = invitation(bot, user)
        bot.click(user, "convention-accept", button_value(message, "convention-accept") or "", message=message)
    told = texts_to(bot, "UOTHER")
    assert len(told) == 1 and fr_fixed("conv.active.manager") in told[0]
    bot.command("UMENTEE", "notes Mon gestionnaire ne doit pas lire ceci")
    bot.command("UOTHER", "convention")  # the manager is not a side of the convention: nothing to read
    assert "ne doit pas lire" not in text_of(bot.last_response())
    assert all("ne doit pas lire" not in text for text in texts_to(bot, "UOTHER"))


@pytest.mark.parametrize("manager", ["UMENTOR", "UMENTEE"])
def test_the_manager_is_someone_else_than_the_pair(bot: Harness, manager: str) -> None:
    turn_on(bot)
    bot.command("UCOORD", "jumeler")
    view = last_view(bot, "pairing-form-submit")
    values: dict[str, dict[str, Any]] = {
        "pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": "UMENTOR"}},
        "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": "UMENTEE"}},
        "pairing-manager": {"pairing-manager-select": {"type": "users_select", "selected_user": manager}},
        "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": "2026-12-01"}},
    }
    answer = bot.submit_view("UCOORD", view, values).json()
    assert list(answer["errors"]) == ["pairing-manager"]
    assert fr_fixed("error.pair.manager_in_pair") in answer["errors"]["pairing-manager"]
    values["pairing-manager"]["pairing-manager-select"]["selected_user"] = "UOTHER"
    assert bot.submit_view("UCOORD", view, values).status == 200
    assert external_id(bot, convention(bot).manager_id) == "UOTHER"


def test_a_csv_names_the_manager_in_its_own_column(bot: Harness) -> None:
    turn_on(bot)
    bot.command("UCOORD", "importer")
    csv = "mentor,mentoree,debut,gestionnaire\nUMENTOR,UMENTEE,2026-12-01,UOTHER\nUMENTOR2,UMENTEE2,,\n"
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"),
                    {"import-paste": {"import-paste-input": {"type": "plain_text_input", "value": csv}}})
    with bot.session_factory() as session:
        managers = {c.mentee.external_id: c.manager.external_id if c.manager else None
                    for c in session.scalars(select(Convention))}
    assert managers == {"UMENTEE": "UOTHER", "UMENTEE2": None}


def test_the_three_way_start_invites_the_manager_without_the_agenda(bot: Harness) -> None:
    turn_on(bot)
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> <@UOTHER> 2026-12-01")
    for user in ("UMENTOR", "UMENTEE"):
        message = invitation(bot, user)
        bot.click(user, "convention-accept", button_value(message, "convention-accept") or "", message=message)
    started = [m for m in bot.emulator.messages_to("UMENTOR") if button_value(m, "meeting-plan-open")]
    assert started and fr_fixed("conv.active.start") in text_of(started[-1])
    bot.click("UMENTOR", "meeting-plan-open", button_value(started[-1], "meeting-plan-open") or "",
              message=started[-1])
    assert fr_fixed("meeting.start.form") in text_of({"blocks": last_view(bot)["blocks"]})
    bot.submit_view("UMENTOR", last_view(bot), meeting_values("2026-12-07", "10:00", agenda="Mes doutes privés"))
    [proposal] = with_button(bot, "UMENTEE", "meeting-proposal-confirm")
    assert "Three-way start" in text_of(proposal)
    assert not texts_to(bot, "UOTHER")[1:], "a proposal is the pair's business"
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    [meeting] = meetings(bot)
    assert meeting.with_manager
    to_manager = texts_to(bot, "UOTHER")[-1]
    assert fr_fixed("meeting.start.manager") in to_manager and "Mes doutes privés" not in to_manager
    calendars = {u.get("channel") or u["channels"][0]: Calendar.from_ical(u["content"]) for u in bot.emulator.uploads()}
    assert len(calendars) == 3  # one invitation each: mentor, mentee, manager
    uids = {str(next(iter(c.walk("VEVENT")))["uid"]) for c in calendars.values()}
    assert len(uids) == 1
    assert all("Mes doutes privés" not in c.to_ical().decode() for c in calendars.values())
    # Cancelled: the manager learns it is off and gets the file that removes it, not the reason.
    bot.command("UMENTOR", "prochaine-rencontre")
    click_last(bot, "UMENTOR", "meeting-cancel-open")
    bot.submit_view("UMENTOR", last_view(bot, "meeting-cancel-submit"),
                    {"meeting-reason": {"meeting-reason-input": {"type": "plain_text_input",
                                                                 "value": "Raison très personnelle"}}})
    told = texts_to(bot, "UOTHER")[-1]
    assert fr_fixed("meeting.start.cancelled_manager") in told and "très personnelle" not in told
    assert any(str(next(iter(Calendar.from_ical(u["content"]).walk("VEVENT"))).get("status", "")) == "CANCELLED"
               or "METHOD:CANCEL" in u["content"] for u in bot.emulator.uploads()[3:])
    # The next meeting proposed is the start again (the cancelled one was not held).
    bot.command("UMENTEE", "prochaine-rencontre")  # Sam reads English
    assert "This is the three-way start" in text_of({"blocks": last_view(bot)["blocks"]})
