"""The programme's figures for its coordinators: counts and averages, never private text.

The convention lets the coordination ask for occasional figures (number of meetings, objectives
reached, satisfaction) while the pair's conversations stay confidential. So this module reads
statuses, dates, counts and the 1-5 satisfaction of bilans, and nothing else: no note, no
agenda, no objective title, no bilan answer, no dispute summary. The names of the people are
the only words in it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from bot.i18n.dates import local_date
from bot.notify import Rich
from bot.services.corporate_figures import CorporateFigures, corporate_figures
from bot.services.errors import NotAllowed
from bot.services.evaluations import EvaluationFigures
from bot.services.evaluations import figures as evaluation_figures
from bot.services.match_pool import PoolFigures
from bot.services.match_pool import figures as pool_figures
from bot.services.policy import Act, allowed, require
from bot.services.roles import CoordinatorRule, coordinator_names
from storage.models import (
    OPEN_CONVENTION_STATUSES,
    Bilan,
    Convention,
    ConventionStatus,
    Dispute,
    DisputeKind,
    DisputeStatus,
    Meeting,
    MeetingStatus,
    Objective,
    ObjectiveStatus,
    Person,
    Programme,
    Reminder,
    ReminderStatus,
)

NO_MEETING_DAYS = 45  # a running pair with no meeting held for this long is at risk
UNSIGNED_DAYS = 7  # a convention still unsigned after a week is at risk
NUDGE_GRACE = timedelta(days=7)  # a nudge nobody answered with a proposal within a week counts
RUNNING = (ConventionStatus.ACTIVE, ConventionStatus.CLOSING)


@dataclass(frozen=True)
class Risk:
    kind: str  # no_meeting | nudges | unsigned
    value: int  # days, or number of nudges


@dataclass(frozen=True)
class PairFigures:
    convention_id: int
    mentor: str  # display names: the only words in a report
    mentee: str
    mentor_ref: str  # chat ids, for mentions in the chat
    mentee_ref: str
    status: str
    starts_on: date
    planned_end_on: date
    held: int
    expected: int
    objectives_set: int
    objectives_reached: int
    satisfaction_mentor: int | None
    satisfaction_mentee: int | None
    disputes_open: int
    disputes_resolved: int
    risks: tuple[Risk, ...] = ()


@dataclass
class ProgrammeReport:
    programme_id: int
    programme: str
    day: date
    pairs: list[PairFigures] = field(default_factory=list)
    satisfaction_mentors: float | None = None
    satisfaction_mentees: float | None = None
    satisfaction_all: float | None = None
    satisfaction_answers: int = 0
    differends_open: int = 0
    differends_resolved: int = 0
    early_open: int = 0
    early_done: int = 0
    pool: PoolFigures | None = None  # the waiting pool and what the coordination did with the suggestions
    evaluation: EvaluationFigures | None = None  # the programme's evaluation, aggregates from 5 answers up
    corporate: CorporateFigures | None = None  # the corporate method's figures, when the programme follows it

    @property
    def active(self) -> int:
        return sum(1 for p in self.pairs if p.status in RUNNING)

    @property
    def held(self) -> int:
        return sum(p.held for p in self.pairs)

    @property
    def expected(self) -> int:
        return sum(p.expected for p in self.pairs)

    @property
    def objectives_set(self) -> int:
        return sum(p.objectives_set for p in self.pairs)

    @property
    def objectives_reached(self) -> int:
        return sum(p.objectives_reached for p in self.pairs)

    @property
    def at_risk(self) -> list[PairFigures]:
        """The pairs at risk, the most worrying first (more reasons, then longer without a meeting)."""
        risky = [p for p in self.pairs if p.risks]
        return sorted(risky, key=lambda p: (-len(p.risks), -max(r.value for r in p.risks), p.convention_id))


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def expected_meetings(convention: Convention, today: date) -> int:
    """Meetings the rhythm its pair signed asks for so far: one per `meeting_every_days` since the start.

    While the convention runs, only whole periods count (a new pair owes nothing on its first day).
    Once it is over (closed, or past its planned end), its last period counts if at least half of
    it went by: a 10-month convention closed in its last weeks was asked for 10 meetings, not 9.
    """
    if convention.status in (ConventionStatus.DRAFT, ConventionStatus.AWAITING_SIGNATURES):
        return 0
    end = min(today, convention.planned_end_on)
    if convention.closed_at is not None:
        end = min(end, convention.closed_at.date())
    periods = (end - convention.starts_on).days / convention.version.meeting_every_days
    over = convention.closed_at is not None or today >= convention.planned_end_on
    return max(0, int(periods + 0.5) if over else int(periods))


def _grouped(session: Session, stmt: Any) -> dict[int, Any]:
    return {row[0]: row[1] for row in session.execute(stmt)}


def _latest_satisfaction(session: Session, scope: Select[Any]) -> dict[tuple[int, int], tuple[str, int]]:
    """(convention, person) -> (role, satisfaction) of each person's latest bilan. Reads no answer."""
    rows = session.execute(
        select(Bilan.convention_id, Bilan.person_id, Bilan.role, Bilan.satisfaction)
        .where(Bilan.convention_id.in_(scope)).order_by(Bilan.round_end_on, Bilan.submitted_at, Bilan.id)
    ).all()
    latest: dict[tuple[int, int], tuple[str, int]] = {}
    for convention_id, person_id, role, satisfaction in rows:
        latest[(convention_id, person_id)] = (role, satisfaction)  # later rows win
    return latest


