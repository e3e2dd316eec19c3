"""Enrolment and profiles, from Slack or Teams: sign up as mentor, mentee or both; edit the profile;
withdraw; read a profile (oneself, a partner, the coordination); open or close the enrolment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.dates import format_day
from bot.i18n.rich import rt
from bot.notify import Button, Link, Message, Section, Text
from bot.services import actions, audit, conventions, mentor_requests, profiles, programmes
from bot.services.errors import InvalidInput
from bot.services.matching import WINDOWS
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, Role
from bot.services.themes import DEFAULT_THEMES, programme_themes, set_themes, theme_choices, theme_label
from storage.models import Person, Profile

# Where each field's error goes, and the words `inscription …` understands.
FIELDS = ("roles", "themes", "aspiration", "motivation", "expertise", "learning", "languages", "modes", "days",
          "windows", "capacity", "presentation", "link", "team", "manager", "avoid")
WITHDRAW_WORDS = frozenset({"retirer", "withdraw", "quitter", "leave"})
CLOSE_WORDS = frozenset({"fermer", "close"})
OPEN_WORDS = frozenset({"ouvrir", "open"})
CHOICE_WORDS = frozenset({"choix", "choice"})
# `inscription choix …`: who chooses the mentor.
CHOICE_MODES = {"non": "off", "off": "off", "valide": "confirm", "validé": "confirm", "confirm": "confirm",
                "libre": "trusted", "trusted": "trusted"}


Choices = list[tuple[str, str]]
CHOICE_SAID = {"off": N_("request.mode.off"), "confirm": N_("request.mode.confirm"),
               "trusted": N_("request.mode.trusted")}


@dataclass(frozen=True)
class ProfileFormView:
    """What the profile form shows: its choices in the person's language and the values to start from."""

    lang: str
    new: bool  # an enrolment rather than an edit
    values: dict[str, str | list[str]]
    people: dict[str, str | None]  # "manager" / "avoid" -> the platform's id of the person picked
    picked: dict[str, tuple[str, str]]  # the same, as (name, id): a picker shows a name, not an id
    roles: Choices
    themes: Choices
    languages: Choices
    modes: Choices
    days: Choices
    windows: Choices
    tz: str
    title: str = field(default="")
    programme_id: int | None = None  # the programme it was opened in: its submit acts there or is refused


def _choices(actor: Actor) -> dict[str, Choices]:
    lang = actor.lang
    return {
        "roles": [(t(lang, "profile.role.mentor"), "mentor"), (t(lang, "profile.role.mentee"), "mentee")],
        "themes": theme_choices(lang, actor.programme),
        "languages": [(profiles.language_name(lang, code), code) for code in profiles.SPOKEN],
        "modes": [(t(lang, labels.PROFILE_MODE[m]), m) for m in profiles.MODES],
        "days": [(t(lang, labels.DAY[d]), str(d)) for d in profiles.DAYS],
        "windows": [(t(lang, labels.WINDOW[w], start=WINDOWS[w][0], end=WINDOWS[w][1]), w) for w in WINDOWS],
    }


def _values(profile: Profile | None, actor: Actor, wish: str | None) -> dict[str, str | list[str]]:
    if profile is None:
        spoken = actor.lang.split("_")[0]
        return {"roles": [wish] if wish else [], "languages": [spoken] if spoken in profiles.SPOKEN else [],
                "capacity": "1", "days": ["0", "1", "2", "3", "4"], "windows": []}
    return {
        "roles": [r for r, on in (("mentor", profile.as_mentor), ("mentee", profile.as_mentee)) if on],
        "themes": [th for th in profile.themes if th in programme_themes(actor.programme)],
        "languages": list(profile.languages), "modes": list(profile.modes),
        "days": [str(d) for d in profile.days], "windows": list(profile.windows), "capacity": str(profile.capacity),
        **{name: getattr(profile, name) for name in profiles.LIMITS},
    }


def profile_form(session: Session, actor: Actor, wish: str | None = None) -> ProfileFormView:
    """`inscription`, `profil`, « Devenir mentor » / « Trouver un mentor »: the form, filled with what is known.

    A new enrolment into a closed programme is refused here, before the form opens, with the date it reopens.
    """
    profile = profiles.profile_of(session, actor.programme, actor.person)
    new = not profiles.enrolled(profile)
    if new:
        profiles.require_open(actor.programme)
    keep = profile if profile is not None else None
    chosen = {"manager": keep.manager if keep else None, "avoid": keep.avoid if keep else None}
    people = {field: person.external_id if person else None for field, person in chosen.items()}
    picked = {field: (person.display_name or person.external_id, person.external_id)
              for field, person in chosen.items() if person is not None}
    title = t(actor.lang, N_("profile.title.new") if new else N_("profile.title.edit"))
    choices = _choices(actor)
    return ProfileFormView(actor.lang, new, _values(keep, actor, wish), people, picked, roles=choices["roles"],
                           themes=choices["themes"], languages=choices["languages"], modes=choices["modes"],
                           days=choices["days"], windows=choices["windows"], tz=actor.tz, title=title,
                           programme_id=actor.programme.id)


