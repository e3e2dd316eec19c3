"""The corporate method's figures for the coordination: road maps confirmed, milestones held on time, hours
planned against hours reported, syntheses approved, restitutions held. Counts and sums only, never a word."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Convention, Milestone, Programme, RoadMap, Synthesis

ON_TIME = timedelta(days=7)  # a milestone reviewed within a week of its date counts as on time


@dataclass(frozen=True)
class CorporateFigures:
    with_manager: int  # conventions started with a manager
    road_maps: int
    road_maps_confirmed: int  # by the mentee and the manager
    milestones_due: int  # their day has come
    milestones_on_time: int
    hours_planned: int
    hours_reported: int  # the latest hours shared at a milestone, per convention
    syntheses_approved: int = 0
    restitutions_held: int = 0  # closures validated in front of everyone


def corporate_figures(session: Session, programme: Programme, today: date) -> CorporateFigures | None:
    if not programme.corporate_method:
        return None
    scope = select(Convention.id).where(Convention.programme_id == programme.id)
    with_manager = session.scalar(select(func.count(Convention.id)).where(
        Convention.programme_id == programme.id, Convention.manager_id.is_not(None))) or 0
    road_maps = list(session.execute(select(RoadMap.planned_hours, RoadMap.manager_confirmed_at)
                                     .where(RoadMap.convention_id.in_(scope))))
    milestones = list(session.execute(select(Milestone.convention_id, Milestone.due_on, Milestone.held_at,
                                             Milestone.hours_so_far, Milestone.sharing)
                                      .where(Milestone.convention_id.in_(scope))))
    due = [m for m in milestones if m.due_on <= today]
    on_time = [m for m in due if m.held_at is not None and m.held_at.date() <= m.due_on + ON_TIME]
    latest: dict[int, tuple[date, int]] = {}
    for m in milestones:  # only the hours a mentee shared: a status kept between the pair stays there
        if m.hours_so_far is None or m.sharing != "shared":
            continue
        if m.convention_id not in latest or m.due_on > latest[m.convention_id][0]:
            latest[m.convention_id] = (m.due_on, m.hours_so_far)
    approved = session.scalar(select(func.count(Synthesis.id)).where(
        Synthesis.convention_id.in_(scope), Synthesis.status == "approved")) or 0
    restitutions = session.scalar(select(func.count(Convention.id)).where(
        Convention.programme_id == programme.id, Convention.restitution_held_at.is_not(None))) or 0
    return CorporateFigures(with_manager, len(road_maps), sum(1 for r in road_maps if r.manager_confirmed_at),
                            len(due), len(on_time), sum(r.planned_hours for r in road_maps),
                            sum(hours for _day, hours in latest.values()), approved, restitutions)
