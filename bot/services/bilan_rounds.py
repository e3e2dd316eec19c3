"""A convention's bilans for the current round: which round, whose answers, what each side shares.

Below bilans.py (writing a bilan), closure.py and final_report.py, which all read rounds: a bilan
saved settles the follow-up (closure.settle), so the reading part must not sit with the writing.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Bilan, Convention, ConventionStatus


def decision_open(convention: Convention) -> bool:
    """The follow-up is still to be chosen: the convention runs and no agreement closed this round."""
    return convention.status in (ConventionStatus.ACTIVE, ConventionStatus.CLOSING)


def round_of(session: Session, convention: Convention) -> date:
    """The planned end the current bilans answer for.

    A convention that continued has a new planned end, so a new round; a closed one keeps the
    round its last bilans answered (or its planned end when nobody answered).
    """
    if decision_open(convention):
        return convention.planned_end_on
    latest = session.scalar(select(Bilan.round_end_on).where(Bilan.convention_id == convention.id)
                            .order_by(Bilan.round_end_on.desc()).limit(1))
    return latest or convention.planned_end_on


def bilans_of_round(session: Session, convention: Convention) -> dict[int, Bilan]:
    """This round's bilans by person id."""
    rows = session.scalars(select(Bilan).where(Bilan.convention_id == convention.id,
                                               Bilan.round_end_on == round_of(session, convention)))
    return {row.person_id: row for row in rows}


def shared_part(bilan: Bilan) -> dict[str, object]:
    """The answers the author chose to share, by key (satisfaction and objectives included)."""
    keys = set(bilan.shared_keys or [])
    part: dict[str, object] = {k: v for k, v in bilan.answers.items() if k in keys}
    if "satisfaction" in keys:
        part["satisfaction"] = bilan.satisfaction
    if "objectives" in keys:
        part["objectives"] = dict(bilan.objective_results)
    if "next_steps" in keys and bilan.follow_up_on:
        part["follow_up_on"] = bilan.follow_up_on
    return part
