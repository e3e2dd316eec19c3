"""Which of a person's conventions a command acts on: the one named (checked), the only one, or a question.

Someone can be in several conventions at once (mentor of two mentees, mentee in one programme and
mentor in another): a command never takes the first one found. With more than one candidate it
raises `ChoiceNeeded`, which the front ends turn into "Which convention?" with one button each;
the click names the convention, and that id is checked again with the policy like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.services.conventions import get_convention
from bot.services.errors import Conflict, DomainError
from bot.services.policy import Act, allowed, part_in, require
from storage.models import Convention, ConventionStatus, Person


@dataclass(frozen=True)
class Option:
    """One candidate as the question names it; plain values, read before the unit of work ends."""

    convention_id: int
    partner: str  # the other side's name
    role: str  # the person's side: "mentor" | "mentee"
    programme: str


class ChoiceNeeded(Conflict):
    """More than one convention fits the command: the person picks one.

    A Conflict, so that a path with no question to ask (a form already open) still says something clear."""

    def __init__(self, options: Sequence[Option]) -> None:
        super().__init__(N_("choose.several"))
        self.options = tuple(options)


def candidates(session: Session, person: Person, act: Act, statuses: Sequence[ConventionStatus],
               keep: Callable[[Convention], bool] | None = None) -> list[Convention]:
    """The person's conventions in `statuses` that the policy lets them `act` on, oldest first."""
    found = session.scalars(select(Convention).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id),
        Convention.status.in_(statuses)).order_by(Convention.id))
    return [c for c in found if allowed(session, person, act, c) and (keep is None or keep(c))]


def option(convention: Convention, person: Person) -> Option:
    role = part_in(convention, person)
    assert role is not None  # a candidate is one of the person's own
    partner = convention.mentee if role == "mentor" else convention.mentor
    return Option(convention.id, partner.display_name or partner.external_id, role, convention.programme.name)


def pick(session: Session, person: Person, act: Act, tiers: Sequence[Sequence[ConventionStatus]], *,
         convention_id: int | None, none: DomainError, keep: Callable[[Convention], bool] | None = None) -> Convention:
    """The convention named (if the policy allows `act` on it), else the only candidate of the first tier
    that has any (e.g. running ones before those still awaiting signatures), else `none`; with several
    in that tier, ChoiceNeeded."""
    if convention_id is not None:
        convention = get_convention(session, convention_id)
        require(session, person, act, convention)
        return convention
    for statuses in tiers:
        found = candidates(session, person, act, statuses, keep)
        if len(found) > 1:
            raise ChoiceNeeded([option(c, person) for c in found])
        if found:
            return found[0]
    raise none