def _unanswered_nudges(session: Session, scope: Select[Any], now: datetime) -> dict[int, int]:
    """Per convention: nudge periods sent over a week ago and followed by no meeting proposal at all."""
    last_meeting = _grouped(session, select(Meeting.convention_id, func.max(Meeting.created_at))
                            .where(Meeting.convention_id.in_(scope)).group_by(Meeting.convention_id))
    rows = session.execute(
        select(Reminder.convention_id, Reminder.dedupe_key, Reminder.sent_at)
        .where(Reminder.kind == "monthly_nudge", Reminder.status == ReminderStatus.SENT,
               Reminder.convention_id.in_(scope), Reminder.sent_at <= now - NUDGE_GRACE)
    ).all()
    periods: dict[int, set[str]] = defaultdict(set)
    for convention_id, key, sent_at in rows:
        if convention_id is None:  # a nudge is always a convention's; the column allows none for other kinds
            continue
        since = last_meeting.get(convention_id)
        if since is None or since < sent_at:
            periods[convention_id].add(key.split(":")[2])  # monthly_nudge:<convention>:<period>:<person>
    return {cid: len(found) for cid, found in periods.items()}


def _risks(convention: Convention, now: datetime, last_held: datetime | None, nudges: int) -> tuple[Risk, ...]:
    risks: list[Risk] = []
    if convention.status == ConventionStatus.AWAITING_SIGNATURES:
        waited = (now - convention.created_at).days
        if waited >= UNSIGNED_DAYS:
            risks.append(Risk("unsigned", waited))
    elif convention.status in RUNNING:
        start = datetime.combine(convention.starts_on, datetime.min.time(), tzinfo=now.tzinfo)
        since = max(d for d in (last_held, convention.activated_at, start) if d is not None)
        quiet = (now - since).days
        if quiet >= NO_MEETING_DAYS:
            risks.append(Risk("no_meeting", quiet))
        if nudges:
            risks.append(Risk("nudges", nudges))
    return tuple(risks)


