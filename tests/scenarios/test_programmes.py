"""Programmes on Slack, through signed requests: coordinators create, edit and archive them in a modal,
people pick the one they work in, and a convention keeps the terms it was signed with."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, Person, Profile, Programme, ProgrammeCoordinator
from tests.scenarios.helpers import button_value, pair_and_accept
from tests.scenarios.meeting_helpers import last_view
from tests.scenarios.test_enrolment import profile_values
from tests.support.people import DEFAULT_NOW
from tests.support.texts import fr_fixed

FORM = "programme-form-submit"


def form_values(view: dict[str, Any], **changes: Any) -> dict[str, dict[str, Any]]:
    """The modal's state as Slack would send it untouched, with `changes` (setting -> typed value) applied."""
    values: dict[str, dict[str, Any]] = {}
    for block in view["blocks"]:
        element = block.get("element")
        if block.get("type") != "input" or not element:
            continue
        name, kind = element["action_id"], element["type"]
        typed = changes.get(name)
        if kind in ("plain_text_input", "number_input"):
            state = {"type": kind, "value": typed if name in changes else element.get("initial_value")}
        elif kind == "static_select":
            chosen = {"value": typed} if name in changes else element.get("initial_option")
            state = {"type": kind, "selected_option": chosen}
        elif kind == "datepicker":
            state = {"type": kind, "selected_date": typed if name in changes else element.get("initial_date")}
        elif kind == "multi_users_select":
            state = {"type": kind, "selected_users": typed if name in changes else element.get("initial_users") or []}
        else:  # checkboxes
            chosen = [{"value": v} for v in typed] if name in changes else element.get("initial_options") or []
            state = {"type": kind, "selected_options": chosen}
        values[block["block_id"]] = {name: state}
    return values


def buttons(message: dict[str, Any], action_id: str) -> list[str]:
    """The values of every button `action_id` of a message, in order."""
    return [e["value"] for b in message.get("blocks", []) if b.get("type") == "actions" for e in b["elements"]
            if e.get("action_id") == action_id]


def open_new(bot: Harness, user: str = "UCOORD") -> dict[str, Any]:
    bot.command(user, "programme")
    listing = bot.last_response()
    assert button_value(listing, "programme-new-open"), "no « Nouveau programme » button"
    bot.click(user, "programme-new-open", "new", message=listing)
    return last_view(bot, FORM)


def create(bot: Harness, name: str, user: str = "UCOORD", **changes: Any) -> Any:
    view = open_new(bot, user)
    return bot.submit_view(user, view, form_values(view, name=name, **changes))


def programme_named(bot: Harness, name: str) -> Programme:
    with bot.session_factory() as session:
        return session.scalars(select(Programme).where(Programme.name == name)).one()


