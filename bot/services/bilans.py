"""The bilan: each side's closing review, private until both have answered.

Questions follow the closure grid (what the relationship brought, how it went, objectives, what
would have helped, where support is still needed, the next actions, the follow-up wanted,
keeping in touch), worded per role. After both have answered, each side reads only what the other
chose to share. A coordinator never reads a bilan; `closure.programme_figures` gives them numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services.bilan_rounds import bilans_of_round, decision_open, round_of, shared_part
from bot.services.closure import settle
from bot.services.convention_choice import pick
from bot.services.conventions import Phase, get_convention, phase_of
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.objectives import of_convention
from bot.services.policy import Act, require
from bot.services.timing import add_months
from bot.services.typed_text import optional_text, required_text
from storage.models import Bilan, Convention, ConventionStatus, Decision, Objective, Person

TEXT_LIMIT = 3000
# The text questions, in the order the modal asks them; the keys name i18n texts per role.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "mentee": ("brought", "went", "qualities", "changes", "helped", "support", "next_steps"),
    "mentor": ("brought", "went", "learned", "changes", "helped", "support", "next_steps"),
}
# After an early end the bilan is short: what it brought, how it went, what would have helped.
SHORT_QUESTIONS = ("brought", "went", "helped", "support")
REQUIRED = ("brought", "went")
# What a side may share with the other, besides its text answers.
FIGURE_KEYS = ("satisfaction", "objectives")
OBJECTIVE_RESULTS = ("reached", "partly", "not")
EXTEND_MONTHS = (1, 2, 3, 4, 5, 6)
BILAN_OPEN_STATUSES = (ConventionStatus.ACTIVE, ConventionStatus.CLOSING, ConventionStatus.CLOSED,
                       ConventionStatus.ENDED_EARLY)


@dataclass(frozen=True)
class BilanDraft:
    answers: dict[str, str]
    satisfaction: int | None
    objective_results: dict[int, str]
    decision: str | None
    extend_months: int | None
    keep_in_touch: bool | None
    follow_up_on: date | None
    shared_keys: tuple[str, ...] = ()
    sponsor_ok: bool = False


def questions_for(convention: Convention, role: str) -> tuple[str, ...]:
    if convention.status == ConventionStatus.ENDED_EARLY:
        return SHORT_QUESTIONS
    return QUESTIONS[role]


def shareable_keys(convention: Convention, role: str) -> tuple[str, ...]:
    return (*questions_for(convention, role), *FIGURE_KEYS)


def in_any_convention(session: Session, person: Person) -> bool:
    """Whether the person is (or was) of a pair: a coordinator who is not reads figures, not a bilan."""
    return session.scalar(select(Convention.id).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id)).limit(1)) is not None


def bilan_convention(session: Session, person: Person, convention_id: int | None = None,
                     today: date | None = None, act: Act = Act.BILAN_WRITE) -> Convention:
    """The convention whose bilan a person fills (or, with Act.BILAN_READ, reads): in its last phase, or over."""
    if convention_id is not None:
        convention = get_convention(session, convention_id)
    else:
        convention = pick(session, person, act, [BILAN_OPEN_STATUSES], convention_id=None,
                          none=NotFound("bilan.no_convention"))
    require(session, person, act, convention)
    if convention.status not in BILAN_OPEN_STATUSES:
        raise Conflict("bilan.not_signed")
    if today is not None and convention.status == ConventionStatus.ACTIVE and phase_of(convention,
                                                                                       today) != Phase.SEPARATION:
        raise Conflict("bilan.too_early", opens_on=_opens_on(convention))
    return convention


def _opens_on(convention: Convention) -> date:
    return add_months(convention.planned_end_on, -2)


def _check(convention: Convention, role: str, draft: BilanDraft, objectives: list[Objective],
           locked: bool) -> dict[str, str]:
    answers: dict[str, str] = {}
    for key in questions_for(convention, role):
        raw = draft.answers.get(key, "")
        if key in REQUIRED:
            answers[key] = required_text(raw, field=key, limit=TEXT_LIMIT, missing="error.bilan.required",
                                         too_long=N_("error.bilan.too_long"))
        else:
            text = optional_text(raw, field=key, limit=TEXT_LIMIT, too_long=N_("error.bilan.too_long"))
            if text:
                answers[key] = text
    if draft.satisfaction is None or not 1 <= draft.satisfaction <= 5:
        raise InvalidInput("error.bilan.satisfaction", field="satisfaction")
    known = {o.id for o in objectives}
    for objective_id, result in draft.objective_results.items():
        if objective_id not in known or result not in OBJECTIVE_RESULTS:
            raise InvalidInput("error.bilan.objective", field=f"objective:{objective_id}")
    if draft.keep_in_touch is None:
        raise InvalidInput("error.bilan.keep_in_touch", field="keep_in_touch")
    if not locked:
        if draft.decision not in {d.value for d in Decision}:
            raise InvalidInput("error.bilan.decision", field="decision")
        if draft.decision != Decision.END and draft.extend_months not in EXTEND_MONTHS:
            raise InvalidInput("error.bilan.extend", field="extend")
    unknown = set(draft.shared_keys) - set(shareable_keys(convention, role))
    if unknown:
        raise InvalidInput("error.bilan.share", field="share")
    return answers


@dataclass(frozen=True)
class Submitted:
    convention: Convention
    bilan: Bilan
    first_time: bool
    both: bool  # the other side has answered too


def submit(session: Session, *, person: Person, convention_id: int, draft: BilanDraft, today: date,
           now: datetime) -> Submitted:
    """Save (or update) the person's bilan for the current round, then settle the follow-up."""
    convention = bilan_convention(session, person, convention_id, today)
    role = require(session, person, Act.BILAN_WRITE, convention).part
    locked = not decision_open(convention)
    answers = _check(convention, role, draft, of_convention(session, convention), locked)
    round_end = round_of(session, convention)
    bilan = session.scalar(select(Bilan).where(Bilan.convention_id == convention.id, Bilan.person_id == person.id,
                                               Bilan.round_end_on == round_end))
    first_time = bilan is None
    if bilan is None:
        bilan = Bilan(convention_id=convention.id, person_id=person.id, role=role, round_end_on=round_end,
                      submitted_at=now, decision=Decision.END)
        session.add(bilan)
    bilan.answers = answers
    bilan.satisfaction = draft.satisfaction or 0
    bilan.objective_results = {str(k): v for k, v in draft.objective_results.items()}
    if not locked:
        bilan.decision = draft.decision or Decision.END
        bilan.extend_months = draft.extend_months if draft.decision != Decision.END else None
    bilan.keep_in_touch = bool(draft.keep_in_touch)
    bilan.follow_up_on = draft.follow_up_on
    bilan.shared_keys = [k for k in shareable_keys(convention, role) if k in draft.shared_keys]
    bilan.sponsor_ok = draft.sponsor_ok
    bilan.sponsor_consented_id = convention.programme.sponsor_id if draft.sponsor_ok else None
    bilan.updated_at = now
    session.flush()
    both = len(bilans_of_round(session, convention)) == 2
    settle(session, convention, person, now, first_time=first_time)
    return Submitted(convention, bilan, first_time, both)


