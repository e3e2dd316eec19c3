"""Enrolment and profiles: who offers to mentor or asks to be mentored in a programme, and with what.

A profile is read by its owner, by the programme's coordination (for matching) and by the partner
once they are paired (the profile exchange before the first meeting); nobody else
(`policy.require(..., Act.PROFILE_READ, profile)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n.dates import local_date
from bot.i18n.locales import babel_locale
from bot.services import audit
from bot.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.services.matching import WINDOWS
from bot.services.policy import Act, require
from bot.services.programmes import enrolment_closed_by_date, require_running
from bot.services.roles import CoordinatorRule, is_coordinator
from bot.services.themes import programme_themes
from bot.services.typed_text import number
from storage.models import OPEN_CONVENTION_STATUSES, Convention, Person, Profile, Programme

# The languages a person can say they speak (ISO 639-1); their names come from CLDR through Babel.
SPOKEN = ("fr", "en", "es", "pt", "ar", "de", "it", "zh", "ht", "vi")
MODES = ("in_person", "video", "phone", "chat")
DAYS = range(7)
MAX_CAPACITY = 5
LIMITS = {"aspiration": 1000, "motivation": 1000, "expertise": 500, "learning": 500, "presentation": 1000,
          "link": 500, "team": 200}


def language_name(lang: str, code: str) -> str:
    return Locale.parse(babel_locale(lang)).languages.get(code, code)


@dataclass(frozen=True)
class ProfileInput:
    """The profile form as typed and picked: strings and lists, checked by `check`."""

    as_mentor: bool
    as_mentee: bool
    themes: Sequence[str]
    aspiration: str
    motivation: str
    expertise: str
    learning: str
    languages: Sequence[str]
    modes: Sequence[str]
    days: Sequence[str]
    windows: Sequence[str]
    capacity: str
    presentation: str
    link: str
    team: str


@dataclass(frozen=True)
class CheckedProfile:
    as_mentor: bool
    as_mentee: bool
    themes: list[str]
    texts: dict[str, str]  # aspiration, motivation, expertise, learning, presentation, link, team
    languages: list[str]
    modes: list[str]
    days: list[int]
    windows: list[str]
    capacity: int


def _picked(values: Iterable[str], allowed: Iterable[str], field: str) -> list[str]:
    allowed = list(allowed)
    chosen = {v for v in values if v}
    if chosen - set(allowed):
        raise InvalidInput("profile.error.unknown_choice", field=field)  # an altered form
    return [a for a in allowed if a in chosen]


def check(programme: Programme, typed: ProfileInput) -> CheckedProfile:
    """The profile to store, or the first field to fix (an InvalidInput naming it)."""
    if not (typed.as_mentor or typed.as_mentee):
        raise InvalidInput("profile.error.roles", field="roles")
    themes = _picked(typed.themes, programme_themes(programme), "themes")
    if not themes:
        raise InvalidInput("profile.error.themes", field="themes")
    texts = {name: getattr(typed, name).strip() for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(texts[name]) > limit:
            raise InvalidInput("profile.error.too_long", field=name, limit=limit)
    if typed.as_mentee and not texts["aspiration"]:
        raise InvalidInput("profile.error.aspiration", field="aspiration")
    if typed.as_mentor and not texts["motivation"]:
        raise InvalidInput("profile.error.motivation", field="motivation")
    languages = _picked(typed.languages, SPOKEN, "languages")
    if not languages:
        raise InvalidInput("profile.error.languages", field="languages")
    modes = _picked(typed.modes, MODES, "modes")
    if not modes:
        raise InvalidInput("profile.error.modes", field="modes")
    days = [int(d) for d in _picked(typed.days, [str(d) for d in DAYS], "days")]
    if not days:
        raise InvalidInput("profile.error.days", field="days")
    windows = _picked(typed.windows, WINDOWS, "windows")
    if not windows:
        raise InvalidInput("profile.error.windows", field="windows")
    capacity = 1
    if typed.as_mentor:
        found = number(typed.capacity.strip() if isinstance(typed.capacity, str) else None, digits=2)
        if found is None or not 1 <= found <= MAX_CAPACITY:
            raise InvalidInput("profile.error.capacity", field="capacity", most=MAX_CAPACITY)
        capacity = found
    if texts["link"] and not safe_link(texts["link"]):
        raise InvalidInput("profile.error.link", field="link")
    if not texts["presentation"]:
        raise InvalidInput("profile.error.presentation", field="presentation")
    return CheckedProfile(typed.as_mentor, typed.as_mentee, themes, texts, languages, modes, days, windows, capacity)


# Characters no honest address needs, which a chat's markup would read (a link inside a link, a mention).
LINK_REFUSED = set('<>|()[]{}"\'`\\^')


def safe_link(link: str) -> bool:
    """An https address with a host, and nothing a chat's markup could read: the partner clicks it."""
    if any(c in LINK_REFUSED or c.isspace() or not c.isprintable() for c in link):
        return False
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:  # "https://[x": an unclosed IPv6 bracket
        return False
    return parts.scheme == "https" and bool(host)


def profile_of(session: Session, programme: Programme, person: Person) -> Profile | None:
    """The person's profile in the programme, withdrawn or not."""
    return session.scalars(select(Profile).where(Profile.programme_id == programme.id,
                                                 Profile.person_id == person.id)).first()