def test_a_coordinator_creates_a_programme_with_the_workspace_defaults(bot: Harness) -> None:
    view = open_new(bot)
    typed = {b["element"]["action_id"]: b["element"].get("initial_value") for b in view["blocks"]
             if b.get("type") == "input"}
    assert typed["length_months"] == "10" and typed["meeting_every_days"] == "30"  # MENTORAT_* defaults
    answer = bot.submit_view("UCOORD", view, form_values(view, name="Nouveaux gestionnaires", length_months="6",
                                                         organisation="Ville de Laval"))
    assert answer.status == 200 and not answer.body
    created = programme_named(bot, "Nouveaux gestionnaires")
    assert created.length_months == 6 and created.convention_parts == {"organisation": "Ville de Laval"}
    with bot.session_factory() as session:
        coordinators = session.scalars(select(ProgrammeCoordinator.person_id)
                                       .where(ProgrammeCoordinator.programme_id == created.id)).all()
    assert len(coordinators) == 1
    assert any(fr_fixed("programme.created") in text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    bot.command("UCOORD", "programme")  # the creator now works in it
    assert "Nouveaux gestionnaires" in text_of(bot.last_response()).split("\n")[0]


FIELD_ERRORS = [
    ({"name": ""}, "name", "programme.error.name_missing"),
    ({"name": "Mentorat"}, "name", "programme.error.name_taken"),
    ({"timezone": "Mars/Olympus"}, "timezone", "programme.error.timezone"),
    ({"language": "xx"}, "language", "programme.error.language"),
    ({"length_months": "0"}, "length_months", "programme.error.range"),
    ({"meeting_every_days": "deux"}, "meeting_every_days", "programme.error.range"),
    ({"meeting_min_minutes": "120", "meeting_max_minutes": "60"}, "meeting_max_minutes",
     "programme.error.min_over_max"),
    ({"reminder_hour": "3"}, "reminder_hour", "programme.error.range"),
    ({"length_months": "2", "closing_notice_days": "60"}, "closing_notice_days", "programme.error.notice_too_long"),
    ({"text_retention_months": "500"}, "text_retention_months", "programme.error.range"),
    ({"enrolment": "maybe"}, "enrolment", "programme.error.enrolment"),
    ({"enrolment_closes_on": "2026-01-01"}, "enrolment_closes_on", "programme.error.closes_past"),
    ({"enrolment": "closed", "enrolment_reopens_on": "2026-01-01"}, "enrolment_reopens_on",
     "programme.error.reopens_past"),
    ({"mentee_choice": "lottery"}, "mentee_choice", "programme.error.choice"),
    ({"organisation": "x" * 201}, "organisation", "programme.error.too_long"),
    ({"themes_extra": "Un, deux"}, "themes_extra", "themes.error.comma"),
]


@pytest.mark.parametrize(("changes", "field", "key"), FIELD_ERRORS, ids=[f for _c, f, _k in FIELD_ERRORS])
def test_a_bad_setting_is_refused_on_its_field_and_nothing_is_created(bot: Harness, changes: dict[str, Any],
                                                                      field: str, key: str) -> None:
    changes = {"name": "Cohorte 2027", **changes}
    view = open_new(bot)
    answer = bot.submit_view("UCOORD", view, form_values(view, **changes))
    errors = answer.json()["errors"]
    block = "programme-" + field.replace("_", "-")
    assert list(errors) == [block]
    assert fr_fixed(key) in errors[block]
    with bot.session_factory() as session:
        assert session.scalars(select(Programme.name).order_by(Programme.id)).all() == ["Mentorat"]


@pytest.mark.both_databases
def test_an_edit_after_signature_leaves_the_signed_convention_intact(bot: Harness) -> None:
    convention_id = pair_and_accept(bot)
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    view = last_view(bot, FORM)
    assert fr_fixed("programme.form.intro_edit") in text_of({"blocks": view["blocks"][:1]})
    answer = bot.submit_view("UCOORD", view, form_values(view, length_months="6", privacy="Julie Roy <jroy@ex.org>",
                                                         clause_fr="Les rencontres ont lieu hors des heures de pointe."))
    assert answer.status == 200 and not answer.body
    assert any(fr_fixed("programme.saved_new_terms") in text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    with bot.session_factory() as session:
        signed = session.get(Convention, convention_id)
        assert signed is not None
        assert signed.version.number == 1 and signed.version.length_months == 10 and not signed.version.parts
    bot.command("UMENTOR", "convention")
    shown = text_of(bot.last_response())
    assert "10 mois" in shown and "heures de pointe" not in shown
    assert fr_fixed("conv.signed.title") in shown  # each signature, with its date
    second = pair_and_accept(bot, "UMENTOR2", "UMENTEE2")
    with bot.session_factory() as session:
        later = session.get(Convention, second)
        assert later is not None and later.version.number == 2 and later.version.length_months == 6
    bot.command("UMENTOR2", "convention")
    shown = text_of(bot.last_response())
    assert "heures de pointe" in shown
    assert "Julie Roy &lt;jroy@ex.org&gt;" in shown  # named as responsible, as typed (never as markup)


def test_a_coordinator_of_one_programme_cannot_touch_another(bot: Harness) -> None:
    create(bot, "Leadership au féminin")
    bot.command("UCOORD", "coordonnateurs ajouter <@UMENTOR2|louis>")  # UCOORD now works in the new one
    leadership = programme_named(bot, "Leadership au féminin")
    default = programme_named(bot, "Mentorat")
    with bot.session_factory() as session:
        assert session.scalars(select(ProgrammeCoordinator).where(
            ProgrammeCoordinator.programme_id == leadership.id)).all()
    bot.command("UMENTOR2", "programme")
    listing = bot.last_response()
    assert buttons(listing, "programme-edit-open") == [str(leadership.id)]  # Mentorat is not theirs
    opened = len(bot.emulator.views_opened())
    bot.click("UMENTOR2", "programme-edit-open", str(default.id), message=listing)  # a forged click
    bot.click("UMENTOR2", "programme-archive", str(default.id), message=listing)
    assert len(bot.emulator.views_opened()) == opened
    with bot.session_factory() as session:
        assert session.get(Programme, default.id).archived_at is None  # type: ignore[union-attr]
    bot.command("UMENTOR2", "jumeler <@UMENTOR> <@UMENTEE>")  # in Mentorat: refused
    assert fr_fixed("error.not_allowed") in text_of(bot.last_response())
    with bot.session_factory() as session:
        assert session.scalars(select(Convention)).all() == []
    bot.click("UMENTOR2", "programme-choose", str(leadership.id), message=listing)
    assert fr_fixed("programme.chosen") in text_of(bot.last_response())
    bot.command("UMENTOR2", "programme")
    assert buttons(bot.last_response(), "programme-choose") == [str(default.id)]


@pytest.mark.both_databases
def test_an_unknown_or_foreign_programme_id_is_no_such_programme(bot: Harness) -> None:
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    for forged in ("999999", "-1", "1e3", "x", "99999999999", "0"):  # past INTEGER: PostgreSQL would refuse it
        bot.click("UCOORD", "programme-choose", forged, message=listing)
        assert fr_fixed("programme.error.unknown") in text_of(bot.last_response())


def test_an_archived_programme_takes_no_pairs_or_enrolments_and_can_come_back(bot: Harness) -> None:
    create(bot, "Pilote mentorat inversé")
    pilot = programme_named(bot, "Pilote mentorat inversé")
    bot.command("UCOORD", "programme")
    bot.click("UCOORD", "programme-archive", str(pilot.id), message=bot.last_response())
    assert fr_fixed("programme.archived") in text_of(bot.last_response())
    with bot.session_factory() as session:
        assert session.get(Programme, pilot.id).archived_at is not None  # type: ignore[union-attr]
    # UMENTEE2 chose the pilot before: archived, it takes no enrolment (and nobody is moved into it).
    bot.click("UMENTEE2", "programme-choose", str(pilot.id), message={})
    assert fr_fixed("programme.error.archived") in text_of(bot.last_response())
    bot.command("UCOORD", "programme")  # the archived one shows, with « Remettre en cours »
    listing = bot.last_response()
    assert button_value(listing, "programme-restore") == str(pilot.id)
    bot.click("UCOORD", "programme-restore", str(pilot.id), message=listing)
    bot.click("UMENTEE2", "programme-choose", str(pilot.id), message={})
    bot.command("UMENTEE2", "inscription")
    assert bot.submit_view("UMENTEE2", last_view(bot, "profile-form-submit"), profile_values()).status == 200
    with bot.session_factory() as session:
        assert session.scalars(select(Profile.programme_id).join(Profile.person)
                               .where(Profile.programme_id == pilot.id)).all() == [pilot.id]


def test_the_last_running_programme_cannot_be_archived(bot: Harness) -> None:
    bot.command("UCOORD", "programme")
    default = programme_named(bot, "Mentorat")
    bot.click("UCOORD", "programme-archive", str(default.id), message=bot.last_response())
    assert fr_fixed("programme.error.last_one") in text_of(bot.last_response())


def test_names_clash_whatever_their_case_and_show_as_typed(bot: Harness) -> None:
    assert create(bot, "École des cadres").status == 200
    answer = create(bot, "ÉCOLE DES CADRES").json()  # SQLite's lower() would not see it
    assert fr_fixed("programme.error.name_taken") in answer["errors"]["programme-name"]
    create(bot, "<!channel> *gras*")
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    shown = " ".join(b["text"]["text"] for b in listing["blocks"] if b.get("type") == "section")  # mrkdwn
    assert "<!channel>" not in shown and "&lt;!channel&gt;" in shown
    confirms = [e["confirm"]["text"] for b in listing["blocks"] if b.get("type") == "actions" for e in b["elements"]
                if e.get("confirm")]
    assert confirms and all(c["type"] == "plain_text" for c in confirms)


def test_a_long_list_stays_within_slack_limits(bot: Harness) -> None:
    bot.command("UCOORD", "programme")
    with bot.session_factory() as session:
        workspace_id = session.scalars(select(Programme.workspace_id)).one()
        session.add_all([Programme(workspace_id=workspace_id, name=f"Cohorte {n}", description="x" * 1000,
                                   created_at=DEFAULT_NOW) for n in range(29)])
        session.commit()
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    assert len(listing["blocks"]) <= 50
    assert "10 autres programmes" in text_of(listing)
    assert create(bot, "Une de trop").json()["response_action"] == "push"  # 30 running: refused, said in a modal


def test_a_form_acts_in_the_programme_it_was_opened_in(bot: Harness) -> None:
    create(bot, "Autre")  # UCOORD now works in « Autre »
    other = programme_named(bot, "Autre")
    bot.command("UCOORD", "themes")
    form = last_view(bot, "themes-form-submit")
    bot.command("UCOORD", "programme")
    default = programme_named(bot, "Mentorat")
    bot.click("UCOORD", "programme-choose", str(default.id), message=bot.last_response())
    values = {"themes-defaults": {"themes-defaults-check": {"selected_options": [{"value": "networking"}]}},
              "themes-extra": {"themes-extra-input": {"type": "plain_text_input", "value": ""}}}
    answer = bot.submit_view("UCOORD", form, values).json()
    assert answer["response_action"] == "push"  # explained over the form, which keeps what was typed
    assert fr_fixed("programme.error.switched") in text_of({"blocks": answer["view"]["blocks"]})
    assert programme_named(bot, "Autre").themes == other.themes and programme_named(bot, "Mentorat").themes is None


def test_the_form_sets_who_coordinates_the_programme(bot: Harness) -> None:
    create(bot, "Relève", coordinators=["UMENTOR2"])  # created by UCOORD, who stays a coordinator of it
    releve = programme_named(bot, "Relève")

    def added() -> set[str]:
        with bot.session_factory() as session:
            return set(session.scalars(select(Person.external_id).join(
                ProgrammeCoordinator, ProgrammeCoordinator.person_id == Person.id).where(
                ProgrammeCoordinator.programme_id == releve.id)))

    assert added() == {"UCOORD", "UMENTOR2"}
    bot.command("UMENTOR2", "programme")
    listing = bot.last_response()
    bot.click("UMENTOR2", "programme-edit-open", str(releve.id), message=listing)
    form = last_view(bot, FORM)
    picker = next(b for b in form["blocks"] if b.get("block_id") == "programme-coordinators")
    assert set(picker["element"]["initial_users"]) == {"UCOORD", "UMENTOR2"}
    assert bot.submit_view("UMENTOR2", form, form_values(form, coordinators=[])).status == 200
    assert added() == {"UMENTOR2"}  # the one saving stays; the other added one is removed


def test_pairing_starts_on_the_cohorts_first_day(bot: Harness) -> None:
    bot.command("UCOORD", "programme")
    listing = bot.last_response()
    bot.click("UCOORD", "programme-edit-open", button_value(listing, "programme-edit-open") or "", message=listing)
    form = last_view(bot, FORM)
    bot.submit_view("UCOORD", form, form_values(form, cohort_starts_on="2027-01-11"))
    bot.command("UCOORD", "jumeler")
    start = next(b for b in last_view(bot, "pairing-form-submit")["blocks"] if b.get("block_id") == "pairing-start")
    assert start["element"]["initial_date"] == "2027-01-11"
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>")  # no date given
    with bot.session_factory() as session:
        assert session.scalars(select(Convention.starts_on)).one().isoformat() == "2027-01-11"
