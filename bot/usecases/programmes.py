"""`/mentorat programme`, from Slack or Teams: the workspace's programmes, working in one, and for its
coordinators creating, editing and archiving them.

Every programme id arrives from a button or a form, so from the client: it is looked up inside the
person's own workspace only, and each change asks the policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import LOCALES, N_, t, tn
from bot.i18n.dates import format_day
from bot.i18n.rich import rt
from bot.notify import Rich, Text
from bot.services import coordination, programme_settings, programmes
from bot.services.direction import set_direction
from bot.services.errors import Conflict, NotAllowed, NotFound
from bot.services.mentor_requests import CHOICE_MODES
from bot.services.policy import Act, require
from bot.services.profiles import language_name
from bot.services.programme_settings import ProgrammeDraft
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule, is_coordinator
from bot.services.themes import DEFAULT_THEMES, programme_themes, theme_label
from bot.services.typed_text import row_id
from storage.models import OPEN_CONVENTION_STATUSES, Convention, Person, Programme

Choices = tuple[tuple[str, str], ...]
# The form's label of each setting (programme_settings.FIELDS), the same on both platforms.
LABELS = {
    "name": N_("programme.field.name"), "description": N_("programme.field.description"),
    "language": N_("programme.field.language"), "timezone": N_("programme.field.timezone"),
    "length_months": N_("programme.field.length_months"), "meeting_every_days": N_("programme.field.meeting_every_days"),
    "meeting_min_minutes": N_("programme.field.meeting_min_minutes"),
    "meeting_max_minutes": N_("programme.field.meeting_max_minutes"),
    "reminder_hour": N_("programme.field.reminder_hour"), "closing_notice_days": N_("programme.field.closing_notice_days"),
    "text_retention_months": N_("programme.field.text_retention_months"),
    "audit_retention_months": N_("programme.field.audit_retention_months"),
    "enrolment": N_("programme.field.enrolment"), "enrolment_closes_on": N_("programme.field.enrolment_closes_on"),
    "enrolment_reopens_on": N_("programme.field.enrolment_reopens_on"),
    "cohort_starts_on": N_("programme.field.cohort_starts_on"), "mentee_choice": N_("programme.field.mentee_choice"),
    "corporate_method": N_("programme.field.corporate_method"),
    "restitution_coordinator": N_("programme.field.restitution_coordinator"),
    "themes_defaults": N_("programme.field.themes_defaults"), "themes_extra": N_("programme.field.themes_extra"),
    "organisation": N_("programme.field.organisation"), "contact": N_("programme.field.contact"),
    "privacy": N_("programme.field.privacy"),
    "clause_fr": N_("programme.field.clause_fr"), "clause_en": N_("programme.field.clause_en"),
    "direction": N_("programme.field.direction"),
    "coordinators": N_("programme.field.coordinators"),
}
CHOICE_LABELS = {"off": N_("programme.choice.off"), "confirm": N_("programme.choice.confirm"),
                 "trusted": N_("programme.choice.trusted")}


@dataclass(frozen=True)
class ProgrammeLine:
    id: int
    name: str
    description: str
    facts: str  # length, rhythm, enrolment: one line
    current: bool  # the one the person works in
    archived: bool
    coordinates: bool  # may edit and archive it


@dataclass(frozen=True)
class ProgrammesView:
    lang: str
    intro: Text
    lines: tuple[ProgrammeLine, ...]
    may_create: bool
    more: int = 0  # programmes left out of the list (its size has a limit on both platforms)


SHOWN = 20  # Slack allows 50 blocks in a message; a Teams card about 28 KB
DESCRIPTION_SHOWN = 160  # the whole description is in the form


def _facts(lang: str, programme: Programme) -> str:
    if programme.archived_at is not None:
        enrolment = t(lang, "programme.list.archived")
    elif programme.enrolment_open:
        enrolment = t(lang, "programme.list.enrolment_open")
    else:
        enrolment = t(lang, "programme.list.enrolment_closed")
    facts = t(lang, "programme.list.facts", months=programme.length_months, every=programme.meeting_every_days,
              enrolment=enrolment)
    if programme.cohort_starts_on:
        facts += " " + t(lang, "programme.list.cohort", day=format_day(programme.cohort_starts_on, lang))
    return facts


def listing(session: Session, actor: Actor, rule: CoordinatorRule) -> ProgrammesView:
    """The programmes a person may see: the running ones, and the archived ones they coordinate."""
    lines = []
    for programme in programmes.all_programmes(session, actor.workspace.id):
        coordinates = is_coordinator(session, actor.person, programme, rule)
        if programme.archived_at is not None and not coordinates:
            continue
        description = programme.description or ""
        if len(description) > DESCRIPTION_SHOWN:
            description = description[:DESCRIPTION_SHOWN - 1].rstrip() + "…"
        lines.append(ProgrammeLine(programme.id, programme.name, description,
                                   _facts(actor.lang, programme), programme.id == actor.programme.id,
                                   programme.archived_at is not None, coordinates))
    intro = rt(actor.lang, "programme.list.intro", programme=actor.programme.name)
    # The one the person works in, then those they coordinate, then the others: what is cut matters least.
    lines.sort(key=lambda line: (not line.current, not line.coordinates, line.archived))
    return ProgrammesView(actor.lang, intro, tuple(lines[:SHOWN]),
                          programme_settings.may_create(session, actor.person, rule), max(0, len(lines) - SHOWN))


def programme_of(session: Session, actor: Actor, raw_id: object) -> Programme:
    """The programme a click names, if it is one of the person's workspace (else: there is no such thing)."""
    programme_id = row_id(raw_id)
    programme = session.get(Programme, programme_id) if programme_id is not None else None
    if programme is None or programme.workspace_id != actor.workspace.id:
        raise NotFound(N_("programme.error.unknown"))
    return programme