def programme_report(session: Session, programme: Programme, now: datetime) -> ProgrammeReport:
    today = local_date(now, programme.timezone)
    report = ProgrammeReport(programme.id, programme.name, today, pool=pool_figures(session, programme, now),
                             evaluation=evaluation_figures(session, programme),
                             corporate=corporate_figures(session, programme, today))
    conventions = list(session.scalars(
        select(Convention).where(Convention.programme_id == programme.id,
                                 Convention.status != ConventionStatus.DRAFT).order_by(Convention.id)
        .options(selectinload(Convention.version))))
    if not conventions:
        return report
    # The programme's conventions as a subquery, not a list of ids: no limit on bound parameters.
    scope = select(Convention.id).where(Convention.programme_id == programme.id)
    held = _grouped(session, select(Meeting.convention_id, func.count(Meeting.id))
                    .where(Meeting.convention_id.in_(scope), Meeting.status == MeetingStatus.HELD)
                    .group_by(Meeting.convention_id))
    last_held = _grouped(session, select(Meeting.convention_id, func.max(Meeting.starts_at))
                         .where(Meeting.convention_id.in_(scope), Meeting.status == MeetingStatus.HELD)
                         .group_by(Meeting.convention_id))
    objectives: dict[int, list[str]] = defaultdict(list)
    for convention_id, status in session.execute(
            select(Objective.convention_id, Objective.status).where(Objective.convention_id.in_(scope))):
        if status != ObjectiveStatus.DROPPED:
            objectives[convention_id].append(status)
    disputes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for convention_id, kind, status in session.execute(
            select(Dispute.convention_id, Dispute.kind, Dispute.status).where(Dispute.convention_id.in_(scope))):
        disputes[convention_id].append((kind, status))
    satisfaction = _latest_satisfaction(session, scope)
    nudges = _unanswered_nudges(session, scope, now)
    in_programme = Convention.programme_id == programme.id
    people = {p.id: p for p in session.scalars(select(Person).where(or_(
        Person.id.in_(select(Convention.mentor_id).where(in_programme)),
        Person.id.in_(select(Convention.mentee_id).where(in_programme)))))}
    open_statuses = ("open", "acknowledged")
    for c in conventions:
        mentor, mentee = people[c.mentor_id], people[c.mentee_id]
        cases = disputes.get(c.id, [])
        differends = [s for k, s in cases if k == DisputeKind.DIFFEREND]
        early = [s for k, s in cases if k == DisputeKind.EARLY_END]
        report.differends_open += sum(1 for s in differends if s in open_statuses)
        report.differends_resolved += sum(1 for s in differends if s == DisputeStatus.RESOLVED)
        report.early_open += sum(1 for s in early if s in open_statuses)
        report.early_done += sum(1 for s in early if s == DisputeStatus.RESOLVED)
        goals = objectives.get(c.id, [])
        report.pairs.append(PairFigures(
            convention_id=c.id, mentor=mentor.display_name or mentor.external_id,
            mentee=mentee.display_name or mentee.external_id, mentor_ref=mentor.external_id,
            mentee_ref=mentee.external_id, status=c.status, starts_on=c.starts_on, planned_end_on=c.planned_end_on,
            held=held.get(c.id, 0), expected=expected_meetings(c, today),
            objectives_set=len(goals), objectives_reached=sum(1 for s in goals if s == ObjectiveStatus.REACHED),
            satisfaction_mentor=satisfaction.get((c.id, c.mentor_id), (None, None))[1],
            satisfaction_mentee=satisfaction.get((c.id, c.mentee_id), (None, None))[1],
            disputes_open=sum(1 for _k, s in cases if s in open_statuses),
            disputes_resolved=sum(1 for _k, s in cases if s == DisputeStatus.RESOLVED),
            risks=_risks(c, now, last_held.get(c.id), nudges.get(c.id, 0)) if c.status in OPEN_CONVENTION_STATUSES
            else (),
        ))
    mentors = [s for role, s in satisfaction.values() if role == "mentor"]
    mentees = [s for role, s in satisfaction.values() if role == "mentee"]
    report.satisfaction_mentors, report.satisfaction_mentees = _average(mentors), _average(mentees)
    report.satisfaction_all, report.satisfaction_answers = _average(mentors + mentees), len(mentors) + len(mentees)
    return report


def readable_programmes(session: Session, person: Person, rule: CoordinatorRule) -> list[Programme]:
    """The programmes of the person's own workspace whose figures they may read (the policy says which):
    an added coordinator their own, an admin or a listed id every one. Another workspace's never."""
    programmes = session.scalars(select(Programme).where(Programme.workspace_id == person.workspace_id)
                                 .order_by(Programme.id)).all()
    return [p for p in programmes if allowed(session, person, Act.REPORT_READ, p, rule)]


def reports_for(session: Session, *, person: Person, rule: CoordinatorRule, now: datetime,
                programme_id: int | None = None) -> list[ProgrammeReport]:
    """The figures of every programme of the person's workspace they coordinate, side by side; or of the
    one programme asked for (the digest's button), refused unless they coordinate it."""
    if programme_id is not None:
        programme = session.get(Programme, programme_id)
        if programme is None or programme.workspace_id != person.workspace_id:
            raise NotAllowed("error.no_access")  # another workspace's programme is not told to exist
        require(session, person, Act.REPORT_READ, programme, rule)
        return [programme_report(session, programme, now)]
    readable = readable_programmes(session, person, rule)
    if not readable:
        first = session.scalars(select(Programme).where(Programme.workspace_id == person.workspace_id)
                                .order_by(Programme.id).limit(1)).first()
        raise NotAllowed("error.no_access") if first is None else _coordinator_only(session, first, rule)
    return [programme_report(session, p, now) for p in readable]


def _coordinator_only(session: Session, programme: Programme, rule: CoordinatorRule) -> NotAllowed:
    return NotAllowed("error.coordinator_only", names=Rich.join(", ", coordinator_names(session, programme, rule)))