@dataclass(frozen=True)
class Enrolled:
    reply: Message
    new: bool


def save_profile(session: Session, actor: Actor, now: datetime, typed: profiles.ProfileInput,
                 avoid: profiles.Avoid) -> Enrolled:
    """The form saved; the first time, the person learns what happens next."""
    checked = profiles.check(actor.programme, typed)
    profile, new = profiles.save(session, actor.programme, actor.person, checked, avoid, actor.tz, now)
    lang = actor.lang
    choosing = profile.as_mentee and mentor_requests.choosing(actor.programme)
    key = N_("profile.saved.edit") if not new else N_("profile.saved.new_choose") if choosing else N_("profile.saved.new")
    roles = ", ".join(t(lang, labels.ROLE[r]) for r in ("mentor", "mentee") if getattr(profile, f"as_{r}"))
    text = rt(lang, key, roles=roles, programme=actor.programme.name)
    buttons: tuple[Button, ...] = (Button(t(lang, "profile.button.edit"), actions.PROFILE_EDIT, "edit"),)
    if choosing:
        buttons = (Button(t(lang, "request.button.choose"), actions.SUGGESTIONS_SHOW, "choose", style="primary"),
                   *buttons)
    return Enrolled(Message(text=text, headline=False, buttons=buttons), new)


def withdraw(session: Session, actor: Actor, now: datetime) -> str:
    profiles.withdraw(session, actor.programme, actor.person, now)
    mentor_requests.withdrawn(session, actor.programme, actor.person, now)
    return t(actor.lang, "enrolment.withdrawn", programme=actor.programme.name)


def _parse_day(typed: str) -> date:
    try:
        return date.fromisoformat(typed.strip())
    except ValueError as exc:
        raise InvalidInput("enrolment.error.reopen_date", value=typed[:40]) from exc


def enrolment_command(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime,
                      typed: str) -> str | ProfileFormView:
    """`inscription [retirer | fermer [AAAA-MM-JJ] | ouvrir]`: the form, or the word's effect said back."""
    word, _, rest = typed.strip().partition(" ")
    word = word.lower()
    if word in WITHDRAW_WORDS:
        return withdraw(session, actor, now)
    if word in CLOSE_WORDS or word in OPEN_WORDS:
        today = actor.today_at(now)
        reopens = _parse_day(rest) if rest.strip() else None
        profiles.set_enrolment(session, actor.person, actor.programme, rule, open_=word in OPEN_WORDS,
                               reopens_on=reopens, today=today, now=now)
        if word in OPEN_WORDS:
            return t(actor.lang, "enrolment.opened", programme=actor.programme.name)
        if reopens is not None:
            return t(actor.lang, "enrolment.closed_set_until", programme=actor.programme.name,
                     day=format_day(reopens, actor.lang))
        return t(actor.lang, "enrolment.closed_set", programme=actor.programme.name)
    if word in CHOICE_WORDS:
        mode = CHOICE_MODES.get(rest.strip().lower())
        if mode is None:
            return t(actor.lang, "request.usage")
        mentor_requests.set_mode(session, actor.person, actor.programme, rule, mode, now)
        return t(actor.lang, CHOICE_SAID[mode], programme=actor.programme.name)
    if word in ("mentor", "mentore", "mentoré", "mentee", "mentoree", "mentorée"):
        return profile_form(session, actor, "mentor" if word == "mentor" else "mentee")
    if word:
        return t(actor.lang, "enrolment.usage")
    return profile_form(session, actor)


def profile_message(lang: str, tz: str, profile: Profile, *, for_partner: bool = False) -> Message:
    """A profile as its reader sees it. The typed goals go to the owner, the partner and the coordination
    only, which is who may call this (policy: Act.PROFILE_READ)."""
    person = profile.person
    roles = ", ".join(t(lang, labels.ROLE[r]) for r in ("mentor", "mentee") if getattr(profile, f"as_{r}"))
    sections: list[Section] = [Section(t(lang, "profile.field.presentation"), profile.presentation, literal=True)]
    goals = [(t(lang, "profile.field.aspiration"), profile.aspiration), (t(lang, "profile.field.motivation"),
                                                                         profile.motivation),
             (t(lang, "profile.field.expertise"), profile.expertise), (t(lang, "profile.field.learning"),
                                                                       profile.learning)]
    sections += [Section(title, text, literal=True) for title, text in goals if text]
    days = ", ".join(t(lang, labels.DAY[d]) for d in profile.days)
    windows = ", ".join(t(lang, labels.WINDOW[w], start=WINDOWS[w][0], end=WINDOWS[w][1]) for w in profile.windows
                        if w in WINDOWS)
    facts = [
        (t(lang, "profile.field.roles"), roles),
        (t(lang, "profile.field.themes"), ", ".join(theme_label(lang, th) for th in profile.themes)),
        (t(lang, "profile.field.languages"), ", ".join(profiles.language_name(lang, c) for c in profile.languages)),
        (t(lang, "profile.field.modes"), ", ".join(t(lang, labels.PROFILE_MODE[m]) for m in profile.modes
                                                    if m in labels.PROFILE_MODE)),
        (t(lang, "profile.field.availability"), t(lang, "profile.availability", days=days, windows=windows,
                                                   tz=profile.timezone)),
    ]
    if profile.as_mentor:
        facts.append((t(lang, "profile.field.capacity"), str(profile.capacity)))
    if profile.link:
        sections.append(Section(t(lang, "profile.field.link"), rt(lang, "profile.link", link=Link(profile.link,
                                                                                                   profile.link))))
    key = N_("profile.of_partner") if for_partner else N_("profile.of")
    return Message(text=rt(lang, key, name=mention(person)), sections=tuple(sections), facts=tuple(facts))


