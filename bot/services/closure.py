"""The end of a convention: the prompts before it, the agreed follow-up, closing, staying in touch.

Timeline for a planned end E (each at the programme's hour, the recipient's local time, on a
working day): the closure opens at E − closing_notice_days, the bilan is asked for at E − 14 days,
the mentee is reminded to thank the mentor at E − 7 days. When both bilans are in, their follow-up
is settled: both say « end » → the convention closes now; both say « continue » or « redefine » →
the end moves by the shorter length chosen; otherwise they are asked to talk. A convention nobody
settled closes on E. The prompts carry E, so those of an end that moved are dropped at delivery.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from bot.i18n.dates import local_date
from bot.services import audit, outbox, syntheses
from bot.services.bilan_rounds import bilans_of_round, decision_open
from bot.services.final_report import both_agree_to_send
from bot.services.people import timezone_of
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule
from bot.services.timing import add_months, next_good_moment, start_of_day
from storage.db import rows_changed
from storage.models import (
    Bilan,
    Convention,
    ConventionStatus,
    ConventionVersion,
    Decision,
    Person,
    Programme,
    ProgrammeCoordinator,
    Reminder,
    ReminderStatus,
)

BILAN_DAYS_BEFORE = 14
GRATITUDE_DAYS_BEFORE = 7
STAY_IN_TOUCH_MONTHS = (3, 6)

CLOSING_SOON = "closing_soon"
BILAN_PROMPT = "bilan_prompt"
BILAN_DONE = "bilan_done"
GRATITUDE_PROMPT = "gratitude_prompt"
AGREED = "closure_agreed"
DISAGREE = "closure_disagree"
ENDED = "closure_ended"
FINAL_REPORT = "final_report"
SUMMARY = "closure_summary"
STAY_IN_TOUCH = "keep_in_touch"


def _morning_of(day: date, person: Person, programme: Programme, now: datetime) -> datetime:
    """The programme's hour on `day` in the person's zone (next working day), never before now."""
    tz = timezone_of(person, programme.timezone)
    return next_good_moment(max(start_of_day(day, tz), now), tz, programme.reminder_hour)


def _send_now(session: Session, kind: str, convention: Convention, person_id: int, now: datetime, key: str,
              payload: Mapping[str, object] | None = None, essential: bool = True) -> None:
    outbox.enqueue(session, kind=kind, recipient_id=person_id, convention_id=convention.id, due_at=now, now=now,
                   essential=essential, payload=dict(payload or {}), dedupe_key=f"{kind}:{convention.id}:{key}:{person_id}")


# --- before the end --------------------------------------------------------------------------


def plan_prompts(session: Session, convention: Convention, now: datetime) -> None:
    """The closure prompts for the convention's current planned end (idempotent)."""
    programme = convention.programme
    end = convention.planned_end_on
    payload = {"end_on": end.isoformat()}
    steps = [(CLOSING_SOON, convention.version.closing_notice_days, (convention.mentor, convention.mentee)),
             (BILAN_PROMPT, BILAN_DAYS_BEFORE, (convention.mentor, convention.mentee)),
             (GRATITUDE_PROMPT, GRATITUDE_DAYS_BEFORE, (convention.mentee,))]
    if convention.manager_id is not None:  # the corporate method: the mentor's synthesis report, with the notice
        steps.append((syntheses.PROMPT, convention.version.closing_notice_days, (convention.mentor,)))
    for kind, days, people in steps:
        for person in people:
            outbox.enqueue(session, kind=kind, recipient_id=person.id, convention_id=convention.id,
                           due_at=_morning_of(end - timedelta(days=days), person, programme, now), now=now,
                           payload=payload, dedupe_key=f"{kind}:{convention.id}:{end.isoformat()}:{person.id}")
    convention.closure_planned_for = end


def plan_programme(session: Session, programme: Programme, now: datetime) -> tuple[int, int]:
    """Planner pass: prompts for the conventions entering their closure, and close those at their end.

    Returns (conventions whose prompts were written, conventions closed).
    """
    today = local_date(now, programme.timezone)
    # A few days' margin: the prompts are written ahead of their day (whatever the recipients' zones).
    # Each convention keeps the notice it was signed with: the longest one in use sets the horizon.
    notice = session.scalar(select(func.max(ConventionVersion.closing_notice_days))
                            .where(ConventionVersion.programme_id == programme.id))
    horizon = today + timedelta(days=(notice or programme.closing_notice_days) + 3)
    entering = list(session.scalars(select(Convention).where(
        Convention.programme_id == programme.id, Convention.status == ConventionStatus.ACTIVE,
        Convention.planned_end_on <= horizon,
        or_(Convention.closure_planned_for.is_(None), Convention.closure_planned_for != Convention.planned_end_on))))
    for convention in entering:
        plan_prompts(session, convention, now)
    ending = list(session.scalars(select(Convention).where(
        Convention.programme_id == programme.id,
        Convention.status.in_((ConventionStatus.ACTIVE, ConventionStatus.CLOSING)),
        Convention.planned_end_on <= today)))
    closed = sum(close(session, convention, now, decision=None) for convention in ending)
    return len(entering), closed


