"""The corporate method's synthesis report on Slack: prefilled from the convention, edited by the mentor,
sent back with changes by the mentee, then approved and delivered with its PDF only to whom the mentee chose."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services import erasure
from bot.services.roles import CoordinatorRule
from storage.models import Convention, Person, Programme, Synthesis
from tests.scenarios.helpers import button_value
from tests.scenarios.meeting_helpers import at, click_last, last_view, meeting_values, texts_to, with_button
from tests.scenarios.test_erasure import everything_stored
from tests.scenarios.test_programmes import form_values
from tests.scenarios.test_road_map import agreed
from tests.support.texts import fr_fixed

FORM = "synthesis-form-submit"


def synthesis_values(view: dict[str, Any], **changes: str) -> dict[str, dict[str, Any]]:
    values = {}
    for block in view["blocks"]:
        element = block.get("element")
        if block.get("type") == "input" and element:
            name = element["action_id"]
            values[block["block_id"]] = {name: {"type": "plain_text_input",
                                                "value": changes.get(name, element.get("initial_value"))}}
    return values


def with_direction(bot: Harness) -> None:
    bot.command("UADMIN", "aide")
    with bot.session_factory() as session:
        admin = session.scalars(select(Person).where(Person.external_id == "UADMIN")).one()
        session.scalars(select(Programme)).one().sponsor_id = admin.id
        session.commit()


def pdfs_to(bot: Harness, user: str) -> list[dict[str, Any]]:
    """The PDF files a person received (the calendar files of the start meeting left aside)."""
    channel = bot.emulator.im_channel_id(user)
    return [u for u in bot.emulator.uploads() if channel in (u.get("channel"), *(u.get("channels") or []))
            and u["filename"].endswith(".pdf")]


@pytest.mark.both_databases
def test_the_synthesis_goes_only_where_the_mentee_approved(bot: Harness) -> None:
    agreed(bot)
    with_direction(bot)
    bot.command("UMENTOR", "synthese")
    view = last_view(bot, FORM)
    prefilled = {b["element"]["action_id"]: b["element"].get("initial_value") for b in view["blocks"]
                 if b.get("type") == "input"}
    assert prefilled["axes"] == "Déléguer davantage"  # from the road map
    errors = bot.submit_view("UMENTOR", view, synthesis_values(view, points="Prise de parole", results="Objectif 1",
                                                               follow_up="")).json()["errors"]
    assert list(errors) == ["synthesis-follow-up"] and fr_fixed("synthesis.error.follow_up") in errors[
        "synthesis-follow-up"]
    assert bot.submit_view("UMENTOR", view, synthesis_values(
        view, points="Prise de parole", results="Objectif 1 — atteint", follow_up="2027-11-01 Bilan à six mois"
    )).status == 200
    manager_before, direction_before = len(texts_to(bot, "UOTHER")), len(texts_to(bot, "UADMIN"))
    [review] = with_button(bot, "UMENTEE", "synthesis-changes-open")
    assert "Prise de parole" in text_of(review)
    # Changes asked: the comment goes to the mentor only.
    click_last(bot, "UMENTEE", "synthesis-changes-open")
    changes = last_view(bot, "synthesis-changes-submit")
    empty = {"synthesis-comment": {"comment": {"type": "plain_text_input", "value": ""}}}
    assert list(bot.submit_view("UMENTEE", changes, empty).json()["errors"]) == ["synthesis-comment"]
    comment = {"synthesis-comment": {"comment": {"type": "plain_text_input", "value": "Ajoutez le réseautage"}}}
    bot.submit_view("UMENTEE", changes, comment)
    [asked] = with_button(bot, "UMENTOR", "synthesis-edit-open")[-1:]
    assert "Ajoutez le réseautage" in text_of(asked)
    assert len(texts_to(bot, "UOTHER")) == manager_before and len(texts_to(bot, "UADMIN")) == direction_before
    # Version 2, approved for the management only.
    click_last(bot, "UMENTOR", "synthesis-edit-open")
    view = last_view(bot, FORM)
    bot.submit_view("UMENTOR", view, synthesis_values(view, points="Prise de parole\nRéseautage"))
    bot.click("UMENTEE", "synthesis-approve", button_value(review, "synthesis-approve") or "", message=review)
    assert "has changed since" in text_of(bot.last_response())  # the old version's button
    click_last(bot, "UMENTEE", "synthesis-approve")
    assert len(pdfs_to(bot, "UADMIN")) == 1 and len(pdfs_to(bot, "UMENTEE")) == 1
    assert pdfs_to(bot, "UOTHER") == [] and len(texts_to(bot, "UOTHER")) == manager_before
    with bot.session_factory() as session:
        found = session.scalars(select(Synthesis)).one()
        assert (found.version, found.status, found.to_manager) == (2, "approved", False)


def test_approved_with_the_manager_and_no_one_else_approves(bot: Harness) -> None:
    agreed(bot)
    bot.command("UMENTOR", "synthese")
    view = last_view(bot, FORM)
    bot.submit_view("UMENTOR", view, synthesis_values(view, points="P", results="R", follow_up="F"))
    [review] = with_button(bot, "UMENTEE", "synthesis-approve-manager")
    value = button_value(review, "synthesis-approve-manager") or ""
    for user in ("UMENTOR", "UOTHER", "UCOORD"):
        bot.click(user, "synthesis-approve-manager", value, message={})
    with bot.session_factory() as session:
        assert session.scalars(select(Synthesis.status)).one() == "submitted"
    bot.click("UMENTEE", "synthesis-approve-manager", value, message=review)
    assert len(pdfs_to(bot, "UOTHER")) == 1  # the manager, as the mentee agreed
    bot.command("UMENTOR", "synthese")  # approved: shown, no longer editable
    assert "synthesis-edit-open" not in str(bot.last_response().get("blocks"))


def test_the_restitution_in_front_of_everyone_validates_the_closure(bot: Harness) -> None:
    agreed(bot)
    with_direction(bot)
    bot.command("UCOORD", "programme")  # the programme wants its coordinator there too
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    form = last_view(bot, "programme-form-submit")
    assert bot.submit_view("UCOORD", form, form_values(form, restitution_coordinator="on")).status == 200
    bot.command("UMENTOR", "synthese")
    view = last_view(bot, FORM)
    bot.submit_view("UMENTOR", view, synthesis_values(view, points="P", results="R", follow_up="F"))
    click_last(bot, "UMENTEE", "synthesis-approve-manager")
    at(bot, datetime(2026, 12, 14, 17, 0, tzinfo=UTC))  # Marie's week had its two messages: Monday, 9:00 in Vancouver
    prompt = [m for m in bot.emulator.messages_to("UMENTOR") if fr_fixed("restitution.prompt") in text_of(m)]
    assert prompt
    bot.click("UMENTOR", "meeting-plan-open", button_value(prompt[-1], "meeting-plan-open") or "", message=prompt[-1])
    assert fr_fixed("meeting.restitution.form") in text_of({"blocks": last_view(bot)["blocks"]})
    bot.submit_view("UMENTOR", last_view(bot), meeting_values("2027-09-15", "10:00", agenda="Nos dernières questions"))
    click_last(bot, "UMENTEE", "meeting-proposal-confirm")
    for guest in ("UOTHER", "UADMIN", "UCOORD"):  # the manager, the direction, the coordinator who paired
        told = texts_to(bot, guest)[-1]
        assert fr_fixed("meeting.restitution.guest") in told and "dernières questions" not in told
    at(bot, datetime(2027, 9, 15, 19, 30, tzinfo=UTC))
    click_last(bot, "UMENTOR", "meeting-checkin-held")
    with bot.session_factory() as session:
        assert session.scalars(select(Convention.restitution_held_at)).one() is not None
    bot.command("UCOORD", "rapport")
    assert "restitutions tenues : 1" in " ".join(texts_to(bot, "UCOORD")[-3:])


def test_the_programme_forms_direction_receives_the_approved_synthesis(bot: Harness) -> None:
    agreed(bot)
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    form = last_view(bot, "programme-form-submit")
    values = form_values(form, direction=["UADMIN", "UMENTOR2"])
    assert bot.submit_view("UCOORD", form, values).status == 200
    bot.command("UMENTOR", "synthese")
    view = last_view(bot, FORM)
    bot.submit_view("UMENTOR", view, synthesis_values(view, points="P", results="R", follow_up="F"))
    assert not pdfs_to(bot, "UADMIN") and not pdfs_to(bot, "UMENTOR2")
    click_last(bot, "UMENTEE", "synthesis-approve")
    assert len(pdfs_to(bot, "UADMIN")) == 1 and len(pdfs_to(bot, "UMENTOR2")) == 1 and not pdfs_to(bot, "UOTHER")
    bot.command("UCOORD", "programme")  # the form shows who is in it
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    picker = next(b for b in last_view(bot, "programme-form-submit")["blocks"] if b.get("block_id") ==
                  "programme-direction")
    assert picker["element"]["initial_users"] == ["UADMIN", "UMENTOR2"]


def test_only_the_mentee_opens_the_changes_form_and_their_erasure_clears_the_report(bot: Harness) -> None:
    agreed(bot)
    bot.command("UMENTOR", "synthese")
    view = last_view(bot, FORM)
    bot.submit_view("UMENTOR", view, synthesis_values(view, points="POINT-CANARY", results="R", follow_up="F"))
    [review] = with_button(bot, "UMENTEE", "synthesis-changes-open")
    value = button_value(review, "synthesis-changes-open") or ""
    opened = len(bot.emulator.views_opened())
    for user in ("UMENTOR2", "UOTHER", "UMENTOR"):
        bot.click(user, "synthesis-changes-open", value, message={})
    assert len(bot.emulator.views_opened()) == opened
    with bot.session_factory() as session:
        mentee = session.scalars(select(Person).where(Person.external_id == "UMENTEE")).one()
        erasure.erase(session, mentee, CoordinatorRule(), bot.clock.now())
        session.commit()
    assert "POINT-CANARY" not in everything_stored(bot)
