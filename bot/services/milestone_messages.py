"""The messages of a road map's milestones: the day it falls (to the pair), the status to share or keep (to the
mentee), and what the manager learns (the status the mentee shared, or only that it was held)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.i18n.dates import format_day
from bot.i18n.rich import rt
from bot.notify import Button, Message, Section
from bot.services import actions
from bot.services.milestones import DECLINED, DUE, SHARE, SHARED, STATUS
from bot.services.people import language_of, mention
from storage.models import Convention, Milestone, Person, Reminder


def _milestone(session: Session, reminder: Reminder) -> Milestone | None:
    """The reminder's milestone while it still exists (an edited road map replaced its milestones)."""
    found = session.get(Milestone, reminder.payload.get("milestone")) if reminder.payload.get("milestone") else None
    return found if found is not None and found.convention_id == reminder.convention_id else None


def status_line(milestone: Milestone, lang: str) -> str:
    on_track = N_("milestone.on_track") if milestone.on_track else N_("milestone.off_track")
    return t(lang, "milestone.status", status=t(lang, on_track), hours=milestone.hours_so_far or 0)


def _due(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    milestone = _milestone(session, reminder)
    if milestone is None or milestone.held_at is not None:
        return None
    convention: Convention = milestone.convention
    lang = language_of(person, convention.programme.language)
    about = Section(None, milestone.title, literal=True)
    if person.id == convention.mentor_id:
        return Message(text=rt(lang, "milestone.due.mentor", mentee=mention(convention.mentee),
                               day=format_day(milestone.due_on, lang)), sections=(about,), headline=False,
                       buttons=(Button(t(lang, "milestone.button.record"), actions.MILESTONE_RECORD,
                                       str(milestone.id), style="primary"),))
    return Message(text=rt(lang, "milestone.due.mentee", mentor=mention(convention.mentor),
                           day=format_day(milestone.due_on, lang)), sections=(about,), headline=False)


def share_message(milestone: Milestone, person: Person) -> Message:
    """To the mentee: the status as the mentor recorded it, and whether the manager may read it."""
    convention = milestone.convention
    lang = language_of(person, convention.programme.language)
    manager = mention(convention.manager) if convention.manager is not None else "—"  # erased meanwhile
    decided = milestone.sharing is not None
    buttons = () if decided else (
        Button(t(lang, "milestone.button.share"), actions.MILESTONE_SHARE, str(milestone.id), style="primary"),
        Button(t(lang, "milestone.button.keep"), actions.MILESTONE_KEEP, str(milestone.id)))
    context = None
    if decided:
        context = t(lang, N_("milestone.shared_you") if milestone.sharing == SHARED else N_("milestone.kept_you"))
    return Message(text=rt(lang, "milestone.share", manager=manager,
                           day=format_day(milestone.due_on, lang)),
                   sections=(Section(None, milestone.title, literal=True),
                             Section(None, status_line(milestone, lang))),
                   buttons=buttons, context=context, headline=False)


def _share(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    milestone = _milestone(session, reminder)
    if milestone is None or milestone.held_at is None or milestone.sharing is not None \
            or milestone.convention.manager_id is None:
        return None
    return share_message(milestone, person)


def _status(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    """To the manager: never more than the mentee agreed to."""
    milestone = _milestone(session, reminder)
    if milestone is None or milestone.sharing not in (SHARED, DECLINED):
        return None
    convention = milestone.convention
    lang = language_of(person, convention.programme.language)
    day = format_day(milestone.due_on, lang)
    if milestone.sharing == SHARED:
        return Message(text=rt(lang, "milestone.to_manager.shared", mentor=mention(convention.mentor),
                               mentee=mention(convention.mentee), day=day),
                       sections=(Section(None, status_line(milestone, lang)),), headline=False)
    return Message(text=rt(lang, "milestone.to_manager.held", mentor=mention(convention.mentor),
                           mentee=mention(convention.mentee), day=day), headline=False)


COMPOSERS = {DUE: _due, SHARE: _share, STATUS: _status}
