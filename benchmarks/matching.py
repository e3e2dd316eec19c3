"""The suggested pairing on random pools: time, pairs matched and total fit, optimal against greedy.

    python -m benchmarks.matching [--sizes 200,2000,10000] [--seed 7]

Each pool has a quarter as many mentors as mentees (capacities 1 to 3), random but plausible profiles
(themes, keywords with their accents and capitals as typed, languages, meeting modes, working-day
windows in a few zones) and a few exclusions (managers, teams, avoid lists, former pairs). Both solvers
run on the same pool in the same run. Targets: 2,000 mentees suggested in under 2 s; never fewer matched
than greedy; a total fit at least 10% above greedy's. The peak RSS is the process's, so sizes run in
increasing order and each figure is at least the previous one's.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date

from bot.services.matching import weekly_hours
from bot.services.matching.fit import Candidate, fit_matrix
from bot.services.matching.solver import greedy_baseline, suggest

THEMES = ("leadership", "career", "technical", "communication", "management", "entrepreneurship",
          "work_life_balance", "networking")
KEYWORDS = (
    "Python", "SQL", "Gestion de projet", "négociation", "Prise de parole", "Leadership", "Agilité", "Scrum",
    "Finance", "Comptabilité", "Marketing", "Vente", "Design", "UX", "Data", "Machine learning", "Cloud",
    "Sécurité", "Réseautage", "Carrière", "Management", "Feedback", "Recrutement", "Onboarding", "Stratégie",
    "Innovation", "Juridique", "RH", "Formation", "Coaching", "Écriture", "Anglais", "Espagnol", "Excel",
    "Power BI", "Java", "JavaScript", "DevOps", "Kubernetes", "Architecture", "Produit", "Roadmap", "OKR",
    "Budget", "Achats", "Logistique", "Qualité", "Conformité", "Audit", "Risques", "Relation client",
    "Support", "Télétravail", "Diversité", "Inclusion", "Bien-être", "Temps", "Priorités", "Délégation",
    "Conflits",
)
LANGUAGES = (("fr", 0.6), ("en", 0.3), ("es", 0.1))  # the first language; a second comes at random
MODES = ("in_person", "video", "phone", "chat")
ZONES = ("America/Montreal", "America/Vancouver", "Europe/Paris", "Europe/London")
WINDOWS = ("morning", "afternoon", "evening")
ON = date(2026, 3, 2)  # a Monday in winter time everywhere
SIZES = (200, 2000, 10000)
TARGET_SECONDS = 2.0  # for 2,000 mentees
TARGET_GAIN = 0.10


def candidate(rng: random.Random, person_id: int, *, mentor: bool, teams: int, managers: list[int]) -> Candidate:
    first = rng.choices([code for code, _ in LANGUAGES], weights=[weight for _, weight in LANGUAGES])[0]
    languages = {first} | ({rng.choice([code for code, _ in LANGUAGES])} if rng.random() < 0.5 else set())
    themes = rng.sample(THEMES, rng.randint(3, 5) if mentor else rng.randint(1, 3))
    keywords = rng.sample(KEYWORDS, rng.randint(4, 8) if mentor else rng.randint(1, 4))
    keywords = [word.upper() if rng.random() < 0.1 else f" {word.casefold()} " if rng.random() < 0.2 else word
                for word in keywords]
    days = rng.sample(range(5), rng.randint(1, 4))
    hours = weekly_hours(days, rng.sample(WINDOWS, rng.randint(1, 2)), rng.choice(ZONES), ON)
    return Candidate(
        person_id=person_id, themes=frozenset(themes), keywords=frozenset(keywords), languages=frozenset(languages),
        modes=frozenset(rng.sample(MODES, rng.randint(1, 3))), hours=hours,
        capacity=rng.randint(1, 3) if mentor else 1, team=f"Team {rng.randrange(teams)}",
        manager_id=rng.choice(managers) if managers and rng.random() < 0.3 else None,
        avoid=frozenset({rng.randrange(1, person_id + 1)}) if rng.random() < 0.02 else frozenset(),
    )


def pool(size: int, seed: int) -> tuple[list[Candidate], list[Candidate], frozenset[tuple[int, int]]]:
    rng = random.Random(seed)
    n_mentors, teams = size // 4, max(size // 20, 5)
    # Mentors come first (ids 1..n_mentors) so that some mentees' managers are mentors.
    mentors = [candidate(rng, i, mentor=True, teams=teams, managers=[]) for i in range(1, n_mentors + 1)]
    manager_ids = [m.person_id for m in mentors]
    mentees = [candidate(rng, n_mentors + i, mentor=False, teams=teams, managers=manager_ids) for i in range(1, size + 1)]
    former = frozenset((rng.choice(mentees).person_id, rng.choice(mentors).person_id) for _ in range(size // 10))
    return mentees, mentors, former


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matching", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    problems, notes = [], []
    print(f"{'mentees':>7} {'mentors':>7} {'slots':>5} {'suggest':>8} {'matrix':>7} {'greedy':>7} "
          f"{'matched optimal/greedy':>22} {'fit optimal':>11} {'fit greedy':>10} {'gain':>7} {'peak RSS':>9}")
    for size in sorted(int(text) for text in args.sizes.split(",")):
        mentees, mentors, former = pool(size, args.seed)
        started = time.perf_counter()
        optimal = suggest(mentees, mentors, former=former)
        optimal_seconds = time.perf_counter() - started
        started = time.perf_counter()
        greedy = greedy_baseline(mentees, mentors, former=former)
        greedy_seconds = time.perf_counter() - started
        started = time.perf_counter()
        fit_matrix(mentees, mentors, former=former)  # the part of either that is not the assignment itself
        matrix_seconds = time.perf_counter() - started
        gain = optimal.total_fit / greedy.total_fit - 1 if greedy.total_fit else float("inf")
        slots = sum(m.capacity for m in mentors)
        print(f"{size:>7} {len(mentors):>7} {slots:>5} {optimal_seconds:>7.2f}s {matrix_seconds:>6.2f}s "
              f"{greedy_seconds:>6.2f}s {len(optimal.pairs):>11} / {len(greedy.pairs):<8} {optimal.total_fit:>11.1f} "
              f"{greedy.total_fit:>10.1f} {gain:>+7.1%} {peak_mib():>5.0f} MiB")
        if len(optimal.pairs) < len(greedy.pairs):
            problems.append(f"{size}: fewer matched than greedy")
        if gain < TARGET_GAIN:
            problems.append(f"{size}: total fit only {gain:+.1%} over greedy")
        if size == 2000 and optimal_seconds > TARGET_SECONDS:
            problems.append(f"{size}: {optimal_seconds:.2f} s, over {TARGET_SECONDS:g} s")
        if optimal_seconds > TARGET_SECONDS:
            cells = slots * size
            notes.append(f"{size} mentees take {optimal_seconds:.1f} s: the assignment is dense, {slots} slots x {size} "
                         f"mentees = {cells / 1e6:.0f} M cells ({cells * 8 / 2**20:.0f} MiB in float64), and the "
                         f"optimum costs {optimal_seconds - greedy_seconds:.1f} s more than greedy")
    for line in problems:
        print(f"  FAIL {line}")
    for line in notes:
        print(f"  note: {line}")
    print(f"targets: 2,000 mentees under {TARGET_SECONDS:g} s, never fewer matched than greedy, total fit "
          f">= +{TARGET_GAIN:.0%} over greedy  {'FAIL' if problems else 'PASS'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
