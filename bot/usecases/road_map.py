"""`/mentorat feuille-de-route`, from Slack or Teams: the mentor writes the corporate method's road map in a
form; the mentee, then the mentee's manager, read it and confirm it with a click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Message, Rich, Text
from bot.services import convention_choice, road_maps
from bot.services.conventions import get_convention
from bot.services.errors import NotFound
from bot.services.people import mention
from bot.services.policy import Act
from bot.services.road_map_messages import road_map_message
from bot.services.road_maps import RoadMapDraft
from bot.services.typed_text import clicked_row, clicked_version
from storage.models import Convention, ConventionStatus

FIELDS = ("axes", "strategies", "hours", "milestones")
LABELS = {"axes": N_("roadmap.field.axes"), "strategies": N_("roadmap.field.strategies"),
          "hours": N_("roadmap.field.hours"), "milestones": N_("roadmap.field.milestones")}


@dataclass(frozen=True)
class RoadMapFormView:
    lang: str
    convention_id: int
    intro: Rich
    values: dict[str, str]  # field -> text


def _convention(session: Session, actor: Actor, convention_id: int | None) -> Convention:
    return convention_choice.pick(session, actor.person, Act.ROADMAP_READ, [(ConventionStatus.ACTIVE,)],
                                  convention_id=convention_id, keep=lambda c: c.manager_id is not None,
                                  none=NotFound(N_("roadmap.none")))


def _form(session: Session, actor: Actor, convention: Convention, typed: RoadMapDraft | None = None
          ) -> RoadMapFormView:
    road_maps.may_write(session, convention, actor.person)
    draft = typed or road_maps.draft_of(session, convention)
    assert convention.manager is not None  # may_write refuses a convention without one
    intro = rt(actor.lang, "roadmap.form.intro", manager=mention(convention.manager), mentee=mention(convention.mentee))
    return RoadMapFormView(actor.lang, convention.id, intro, {"axes": draft.axes, "strategies": draft.strategies,
                                                              "hours": draft.hours, "milestones": draft.milestones})


def command(session: Session, actor: Actor, convention_id: int | None = None) -> Message | RoadMapFormView:
    """The mentor gets the form (their road map in it, if written); the mentee reads it, to confirm."""
    convention = _convention(session, actor, convention_id)
    if convention.mentor_id == actor.person.id:
        return _form(session, actor, convention)
    shown = road_map_message(session, convention, actor.person)
    if shown is None:
        return Message(text=rt(actor.lang, "roadmap.not_yet", mentor=mention(convention.mentor)), headline=False)
    return shown


def form(session: Session, actor: Actor, raw_id: object, typed: RoadMapDraft | None = None) -> RoadMapFormView:
    """« Rédiger » / « Modifier », or the form shown again with what was typed."""
    return _form(session, actor, get_convention(session, clicked_row(raw_id)), typed)


def save(session: Session, actor: Actor, now: datetime, raw_id: object, draft: RoadMapDraft) -> Rich:
    convention = get_convention(session, clicked_row(raw_id))
    road_map = road_maps.save(session, convention=convention, person=actor.person, draft=draft, now=now)
    key = N_("roadmap.saved") if road_map.version == 1 else N_("roadmap.saved_again")
    return rt(actor.lang, key, mentee=mention(convention.mentee))


def confirm(session: Session, actor: Actor, now: datetime, value: str) -> Message:
    """« Confirmer »: the road map as it now stands, and what the click did, on top."""
    convention_id, version = clicked_version(value)
    done = road_maps.confirm(session, convention_id=convention_id, version=version, person=actor.person, now=now)
    convention = done.road_map.convention
    said: Text
    if done.already:
        said = t(actor.lang, "roadmap.already")
    elif done.part == "mentee" and convention.manager is not None:
        said = rt(actor.lang, "roadmap.confirmed_mentee", manager=mention(convention.manager))
    else:
        said = t(actor.lang, "roadmap.confirmed_manager")
    shown = road_map_message(session, convention, actor.person)
    if shown is None:
        return Message(text=said, headline=False)
    return Message(text=said, sections=shown.sections, buttons=shown.buttons, context=shown.context, headline=False)
