"""Loading profiles in bulk: a CSV with a `role` column makes or updates one profile per good line.

The same file format rules as the pairs' import (comma, semicolon or tab; the person by their chat id),
one savepoint per line, and the same checks as the profile form: a bad line is reported with the
column and the reason, and never stops the good ones. A list in a cell (themes, languages, days…) is
separated by `|`, `/` or `+`; values are read in French or English, with or without accents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.i18n import labels, t
from bot.i18n.rich import rt
from bot.notify import Button, Message
from bot.services import actions, outbox, profiles
from bot.services.csv_lines import csv_reader
from bot.services.errors import Conflict, DomainError, InvalidInput
from bot.services.matching import WINDOWS
from bot.services.matching.words import normalise_keyword
from bot.services.people import language_of, mention, timezone_of
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule
from bot.services.themes import programme_themes, theme_label
from storage.models import Person, Programme, Reminder

COLUMNS = {
    "personne": "person", "person": "person", "membre": "person", "member": "person",
    "role": "role", "roles": "role",
    "themes": "themes", "langues": "languages", "languages": "languages", "modes": "modes",
    "jours": "days", "days": "days", "moments": "windows", "windows": "windows", "plages": "windows",
    "capacite": "capacity", "capacity": "capacity",
    "presentation": "presentation", "introduction": "presentation",
    "aspiration": "aspiration", "objectif": "aspiration", "goal": "aspiration",
    "motivation": "motivation", "expertise": "expertise", "apprendre": "learning", "learning": "learning",
    "lien": "link", "link": "link", "equipe": "team", "team": "team",
    "gestionnaire": "manager", "manager": "manager",
}
LIST_SEPARATORS = "|/+"
ROLE_WORDS = {"mentor": ("mentor",), "mentore": ("mentee",), "mentoree": ("mentee",), "mentee": ("mentee",),
              "les deux": ("mentor", "mentee"), "deux": ("mentor", "mentee"), "both": ("mentor", "mentee")}
LOCALES = ("fr", "en")


def fold(text: str) -> str:
    """The matching's folding (case, accents, spaces), and the inclusive dot: 'Mentoré·e' reads as 'mentoree'."""
    return " ".join(normalise_keyword(text).replace("·", "").split())


def is_profile_file(header: Iterable[str]) -> bool:
    return any(COLUMNS.get(fold(cell)) == "role" for cell in header)


@dataclass(frozen=True)
class ProfileRow:
    line: int
    person: str  # the person's id on the platform
    cells: dict[str, str]  # column name -> text


def parse_profile_rows(text: str, member: Callable[[str], str], max_rows: int
                       ) -> tuple[list[ProfileRow], list[tuple[int, DomainError]]]:
    """The lines of a profile file (its first line is the header); numbers are file lines."""
    reader = csv_reader(text.lstrip("\ufeff"))
    rows: list[ProfileRow] = []
    bad: list[tuple[int, DomainError]] = []
    names: list[str | None] | None = None
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if names is None:
            names = [COLUMNS.get(fold(cell)) for cell in cells]
            if "person" not in names:
                raise InvalidInput("error.import.profile_header", field="file")
            continue
        found = {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name}
        try:
            rows.append(ProfileRow(reader.line_num, member(found.get("person", "")), found))
        except InvalidInput as error:
            bad.append((reader.line_num, error))
        if len(rows) + len(bad) > max_rows:
            raise InvalidInput("error.import.too_many", field="file", limit=max_rows)
    if not rows and not bad:
        raise InvalidInput("error.import.empty", field="file")
    return rows, bad


def _words(lang_keys: dict[str, str]) -> dict[str, str]:
    """value -> label key, as every word a person could write: the value itself and its labels."""
    words = {}
    for value, key in lang_keys.items():
        words[fold(value)] = value
        for lang in LOCALES:
            words[fold(t(lang, key, start="", end="").split("(")[0])] = value
    return words


def _vocabularies(programme: Programme) -> dict[str, dict[str, str]]:
    themes = {}
    for theme in programme_themes(programme):
        themes[fold(theme)] = theme
        for lang in LOCALES:
            themes[fold(theme_label(lang, theme))] = theme
    languages = {code: code for code in profiles.SPOKEN}
    for lang in LOCALES:
        languages |= {fold(profiles.language_name(lang, code)): code for code in profiles.SPOKEN}
    days = {}
    for number, key in enumerate(labels.DAY):
        for lang in LOCALES:
            name = fold(t(lang, key))
            days[name], days[name[:3]] = str(number), str(number)
    modes = _words(labels.PROFILE_MODE) | {"presentiel": "in_person", "en personne": "in_person",
                                           "in person": "in_person", "visio": "video"}
    windows = _words({w: labels.WINDOW[w] for w in WINDOWS}) | {"soir": "evening", "fin de journee": "evening"}
    return {"themes": themes, "languages": languages, "days": days, "modes": modes, "windows": windows}


