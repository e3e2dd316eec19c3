"""The matching engine: each part of the fit, each exclusion, and the solver on pools solved by hand."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from bot.services.matching import Candidate, Unmatched, fit, normalise_keyword, weekly_hours
from bot.services.matching.solver import greedy, matrices, suggest

WINTER = date(2026, 12, 3)
WEEKDAYS = [0, 1, 2, 3, 4]
MORNING_MONTREAL = weekly_hours(WEEKDAYS, ["morning"], "America/Toronto", WINTER)


def person(pid: int, themes: set[str] = frozenset({"networking"}), *, languages: set[str] = frozenset({"fr"}),
           words: set[str] = frozenset(), modes: set[str] = frozenset({"video"}),
           hours: frozenset[int] = MORNING_MONTREAL, capacity: int = 1, **extra: object) -> Candidate:
    return Candidate(pid, frozenset(themes), frozenset(words), frozenset(languages), frozenset(modes), hours,
                     capacity, **extra)  # type: ignore[arg-type]  # the optional fields, by name


def test_availability_across_zones_as_counted_by_hand() -> None:
    # Montreal 8-12 in December is 13:00-17:00 UTC; Paris 13-17 is 12:00-16:00 UTC: 3 hours a day in common.
    paris = weekly_hours(WEEKDAYS, ["afternoon"], "Europe/Paris", WINTER)
    assert len(MORNING_MONTREAL) == 20
    assert len(MORNING_MONTREAL & paris) == 15
    assert min(MORNING_MONTREAL) == 13  # Monday 13:00 UTC


def test_summer_time_moves_the_utc_hours() -> None:
    summer = weekly_hours([0], ["morning"], "America/Toronto", date(2026, 7, 1))
    winter = weekly_hours([0], ["morning"], "America/Toronto", WINTER)
    assert min(summer) == 12 and min(winter) == 13


def test_each_part_of_the_fit_and_its_reasons() -> None:
    mentee = person(1, {"networking", "negotiation", "finance_admin"}, languages={"fr", "en"},
                    words={"Prise de parole", "budget"}, modes={"video", "phone"})
    mentor = person(2, {"networking", "negotiation"}, languages={"fr", "en"}, words={"prise de PAROLE "},
                    modes={"video"})
    found = fit(mentee, mentor)
    assert found is not None
    assert found.reasons.themes == ("negotiation", "networking")
    assert found.reasons.keywords == ("prise de parole",)
    assert found.reasons.languages == ("en", "fr")
    assert found.reasons.weekly_hours == 20
    assert found.reasons.modes == ("video",)
    # 2 themes x 3 + 1 wish x 2 + 8 hours counted x 0.5 + 1 mode + 0.5 for the second language
    assert found.score == pytest.approx(6 + 2 + 4 + 1 + 0.5)
    assert normalise_keyword("  Négociation  SALARIALE") == "negociation salariale"


@pytest.mark.parametrize("mentee, mentor", [
    (person(1, languages={"es"}), person(2)),  # no shared language
    (person(1, manager_id=2), person(2)),  # the mentor is the mentee's manager
    (person(1), person(2, manager_id=1)),  # the mentee manages the mentor
    (person(1, team="Finances "), person(2, team="finances")),  # same team
    (person(1, avoid=frozenset({2})), person(2)),  # the mentee asked not to
    (person(1), person(2, avoid=frozenset({1}))),  # the mentor asked not to
    (person(1), person(1)),  # someone enrolled as both
])
def test_excluded_pairs_have_no_fit(mentee: Candidate, mentor: Candidate) -> None:
    assert fit(mentee, mentor) is None
    assert suggest([mentee], [mentor]).pairs == ()


def test_teams_unknown_on_one_side_do_not_exclude() -> None:
    assert fit(person(1, team="finances"), person(2)) is not None


def test_optimum_matches_both_where_greedy_leaves_one_out() -> None:
    # Mentee 1 fits mentor 10 best (3 themes) and mentor 11 too (2 themes); mentee 2 can only have
    # mentor 10 (same team as 11). Greedy gives 10 to mentee 1 and leaves mentee 2 alone; the optimum
    # gives 11 to mentee 1 and 10 to mentee 2.
    mentees = [person(1, {"a", "b", "c"}), person(2, {"a"}, team="x")]
    mentors = [person(10, {"a", "b", "c"}), person(11, {"a", "b"}, team="x")]
    best = suggest(mentees, mentors)
    assert [(p.mentee_id, p.mentor_id) for p in best.pairs] == [(1, 11), (2, 10)]
    assert best.unmatched == ()
    baseline = greedy(mentees, mentors)
    assert [(p.mentee_id, p.mentor_id) for p in baseline.pairs] == [(1, 10)]
    assert baseline.unmatched == ((2, Unmatched.NO_CAPACITY),)


def test_more_pairs_beat_a_better_total() -> None:
    # Mentee 1 with mentor 10 is worth 5 themes + hours + mode (20); mentee 2 speaks only English, which
    # only mentor 10 does. The best total alone is 1-10 and nobody for 2; matching both (1-11, 2-10) wins.
    many = {"a", "b", "c", "d", "e"}
    mentees = [person(1, many), person(2, {"z"}, languages={"en"}, hours=frozenset())]
    mentors = [person(10, many, languages={"fr", "en"}), person(11, {"q"}, hours=frozenset())]
    best = suggest(mentees, mentors)
    assert [(p.mentee_id, p.mentor_id) for p in best.pairs] == [(1, 11), (2, 10)]
    assert best.total_fit < fit(mentees[0], mentors[0]).score  # type: ignore[union-attr]  # that pair is feasible


def test_capacity_and_running_conventions() -> None:
    mentees = [person(i) for i in (1, 2, 3)]
    mentors = [person(10, capacity=2)]
    assert len(suggest(mentees, mentors).pairs) == 2
    taken = suggest(mentees, mentors, taken={10: 1})
    assert len(taken.pairs) == 1
    assert [why for _, why in taken.unmatched] == [Unmatched.NO_CAPACITY, Unmatched.NO_CAPACITY]


def test_former_pairs_only_when_asked_again() -> None:
    mentees, mentors = [person(1)], [person(10)]
    assert suggest(mentees, mentors, former=frozenset({(1, 10)})).unmatched == ((1, Unmatched.ONLY_EXCLUDED),)
    again = suggest(mentees, mentors, former=frozenset({(1, 10)}), allowed_again=frozenset({(1, 10)}))
    assert [(p.mentee_id, p.mentor_id) for p in again.pairs] == [(1, 10)]


def test_each_reason_for_the_unmatched() -> None:
    assert suggest([person(1)], []).unmatched == ((1, Unmatched.NO_MENTOR),)
    assert suggest([person(1, languages={"es"})], [person(10)]).unmatched == ((1, Unmatched.NO_SHARED_LANGUAGE),)
    assert suggest([person(1, manager_id=10)], [person(10)]).unmatched == ((1, Unmatched.ONLY_EXCLUDED),)
    assert suggest([person(1), person(2)], [person(10)]).unmatched == ((2, Unmatched.NO_CAPACITY),)


def test_alternatives_and_determinism() -> None:
    mentees = [person(1, {"a", "b"})]
    mentors = [person(10, {"a", "b"}), person(11, {"a"}), person(12, {"a"}), person(13), person(14)]
    first = suggest(mentees, list(reversed(mentors)))
    assert first == suggest(mentees, mentors)
    (pair,) = first.pairs
    assert pair.mentor_id == 10
    assert [m for m, _ in pair.alternatives] == [11, 12, 13]  # best first, ties by id, at most three


def test_the_matrix_agrees_with_the_scalar_fit() -> None:
    rng = random.Random(7)
    themes, words, zones = list("abcdefgh"), [f"w{i}" for i in range(20)], ["America/Toronto", "Europe/Paris"]

    def random_person(pid: int) -> Candidate:
        return person(pid, set(rng.sample(themes, 3)), languages=set(rng.sample(["fr", "en", "es"], rng.randint(1, 2))),
                      words=set(rng.sample(words, 3)), modes=set(rng.sample(["video", "phone", "chat"], 2)),
                      hours=weekly_hours(rng.sample(WEEKDAYS, 3), rng.sample(["morning", "afternoon"], 1),
                                         rng.choice(zones), WINTER),
                      team=rng.choice([None, "x", "y"]), manager_id=rng.choice([None, 100 + pid % 15]))
    mentees = [random_person(i) for i in range(50)]
    mentors = [random_person(100 + i) for i in range(15)]
    m = matrices(mentees, mentors)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            found = fit(mentee, mentor)
            assert bool(m.feasible[i, j]) == (found is not None)
            if found is not None:
                assert m.score[i, j] == pytest.approx(found.score)
    assert np.any(m.feasible) and not np.all(m.feasible)
