"""Enrolment, profiles and suggested pairs on Slack, through signed requests: people sign up with the
profile modal, the coordination reads suggestions with their reasons and decides."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, MatchDecision, Profile
from tests.scenarios.helpers import button_value
from tests.scenarios.meeting_helpers import at, last_view
from tests.support.texts import fr_fixed

FORM = "profile-form-submit"


def _checked(*values: str) -> dict[str, Any]:
    return {"selected_options": [{"value": v} for v in values]}


def profile_values(*, roles: tuple[str, ...] = ("mentee",), themes: tuple[str, ...] = ("negotiation", "networking"),
                   languages: tuple[str, ...] = ("fr",), presentation: str = "Analyste depuis trois ans.",
                   aspiration: str = "Diriger une équipe d'ici trois ans.", motivation: str = "",
                   expertise: str = "", learning: str = "prise de parole", capacity: str = "1", link: str = "",
                   team: str = "", days: tuple[str, ...] = ("0", "1", "2"), windows: tuple[str, ...] = ("morning",),
                   manager: str | None = None, avoid: str | None = None) -> dict[str, Any]:
    def text(value: str) -> dict[str, Any]:
        return {"type": "plain_text_input", "value": value or None}

    return {
        "profile-roles": {"profile-roles-check": _checked(*roles)},
        "profile-themes": {"profile-themes-select": _checked(*themes)},
        "profile-aspiration": {"profile-aspiration-input": text(aspiration)},
        "profile-learning": {"profile-learning-input": text(learning)},
        "profile-motivation": {"profile-motivation-input": text(motivation)},
        "profile-expertise": {"profile-expertise-input": text(expertise)},
        "profile-capacity": {"profile-capacity-select": {"selected_option": {"value": capacity}}},
        "profile-languages": {"profile-languages-select": _checked(*languages)},
        "profile-modes": {"profile-modes-check": _checked("video")},
        "profile-days": {"profile-days-check": _checked(*days)},
        "profile-windows": {"profile-windows-check": _checked(*windows)},
        "profile-presentation": {"profile-presentation-input": text(presentation)},
        "profile-link": {"profile-link-input": text(link)},
        "profile-team": {"profile-team-input": text(team)},
        "profile-manager": {"profile-manager-select": {"selected_user": manager}},
        "profile-avoid": {"profile-avoid-select": {"selected_user": avoid}},
    }


def enrol(bot: Harness, user: str, **fields: Any) -> Any:
    before = len(bot.emulator.views_opened())
    bot.command(user, "inscription")
    assert len(bot.emulator.views_opened()) == before + 1, "inscription did not open the profile modal"
    return bot.submit_view(user, last_view(bot, FORM), profile_values(**fields))


def mentor_fields(**extra: Any) -> dict[str, Any]:
    return {"roles": ("mentor",), "aspiration": "", "motivation": "Rendre ce qu'on m'a donné.",
            "expertise": "Prise de parole, budget", "learning": "", "presentation": "Directrice, 20 ans de métier.",
            **extra}


def suggestions_message(bot: Harness) -> dict[str, Any]:
    bot.command("UCOORD", "suggestions")
    return bot.last_response()


def _actions(message: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    return [e for b in message.get("blocks", []) for e in b.get("elements", []) or [] if e.get("action_id") == action_id]


@pytest.mark.both_databases
def test_enrol_then_suggested_pair_with_reasons_is_paired(bot: Harness) -> None:
    assert enrol(bot, "UMENTEE2").status == 200
    assert any(fr_fixed("profile.saved.new").split("«")[0] in text_of(m) for m in bot.emulator.messages_to("UMENTEE2"))
    assert enrol(bot, "UMENTOR2", **mentor_fields()).status == 200

    shown = suggestions_message(bot)
    text = text_of(shown)
    assert "Louis Mentor" in text or "<@UMENTOR2>" in text
    assert "2 thèmes en commun : Négociation et influence, Réseautage" in text
    assert "prise de parole" in text  # the mentee's wish met by the mentor's expertise
    assert "en commun : français" in text
    (accept,) = _actions(shown, "match-pair-accept")
    bot.click("UCOORD", "match-pair-accept", accept["value"], message=shown)

    with bot.session_factory() as session:
        convention = session.scalars(select(Convention)).one()
        assert (convention.mentor.external_id, convention.mentee.external_id) == ("UMENTOR2", "UMENTEE2")
        assert [d.outcome for d in session.scalars(select(MatchDecision))] == ["accepted"]
    # The profile exchange: each receives the other's introduction with the convention.
    invite = next(m for m in bot.emulator.messages_to("UMENTEE2") if fr_fixed("conv.title") in text_of(m))
    assert "Directrice, 20 ans de métier." in text_of(invite)
    invite = next(m for m in bot.emulator.messages_to("UMENTOR2") if fr_fixed("conv.title") in text_of(m))
    assert "Analyste depuis trois ans." in text_of(invite)
    # The refreshed suggestions say what was done and have nobody left to pair.
    refreshed = bot.last_response()
    assert refreshed.get("replace_original") is True
    assert not _actions(refreshed, "match-pair-accept")


def test_each_field_error_is_shown_on_its_field(bot: Harness) -> None:
    cases = [
        ({"roles": ()}, "profile-roles", "profile.error.roles"),
        ({"themes": ()}, "profile-themes", "profile.error.themes"),
        ({"aspiration": ""}, "profile-aspiration", "profile.error.aspiration"),
        ({"roles": ("mentor",), "motivation": ""}, "profile-motivation", "profile.error.motivation"),
        ({"languages": ()}, "profile-languages", "profile.error.languages"),
        ({"days": ()}, "profile-days", "profile.error.days"),
        ({"windows": ()}, "profile-windows", "profile.error.windows"),
        ({"presentation": ""}, "profile-presentation", "profile.error.presentation"),
        ({"link": "http://exemple.org"}, "profile-link", "profile.error.link"),
        ({"roles": ("mentor",), "motivation": "Oui", "capacity": "9"}, "profile-capacity", "profile.error.capacity"),
        ({"themes": ("made-up",)}, "profile-themes", "profile.error.unknown_choice"),
        ({"avoid": "UMENTEE2"}, "profile-avoid", "profile.error.avoid_self"),
    ]
    for fields, block, key in cases:
        answer = enrol(bot, "UMENTEE2", **fields)
        body = answer.json()
        assert body["response_action"] == "errors", fields
        assert list(body["errors"]) == [block], fields
        assert body["errors"][block].startswith(fr_fixed(key)[:20]), fields
    with bot.session_factory() as session:
        assert session.scalars(select(Profile)).first() is None  # nothing saved


def test_who_may_read_a_profile(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    bot.command("UOTHER", "profil <@UMENTEE2>")
    assert fr_fixed("profile.not_yours") in bot.last_response()["text"]
    assert "Analyste" not in str(bot.last_response())
    bot.command("UCOORD", "profil <@UMENTEE2>")
    assert "Analyste depuis trois ans." in text_of(bot.last_response())
    bot.command("UMENTEE2", "profil")
    own = bot.last_response()
    assert "Diriger une équipe" in text_of(own) and _actions(own, "profile-form-open")
    # The future partner only once paired.
    enrol(bot, "UMENTOR2", **mentor_fields())
    bot.command("UMENTOR2", "profil <@UMENTEE2>")
    assert fr_fixed("profile.not_yours") in bot.last_response()["text"]
    bot.command("UCOORD", "jumeler <@UMENTOR2> <@UMENTEE2>")
    bot.command("UMENTOR2", "profil <@UMENTEE2>")
    assert "Analyste depuis trois ans." in text_of(bot.last_response())


def test_constraints_reject_and_the_unmatched_with_reasons(bot: Harness) -> None:
    enrol(bot, "UMENTEE2", manager="UMENTOR")  # Marie is Léa's manager: never together
    enrol(bot, "UMENTEE", languages=("en",))  # nobody mentors in English
    enrol(bot, "UMENTOR", **mentor_fields())
    enrol(bot, "UMENTOR2", **mentor_fields(team="Finances"))
    shown = suggestions_message(bot)
    (accept,) = _actions(shown, "match-pair-accept")
    assert accept["value"].split(":")[1] != str(_person_id(bot, "UMENTOR"))
    assert "aucun mentor ne parle ses langues" in text_of(shown)
    # Set aside Léa with Louis: the only other mentor is her manager, so she cannot be matched.
    (reject,) = _actions(shown, "match-pair-reject")
    bot.click("UCOORD", "match-pair-reject", reject["value"], message=shown)
    refreshed = bot.last_response()
    assert fr_fixed("match.rejected").split("{")[0] in text_of(refreshed)
    assert "les mentors qui parlent ses langues sont exclus" in text_of(refreshed)
    assert not _actions(refreshed, "match-pair-accept")


def test_capacity_swap_and_accept_all(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTEE", languages=("fr", "en"))
    enrol(bot, "UMENTOR", **mentor_fields(capacity="2"))
    enrol(bot, "UMENTOR2", **mentor_fields(themes=("networking",)))
    shown = suggestions_message(bot)
    (swap, *_) = _actions(shown, "match-pair-swap")
    options = [o["value"] for o in swap["options"]]
    assert options, "a pair lists its alternatives"
    (all_button,) = _actions(shown, "match-pairs-accept-all")
    bot.click("UCOORD", "match-pairs-accept-all", all_button["value"], message=shown)
    assert "2 jumelages faits" in text_of(bot.last_response())
    with bot.session_factory() as session:
        assert len(session.scalars(select(Convention)).all()) == 2
    # Marie has room for 2; a third mentee is suggested with her, and pairing beyond it is refused.
    enrol(bot, "UOTHER")
    shown = suggestions_message(bot)
    assert _actions(shown, "match-pair-accept") or "toutes les places" in text_of(shown)


def test_withdrawal_and_closed_enrolment(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    bot.command("UMENTEE2", "inscription retirer")
    assert fr_fixed("enrolment.withdrawn").split("«")[0] in bot.last_response()["text"]
    enrol(bot, "UMENTOR2", **mentor_fields())
    assert not _actions(suggestions_message(bot), "match-pair-accept")  # Léa is no longer waiting
    bot.command("UCOORD", "inscription fermer 2027-01-15")
    bot.command("UOTHER", "inscription")
    assert "15 janvier 2027" in bot.last_response()["text"]
    bot.command("UOTHER", "inscription fermer")  # not a coordinator
    assert fr_fixed("error.coordinator_only").split("{")[0][:15] in bot.last_response()["text"]


def test_coordinators_get_one_grouped_message_a_day(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    at(bot, bot.clock.now() + timedelta(days=1))
    news = [m for m in bot.emulator.messages_to("UCOORD") if "nouvelles inscriptions" in text_of(m)]
    assert len(news) == 1
    assert "Léa" in text_of(news[0]) or "<@UMENTEE2>" in text_of(news[0])
    assert "Analyste" not in text_of(news[0])  # never what they typed
    assert button_value(news[0], "match-suggestions-show") is not None
    at(bot, bot.clock.now() + timedelta(days=1))
    assert len([m for m in bot.emulator.messages_to("UCOORD") if "nouvelles inscriptions" in text_of(m)]) == 1


def _person_id(bot: Harness, external_id: str) -> int:
    from storage.models import Person

    with bot.session_factory() as session:
        return session.scalars(select(Person.id).where(Person.external_id == external_id)).one()


def test_coordinators_edit_the_themes_profiles_pick_from(bot: Harness) -> None:
    bot.command("UCOORD", "themes")
    form = last_view(bot, "themes-form-submit")
    kept = {"themes-defaults": {"themes-defaults-check": _checked("networking")},
            "themes-extra": {"themes-extra-input": {"value": "Prise de parole\n\n  Télétravail  "}}}
    assert bot.submit_view("UCOORD", form, kept).status == 200
    assert any("Réseautage, Prise de parole, Télétravail" in text_of(m) for m in bot.emulator.messages_to("UCOORD"))
    # The profile form offers exactly those, and a removed theme is refused.
    bot.command("UMENTEE2", "inscription")
    offered = [o["value"] for b in last_view(bot, FORM)["blocks"] if b.get("block_id") == "profile-themes"
               for o in b["element"]["options"]]
    assert offered == ["networking", "Prise de parole", "Télétravail"]
    answer = enrol(bot, "UMENTEE2", themes=("negotiation",))
    assert list(answer.json()["errors"]) == ["profile-themes"]
    assert enrol(bot, "UMENTEE2", themes=("Télétravail",)).status == 200
    # A theme twice, or none at all, is refused on its field.
    for values, block in (({"themes-defaults": {"themes-defaults-check": _checked("networking")},
                            "themes-extra": {"themes-extra-input": {"value": "réseautage"}}}, "themes-extra"),
                          ({"themes-defaults": {"themes-defaults-check": {"selected_options": []}},
                            "themes-extra": {"themes-extra-input": {"value": ""}}}, "themes-defaults")):
        bot.command("UCOORD", "themes")
        body = bot.submit_view("UCOORD", last_view(bot, "themes-form-submit"), values).json()
        assert list(body["errors"]) == [block]
    bot.command("UMENTEE2", "themes")
    assert "coordination" in bot.last_response()["text"].lower()


def test_the_app_home_offers_enrolment_and_lists_who_waits(bot: Harness) -> None:
    bot.event({"type": "app_home_opened", "user": "UMENTEE2", "tab": "home", "channel": "D1"})
    home = bot.emulator.home_view("UMENTEE2")
    assert "Devenir mentor" in text_of(home) and "Trouver un mentor" in text_of(home)
    assert _actions(home, "enrolment-form-open")
    enrol(bot, "UMENTEE2")
    bot.event({"type": "app_home_opened", "user": "UCOORD", "tab": "home", "channel": "D1"})
    shown = text_of(bot.emulator.home_view("UCOORD"))
    assert "1 personne attend un jumelage" in shown and "<@UMENTEE2>" in shown
    assert "Analyste" not in shown and "Diriger" not in shown  # names and days only


def test_a_stale_suggestion_is_said_on_top_of_the_list_as_it_now_stands(bot: Harness) -> None:
    enrol(bot, "UMENTEE2")
    enrol(bot, "UMENTOR2", **mentor_fields())
    shown = suggestions_message(bot)
    (accept,) = _actions(shown, "match-pair-accept")
    bot.command("UMENTEE2", "inscription retirer")  # Léa withdraws before the coordinator clicks
    bot.click("UCOORD", "match-pair-accept", accept["value"], message=shown)
    refreshed = bot.last_response()
    assert refreshed.get("replace_original") is True
    assert fr_fixed("match.gone").split("(")[0] in text_of(refreshed)
    with bot.session_factory() as session:
        assert session.scalars(select(Convention)).first() is None


@pytest.mark.both_databases
def test_both_roles_and_the_person_to_avoid(bot: Harness) -> None:
    # Louis offers to mentor and asks to be mentored; Léa asked not to be paired with Louis.
    enrol(bot, "UMENTOR2", **mentor_fields(roles=("mentor", "mentee"), aspiration="Devenir directeur."))
    enrol(bot, "UMENTEE2", avoid="UMENTOR2")
    enrol(bot, "UMENTOR", **mentor_fields(capacity="2"))
    with bot.session_factory() as session:
        louis = session.scalars(select(Profile).join(Profile.person).where(
            Profile.person.has(external_id="UMENTOR2"))).one()
        assert (louis.as_mentor, louis.as_mentee) == (True, True)
    shown = suggestions_message(bot)
    pairs = {tuple(a["value"].split(":")[:2]) for a in _actions(shown, "match-pair-accept")}
    ids = {user: str(_person_id(bot, user)) for user in ("UMENTOR", "UMENTOR2", "UMENTEE2")}
    # Louis's profile would fit Léa best (the same themes), but she avoids him, and he cannot mentor himself:
    # both go to Marie, who has two places.
    assert pairs == {(ids["UMENTEE2"], ids["UMENTOR"]), (ids["UMENTOR2"], ids["UMENTOR"])}


def test_the_themes_form_opens_from_the_app_home(bot: Harness) -> None:
    bot.event({"type": "app_home_opened", "user": "UCOORD", "tab": "home", "channel": "D1"})
    home = bot.emulator.home_view("UCOORD")
    (button,) = _actions(home, "themes-form-open")
    before = len(bot.emulator.views_opened())
    bot.click("UCOORD", "themes-form-open", button["value"])
    assert len(bot.emulator.views_opened()) == before + 1
    assert last_view(bot, "themes-form-submit")


def test_forged_and_malformed_values_get_a_clear_answer_never_a_500(bot: Harness) -> None:
    # A link with an unclosed bracket, typed in the real form: refused on its field.
    answer = enrol(bot, "UMENTEE2", link="https://[x")
    assert answer.json()["errors"] == {"profile-link": fr_fixed("profile.error.link")}
    # A picker naming nobody Slack would (too long for any column), and non-string options.
    values = profile_values(manager="U" + "X" * 80)
    bot.command("UMENTEE2", "inscription")
    body = bot.submit_view("UMENTEE2", last_view(bot, FORM), values).json()
    assert list(body["errors"]) == ["profile-manager"]
    values = profile_values()
    values["profile-themes"]["profile-themes-select"]["selected_options"] = ["negotiation", {"value": 3}]
    values["profile-capacity"]["profile-capacity-select"]["selected_option"] = {"value": ["1"]}
    bot.command("UMENTEE2", "inscription")
    body = bot.submit_view("UMENTEE2", last_view(bot, FORM), values).json()
    assert list(body["errors"]) == ["profile-themes"]  # no theme left once the altered ones are dropped
    # Whether someone has a profile is not told to others.
    bot.command("UOTHER", "profil <@UMENTEE>")
    assert fr_fixed("profile.not_yours") in bot.last_response()["text"]


def test_accept_all_accepts_only_the_pairs_shown_and_a_forged_suggestion_is_not_recorded(bot: Harness) -> None:
    extra = [(f"UE{n}", f"UM{n}") for n in range(11)]
    for mentee, mentor in extra:
        bot.emulator.add_user(mentee, mentee.lower(), f"Mentorée {mentee}", tz="America/Toronto", locale="fr-CA")
        bot.emulator.add_user(mentor, mentor.lower(), f"Mentor {mentor}", tz="America/Toronto", locale="fr-CA")
        enrol(bot, mentee)
        enrol(bot, mentor, **mentor_fields())
    shown = suggestions_message(bot)
    assert len(_actions(shown, "match-pair-accept")) == 10  # ten shown, one more waits
    (all_button,) = _actions(shown, "match-pairs-accept-all")
    assert all_button["text"]["text"] == "Tout accepter (10 jumelages)"
    bot.click("UCOORD", "match-pairs-accept-all", all_button["value"], message=shown)
    with bot.session_factory() as session:
        assert len(session.scalars(select(Convention)).all()) == 10
    (last,) = _actions(bot.last_response(), "match-pair-accept")
    mentee_id, mentor_id, _suggested = last["value"].split(":")
    bot.click("UCOORD", "match-pair-accept", f"{mentee_id}:{mentor_id}:999999", message=bot.last_response())
    with bot.session_factory() as session:
        decisions = session.scalars(select(MatchDecision).order_by(MatchDecision.id.desc())).first()
        assert decisions is not None and decisions.suggested_mentor_id is None
        assert len(session.scalars(select(Convention)).all()) == 11
