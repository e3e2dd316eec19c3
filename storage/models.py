"""The data model of DESIGN.md: typed SQLAlchemy 2 models.

Enumerations are stored as short strings (portable, and Alembic-friendly).
Private text (notes, bilan answers, dispute summaries) never goes into AuditEvent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.crypto import EncryptedBytes, EncryptedJSON, EncryptedText
from storage.slack_oauth import add_slack_oauth_tables
from storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012 - SQLAlchemy API


class Platform(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"


class ConventionStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_SIGNATURES = "awaiting_signatures"
    ACTIVE = "active"
    CLOSING = "closing"
    CLOSED = "closed"
    ENDED_EARLY = "ended_early"


OPEN_CONVENTION_STATUSES = (
    ConventionStatus.DRAFT,
    ConventionStatus.AWAITING_SIGNATURES,
    ConventionStatus.ACTIVE,
    ConventionStatus.CLOSING,
)


class MeetingStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"  # a proposal answered by a counter-proposal, or a meeting moved
    POSTPONED = "postponed"  # "Reportée" at the check-in
    UNCONFIRMED = "unconfirmed"  # nobody answered the check-in within a week


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


class ReminderStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"
    FAILED = "failed"


class Workspace(Base):
    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]


class Programme(Base):
    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    timezone: Mapped[str] = mapped_column(String(64), default="America/Toronto")
    length_months: Mapped[int] = mapped_column(Integer, default=10)
    meeting_every_days: Mapped[int] = mapped_column(Integer, default=30)
    meeting_min_minutes: Mapped[int] = mapped_column(Integer, default=60)
    meeting_max_minutes: Mapped[int] = mapped_column(Integer, default=90)
    reminder_hour: Mapped[int] = mapped_column(Integer, default=9)
    # How long before the planned end the pair is invited to prepare the closure.
    closing_notice_days: Mapped[int] = mapped_column(Integer, default=30)
    # Who receives the final reports the pairs agree to share (a corporate programme's management).
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # The development themes profiles pick from; None: the default list (bot/services/themes.py).
    themes: Mapped[list[str] | None] = mapped_column(JSON)
    enrolment_open: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    enrolment_reopens_on: Mapped[date | None] = mapped_column(Date)  # said to those who find it closed
    enrolment_closes_on: Mapped[date | None] = mapped_column(Date)  # an open enrolment closes after this day
    cohort_starts_on: Mapped[date | None] = mapped_column(Date)  # the pairs' usual first day
    # "off": the coordination pairs; "confirm": a mentee asks a mentor, the coordination confirms;
    # "trusted": the pair's choice stands and the coordination is told.
    mentee_choice: Mapped[str] = mapped_column(String(16), default="off", server_default="off")
    # How long the pair's free text is kept once a convention has ended (the planner deletes it then).
    text_retention_months: Mapped[int] = mapped_column(Integer, default=12, server_default="12")
    # How long the audit trail (who did what, never text) is kept (the planner deletes older events).
    audit_retention_months: Mapped[int] = mapped_column(Integer, default=36, server_default="36")
    # The corporate method: pairing takes the mentee's manager, who joins the three-way start.
    corporate_method: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # ...and whether the coordinator who paired them is invited to the restitution too.
    restitution_coordinator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The convention's programme-specific parts, as the next pairs will sign them (ConventionVersion
    # keeps each wording once signed): organisation, contact, and the extra clause per language.
    convention_parts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # No new pairs or enrolments once archived; its figures stay readable.
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    workspace: Mapped[Workspace] = relationship()
    sponsor: Mapped[Person | None] = relationship(foreign_keys=[sponsor_id])
    direction_rows: Mapped[list[ProgrammeDirection]] = relationship(viewonly=True,
                                                                     order_by="ProgrammeDirection.added_at")


class ConventionVersion(Base):
    """The terms and wording of a programme's convention, frozen once written: a convention points to the
    version both people accepted, so a later edit of the programme never changes what they signed."""

    __tablename__ = "convention_versions"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    programme_name: Mapped[str] = mapped_column(String(200))
    length_months: Mapped[int] = mapped_column(Integer)
    meeting_every_days: Mapped[int] = mapped_column(Integer)
    meeting_min_minutes: Mapped[int] = mapped_column(Integer)
    meeting_max_minutes: Mapped[int] = mapped_column(Integer)
    closing_notice_days: Mapped[int] = mapped_column(Integer)
    # The privacy paragraph's promises: how long the pair's text and the audit trail are kept.
    text_retention_months: Mapped[int] = mapped_column(Integer, default=12, server_default="12")
    audit_retention_months: Mapped[int] = mapped_column(Integer, default=36, server_default="36")
    parts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # as Programme.convention_parts
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("workspace_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str | None] = mapped_column(String(16))  # as the chat platform reports it, e.g. fr-CA
    language_choice: Mapped[str | None] = mapped_column(String(8))  # set with /mentorat langue
    is_workspace_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    profile_refreshed_at: Mapped[datetime | None]
    reminders_paused_until: Mapped[datetime | None]
    # The Slack DM channel with the bot, learnt from the first message sent: later sends need no
    # conversations.open (rate-limited per workspace), whichever process sends them.
    dm_channel: Mapped[str | None] = mapped_column(String(32))
    # `mes-donnees effacer` while a convention runs: the text goes once no convention of theirs runs.
    erasure_requested_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    workspace: Mapped[Workspace] = relationship()


class ProgrammeChoice(Base):
    """The programme a person works in when they have several (`/mentorat programme`); none: the first."""

    __tablename__ = "programme_choices"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    chosen_at: Mapped[datetime]


class ProgrammeCoordinator(Base):
    """Coordinators added in the bot (admins and MENTORAT_COORDINATORS are coordinators by right)."""

    __tablename__ = "programme_coordinators"
    __table_args__ = (UniqueConstraint("programme_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    added_at: Mapped[datetime]

    person: Mapped[Person] = relationship(foreign_keys=[person_id])


class ProgrammeDirection(Base):
    """The programme's direction under the corporate method: who receives the approved synthesis reports
    and is invited to the restitutions (the final reports' sponsor counts too)."""

    __tablename__ = "programme_direction"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime]

    person: Mapped[Person] = relationship()


