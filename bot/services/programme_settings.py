"""A programme's settings as its coordinators set them: checked field by field, then written.

The form carries text (Slack's and Teams' inputs both give strings); `check` turns it into values or
refuses the first bad field, with the error on that field. Writing a programme never touches a
convention already sent: each keeps the version of the terms it was sent with (convention_versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import LOCALES, N_
from bot.services import audit, convention_versions
from bot.services.errors import Conflict, InvalidInput, NotAllowed
from bot.services.mentor_requests import CHOICE_MODES
from bot.services.people import known_zone
from bot.services.policy import Act, require
from bot.services.programmes import ProgrammeDefaults, require_running
from bot.services.roles import CoordinatorRule, add_coordinator, is_coordinator
from bot.services.themes import set_themes
from bot.services.typed_text import number, optional_text, picked_date, required_text
from storage.models import Person, Programme

NAME_LIMIT = 80
DESCRIPTION_LIMIT = 1000
PART_LIMIT = 200  # the organisation's name, the contact
CLAUSE_LIMIT = 2000
# (lowest, highest) each number may be: wide enough for any real programme, narrow enough to catch a slip.
RANGES: dict[str, tuple[int, int]] = {
    "length_months": (1, 36),
    "meeting_every_days": (7, 90),
    "meeting_min_minutes": (15, 240),
    "meeting_max_minutes": (15, 240),
    "reminder_hour": (7, 20),  # humane hours: nobody is nudged at night
    "closing_notice_days": (7, 120),
    "text_retention_months": (1, 120),
    "audit_retention_months": (6, 120),  # who did what, never text: long enough to answer a complaint
}
NUMBERS = tuple(RANGES)
ENROLMENT_STATES = ("open", "closed")
FIELDS = ("name", "description", "language", "timezone", *NUMBERS, "enrolment", "enrolment_closes_on",
          "enrolment_reopens_on", "cohort_starts_on", "mentee_choice", "corporate_method", "restitution_coordinator",
          "themes_defaults", "themes_extra",
          "organisation", "contact", "privacy", "clause_fr", "clause_en", "direction", "coordinators")


@dataclass(frozen=True)
class ProgrammeDraft:
    """The form as typed: every field a string (a multi-select a list), nothing checked yet."""

    values: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return value if isinstance(value, str) else ""

    def picked(self, name: str) -> list[str]:
        value = self.values.get(name)
        if isinstance(value, list):
            return [v for v in value if isinstance(v, str)]
        return [v for v in self.text(name).split(",") if v]  # Teams joins a multi-select with commas


@dataclass(frozen=True)
class CheckedSettings:
    name: str
    description: str
    language: str
    timezone: str
    numbers: dict[str, int]
    enrolment_open: bool
    enrolment_closes_on: date | None
    enrolment_reopens_on: date | None
    cohort_starts_on: date | None
    mentee_choice: str
    corporate_method: bool
    restitution_coordinator: bool
    parts: dict[str, str]


def draft_of(programme: Programme) -> ProgrammeDraft:
    """A programme's settings as the form shows them."""
    parts = programme.convention_parts or {}
    values: dict[str, Any] = {
        "name": programme.name, "description": programme.description or "", "language": programme.language,
        "timezone": programme.timezone, **{n: str(getattr(programme, n)) for n in NUMBERS},
        "enrolment": "open" if programme.enrolment_open else "closed",
        "enrolment_closes_on": _iso(programme.enrolment_closes_on),
        "enrolment_reopens_on": _iso(programme.enrolment_reopens_on),
        "cohort_starts_on": _iso(programme.cohort_starts_on), "mentee_choice": programme.mentee_choice,
        "corporate_method": "on" if programme.corporate_method else "off",
        "restitution_coordinator": "on" if programme.restitution_coordinator else "off",
        **{name: str(parts.get(name) or "") for name in convention_versions.PART_NAMES},
    }
    return ProgrammeDraft(values)