@dataclass(frozen=True)
class BilanView:
    """What one reader may see of a convention's bilans."""

    convention: Convention
    role: str
    mine: Bilan | None
    other_done: bool
    other_shared: dict[str, object] = field(default_factory=dict)  # key -> answer, satisfaction, objectives
    other_decision: str | None = None  # shown once both answered, so they can agree
    locked: bool = False

    @property
    def report_ready(self) -> bool:
        """The final report is worth asking for: both answered, or the follow-up is settled."""
        return (self.mine is not None and self.other_done) or self.locked


def view_for(session: Session, person: Person, convention_id: int | None = None) -> BilanView:
    convention = bilan_convention(session, person, convention_id, act=Act.BILAN_READ)
    role = require(session, person, Act.BILAN_READ, convention).part
    rows = bilans_of_round(session, convention)
    mine = rows.get(person.id)
    other_id = convention.mentee_id if role == "mentor" else convention.mentor_id
    theirs = rows.get(other_id)
    shared: dict[str, object] = {}
    decision = None
    if mine is not None and theirs is not None:
        shared = shared_part(theirs)
        decision = theirs.decision
    return BilanView(convention, role, mine, theirs is not None, shared, decision, not decision_open(convention))


def own_part(bilan: Bilan) -> dict[str, object]:
    """Everything its author wrote, by key (satisfaction, objectives and follow-up date included)."""
    return {**bilan.answers, "satisfaction": bilan.satisfaction, "objectives": bilan.objective_results,
            "follow_up_on": bilan.follow_up_on}