def _split(cell: str) -> list[str]:
    for separator in LIST_SEPARATORS[1:]:
        cell = cell.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in cell.split(LIST_SEPARATORS[0]) if part.strip()]


def _mapped(cell: str, words: dict[str, str], column: str) -> list[str]:
    found = []
    for part in _split(cell):
        value = words.get(fold(part))
        if value is None:
            raise InvalidInput("import.reason.value", column=column, value=part[:40])
        found.append(value)
    return found


def typed_input(programme: Programme, cells: dict[str, str]) -> profiles.ProfileInput:
    """A line as the profile form would have it; an unknown word is the line's reason."""
    words = _vocabularies(programme)
    roles: set[str] = set()
    for part in _split(cells.get("role", "")):
        found = ROLE_WORDS.get(fold(part))
        if found is None:
            raise InvalidInput("import.reason.value", column="role", value=part[:40])
        roles.update(found)
    listed = {name: _mapped(cells.get(name, ""), words[name], name) for name in words}
    return profiles.ProfileInput(
        as_mentor="mentor" in roles, as_mentee="mentee" in roles, themes=listed["themes"],
        aspiration=cells.get("aspiration", ""), motivation=cells.get("motivation", ""),
        expertise=cells.get("expertise", ""), learning=cells.get("learning", ""), languages=listed["languages"],
        modes=listed["modes"], days=listed["days"], windows=listed["windows"],
        capacity=cells.get("capacity", "") or "1", presentation=cells.get("presentation", ""),
        link=cells.get("link", ""), team=cells.get("team", ""))


Resolve = Callable[[str], Person]


@dataclass(frozen=True)
class ProfileLine:
    line: int
    person_id: int
    new: bool


def import_profiles(session: Session, *, programme: Programme, coordinator: Person, rows: list[ProfileRow],
                    resolve: Resolve, member: Callable[[str], str], now: datetime,
                    rule: CoordinatorRule) -> tuple[list[ProfileLine], list[tuple[int, DomainError]]]:
    """Each line's profile, in its own savepoint; the lines refused and why."""
    require(session, coordinator, Act.ENROLMENT_EDIT, programme, rule)
    done: list[ProfileLine] = []
    bad: list[tuple[int, DomainError]] = []
    for row in rows:
        try:
            with session.begin_nested():
                checked = profiles.check(programme, typed_input(programme, row.cells))
                person = resolve(row.person)
                mine = profiles.profile_of(session, programme, person)
                if mine is not None and mine.withdrawn_at is not None:
                    raise Conflict("import.reason.withdrawn")  # they left: only they come back
                if mine is not None and mine.loaded_by_id is None:
                    raise Conflict("import.reason.own_profile")  # what a person wrote is theirs to change
                manager = resolve(member(row.cells["manager"])) if row.cells.get("manager") else None
                profile, new = profiles.save(session, programme, person, checked, profiles.Avoid(manager, None),
                                             timezone_of(person, programme.timezone), now, by=coordinator)
        except DomainError as error:  # its field, when it names one, is the column the summary names
            bad.append((row.line, error))
            continue
        done.append(ProfileLine(row.line, profile.person_id, new))
        # The person learns their profile was written for them, and checks it.
        outbox.enqueue(session, kind=LOADED, recipient_id=profile.person_id, due_at=now, now=now,
                       payload={"programme": programme.id},
                       dedupe_key=f"{LOADED}:{programme.id}:{profile.person_id}:{now:%Y-%m-%d}")
    return done, bad


def _loaded(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    programme = session.get(Programme, reminder.payload.get("programme"))
    profile = profiles.profile_of(session, programme, person) if programme is not None else None
    if programme is None or profile is None or profile.loaded_by_id is None:
        return None  # edited by the person since
    lang = language_of(person, programme.language)
    return Message(text=rt(lang, "profile.loaded", programme=programme.name, coordinator=mention(profile.loaded_by)),
                   headline=False, buttons=(Button(t(lang, "profile.button.edit"), actions.PROFILE_EDIT, "edit",
                                                   style="primary"),))


LOADED = "profile_loaded"
COMPOSERS = {LOADED: _loaded}
