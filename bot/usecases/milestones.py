"""A road map's milestones, from Slack or Teams: the mentor records the status reviewed together, the mentee
decides whether the manager reads it. Ids from clicks are checked again by the policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.dates import format_day
from bot.i18n.rich import rt
from bot.notify import Message, Rich
from bot.services import milestones
from bot.services.milestone_messages import share_message
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.typed_text import clicked_row

FIELDS = ("on_track", "hours")
LABELS = {"on_track": N_("milestone.field.on_track"), "hours": N_("milestone.field.hours")}


@dataclass(frozen=True)
class StatusFormView:
    lang: str
    milestone_id: int
    intro: Rich
    title: str  # the milestone, as the mentor wrote it
    on_track: tuple[tuple[str, str], ...]
    values: dict[str, str]


def status_form(session: Session, actor: Actor, raw_id: object, typed: milestones.StatusEntry | None = None
                ) -> StatusFormView:
    milestone = milestones.get_milestone(session, clicked_row(raw_id))
    require(session, actor.person, Act.MILESTONE_RECORD, milestone)
    convention = milestone.convention
    intro = rt(actor.lang, "milestone.form.intro", mentee=mention(convention.mentee),
               day=format_day(milestone.due_on, actor.lang))
    values = {"on_track": typed.on_track, "hours": typed.hours} if typed else {
        "on_track": "" if milestone.on_track is None else ("yes" if milestone.on_track else "no"),
        "hours": "" if milestone.hours_so_far is None else str(milestone.hours_so_far)}
    return StatusFormView(actor.lang, milestone.id, intro, milestone.title,
                          ((t(actor.lang, "milestone.on_track"), "yes"), (t(actor.lang, "milestone.off_track"), "no")),
                          values)


def record(session: Session, actor: Actor, now: datetime, raw_id: object, entry: milestones.StatusEntry) -> Rich:
    milestone = milestones.record(session, milestone_id=clicked_row(raw_id), person=actor.person, entry=entry, now=now)
    return rt(actor.lang, "milestone.recorded", mentee=mention(milestone.convention.mentee))


def decide(session: Session, actor: Actor, now: datetime, raw_id: object, *, share: bool) -> Message:
    milestone = milestones.decide(session, milestone_id=clicked_row(raw_id), person=actor.person, share=share, now=now)
    return share_message(milestone, actor.person)