def new_draft(defaults: ProgrammeDefaults) -> ProgrammeDraft:
    """An empty form for a new programme, with the operator's defaults (the environment's) filled in."""
    values: dict[str, Any] = {
        "name": "", "description": "", "language": defaults.language, "timezone": defaults.timezone,
        "length_months": str(defaults.length_months), "meeting_every_days": str(defaults.meeting_every_days),
        "meeting_min_minutes": str(defaults.meeting_min_minutes),
        "meeting_max_minutes": str(defaults.meeting_max_minutes), "reminder_hour": str(defaults.reminder_hour),
        "closing_notice_days": str(defaults.closing_notice_days), "text_retention_months": "12",
        "audit_retention_months": "36",
        "enrolment": "open", "mentee_choice": "off", "corporate_method": "off",
        "restitution_coordinator": "off",
    }
    return ProgrammeDraft(values)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _number(draft: ProgrammeDraft, name: str) -> int:
    low, high = RANGES[name]
    value = number(draft.text(name).strip())
    if value is None or not low <= value <= high:
        raise InvalidInput(N_("programme.error.range"), field=name, low=low, high=high)
    return value


def _day(draft: ProgrammeDraft, name: str) -> date | None:
    raw = draft.text(name).strip()
    if not raw:
        return None
    day = picked_date(raw)
    if day is None:
        raise InvalidInput(N_("programme.error.date"), field=name)
    return day


def check(session: Session, workspace_id: int, draft: ProgrammeDraft, *, today: date,
          programme: Programme | None = None) -> CheckedSettings:
    """The settings, or the first bad field (in the form's order), with its error on it."""
    name = " ".join(required_text(draft.text("name"), field="name", limit=NAME_LIMIT,
                                  missing=N_("programme.error.name_missing"),
                                  too_long=N_("programme.error.too_long")).split())
    # Compared here, not in SQL: SQLite's lower() folds ASCII only, and « École » must clash with « ÉCOLE ».
    others = session.execute(select(Programme.id, Programme.name).where(Programme.workspace_id == workspace_id))
    if any(pid != (programme.id if programme else None) and other.casefold() == name.casefold()
           for pid, other in others):
        raise InvalidInput(N_("programme.error.name_taken"), field="name", name=name)
    description = optional_text(draft.text("description"), field="description", limit=DESCRIPTION_LIMIT,
                                too_long=N_("programme.error.too_long")) or ""
    language = draft.text("language").strip()
    if language not in LOCALES:
        raise InvalidInput(N_("programme.error.language"), field="language")
    zone = known_zone(draft.text("timezone").strip())
    if zone is None:
        raise InvalidInput(N_("programme.error.timezone"), field="timezone")
    numbers = {name: _number(draft, name) for name in NUMBERS}
    if numbers["meeting_min_minutes"] > numbers["meeting_max_minutes"]:
        raise InvalidInput(N_("programme.error.min_over_max"), field="meeting_max_minutes")
    if numbers["closing_notice_days"] >= numbers["length_months"] * 30:
        raise InvalidInput(N_("programme.error.notice_too_long"), field="closing_notice_days")
    enrolment = draft.text("enrolment").strip()
    if enrolment not in ENROLMENT_STATES:
        raise InvalidInput(N_("programme.error.enrolment"), field="enrolment")
    closes_on, reopens_on = _day(draft, "enrolment_closes_on"), _day(draft, "enrolment_reopens_on")
    if enrolment == "open" and closes_on is not None and closes_on < today:
        raise InvalidInput(N_("programme.error.closes_past"), field="enrolment_closes_on")
    if enrolment == "closed" and reopens_on is not None and reopens_on <= today:
        raise InvalidInput(N_("programme.error.reopens_past"), field="enrolment_reopens_on")
    cohort = _day(draft, "cohort_starts_on")
    choice = draft.text("mentee_choice").strip()
    if choice not in CHOICE_MODES:
        raise InvalidInput(N_("programme.error.choice"), field="mentee_choice")
    corporate = draft.text("corporate_method").strip() or "off"
    if corporate not in ("on", "off"):
        raise InvalidInput(N_("programme.error.corporate"), field="corporate_method")
    with_coordinator = draft.text("restitution_coordinator").strip() or "off"
    if with_coordinator not in ("on", "off"):
        raise InvalidInput(N_("programme.error.corporate"), field="restitution_coordinator")
    parts = {}
    for part in convention_versions.PART_NAMES:
        limit = CLAUSE_LIMIT if part.startswith("clause") or part == "privacy" else PART_LIMIT
        typed = optional_text(draft.text(part), field=part, limit=limit, too_long=N_("programme.error.too_long"))
        if typed:
            parts[part] = typed
    return CheckedSettings(name, description, language, zone, numbers, enrolment == "open",
                           closes_on if enrolment == "open" else None, reopens_on if enrolment == "closed" else None,
                           cohort, choice, corporate == "on", with_coordinator == "on", parts)


