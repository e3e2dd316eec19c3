"""Bulk pairing from a CSV file: one convention per good line, every bad line reported.

Each line is its own unit of work inside the import (a savepoint): a line is either fully
created (the convention and both invitations) or not at all, and a bad line never stops the
good ones. Lines name people by their chat platform's id, read by a `MemberId` function: on Slack
the member id (U012ABCDEF or a <@U012ABCDEF> mention; looking people up by e-mail would need a wider
Slack scope than the bot asks for), on Teams the Microsoft Entra object id (handlers/teams/reports.py).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.notify import Mention
from bot.services import conventions, profile_import
from bot.services.csv_lines import csv_reader, first_line
from bot.services.errors import DomainError, InvalidInput
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule
from storage.models import Person, Programme

MAX_ROWS = 500
MEMBER = re.compile(r"^(?:<@)?([UW][A-Z0-9]{2,})(?:\|[^>]*)?>?$")
COLUMNS = {"mentor": 0, "mentee": 1, "mentore": 1, "mentoré": 1, "mentorée": 1, "mentoree": 1,
           "start": 2, "debut": 2, "début": 2, "date": 2,
           "manager": 3, "gestionnaire": 3}  # the corporate method's third person, optional


@dataclass(frozen=True)
class Row:
    line: int
    mentor: str
    mentee: str
    start: date | None
    manager: str | None = None


@dataclass(frozen=True)
class BadRow:
    line: int
    error: DomainError  # an i18n key and its parameters, rendered in the reader's language


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    existing: list[int] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    # A profile file (a `role` column): the people enrolled, and those whose profile was updated.
    enrolled: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    profiles: bool = False


MemberId = Callable[[str], str]  # a cell -> the person's id on the platform; InvalidInput is the line's reason


def slack_member(value: str) -> str:
    match = MEMBER.match(value)
    if match is None:
        raise InvalidInput("import.reason.person", value=value[:40])
    return match.group(1)


def _header(cells: list[str]) -> dict[int, int] | None:
    """Column positions from a header line (any order), or None when the line is data."""
    names = [c.strip().lower() for c in cells]
    if not any(n in COLUMNS for n in names):
        return None
    return {COLUMNS[n]: i for i, n in enumerate(names) if n in COLUMNS}


def _cell(cells: list[str], positions: dict[int, int], column: int) -> str:
    index = positions.get(column)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def parse_rows(text: str, member: MemberId = slack_member) -> tuple[list[Row], list[BadRow]]:
    """The lines of a CSV (comma, semicolon or tab; an optional header line); numbers are file lines."""
    text = text.lstrip("\ufeff")
    rows: list[Row] = []
    bad: list[BadRow] = []
    positions = {0: 0, 1: 1, 2: 2, 3: 3}
    reader = csv_reader(text)
    first = True
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if first:
            first = False
            header = _header(cells)
            if header is not None:
                if 0 not in header or 1 not in header:
                    raise InvalidInput("error.import.header", field="file")
                positions = header
                continue

        mentor, mentee, start_raw, manager = (_cell(cells, positions, column) for column in (0, 1, 2, 3))
        if not mentor or not mentee:
            bad.append(BadRow(line, InvalidInput("import.reason.columns")))
            continue
        try:
            ids = [member(value) for value in (mentor, mentee, *([manager] if manager else []))]
        except InvalidInput as error:
            bad.append(BadRow(line, error))
            continue
        try:
            start = date.fromisoformat(start_raw) if start_raw else None
        except ValueError:
            bad.append(BadRow(line, InvalidInput("error.pair.bad_date", value=start_raw[:40])))
            continue
        rows.append(Row(line, ids[0], ids[1], start, ids[2] if len(ids) == 3 else None))
        if len(rows) + len(bad) > MAX_ROWS:
            raise InvalidInput("error.import.too_many", field="file", limit=MAX_ROWS)
    if not rows and not bad:
        raise InvalidInput("error.import.empty", field="file")
    return rows, bad


Resolve = Callable[[str], Person]  # a member id -> the person (raises a DomainError when unknown)


def named_people(text: str, member: MemberId = slack_member) -> list[str]:
    """Everyone a file's good lines name (pairs or profiles), for a front end that must reach them first."""
    if profile_import.is_profile_file(first_line(text)):
        rows, _refused = profile_import.parse_profile_rows(text, member, MAX_ROWS)
        managers: list[str] = []
        for row in rows:
            with contextlib.suppress(InvalidInput):
                managers += [member(row.cells["manager"])] if row.cells.get("manager") else []
        return sorted({row.person for row in rows} | set(managers))
    pairs, _bad = parse_rows(text, member)
    return sorted({row.mentor for row in pairs} | {row.mentee for row in pairs}
                  | {row.manager for row in pairs if row.manager})