def offer_bilan(session: Session, convention: Convention, now: datetime) -> None:
    """After an early end: both are offered the short bilan."""
    for person_id in (convention.mentor_id, convention.mentee_id):
        _send_now(session, BILAN_PROMPT, convention, person_id, now, "early", {"early": True})


# --- the follow-up --------------------------------------------------------------------------


def settle(session: Session, convention: Convention, author: Person, now: datetime, *, first_time: bool) -> None:
    """After a bilan is saved: tell the other side, or settle the follow-up once both answered."""
    rows = bilans_of_round(session, convention)
    other_id = convention.mentee_id if author.id == convention.mentor_id else convention.mentor_id
    round_key = next(iter(rows.values())).round_end_on.isoformat()
    if len(rows) < 2:
        if first_time:
            _send_now(session, BILAN_DONE, convention, other_id, now, round_key, {"by": author.id}, essential=False)
        return
    if not decision_open(convention):
        # A late bilan on a convention that is over: the report now holds what both shared.
        for person_id in (convention.mentor_id, convention.mentee_id):
            _send_now(session, FINAL_REPORT, convention, person_id, now, f"{round_key}:complete")
        return
    mentor, mentee = rows[convention.mentor_id], rows[convention.mentee_id]
    if mentor.decision != mentee.decision:
        pair_key = f"{round_key}:{mentor.decision}-{mentee.decision}"
        for person_id in (convention.mentor_id, convention.mentee_id):
            _send_now(session, DISAGREE, convention, person_id, now, pair_key,
                      {"mentor": mentor.decision, "mentee": mentee.decision})
        return
    if mentor.decision == Decision.END:
        close(session, convention, now, decision=Decision.END)
    else:
        months = min(mentor.extend_months or 1, mentee.extend_months or 1)
        extend(session, convention, now, decision=mentor.decision, months=months,
               chosen=(mentor.extend_months, mentee.extend_months))


def extend(session: Session, convention: Convention, now: datetime, *, decision: str, months: int,
           chosen: tuple[int | None, int | None]) -> None:
    """Continue or redefine: the planned end moves; the new end gets its own closure later."""
    old_end = convention.planned_end_on
    convention.planned_end_on = add_months(old_end, months)
    convention.closure_decision = decision
    convention.updated_at = now
    _cancel_round_prompts(session, convention)
    payload = {"decision": decision, "months": months, "old_end": old_end.isoformat(),
               "new_end": convention.planned_end_on.isoformat(), "differed": chosen[0] != chosen[1]}
    for person_id in (convention.mentor_id, convention.mentee_id):
        _send_now(session, AGREED, convention, person_id, now, old_end.isoformat(), payload)
    for coordinator_id in _coordinator_ids(session, convention):
        _send_now(session, SUMMARY, convention, coordinator_id, now, old_end.isoformat(), payload)
    audit.record(session, convention, f"closure.{decision}", None, now, months=months)


def close(session: Session, convention: Convention, now: datetime, *, decision: str | None) -> bool:
    """Close the convention (agreed end, or its end date reached). Returns False if already over."""
    closed = rows_changed(session.execute(
        update(Convention).where(Convention.id == convention.id,
                                 Convention.status.in_((ConventionStatus.ACTIVE, ConventionStatus.CLOSING)))
        .values(status=ConventionStatus.CLOSED, closed_at=now, updated_at=now,
                closure_decision=decision or Convention.closure_decision)
    ))
    if not closed:
        return False
    session.refresh(convention)
    # Nothing planned for a running convention applies any more (nudges, reviews, meeting reminders).
    session.execute(update(Reminder).where(Reminder.convention_id == convention.id,
                                           Reminder.status == ReminderStatus.PENDING)
                    .values(status=ReminderStatus.CANCELLED))
    end_key = convention.planned_end_on.isoformat()
    kind = AGREED if decision else ENDED
    payload = {"decision": decision or "", "end_on": end_key}
    for person_id in (convention.mentor_id, convention.mentee_id):
        _send_now(session, kind, convention, person_id, now, end_key, payload)
        _send_now(session, FINAL_REPORT, convention, person_id, now, end_key)
    programme = convention.programme
    rows = bilans_of_round(session, convention)
    sponsor_id = programme.sponsor_id
    if sponsor_id is not None and both_agree_to_send(rows, sponsor_id):
        _send_now(session, FINAL_REPORT, convention, sponsor_id, now, end_key, {"sponsor": True})
    for coordinator_id in _coordinator_ids(session, convention):
        _send_now(session, SUMMARY, convention, coordinator_id, now, end_key, payload)
    if len(rows) == 2 and all(b.keep_in_touch for b in rows.values()):
        plan_stay_in_touch(session, convention, now)
    convention.report_sent_at = now
    audit.record(session, convention, "closure.closed", None, now, decision=decision or "end_date")
    return True