def _write(programme: Programme, settings: CheckedSettings, draft: ProgrammeDraft) -> None:
    programme.name, programme.description = settings.name, settings.description
    programme.language, programme.timezone = settings.language, settings.timezone
    for name, value in settings.numbers.items():
        setattr(programme, name, value)
    programme.enrolment_open = settings.enrolment_open
    programme.enrolment_closes_on, programme.enrolment_reopens_on = (settings.enrolment_closes_on,
                                                                     settings.enrolment_reopens_on)
    programme.cohort_starts_on, programme.mentee_choice = settings.cohort_starts_on, settings.mentee_choice
    programme.corporate_method = settings.corporate_method
    programme.restitution_coordinator = settings.restitution_coordinator
    programme.convention_parts = settings.parts
    if "themes_defaults" in draft.values or "themes_extra" in draft.values:
        programme.themes = set_themes_on_field(programme, draft)


def set_themes_on_field(programme: Programme, draft: ProgrammeDraft) -> list[str]:
    """The themes list from the form's two fields; its errors name the form's field, not the themes form's."""
    try:
        return set_themes(programme, draft.picked("themes_defaults"), draft.text("themes_extra"))
    except InvalidInput as error:
        raise InvalidInput(error.key, field="themes_extra", **error.params) from error


def may_create(session: Session, person: Person, rule: CoordinatorRule) -> bool:
    """Who may start a programme: whoever coordinates one of their workspace (or coordinates by right)."""
    if rule.by_right(person):
        return True
    programmes = session.scalars(select(Programme).where(Programme.workspace_id == person.workspace_id))
    return any(is_coordinator(session, person, p, rule) for p in programmes)


MAX_RUNNING = 30  # per workspace: more than any organisation runs at once, few enough to list


def create(session: Session, *, by: Person, rule: CoordinatorRule, draft: ProgrammeDraft, today: date,
           now: datetime) -> Programme:
    """A new programme of the person's workspace; they become its first coordinator."""
    if not may_create(session, by, rule):
        raise NotAllowed(N_("programme.error.not_coordinator"))
    if (session.scalar(select(func.count(Programme.id)).where(Programme.workspace_id == by.workspace_id,
                                                               Programme.archived_at.is_(None))) or 0) >= MAX_RUNNING:
        raise Conflict(N_("programme.error.too_many"), limit=MAX_RUNNING)
    settings = check(session, by.workspace_id, draft, today=today)
    programme = Programme(workspace_id=by.workspace_id, created_at=now)
    _write(programme, settings, draft)
    if "themes_defaults" not in draft.values and "themes_extra" not in draft.values:
        programme.themes = None  # the default list
    session.add(programme)
    session.flush()
    add_coordinator(session, programme, by, added_by=by, now=now)
    convention_versions.current(session, programme, now=now, by=by)
    audit.record_for_programme(session, programme, "programme.created", by, now)
    return programme


def edit(session: Session, *, by: Person, rule: CoordinatorRule, programme: Programme, draft: ProgrammeDraft,
         today: date, now: datetime) -> bool:
    """Write the settings; True when the convention's terms or wording changed (a new version for the next
    pairs: the conventions already sent keep theirs)."""
    require(session, by, Act.PROGRAMME_EDIT, programme, rule)
    require_running(programme)
    settings = check(session, programme.workspace_id, draft, today=today, programme=programme)
    before = convention_versions.latest(session, programme)
    _write(programme, settings, draft)
    session.flush()
    after = convention_versions.current(session, programme, now=now, by=by)
    audit.record_for_programme(session, programme, "programme.edited", by, now)
    return before is not None and after.id != before.id  # no version yet: no convention was sent under older terms


def set_archived(session: Session, *, by: Person, rule: CoordinatorRule, programme: Programme, archived: bool,
                 now: datetime) -> None:
    """Archive (no new pairs, no new enrolments; its figures stay readable) or bring back a programme."""
    require(session, by, Act.PROGRAMME_EDIT, programme, rule)
    if archived and programme.archived_at is None:
        if session.scalar(select(func.count(Programme.id)).where(
                Programme.workspace_id == programme.workspace_id, Programme.archived_at.is_(None))) == 1:
            raise Conflict(N_("programme.error.last_one"), name=programme.name)
        programme.archived_at = now
        audit.record_for_programme(session, programme, "programme.archived", by, now)
    elif not archived and programme.archived_at is not None:
        programme.archived_at = None
        audit.record_for_programme(session, programme, "programme.restored", by, now)