def opened_in(session: Session, actor: Actor, programme_id: int | None) -> None:
    """A form acts in the programme it was opened in: if the person has since moved to another one, the
    submit is refused (nothing typed is lost: the form stays open) rather than written elsewhere."""
    if programme_id is None or programme_id == actor.programme.id:
        return
    opened = session.get(Programme, programme_id)
    name = opened.name if opened is not None and opened.workspace_id == actor.workspace.id else "?"
    raise Conflict(N_("programme.error.switched"), opened=name, current=actor.programme.name)


def choose(session: Session, actor: Actor, now: datetime, raw_id: object) -> Rich:
    programme = programme_of(session, actor, raw_id)
    programmes.require_running(programme)
    programmes.choose(session, actor.person, programme, now=now)
    return rt(actor.lang, "programme.chosen", programme=programme.name)


@dataclass(frozen=True)
class ProgrammeFormView:
    lang: str
    programme_id: int | None  # None: a new programme
    title: str
    intro: Text  # what a change applies to
    values: dict[str, object]
    languages: Choices
    enrolment: Choices
    mentee_choice: Choices
    corporate_method: Choices
    restitution_coordinator: Choices
    themes: Choices  # the default themes to keep
    kept_themes: tuple[str, ...]
    extra_themes: str  # the programme's own themes, one a line
    direction: Choices = ()  # (name, platform id) of the direction's people (the sponsor set apart)
    coordinators: Choices = ()  # (name, platform id) of the coordinators added (those by right set apart)