def import_pairs(session: Session, *, programme: Programme, coordinator: Person, text: str, resolve: Resolve,
                 today: date, now: datetime, rule: CoordinatorRule, member: MemberId = slack_member) -> ImportResult:
    """The file's pairs, or its profiles when it has a `role` column (bot/services/profile_import.py)."""
    if profile_import.is_profile_file(first_line(text)):
        return _import_profiles(session, programme, coordinator, text, resolve, now, rule, member)
    require(session, coordinator, Act.PAIR, programme, rule)
    rows, bad = parse_rows(text, member)
    result = ImportResult(bad=list(bad))
    seen_mentors: set[str] = set()
    seen_mentees: set[str] = set()
    names: dict[str, str] = {}  # who a line named, as the platform knows them (for a later line's refusal)
    for row in rows:
        if row.mentor in seen_mentors or row.mentee in seen_mentees:
            twice = row.mentor if row.mentor in seen_mentors else row.mentee
            result.bad.append(BadRow(row.line, InvalidInput("import.reason.duplicate",
                                                                  name=Mention(twice, names.get(twice, twice)))))
            continue
        try:
            with session.begin_nested():  # the line's convention and invitations, or nothing
                mentor, mentee = _person(resolve, row.mentor), _person(resolve, row.mentee)
                manager = _person(resolve, row.manager) if row.manager else None
                paired = conventions.pair(session, programme=programme, coordinator=coordinator, mentor=mentor,
                                          mentee=mentee, starts_on=row.start or today, today=today, now=now,
                                          rule=rule, manager=manager)
        except DomainError as error:
            result.bad.append(BadRow(row.line, error))
            continue
        seen_mentors.add(row.mentor)
        seen_mentees.add(row.mentee)
        names |= {row.mentor: mentor.display_name or row.mentor, row.mentee: mentee.display_name or row.mentee}
        (result.created if paired.created else result.existing).append(paired.convention.id)
    result.bad.sort(key=lambda b: b.line)
    return result


def _import_profiles(session: Session, programme: Programme, coordinator: Person, text: str, resolve: Resolve,
                     now: datetime, rule: CoordinatorRule, member: MemberId) -> ImportResult:
    require(session, coordinator, Act.ENROLMENT_EDIT, programme, rule)
    rows, bad = profile_import.parse_profile_rows(text, member, MAX_ROWS)
    done, refused = profile_import.import_profiles(
        session, programme=programme, coordinator=coordinator, rows=rows,
        resolve=lambda member_id: _person(resolve, member_id), member=member, now=now, rule=rule)
    result = ImportResult(bad=sorted((BadRow(line, error) for line, error in (*bad, *refused)), key=lambda b: b.line),
                          profiles=True)
    result.enrolled = [d.person_id for d in done if d.new]
    result.updated = [d.person_id for d in done if not d.new]
    return result


def _person(resolve: Resolve, member_id: str) -> Person:
    try:
        return resolve(member_id)
    except DomainError as error:
        if error.key == N_("error.pair.unknown_user"):
            raise InvalidInput("import.reason.unknown", name=Mention(member_id, member_id)) from error
        raise