def _cancel_round_prompts(session: Session, convention: Convention) -> None:
    session.execute(update(Reminder).where(
        Reminder.convention_id == convention.id, Reminder.status == ReminderStatus.PENDING,
        Reminder.kind.in_((CLOSING_SOON, BILAN_PROMPT, GRATITUDE_PROMPT))).values(status=ReminderStatus.CANCELLED))


def plan_stay_in_touch(session: Session, convention: Convention, now: datetime) -> None:
    closed_on = local_date(now, timezone_of(convention.mentee, convention.programme.timezone))
    for months in STAY_IN_TOUCH_MONTHS:
        outbox.enqueue(session, kind=STAY_IN_TOUCH, recipient_id=convention.mentee_id, convention_id=convention.id,
                       due_at=_morning_of(add_months(closed_on, months), convention.mentee, convention.programme, now),
                       now=now, payload={"months": months},
                       dedupe_key=f"{STAY_IN_TOUCH}:{convention.id}:{months}:{convention.mentee_id}")


def _coordinator_ids(session: Session, convention: Convention) -> list[int]:
    """Who hears about the closure: the coordinator who paired them, else the programme's."""
    if convention.paired_by_id is not None:
        return [convention.paired_by_id]
    return list(session.scalars(select(ProgrammeCoordinator.person_id)
                                .where(ProgrammeCoordinator.programme_id == convention.programme_id)))


# --- what a coordinator sees ------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureFigures:
    """Numbers only: never a word of a bilan."""

    in_closure: int  # conventions in their last phase or over
    bilans_done: int
    bilans_expected: int
    satisfaction: dict[str, float | None]  # role -> average of the latest bilans (1 to 5)
    decisions: dict[str, int] = field(default_factory=dict)  # end / continue / redefine / disagree


def figures_for(session: Session, *, person: Person, programme: Programme, rule: CoordinatorRule,
                today: date) -> ClosureFigures:
    """The closure figures, for a coordinator of the programme."""
    require(session, person, Act.REPORT_READ, programme, rule)
    return programme_figures(session, programme, today)


def programme_figures(session: Session, programme: Programme, today: date) -> ClosureFigures:
    window = add_months(today, 2)
    conventions = list(session.scalars(select(Convention).where(
        Convention.programme_id == programme.id,
        or_(Convention.status.in_((ConventionStatus.CLOSED, ConventionStatus.ENDED_EARLY, ConventionStatus.CLOSING)),
            and_(Convention.status == ConventionStatus.ACTIVE, Convention.planned_end_on <= window)))))
    done, decisions = 0, {"end": 0, "continue": 0, "redefine": 0, "disagree": 0}
    for convention in conventions:
        rows = bilans_of_round(session, convention)
        done += len(rows)
        if convention.closure_decision in decisions:
            decisions[convention.closure_decision] += 1
        elif len(rows) == 2 and len({b.decision for b in rows.values()}) == 2 and decision_open(convention):
            decisions["disagree"] += 1
    latest = (select(Bilan.person_id, Bilan.convention_id, func.max(Bilan.round_end_on).label("round_end_on"))
              .join(Convention, Convention.id == Bilan.convention_id)
              .where(Convention.programme_id == programme.id)
              .group_by(Bilan.person_id, Bilan.convention_id).subquery())
    averages: dict[str, float | None] = dict(session.execute(
        select(Bilan.role, func.avg(Bilan.satisfaction)).join(
            latest, and_(latest.c.person_id == Bilan.person_id, latest.c.convention_id == Bilan.convention_id,
                         latest.c.round_end_on == Bilan.round_end_on)).group_by(Bilan.role)).all())
    satisfaction = {role: (round(float(value), 1) if (value := averages.get(role)) is not None else None)
                    for role in ("mentor", "mentee")}
    return ClosureFigures(len(conventions), done, 2 * len(conventions), satisfaction, decisions)
