"""One pair's fit and feasibility, and the vectorised matrix that must agree with it cell for cell."""

from __future__ import annotations

import random
from collections.abc import Iterable

import numpy as np
import pytest

from bot.services.matching.fit import (
    Candidate,
    Fit,
    Infeasible,
    Reasons,
    fit,
    fit_matrix,
    normalise_keyword,
    why_infeasible,
)


def person(person_id: int, *, themes: Iterable[str] = (), keywords: Iterable[str] = (),
           languages: Iterable[str] = ("fr",), modes: Iterable[str] = (), hours: Iterable[int] = (),
           team: str | None = None, manager_id: int | None = None, avoid: Iterable[int] = ()) -> Candidate:
    return Candidate(person_id=person_id, themes=frozenset(themes), keywords=frozenset(keywords),
                     languages=frozenset(languages), modes=frozenset(modes), hours=frozenset(hours), team=team,
                     manager_id=manager_id, avoid=frozenset(avoid))


@pytest.mark.parametrize(("raw", "normalised"), [
    ("  Négociation ", "negociation"), ("ÉCRITURE   créative", "ecriture creative"), ("Straße", "strasse"),
    ("Gestion de Projet", "gestion de projet"), ("   ", ""),
])
def test_keywords_are_compared_casefolded_without_accents_or_extra_spaces(raw: str, normalised: str) -> None:
    assert normalise_keyword(raw) == normalised


def test_every_reason_and_its_weight() -> None:
    mentee = person(1, themes={"career", "leadership", "networking"}, keywords={"Négociation", "Python", "SQL"},
                    languages={"fr", "en"}, modes={"video", "phone", "in_person"}, hours={9, 10, 11, 30})
    mentor = person(2, themes={"career", "leadership", "technical"}, keywords={"negociation ", "python", "Excel"},
                    languages={"EN", "fr", "es"}, modes={"video", "phone", "chat"}, hours={10, 11, 30, 31})
    assert fit(mentee, mentor) == Fit(
        # 2 themes x 3 + 2 keywords x 2 + 1 language beyond the first x 0.5 + 3 hours x 0.5 + 2 modes x 1
        score=6 + 4 + 0.5 + 1.5 + 2,
        reasons=Reasons(themes=("career", "leadership"), keywords=("negociation", "python"), languages=("en", "fr"),
                        weekly_hours=3, modes=("phone", "video")))


def test_only_a_shared_language_is_feasible_with_a_zero_score() -> None:
    assert fit(person(1, themes={"career"}), person(2, themes={"technical"})) == Fit(
        score=0.0, reasons=Reasons(themes=(), keywords=(), languages=("fr",), weekly_hours=0, modes=()))


def test_availability_counts_up_to_its_cap() -> None:
    found = fit(person(1, hours=range(40)), person(2, hours=range(10, 20)))
    assert found is not None
    assert found.reasons.weekly_hours == 10  # the reason tells all the hours
    assert found.score == 3.0  # the score stops at 6 hours x 0.5


def test_the_mentees_wishes_are_matched_against_the_mentors_expertise_only() -> None:
    found = fit(person(1, keywords={"Python"}), person(2, keywords={"Python", "Rust"}))
    assert found is not None and found.reasons.keywords == ("python",) and found.score == 2.0


@pytest.mark.parametrize(("mentee", "mentor", "reason"), [
    (person(1, languages={"fr"}), person(2, languages={"en", "es"}), Infeasible.NO_SHARED_LANGUAGE),
    (person(1, manager_id=2), person(2), Infeasible.MANAGER),  # the mentor manages the mentee
    (person(1), person(2, manager_id=1), Infeasible.MANAGER),  # the mentee manages the mentor
    (person(1, team="Finance"), person(2, team=" FINANCE"), Infeasible.SAME_TEAM),
    (person(1, avoid={2}), person(2), Infeasible.AVOIDED),
    (person(1), person(2, avoid={1}), Infeasible.AVOIDED),
    (person(1), person(1), Infeasible.SAME_PERSON),
])
def test_each_constraint_makes_a_pair_infeasible(mentee: Candidate, mentor: Candidate, reason: Infeasible) -> None:
    assert why_infeasible(mentee, mentor) is reason
    assert fit(mentee, mentor) is None


