"""The closure, as a person reaches it from Slack or Teams: `bilan` (the form, the pair's bilans, or
a coordinator's figures) and the bilan form's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.services import bilans, closure
from bot.services.conventions import role_in
from bot.services.meetings import other_side
from bot.services.objectives import of_convention
from bot.services.roles import CoordinatorRule, Role
from storage.models import Bilan, Convention, Objective, Person


@dataclass(frozen=True)
class BilanFormView:
    """What a bilan form is about: the convention (one of the pair's, in its last phase or over)."""

    convention: Convention
    role: str
    other: Person
    objectives: list[Objective]
    mine: Bilan | None  # this round's answers, to edit them
    locked: str | None  # the follow-up already settled: shown, not asked
    sponsor: Person | None  # who receives the final reports when both agree


@dataclass(frozen=True)
class BilanOverview:
    """The person's bilan and what the other side chose to share (bilans.view_for enforces it)."""

    view: bilans.BilanView
    other: Person
    objectives: list[Objective]


@dataclass(frozen=True)
class ProgrammeFigures:
    """A coordinator outside any pair: the programme's closure figures (never a bilan's text)."""

    programme_name: str
    figures: closure.ClosureFigures


def bilan_form(session: Session, actor: Actor, today: date, convention_id: int | None) -> BilanFormView:
    convention = bilans.bilan_convention(session, actor.person, convention_id, today)
    role = role_in(convention, actor.person)
    assert role is not None  # bilan_convention returns one of the person's own
    sponsor_id = convention.programme.sponsor_id
    return BilanFormView(
        convention, role, other_side(convention, actor.person), of_convention(session, convention),
        bilans.bilans_of_round(session, convention).get(actor.person.id),
        None if bilans.decision_open(convention) else (convention.closure_decision or "end"),
        session.get(Person, sponsor_id) if sponsor_id else None)


def bilan_overview(session: Session, actor: Actor, convention_id: int | None) -> BilanOverview:
    view = bilans.view_for(session, actor.person, convention_id)
    return BilanOverview(view, other_side(view.convention, actor.person), of_convention(session, view.convention))


def bilan_command(session: Session, actor: Actor, today: date, rule: CoordinatorRule
                  ) -> ProgrammeFigures | BilanOverview | BilanFormView:
    """`bilan`: the form while the person has not answered and the decision is open; else the bilans;
    for a coordinator who is in no pair, the programme's closure figures."""
    if Role.COORDINATOR in actor.roles and not bilans.in_any_convention(session, actor.person):
        figures = closure.figures_for(session, person=actor.person, programme=actor.programme, rule=rule, today=today)
        return ProgrammeFigures(actor.programme.name, figures)
    convention = bilans.bilan_convention(session, actor.person, None)
    if actor.person.id in bilans.bilans_of_round(session, convention) or not bilans.decision_open(convention):
        return bilan_overview(session, actor, convention.id)
    return bilan_form(session, actor, today, convention.id)
