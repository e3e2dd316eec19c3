"""The suggested pairing: most mentees matched first, then the best total fit; reasons for those left out."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import pytest

from bot.services.matching.fit import Candidate, Fit, fit
from bot.services.matching.solver import Suggestion, Unmatched, greedy_baseline, suggest


def person(person_id: int, *, themes: Iterable[str] = (), languages: Iterable[str] = ("fr",),
           modes: Iterable[str] = (), capacity: int = 1, team: str | None = None, manager_id: int | None = None,
           hours: Iterable[int] = ()) -> Candidate:
    return Candidate(person_id=person_id, themes=frozenset(themes), keywords=frozenset(), languages=frozenset(languages),
                     modes=frozenset(modes), hours=frozenset(hours), capacity=capacity, team=team,
                     manager_id=manager_id)


def pairs(suggestion: Suggestion) -> dict[int, int]:
    return {pair.mentee_id: pair.mentor_id for pair in suggestion.pairs}


def score(mentee: Candidate, mentor: Candidate) -> float:
    found = fit(mentee, mentor)
    assert found is not None
    return found.score


A, B, C = 1, 2, 3  # mentees
X, Y, Z, W, V = 10, 11, 12, 13, 14  # mentors


def test_the_optimum_matches_both_where_greedy_leaves_one_out() -> None:
    # A-X 6 (two themes), A-Y 3 (one theme), B-X 0 (English only), B-Y infeasible (Y has no English).
    # Greedy: A, first, takes X, its best; B is left with nobody. Optimum: A-Y and B-X, both matched.
    mentees = [person(A, themes={"career", "leadership"}), person(B, languages={"en"})]
    mentors = [person(X, themes={"career", "leadership"}, languages={"fr", "en"}), person(Y, themes={"career"})]
    optimal = suggest(mentees, mentors)
    assert pairs(optimal) == {A: Y, B: X}
    assert optimal.total_fit == 3.0
    assert optimal.unmatched == ()
    greedy = greedy_baseline(mentees, mentors)
    assert pairs(greedy) == {A: X}
    assert greedy.unmatched == ((B, Unmatched.NO_CAPACITY),)


def test_one_more_pair_beats_any_fit() -> None:
    # A-X 12 (four themes) alone, or A-Y 0 and B-X 0 (B has no language with Y): two pairs of fit 0 win.
    themes = {"career", "leadership", "technical", "networking"}
    mentees = [person(A, themes=themes), person(B, languages={"en"})]
    mentors = [person(X, themes=themes, languages={"fr", "en"}), person(Y)]
    assert score(mentees[0], mentors[0]) == 12.0
    optimal = suggest(mentees, mentors)
    assert pairs(optimal) == {A: Y, B: X}
    assert optimal.total_fit == 0.0


def test_one_more_pair_beats_the_fit_of_a_whole_chain_of_pairs() -> None:
    # A-X 12 and B-Y 12 (four themes each) make 24 with two pairs. Three pairs need the chain C-X, A-Y, B-Z, all
    # of fit 0: C speaks only Spanish, as only X does; the teams forbid A-Z and B-X. Giving a pair a bonus of
    # just one more than the best fit (13) would prefer 2 x 13 + 24 = 50 to 3 x 13 = 39: the bonus must
    # outweigh the fit of every pair the chain displaces.
    mentees = [person(A, themes={"t1", "t2", "t3", "t4"}, team="a"),
               person(B, themes={"u1", "u2", "u3", "u4"}, team="b"), person(C, languages={"es"})]
    mentors = [person(X, themes={"t1", "t2", "t3", "t4"}, languages={"fr", "es"}, team="b"),
               person(Y, themes={"u1", "u2", "u3", "u4"}), person(Z, team="a")]
    optimal = suggest(mentees, mentors)
    assert pairs(optimal) == {A: Y, B: Z, C: X}
    assert optimal.total_fit == 0.0
    assert pairs(greedy_baseline(mentees, mentors)) == {A: X, B: Y}


# X (capacity 2) shares themes with A (6), B (3) and C (9); Y (capacity 1) shares only a meeting mode with A (1).
CAPACITY_MENTEES = [person(A, themes={"t1", "t2", "ty"}, modes={"video"}), person(B, themes={"t1"}),
                    person(C, themes={"t1", "t2", "t3"})]
CAPACITY_MENTORS = [person(X, themes={"t1", "t2", "t3"}, capacity=2), person(Y, modes={"video"})]


def test_a_mentor_takes_up_to_their_capacity() -> None:
    # Three slots for three mentees; whoever goes to Y loses their X fit: A 6-1=5, B 3-0=3, C 9. B goes to Y.
    optimal = suggest(CAPACITY_MENTEES, CAPACITY_MENTORS)
    assert pairs(optimal) == {A: X, B: Y, C: X}
    assert optimal.total_fit == 6 + 0 + 9


def test_running_conventions_take_capacity() -> None:
    # X already has a mentee: one slot each. X-C 9 + Y-A 1 = 10 beats X-C + Y-B (9) and X-A + Y-B (6).
    optimal = suggest(CAPACITY_MENTEES, CAPACITY_MENTORS, taken={X: 1})
    assert pairs(optimal) == {A: Y, C: X}
    assert optimal.total_fit == 10.0
    assert optimal.unmatched == ((B, Unmatched.NO_CAPACITY),)
    assert pairs(suggest(CAPACITY_MENTEES, CAPACITY_MENTORS, taken={X: 2, Y: 1})) == {}


def test_the_reasons_for_leaving_a_mentee_out() -> None:
    mentees = [
        person(A, languages={"es"}),  # nobody speaks Spanish
        person(B, manager_id=X),  # the only French speaker is B's manager
        person(C, languages={"en"}),  # Y speaks English but takes D, a better fit
        person(4, languages={"en"}, themes={"career"}),
        person(Y, languages={"en"}),  # enrolled as mentee too: the other English speaker is themselves
    ]
    mentors = [person(X), person(Y, languages={"en"}, themes={"career"})]
    suggestion = suggest(mentees, mentors)
    assert pairs(suggestion) == {4: Y}
    assert suggestion.unmatched == ((A, Unmatched.NO_SHARED_LANGUAGE), (B, Unmatched.ONLY_EXCLUDED),
                                    (C, Unmatched.NO_CAPACITY), (Y, Unmatched.ONLY_EXCLUDED))
    assert suggest(mentees, []).unmatched == tuple((mentee.person_id, Unmatched.NO_MENTOR) for mentee in mentees)


def test_former_partners_come_back_only_when_allowed_again() -> None:
    mentees, mentors = [person(A)], [person(X)]
    assert suggest(mentees, mentors, former=frozenset({(A, X)})).unmatched == ((A, Unmatched.ONLY_EXCLUDED),)
    assert pairs(suggest(mentees, mentors, former=frozenset({(A, X)}), allowed_again=frozenset({(A, X)}))) == {A: X}


def test_empty_pools() -> None:
    assert suggest([], []) == Suggestion(pairs=(), unmatched=(), total_fit=0.0)
    assert suggest([], [person(X)]) == Suggestion(pairs=(), unmatched=(), total_fit=0.0)
    assert suggest([person(A)], [person(X, capacity=0)]).unmatched == ((A, Unmatched.NO_CAPACITY),)


def test_the_same_person_twice_on_one_side_is_refused() -> None:
    with pytest.raises(ValueError):
        suggest([person(A), person(A)], [person(X)])


def test_alternatives_prefer_mentors_with_room_left() -> None:
    # A: X 9 (suggested), Y 6, Z 3, W 3, V same team. B speaks English, which only Y does: B takes Y, so Y is
    # full. A's alternatives: those with room first, best first, lowest id first among equals, then Y.
    mentees = [person(A, themes={"t1", "t2", "t3"}, team="Ventes"), person(B, languages={"en"})]
    mentors = [person(X, themes={"t1", "t2", "t3"}), person(Y, themes={"t1", "t2"}, languages={"fr", "en"}),
               person(Z, themes={"t1"}), person(W, themes={"t2"}), person(V, themes={"t1"}, team="ventes")]
    suggestion = suggest(mentees, mentors)
    assert pairs(suggestion) == {A: X, B: Y}
    first, second = suggestion.pairs
    assert [(mentor_id, found.score) for mentor_id, found in first.alternatives] == [(Z, 3.0), (W, 3.0), (Y, 6.0)]
    assert all(found == fit(mentees[0], next(m for m in mentors if m.person_id == mentor_id))
               for mentor_id, found in first.alternatives)
    assert second.alternatives == ()


def test_the_pairs_carry_their_fit() -> None:
    mentee, mentor = person(A, themes={"career"}, hours={9, 10}), person(X, themes={"career"}, hours={10})
    (pair,) = suggest([mentee], [mentor]).pairs
    assert pair.fit == fit(mentee, mentor)
    assert isinstance(pair.fit, Fit) and pair.fit.score == 3.5


def random_pool(seed: int, n_mentees: int, n_mentors: int) -> tuple[list[Candidate], list[Candidate]]:
    rng = random.Random(seed)
    themes = ["t1", "t2", "t3", "t4"]

    def someone(person_id: int, capacity: int) -> Candidate:
        return person(person_id, themes=rng.sample(themes, rng.randint(0, 3)),
                      languages=rng.sample(["fr", "en", "es"], rng.randint(1, 2)),
                      modes=rng.sample(["video", "phone", "chat"], rng.randint(0, 2)),
                      hours=rng.sample(range(20), rng.randint(0, 8)), capacity=capacity,
                      team=rng.choice([None, "a", "b", "c"]))

    mentees = [someone(i, 1) for i in range(1, n_mentees + 1)]
    mentors = [someone(100 + i, rng.randint(0, 2)) for i in range(n_mentors)]
    return mentees, mentors


def brute_force(mentees: list[Candidate], mentors: list[Candidate]) -> tuple[int, float]:
    """The best (pairs, total fit) over every way of giving each mentee a mentor or nobody."""
    best = (0, 0.0)
    for choice in itertools.product([None, *mentors], repeat=len(mentees)):
        if any(sum(chosen is mentor for chosen in choice) > mentor.capacity for mentor in mentors):
            continue
        fits = [fit(mentee, mentor) for mentee, mentor in zip(mentees, choice, strict=True) if mentor is not None]
        if all(found is not None for found in fits):
            best = max(best, (len(fits), sum(found.score for found in fits if found is not None)))
    return best


@pytest.mark.parametrize("seed", range(25))
def test_the_optimum_on_small_random_pools_is_the_brute_forces(seed: int) -> None:
    mentees, mentors = random_pool(seed, 5, 3)
    optimal = suggest(mentees, mentors)
    assert (len(optimal.pairs), optimal.total_fit) == brute_force(mentees, mentors)
    greedy = greedy_baseline(mentees, mentors)
    assert (len(optimal.pairs), optimal.total_fit) >= (len(greedy.pairs), greedy.total_fit)


def test_the_suggestion_is_the_same_whatever_the_input_order() -> None:
    mentees, mentors = random_pool(99, 40, 15)
    first = suggest(mentees, mentors)
    rng = random.Random(1)
    for _ in range(3):
        rng.shuffle(mentees)
        rng.shuffle(mentors)
        assert suggest(mentees, mentors) == first
    assert [pair.mentee_id for pair in first.pairs] == sorted(pair.mentee_id for pair in first.pairs)
    assert len(first.pairs) > 10 and first.unmatched