def show_profile(session: Session, actor: Actor, rule: CoordinatorRule, subject: Person | None) -> Message:
    """`profil` alone: one's own (or the way to make one); `profil @quelqu'un`: theirs, if one may read it."""
    target = subject or actor.person
    if subject is None and profiles.profile_of(session, actor.programme, actor.person) is None:
        return Message(text=t(actor.lang, "profile.none_yet"), headline=False, buttons=(
            Button(t(actor.lang, "enrolment.button.mentor"), actions.ENROL, "mentor", style="primary"),
            Button(t(actor.lang, "enrolment.button.mentee"), actions.ENROL, "mentee", style="primary")))
    profile = profiles.readable_profile(session, actor.person, actor.programme, target, rule)
    message = profile_message(actor.lang, actor.tz, profile)
    if target.id == actor.person.id:
        own: tuple[Button, ...] = (Button(t(actor.lang, "profile.button.edit"), actions.PROFILE_EDIT, "edit",
                                      style="primary"),)
        if profiles.enrolled(profile):
            own += (Button(t(actor.lang, "enrolment.button.withdraw"), actions.ENROL_WITHDRAW, "withdraw",
                           style="danger"),)
        return Message(text=message.text, sections=message.sections, facts=message.facts, buttons=own)
    return message


def entry_buttons(session: Session, actor: Actor) -> tuple[Button, ...]:
    """What help and the App Home offer besides the commands: to enrol (or edit the profile) when the person
    has no convention, and the suggested pairs for the coordination."""
    lang = actor.lang
    found: tuple[Button, ...] = ()
    if not conventions.conventions_of(session, actor.person):
        profile = profiles.profile_of(session, actor.programme, actor.person)
        if profiles.enrolled(profile):
            assert profile is not None
            if profile.as_mentee and mentor_requests.choosing(actor.programme):
                found += (Button(t(lang, "request.button.choose"), actions.SUGGESTIONS_SHOW, "choose",
                                 style="primary"),)
            found += (Button(t(lang, "profile.button.edit"), actions.PROFILE_EDIT, "edit"),)
        elif actor.programme.enrolment_open and actor.programme.archived_at is None:
            found += (Button(t(lang, "enrolment.button.mentor"), actions.ENROL, "mentor", style="primary"),
                      Button(t(lang, "enrolment.button.mentee"), actions.ENROL, "mentee", style="primary"))
    if Role.COORDINATOR in actor.roles:
        found += (Button(t(lang, "match.button.show"), actions.SUGGESTIONS_SHOW, "suggestions"),
                  Button(t(lang, "themes.form.title"), actions.THEMES_OPEN, "themes"))
    if Role.COORDINATOR in actor.roles or len(programmes.all_programmes(session, actor.workspace.id)) > 1:
        found += (Button(t(lang, "programme.button.list"), actions.PROGRAMMES_SHOW, "programmes"),)
    return found


@dataclass(frozen=True)
class ThemesFormView:
    """The programme's themes as a coordinator edits them: the default ones to keep, their own to add."""

    lang: str
    defaults: Choices
    kept: list[str]
    extra: str
    used: int  # profiles that name a theme (a theme removed stays on them until they are edited)
    programme_id: int | None = None  # the programme it was opened in


def themes_form(session: Session, actor: Actor, rule: CoordinatorRule) -> ThemesFormView:
    require(session, actor.person, Act.ENROLMENT_EDIT, actor.programme, rule)
    current = programme_themes(actor.programme)
    lang = actor.lang
    return ThemesFormView(lang, [(t(lang, key), value) for value, key in DEFAULT_THEMES.items()],
                          [th for th in current if th in DEFAULT_THEMES],
                          "\n".join(th for th in current if th not in DEFAULT_THEMES),
                          profiles.count_enrolled(session, actor.programme), actor.programme.id)


def save_themes(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, kept: list[str],
                extra: str) -> Text:
    require(session, actor.person, Act.ENROLMENT_EDIT, actor.programme, rule)
    themes = set_themes(actor.programme, kept, extra)
    audit.record_for_programme(session, actor.programme, "enrolment.themes", actor.person, now, count=len(themes))
    return t(actor.lang, "themes.saved", programme=actor.programme.name,
             themes=", ".join(theme_label(actor.lang, th) for th in themes))