def _form(session: Session, actor: Actor, programme: Programme | None, draft: ProgrammeDraft) -> ProgrammeFormView:
    lang = actor.lang
    if programme is None:
        title, themes = t(lang, "programme.form.new"), None
        intro: Text = t(lang, "programme.form.intro_new")
    else:
        running = session.scalar(select(func.count(Convention.id)).where(
            Convention.programme_id == programme.id, Convention.status.in_(OPEN_CONVENTION_STATUSES))) or 0
        title = t(lang, "programme.form.edit")
        intro = Rich.join(" ", [rt(lang, "programme.form.intro_edit", programme=programme.name),
                                tn(lang, "programme.form.running", "programme.form.running.plural", running)])
        themes = programme_themes(programme)
    kept = draft.picked("themes_defaults") if "themes_defaults" in draft.values else \
        [th for th in (themes or DEFAULT_THEMES) if th in DEFAULT_THEMES]
    extra = draft.text("themes_extra") if "themes_extra" in draft.values else \
        "\n".join(th for th in (themes or []) if th not in DEFAULT_THEMES)
    return ProgrammeFormView(
        lang, programme.id if programme else None, title, intro, dict(draft.values),
        languages=tuple((language_name(lang, code), code) for code in LOCALES if "_" not in code),
        enrolment=((t(lang, "programme.enrolment.open"), "open"), (t(lang, "programme.enrolment.closed"), "closed")),
        mentee_choice=tuple((t(lang, CHOICE_LABELS[mode]), mode) for mode in CHOICE_MODES),
        corporate_method=((t(lang, "programme.corporate.off"), "off"), (t(lang, "programme.corporate.on"), "on")),
        restitution_coordinator=((t(lang, "programme.corporate.off"), "off"), (t(lang, "programme.yes"), "on")),
        themes=tuple((theme_label(lang, key), key) for key in DEFAULT_THEMES), kept_themes=tuple(kept),
        extra_themes=extra,
        direction=tuple((r.person.display_name or r.person.external_id, r.person.external_id)
                        for r in programme.direction_rows) if programme is not None else (),
        coordinators=tuple((p.display_name or p.external_id, p.external_id)
                           for p in coordination.added_coordinators(session, programme)) if programme else ())


def form(session: Session, actor: Actor, rule: CoordinatorRule, defaults: ProgrammeDefaults, raw_id: object = None,
         typed: ProgrammeDraft | None = None) -> ProgrammeFormView:
    """The form: a new programme (no id), or one the person coordinates; `typed` keeps what was typed."""
    if raw_id in (None, ""):
        if not programme_settings.may_create(session, actor.person, rule):
            raise NotAllowed(N_("programme.error.not_coordinator"))
        return _form(session, actor, None, typed or programme_settings.new_draft(defaults))
    programme = programme_of(session, actor, raw_id)
    require(session, actor.person, Act.PROGRAMME_EDIT, programme, rule)
    return _form(session, actor, programme, typed or programme_settings.draft_of(programme))


def save(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, raw_id: object,
         draft: ProgrammeDraft, direction: Sequence[Person] | None = None,
         coordinators: Sequence[Person] | None = None) -> Rich:
    """Create or edit; the answer says what applies to whom. `direction`, `coordinators`: the people the
    front end resolved from the form's pickers (None: the form had no such field)."""
    today = actor.today_at(now)
    if raw_id in (None, ""):
        created = programme_settings.create(session, by=actor.person, rule=rule, draft=draft, today=today, now=now)
        if direction is not None:
            set_direction(session, by=actor.person, programme=created, people=direction, rule=rule, now=now)
        if coordinators is not None:
            coordination.set_added(session, by=actor.person, programme=created, people=coordinators, rule=rule,
                                   now=now)
        programmes.choose(session, actor.person, created, now=now)  # the creator goes on in it
        return rt(actor.lang, "programme.created", programme=created.name)
    programme = programme_of(session, actor, raw_id)
    new_terms = programme_settings.edit(session, by=actor.person, rule=rule, programme=programme, draft=draft,
                                        today=today, now=now)
    if direction is not None:
        set_direction(session, by=actor.person, programme=programme, people=direction, rule=rule, now=now)
    if coordinators is not None:
        coordination.set_added(session, by=actor.person, programme=programme, people=coordinators, rule=rule, now=now)
    return rt(actor.lang, N_("programme.saved_new_terms") if new_terms else N_("programme.saved"),
              programme=programme.name)


def archive(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, raw_id: object, *,
            archived: bool) -> Rich:
    programme = programme_of(session, actor, raw_id)
    programme_settings.set_archived(session, by=actor.person, rule=rule, programme=programme, archived=archived,
                                    now=now)
    return rt(actor.lang, N_("programme.archived") if archived else N_("programme.restored"),
              programme=programme.name)