_OPEN = "status IN ('draft', 'awaiting_signatures', 'active', 'closing')"


class Convention(Base):
    __tablename__ = "conventions"
    __table_args__ = (
        # One open convention per person and role in a programme; the database enforces it so
        # that two concurrent pairings (or a Slack retry) cannot both win.
        # A mentor may have several mentees at once (their profile's capacity): checked by the
        # pairing under a lock on the mentor's row (services/conventions.check_pair).
        Index(
            "uq_conventions_open_mentee",
            "programme_id",
            "mentee_id",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    # The terms and wording sent to both, and so the ones they accept.
    version_id: Mapped[int] = mapped_column(ForeignKey("convention_versions.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    paired_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # The corporate method's third person: the mentee's manager, named in the convention the mentee accepts.
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    restitution_held_at: Mapped[datetime | None]  # the corporate method's closure, validated by all
    status: Mapped[str] = mapped_column(String(32), default=ConventionStatus.AWAITING_SIGNATURES)
    starts_on: Mapped[date] = mapped_column(Date)
    planned_end_on: Mapped[date] = mapped_column(Date)
    mentor_accepted_at: Mapped[datetime | None]
    mentee_accepted_at: Mapped[datetime | None]
    activated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closure_decision: Mapped[str | None] = mapped_column(String(16))
    interaction_modes: Mapped[str | None] = mapped_column(String(200))
    # The agenda the mentee wrote while no meeting was planned; it goes into the next proposal.
    next_agenda: Mapped[str | None] = mapped_column(EncryptedText)
    report_sent_at: Mapped[datetime | None]  # when the final report went to the pair
    texts_purged_at: Mapped[datetime | None]  # its free text deleted at the end of the retention period
    # The planned end whose closure prompts are written (a new end, after « continue », gets its own).
    closure_planned_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    programme: Mapped[Programme] = relationship()
    version: Mapped[ConventionVersion] = relationship()
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    paired_by: Mapped[Person | None] = relationship(foreign_keys=[paired_by_id])
    manager: Mapped[Person | None] = relationship(foreign_keys=[manager_id])


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_convention_status", "convention_id", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    # The corporate method's three-way start: the mentee's manager is invited too.
    with_manager: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Its closing restitution: everyone is invited (the manager, the programme's direction); once held, the
    # closure is validated.
    restitution: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    mode: Mapped[str] = mapped_column(String(16), default="video")
    location: Mapped[str | None] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.PROPOSED)
    agenda: Mapped[str | None] = mapped_column(EncryptedText)
    agenda_sent_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(EncryptedText)  # why it was moved or cancelled (the pair only)
    # The proposal or meeting this one replaces (a counter-proposal, a move).
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    # One calendar event across moves: the same UID with a higher SEQUENCE updates it in place.
    calendar_uid: Mapped[str] = mapped_column(String(100), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    outcome_at: Mapped[datetime | None]
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    convention: Mapped[Convention] = relationship()
    proposed_by: Mapped[Person | None] = relationship(foreign_keys=[proposed_by_id])
    outcome_by: Mapped[Person | None] = relationship(foreign_keys=[outcome_by_id])

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class ObjectiveStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    REACHED = "reached"
    DROPPED = "dropped"


class Objective(Base):
    """One objective of the pair: the mentee's growth, set together, reviewed along the way."""

    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(EncryptedText)
    description: Mapped[str | None] = mapped_column(EncryptedText)
    horizon: Mapped[str] = mapped_column(String(8), default="short")  # short | long
    due_on: Mapped[date | None] = mapped_column(Date)
    success_measure: Mapped[str | None] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(String(16), default=ObjectiveStatus.TODO)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    convention: Mapped[Convention] = relationship()


class RoadMap(Base):
    """The corporate method's road map, written by the mentor after the three-way start: the improvement axes,
    the strategies, the hours planned and the milestones; the mentee, then the manager, confirm it."""

    __tablename__ = "road_maps"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), unique=True)
    axes: Mapped[str] = mapped_column(EncryptedText)
    strategies: Mapped[str] = mapped_column(EncryptedText)
    planned_hours: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)  # each edit: the confirmations start again
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    written_at: Mapped[datetime]
    mentee_confirmed_at: Mapped[datetime | None]
    manager_confirmed_at: Mapped[datetime | None]

    convention: Mapped[Convention] = relationship()


class Milestone(Base):
    """An intermediate milestone of a road map, on its date."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime]
    # Reviewed together: the mentor records whether it is on track and the hours so far...
    held_at: Mapped[datetime | None]
    on_track: Mapped[bool | None] = mapped_column(Boolean)
    hours_so_far: Mapped[int | None] = mapped_column(Integer)
    # ...and the mentee decides whether the manager reads that status ("shared") or only that it was held.
    sharing: Mapped[str | None] = mapped_column(String(16))
    decided_at: Mapped[datetime | None]

    convention: Mapped[Convention] = relationship()


class Synthesis(Base):
    """The corporate method's synthesis report, written by the mentor near the end: the points discussed, the
    objectives and their results, the improvement axes recommended, the follow-up calendar. It leaves the
    pair only once the mentee approved it (and reaches the manager only if the mentee says so)."""

    __tablename__ = "syntheses"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), unique=True)
    points: Mapped[str] = mapped_column(EncryptedText)
    results: Mapped[str] = mapped_column(EncryptedText)
    axes: Mapped[str] = mapped_column(EncryptedText)
    follow_up: Mapped[str] = mapped_column(EncryptedText)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16))  # "submitted" | "changes" (asked by the mentee) | "approved"
    comment: Mapped[str | None] = mapped_column(EncryptedText)  # the mentee's request for changes
    to_manager: Mapped[bool] = mapped_column(Boolean, default=False)
    written_at: Mapped[datetime]
    approved_at: Mapped[datetime | None]

    convention: Mapped[Convention] = relationship()


class ObjectiveUpdate(Base):
    """The history of an objective: its creation, each update, the mentor's feedback."""

    __tablename__ = "objective_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # created | update | feedback
    status: Mapped[str | None] = mapped_column(String(16))
    progress: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime]

    author: Mapped[Person | None] = relationship()


class Note(Base):
    """A private note: seen by its author only, unless they share it with the pair."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_author", "convention_id", "author_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(EncryptedText)
    shared_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MessageRef(Base):
    """Where the bot posted a message with buttons, so it can update it (and retire stale buttons)."""

    __tablename__ = "message_refs"
    __table_args__ = (UniqueConstraint("purpose", "subject_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(255))  # a Slack channel id or a Teams conversation id
    ts: Mapped[str] = mapped_column(String(64))  # a Slack ts or a Teams activity id
    created_at: Mapped[datetime]


SENT_ROWS = text("status = 'sent'")  # the rows ix_reminders_sent_to holds


class Reminder(Base):
    """The durable outbox: every reminder and notification the scheduler sends."""

    # No foreign keys here: a planner pass may write 200,000 rows at once, and on PostgreSQL each key
    # costs a check and a row lock per row written (40 % of the pass). Conventions and meetings are
    # never deleted; a person's reminders go with them (people.forget_people), and a row whose
    # recipient is gone is cancelled at delivery. The only index by recipient holds sent rows (the
    # weekly cap counts those), so writing pending rows does not maintain it.
    __tablename__ = "reminders"
    __table_args__ = (
        Index("ix_reminders_due", "status", "due_at"),
        Index("ix_reminders_sent_to", "recipient_id", "sent_at", postgresql_where=SENT_ROWS, sqlite_where=SENT_ROWS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    recipient_id: Mapped[int] = mapped_column(Integer)  # people.id
    convention_id: Mapped[int | None] = mapped_column(Integer, index=True)  # conventions.id
    meeting_id: Mapped[int | None] = mapped_column(Integer)  # meetings.id
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default=ReminderStatus.PENDING)
    essential: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_expires_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class AuditEvent(Base):
    """Who did what and when. Never the private text of a conversation."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    convention_id: Mapped[int | None] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Decision(StrEnum):
    END = "end"
    CONTINUE = "continue"
    REDEFINE = "redefine"


class Bilan(Base):
    """One person's closing review of a convention, for one planned end date.

    Private to its author until both sides have answered; then the other side sees only the
    answers listed in `shared_keys`. A coordinator only ever sees figures drawn from it.
    """

    __tablename__ = "bilans"
    __table_args__ = (UniqueConstraint("convention_id", "person_id", "round_end_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(8))  # mentor | mentee
    # The planned end this bilan answers for: a convention that continues gets a new round.
    round_end_on: Mapped[date] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)  # question key -> text
    objective_results: Mapped[dict[str, Any]] = mapped_column(default=dict)  # objective id -> reached|partly|not
    satisfaction: Mapped[int] = mapped_column(Integer)  # 1 to 5
    decision: Mapped[str] = mapped_column(String(16))
    extend_months: Mapped[int | None] = mapped_column(Integer)  # for continue / redefine
    keep_in_touch: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    shared_keys: Mapped[list[str]] = mapped_column(JSON, default=list)  # the answers the other side may read
    sponsor_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who the sponsor was when this side agreed: the consent is to send the report to that person only.
    sponsor_consented_id: Mapped[int | None] = mapped_column(Integer)
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    person: Mapped[Person] = relationship()


class Gratitude(Base):
    """Thanks (or later news) the mentee sends the mentor. Only the two of them read it."""

    __tablename__ = "gratitudes"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # thanks | news
    message: Mapped[str] = mapped_column(EncryptedText)
    achievements: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime]

    convention: Mapped[Convention] = relationship()


class DisputeKind(StrEnum):
    DIFFEREND = "differend"  # a disagreement brought to the coordination
    EARLY_END = "early_end"  # a request to end the convention before its planned end


class DisputeStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"  # a coordinator took it
    RESOLVED = "resolved"  # for an early end: the end was confirmed
    WITHDRAWN = "withdrawn"


OPEN_DISPUTE_STATUSES = (DisputeStatus.OPEN, DisputeStatus.ACKNOWLEDGED)


class Dispute(Base):
    """A différend or an early-end request, for the coordination only.

    `summary` is private: it reaches the coordinators' DMs and nothing else (no figures, no
    audit, no log). `escalation_level` counts the alerts sent because nobody took it in time.
    """

    __tablename__ = "disputes"
    __table_args__ = (Index("ix_disputes_status", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(EncryptedText)
    amicable_tried: Mapped[bool | None] = mapped_column(Boolean)
    urgency: Mapped[str] = mapped_column(String(8), default="normal")  # low | normal | urgent
    danger: Mapped[bool] = mapped_column(Boolean, default=False)  # the text spoke of harm to someone
    status: Mapped[str] = mapped_column(String(16), default=DisputeStatus.OPEN)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    taken_at: Mapped[datetime | None]
    meeting_requested_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    convention: Mapped[Convention] = relationship()
    raised_by: Mapped[Person] = relationship(foreign_keys=[raised_by_id])
    taken_by: Mapped[Person | None] = relationship(foreign_keys=[taken_by_id])


class TeamsConversation(Base):
    """How to reach a Teams user proactively: their 1:1 conversation reference.

    The Agents SDK keeps references in its own storage and ships none on SQL; this table is that
    storage, so every process (web and workers) can send reminders to Teams users.
    """

    __tablename__ = "teams_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    teams_user_id: Mapped[str | None] = mapped_column(String(255))  # "29:…", known once they wrote to the bot
    conversation_id: Mapped[str] = mapped_column(String(255))
    service_url: Mapped[str] = mapped_column(String(500))
    tenant_id: Mapped[str] = mapped_column(String(64))
    bot_id: Mapped[str] = mapped_column(String(255), default="")
    reference: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the SDK's ConversationReference as JSON
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    person: Mapped[Person] = relationship()


class SharedFile(Base):
    """A file the bot offers behind an unguessable link (Teams bots cannot attach files to a chat
    without a consent round-trip): a meeting's .ics, a final report's PDF. Links expire."""

    __tablename__ = "shared_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(EncryptedBytes)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class SeenRequest(Base):
    """A signed request (or a Slack event) already carried out: a replay of it is answered, not run again.

    Kept in the database so that every replica sees it; rows older than the signature window are
    purged, since a request that old is refused by its timestamp anyway.
    """

    __tablename__ = "seen_requests"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(index=True)


class Profile(Base):
    """A person's enrolment in a programme: the roles they offer or ask for, and what matching reads.

    The typed goals (`aspiration`, `motivation`) are for the partner and the coordination's matching
    only: never in a report, a figure or a log.
    """

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("programme_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    as_mentor: Mapped[bool] = mapped_column(Boolean, default=False)
    as_mentee: Mapped[bool] = mapped_column(Boolean, default=False)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    aspiration: Mapped[str] = mapped_column(EncryptedText, default="")  # where the mentee wants to be in a few years
    motivation: Mapped[str] = mapped_column(EncryptedText, default="")  # why the mentor wants to mentor
    expertise: Mapped[str] = mapped_column(EncryptedText, default="")  # the mentor's, comma-separated
    learning: Mapped[str] = mapped_column(EncryptedText, default="")  # what the mentee wants to learn, comma-separated
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    modes: Mapped[list[str]] = mapped_column(JSON, default=list)
    days: Mapped[list[int]] = mapped_column(JSON, default=list)  # 0 = Monday
    windows: Mapped[list[str]] = mapped_column(JSON, default=list)  # matching.WINDOWS' names
    timezone: Mapped[str] = mapped_column(String(64))  # the one the availability was given in
    capacity: Mapped[int] = mapped_column(Integer, default=1)  # mentees at once, for a mentor
    presentation: Mapped[str] = mapped_column(EncryptedText, default="")
    link: Mapped[str] = mapped_column(EncryptedText, default="")
    team: Mapped[str] = mapped_column(EncryptedText, default="")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    avoid_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    enrolled_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    announced_at: Mapped[datetime | None]  # in a coordinators' daily message of new enrolments
    # The coordinator whose import wrote it last; None once the person saved it themselves (an import
    # never overwrites what a person wrote).
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    programme: Mapped[Programme] = relationship()
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    manager: Mapped[Person | None] = relationship(foreign_keys=[manager_id])
    avoid: Mapped[Person | None] = relationship(foreign_keys=[avoid_id])
    loaded_by: Mapped[Person | None] = relationship(foreign_keys=[loaded_by_id])


class MatchOutcome(StrEnum):
    ACCEPTED = "accepted"  # the suggested mentor
    SWAPPED = "swapped"  # another mentor than the suggested one
    REJECTED = "rejected"  # not this pair: never suggested again
    CHOSEN = "chosen"  # the mentee chose, the mentor agreed


class MatchDecision(Base):
    """What the coordination did with a suggested pair: the figures count them, a rejection is remembered."""

    __tablename__ = "match_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    suggested_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(16))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime]


class RequestStatus(StrEnum):
    ASKED = "asked"  # the mentee asked, the mentor has yet to answer
    AGREED = "agreed"  # the mentor said yes; the coordination confirms (or was only told)
    DECLINED = "declined"
    CONFIRMED = "confirmed"  # paired
    REFUSED = "refused"  # by the coordination
    WITHDRAWN = "withdrawn"  # by the mentee, or the mentor left the pool
    EXPIRED = "expired"  # the mentor did not answer in time


_PENDING_REQUEST = "status IN ('asked', 'agreed')"


class MentorRequest(Base):
    """A mentee's request to one mentor, when the programme lets mentees choose."""

    __tablename__ = "mentor_requests"
    __table_args__ = (
        # One request at a time per mentee and programme.
        Index("uq_mentor_requests_pending", "programme_id", "mentee_id", unique=True,
              sqlite_where=text(_PENDING_REQUEST), postgresql_where=text(_PENDING_REQUEST)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.ASKED)
    reply: Mapped[str] = mapped_column(EncryptedText, default="")  # the mentor's message with the answer
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]

    programme: Mapped[Programme] = relationship()
    mentee: Mapped[Person] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Person] = relationship(foreign_keys=[mentor_id])


class ProgrammeEvaluation(Base):
    """One person's evaluation of the programme once their convention ended: about the programme, not the
    relationship (that is the bilan). Coordinators see aggregates only, from 5 answers up."""

    __tablename__ = "programme_evaluations"
    __table_args__ = (UniqueConstraint("convention_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # mentor | mentee
    satisfaction: Mapped[int] = mapped_column(Integer)  # 1-5, each of these
    matching: Mapped[int] = mapped_column(Integer)
    rhythm: Mapped[int] = mapped_column(Integer)  # the rhythm and the length
    support: Mapped[int] = mapped_column(Integer)  # the coordination's
    recommend: Mapped[str] = mapped_column(String(8))  # yes | maybe | no
    suggestion: Mapped[str] = mapped_column(EncryptedText, default="")  # shown without its author, from 5 answers up
    answered_at: Mapped[datetime]


# Slack OAuth installations (slack_sdk's SQLAlchemy stores): in these metadata so Alembic creates them.
SLACK_INSTALLATIONS, SLACK_BOTS, SLACK_OAUTH_STATES = add_slack_oauth_tables(Base.metadata)
