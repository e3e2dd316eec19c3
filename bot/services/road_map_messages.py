"""The road map as each reader sees it (mentor, mentee, the mentee's manager), and the messages about it.

The manager reads the road map the three of them agreed on: objectives' titles, axes, strategies, hours,
milestones. Never a meeting's content, a note or an objective's comments.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import N_, quoted, t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import rt
from bot.notify import Button, Message, Section
from bot.services import actions
from bot.services.objectives import of_convention
from bot.services.people import language_of, mention, timezone_of
from bot.services.road_maps import CONFIRMED, NUDGE, PROMPT, REVIEW, milestones_of, road_map_of, visible_to
from storage.models import Convention, Person, Reminder, RoadMap


def confirm_value(road_map: RoadMap) -> str:
    """What « Confirmer » carries: the convention and the version read (an older one is refused)."""
    return f"{road_map.convention_id}:{road_map.version}"


def _waits_for(road_map: RoadMap, convention: Convention, person: Person) -> bool:
    if person.id == convention.mentee_id:
        return road_map.mentee_confirmed_at is None
    if person.id == convention.manager_id:
        return road_map.mentee_confirmed_at is not None and road_map.manager_confirmed_at is None
    return False


def road_map_message(session: Session, convention: Convention, reader: Person, *, lead_key: str | None = None
                     ) -> Message | None:
    """The road map, with « Confirmer » for whoever it waits for and « Modifier » for the mentor."""
    road_map = road_map_of(session, convention)
    if road_map is None or not visible_to(road_map, convention, reader):
        return None
    lang = language_of(reader, convention.programme.language)
    tz = timezone_of(reader, convention.programme.timezone)
    objectives = [quoted(lang, o.title) for o in of_convention(session, convention)]
    milestones = [f"{format_day(m.due_on, lang)} — {m.title}" for m in milestones_of(session, convention)]
    sections = [
        Section(t(lang, "roadmap.objectives"), "" if objectives else t(lang, "roadmap.no_objectives"),
                literal=True, items=tuple(objectives)),
        Section(t(lang, "roadmap.axes"), road_map.axes, literal=True),
        Section(t(lang, "roadmap.strategies"), road_map.strategies, literal=True),
        Section(t(lang, "roadmap.hours.title"), t(lang, "roadmap.hours", hours=road_map.planned_hours)),
        Section(t(lang, "roadmap.milestones"), "", literal=True, items=tuple(milestones)),
    ]
    states = [t(lang, "roadmap.state.mentee", when=format_moment(road_map.mentee_confirmed_at, tz, lang))
              if road_map.mentee_confirmed_at else t(lang, "roadmap.state.mentee_waiting"),
              t(lang, "roadmap.state.manager", when=format_moment(road_map.manager_confirmed_at, tz, lang))
              if road_map.manager_confirmed_at else t(lang, "roadmap.state.manager_waiting")]
    buttons: tuple[Button, ...] = ()
    if _waits_for(road_map, convention, reader):
        buttons = (Button(t(lang, "roadmap.button.confirm"), actions.ROADMAP_CONFIRM, confirm_value(road_map),
                          style="primary"),)
    elif reader.id == convention.mentor_id:
        buttons = (Button(t(lang, "roadmap.button.edit"), actions.ROADMAP_EDIT, str(convention.id)),)
    lead = rt(lang, lead_key or N_("roadmap.title"), mentor=mention(convention.mentor), mentee=mention(convention.mentee),
              version=road_map.version)
    return Message(text=lead, sections=tuple(sections), buttons=buttons, context=" · ".join(states), headline=False)


def _review(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    return _asking(session, reminder, person, N_("roadmap.review"))


def _nudge(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    return _asking(session, reminder, person, N_("roadmap.nudge"))


def _asking(session: Session, reminder: Reminder, person: Person, lead_key: str) -> Message | None:
    """Only while this version still waits for this person: an edit or their click makes it moot."""
    convention = session.get(Convention, reminder.convention_id)
    road_map = road_map_of(session, convention) if convention is not None else None
    if convention is None or road_map is None or road_map.version != reminder.payload.get("version") \
            or not _waits_for(road_map, convention, person):
        return None
    return road_map_message(session, convention, person, lead_key=lead_key)


def _confirmed(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or convention.manager is None:
        return None
    lang = language_of(person, convention.programme.language)
    return Message(text=rt(lang, "roadmap.confirmed_all", manager=mention(convention.manager)), headline=False)


def _prompt(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or convention.manager is None or road_map_of(session, convention) is not None:
        return None
    lang = language_of(person, convention.programme.language)
    return Message(text=rt(lang, "roadmap.prompt", manager=mention(convention.manager),
                           mentee=mention(convention.mentee)), headline=False,
                   buttons=(Button(t(lang, "roadmap.button.write"), actions.ROADMAP_EDIT, str(convention.id),
                                   style="primary"),))


COMPOSERS = {REVIEW: _review, NUDGE: _nudge, CONFIRMED: _confirmed, PROMPT: _prompt}