@pytest.mark.parametrize(("mentee", "mentor"), [
    (person(1, team="Finance"), person(2)),  # one team unknown
    (person(1, team="Finance"), person(2, team="Marketing")),
    (person(1, manager_id=3), person(2, manager_id=3, avoid={4})),  # the same manager is no obstacle
])
def test_what_is_not_a_constraint(mentee: Candidate, mentor: Candidate) -> None:
    assert why_infeasible(mentee, mentor) is None
    assert fit(mentee, mentor) is not None


def test_former_partners_are_excluded_unless_allowed_again() -> None:
    mentee, mentor = person(1), person(2)
    assert why_infeasible(mentee, mentor, former=frozenset({(1, 2)})) is Infeasible.FORMER_PAIR
    assert fit(mentee, mentor, former=frozenset({(1, 2)})) is None
    assert fit(mentee, mentor, former=frozenset({(1, 2)}), allowed_again=frozenset({(1, 2)})) is not None
    assert fit(mentee, mentor, former=frozenset({(2, 1)})) is not None  # (mentee, mentor): the other way round


def test_hours_outside_the_week_are_refused() -> None:
    with pytest.raises(ValueError):
        fit(person(1, hours={168}), person(2))


def random_pool(rng: random.Random, n: int, first_id: int, other_ids: range) -> list[Candidate]:
    themes = ["career", "leadership", "technical", "communication", "management"]
    words = ["Python", "python ", "Négociation", "negociation", "SQL", "Excel", "Prise de parole", "UX"]
    return [
        person(first_id + i, themes=rng.sample(themes, rng.randint(0, 3)), keywords=rng.sample(words, rng.randint(0, 4)),
               languages=rng.sample(["fr", "en", "es", "FR"], rng.randint(1, 2)),
               modes=rng.sample(["in_person", "video", "phone", "chat"], rng.randint(0, 3)),
               hours=rng.sample(range(168), rng.randint(0, 30)),
               team=rng.choice([None, "Finance", "finance ", "RH", "TI"]),
               manager_id=rng.choice([None, rng.choice(other_ids)]),
               avoid=rng.sample(other_ids, rng.randint(0, 1)))
        for i in range(n)
    ]


def test_the_matrix_equals_the_scalar_fit_on_a_random_pool() -> None:
    rng = random.Random(3)
    mentors = random_pool(rng, 15, 100, range(1, 51))
    mentees = random_pool(rng, 50, 1, range(100, 115))
    mentees.append(person(100, languages={"fr"}))  # enrolled on both sides
    former = frozenset({(rng.randint(1, 50), rng.randint(100, 114)) for _ in range(20)})
    allowed_again = frozenset(rng.sample(sorted(former), 5))
    matrix = fit_matrix(mentees, mentors, former=former, allowed_again=allowed_again)
    reasons_seen = set()
    for row, mentee in enumerate(mentees):
        for column, mentor in enumerate(mentors):
            found = fit(mentee, mentor, former=former, allowed_again=allowed_again)
            reasons_seen.add(why_infeasible(mentee, mentor, former=former, allowed_again=allowed_again))
            assert matrix.feasible[row, column] == (found is not None), (mentee.person_id, mentor.person_id)
            assert matrix.scores[row, column] == (found.score if found else 0.0), (mentee.person_id, mentor.person_id)
            assert matrix.shares_language[row, column] == bool(
                {code.casefold() for code in mentee.languages} & {code.casefold() for code in mentor.languages})
    assert reasons_seen == {None, *Infeasible}  # the pool exercises every constraint
    assert matrix.scores.max() > 5  # and real scores, not only zeros


def test_the_matrix_of_empty_pools() -> None:
    matrix = fit_matrix([], [person(1)])
    assert matrix.scores.shape == matrix.feasible.shape == (0, 1)
    assert fit_matrix([person(1)], []).feasible.shape == (1, 0)
    assert np.array_equal(fit_matrix([person(1)], [person(2)]).feasible, [[True]])
