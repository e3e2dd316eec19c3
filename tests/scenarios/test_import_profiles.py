"""Loading profiles in bulk from the import form: a file with a `role` column makes one profile per good
line, in French or English words; each bad line is reported with its column and reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from storage.models import Person, Profile
from tests.scenarios.meeting_helpers import last_view, texts_to
from tests.scenarios.test_import_pairs import _paste

PROFILES = """personne;rôle;thèmes;langues;modes;jours;moments;capacité;présentation;aspiration;motivation;expertise
UMENTEE2;mentorée;Négociation et influence|networking;français;vidéo;lun|mardi;matin;;Analyste RH.;Diriger une équipe.;;
<@UMENTOR2>;mentor;Réseautage;French/English;video+phone;Mon|Tue|wed;morning|après-midi;2;Directeur.;;Transmettre.;budget
UOTHER;mentor;Réseautage;français;vidéo;lun;matin;9;Consultant.;;Aider.;
UADMIN;les deux;Astrologie;français;vidéo;lun;matin;1;Admin.;Grandir.;Aider.;
marie@example.org;mentor;Réseautage;français;vidéo;lun;matin;1;X.;;Y.;
UMENTOR;mentor;Réseautage;français;vidéo;lun;;1;Ingénieure.;;Partager.;
"""


@pytest.mark.both_databases
def test_a_profile_file_enrols_the_good_lines_and_reports_the_others(bot: Harness) -> None:
    bot.command("UCOORD", "importer")
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), _paste(PROFILES))
    report = texts_to(bot, "UCOORD")[-1]
    assert "Profils importés : 2 inscriptions, 0 profil mis à jour, 4 lignes refusées" in report
    for expected in (
        "Ligne 4 : colonne capacity : Choisissez un nombre de 1 à 5",
        "Ligne 5 : colonne themes : « Astrologie » n'est pas une valeur connue",
        "Ligne 6 : « marie@example.org » n'est pas un identifiant de membre Slack",
        "Ligne 7 : colonne windows : Cochez au moins un moment de la journée",
    ):
        assert expected in report, expected
    with bot.session_factory() as session:
        found = {p.person.external_id: p for p in session.scalars(select(Profile))}
        assert sorted(found) == ["UMENTEE2", "UMENTOR2"]
        mentor = found["UMENTOR2"]
        assert (mentor.as_mentor, mentor.as_mentee, mentor.capacity) == (True, False, 2)
        assert mentor.languages == ["fr", "en"] and mentor.modes == ["video", "phone"]
        assert mentor.days == [0, 1, 2] and mentor.windows == ["morning", "afternoon"]
        assert found["UMENTEE2"].themes == ["networking", "negotiation"]
        # A refused line creates nothing, not even the person it names.
        assert session.scalars(select(Person).where(Person.external_id == "UOTHER")).first() is None
    # A second import of the same file updates rather than duplicates.
    bot.command("UCOORD", "importer")
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), _paste(PROFILES))
    assert "0 inscription, 2 profils mis à jour" in texts_to(bot, "UCOORD")[-1]
    # The people imported are in the waiting pool.
    bot.command("UCOORD", "suggestions")
    assert "match-pair-accept" in str(bot.last_response())


def test_only_coordinators_import_profiles(bot: Harness) -> None:
    bot.command("UOTHER", "importer")
    with bot.session_factory() as session:
        assert session.scalars(select(Profile)).first() is None


def test_an_import_never_overwrites_what_a_person_wrote_nor_brings_back_who_left(bot: Harness) -> None:
    from tests.scenarios.test_enrolment import enrol

    enrol(bot, "UMENTEE2", presentation="Mon texte à moi.")
    enrol(bot, "UMENTEE", presentation="Moi aussi.")
    bot.command("UMENTEE", "inscription retirer")
    lines = ("personne;role;thèmes;langues;modes;jours;moments;présentation;aspiration;motivation\n"
             "UMENTEE2;mentorée;Réseautage;français;vidéo;lun;matin;Texte écrit par la coordination.;Grandir.;\n"
             "UMENTEE;mentorée;Réseautage;français;vidéo;lun;matin;Texte écrit par la coordination.;Grandir.;\n"
             "UOTHER;mentor;Réseautage;français;vidéo;lun;matin;Consultant.;;Aider.\n")
    bot.command("UCOORD", "importer")
    bot.submit_view("UCOORD", last_view(bot, "import-form-submit"), _paste(lines))
    report = texts_to(bot, "UCOORD")[-1]
    assert "Ligne 2 : cette personne a déjà écrit son profil" in report
    assert "Ligne 3 : cette personne s'est retirée du programme" in report
    with bot.session_factory() as session:
        found = {p.person.external_id: p for p in session.scalars(select(Profile))}
        assert found["UMENTEE2"].presentation == "Mon texte à moi."
        assert found["UMENTEE"].withdrawn_at is not None
        assert found["UOTHER"].loaded_by is not None
    # Olivier learns his profile was written for him, and may edit it (then it is his).
    told = texts_to(bot, "UOTHER")
    assert any("a créé votre profil" in text for text in told)