def enrolled(profile: Profile | None) -> bool:
    return profile is not None and profile.withdrawn_at is None


def require_open(programme: Programme, today: date | None = None) -> None:
    """A new enrolment needs the programme running and its enrolment open (on `today`, when its closing
    date is known to be past); a closed one says when it reopens."""
    require_running(programme)
    if programme.enrolment_open and not (today is not None and enrolment_closed_by_date(programme, today)):
        return
    if programme.enrolment_reopens_on is not None:
        raise Conflict("enrolment.closed_until", field="roles", day=programme.enrolment_reopens_on)
    raise Conflict("enrolment.closed", field="roles")


@dataclass(frozen=True)
class Avoid:
    """Whom not to be paired with: the manager and one named person (both in the same workspace)."""

    manager: Person | None
    person: Person | None


def save(session: Session, programme: Programme, person: Person, checked: CheckedProfile, avoid: Avoid,
         tz: str, now: datetime, *, by: Person | None = None) -> tuple[Profile, bool]:
    """Store the profile; True when it is a new enrolment (or one back after a withdrawal).

    `by`: the coordinator who loads it (a bulk import), who may enrol people while enrolment is closed."""
    for field, other in (("manager", avoid.manager), ("avoid", avoid.person)):
        if other is not None and other.id == person.id:
            raise InvalidInput("profile.error.avoid_self", field=field)
        if other is not None and other.workspace_id != programme.workspace_id:
            raise InvalidInput("error.no_access", field=field)
    profile = profile_of(session, programme, person)
    new = not enrolled(profile)
    if new and by is None:
        require_open(programme, local_date(now, programme.timezone))
    if profile is None:
        profile = Profile(programme_id=programme.id, person_id=person.id, enrolled_at=now, timezone=tz)
        session.add(profile)
    elif profile.withdrawn_at is not None:
        profile.enrolled_at, profile.withdrawn_at, profile.announced_at = now, None, None
    profile.as_mentor, profile.as_mentee = checked.as_mentor, checked.as_mentee
    profile.themes, profile.languages, profile.modes = checked.themes, checked.languages, checked.modes
    profile.days, profile.windows, profile.capacity = checked.days, checked.windows, checked.capacity
    for name, value in checked.texts.items():
        setattr(profile, name, value)
    profile.manager_id = avoid.manager.id if avoid.manager else None
    profile.avoid_id = avoid.person.id if avoid.person else None
    profile.timezone, profile.updated_at = tz, now
    profile.loaded_by_id = by.id if by else None
    session.flush()
    profile.programme, profile.person = programme, person
    audit.record_for_programme(session, programme, "profile.enrolled" if new else "profile.updated", by or person, now,
                               person=person.id)
    return profile, new


def withdraw(session: Session, programme: Programme, person: Person, now: datetime) -> Profile:
    """Out of the waiting pool (a running convention is not touched; requests: mentor_requests.withdrawn)."""
    profile = profile_of(session, programme, person)
    if not enrolled(profile):
        raise NotFound("enrolment.not_enrolled")
    assert profile is not None
    profile.withdrawn_at = profile.updated_at = now
    audit.record_for_programme(session, programme, "profile.withdrawn", person, now)
    return profile


def readable_profile(session: Session, reader: Person, programme: Programme, subject: Person,
                     rule: CoordinatorRule) -> Profile:
    """The subject's profile if the reader may read it (themselves, the coordination, a partner)."""
    profile = profile_of(session, programme, subject)
    if profile is None:
        # Whether someone has a profile is itself theirs to tell: only they and the coordination learn it.
        if reader.id != subject.id and not is_coordinator(session, reader, programme, rule):
            raise NotAllowed("profile.not_yours")
        raise NotFound("profile.none")
    require(session, reader, Act.PROFILE_READ, profile, rule)
    return profile


def set_enrolment(session: Session, coordinator: Person, programme: Programme, rule: CoordinatorRule, *,
                  open_: bool, reopens_on: date | None, today: date, now: datetime) -> None:
    require(session, coordinator, Act.ENROLMENT_EDIT, programme, rule)
    if not open_ and reopens_on is not None and reopens_on <= today:
        raise InvalidInput("enrolment.error.reopen_past", field="reopens")
    programme.enrolment_open = open_
    programme.enrolment_reopens_on = None if open_ else reopens_on
    audit.record_for_programme(session, programme, "enrolment.opened" if open_ else "enrolment.closed", coordinator,
                               now)


def open_count(session: Session, programme: Programme, *, mentor: Person | None = None,
               mentee: Person | None = None) -> int:
    query = select(func.count(Convention.id)).where(Convention.programme_id == programme.id,
                                                    Convention.status.in_(OPEN_CONVENTION_STATUSES))
    if mentor is not None:
        query = query.where(Convention.mentor_id == mentor.id)
    if mentee is not None:
        query = query.where(Convention.mentee_id == mentee.id)
    return session.scalar(query) or 0


def capacity_of(session: Session, programme: Programme, mentor: Person) -> int:
    """How many mentees at once: the mentor's profile says; without one, one."""
    profile = profile_of(session, programme, mentor)
    return profile.capacity if enrolled(profile) and profile is not None and profile.as_mentor else 1


def count_enrolled(session: Session, programme: Programme) -> int:
    return session.scalar(select(func.count(Profile.id)).where(Profile.programme_id == programme.id,
                                                               Profile.withdrawn_at.is_(None))) or 0
