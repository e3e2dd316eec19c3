"""What people read about objectives: the grouped news of the other side's edits, the review reminder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.i18n import labels, quoted, t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import rt
from bot.notify import Button, Message, Section
from bot.services import actions
from bot.services.meetings import other_side
from bot.services.objectives import news_since, of_convention
from bot.services.people import language_of, mention
from storage.models import Convention, Objective, ObjectiveUpdate, Person, Reminder


def progress_bar(percent: int) -> str:
    filled = max(0, min(10, round(percent / 10)))
    return "▓" * filled + "░" * (10 - filled) + f" {percent} %"


def objective_line(objective: Objective, lang: str) -> str:
    """One objective in a list: « title » — horizon, status, progress, due date (the title as typed)."""
    parts = [t(lang, labels.OBJECTIVE_HORIZON[objective.horizon]), t(lang, labels.OBJECTIVE_STATUS[objective.status]),
             progress_bar(objective.progress)]
    if objective.due_on:
        parts.append(t(lang, "objective.due", day=format_day(objective.due_on, lang)))
    return quoted(lang, objective.title) + " — " + " · ".join(parts)


def history_line(update: ObjectiveUpdate, lang: str, tz: str) -> str:
    """One step of an objective's history: when, who, what (and the comment as typed)."""
    who = update.author.display_name if update.author else "?"
    when = format_moment(update.created_at, tz, lang, with_zone=False)
    if update.kind == "created":
        line = t(lang, "objective.history.created", who=who, when=when)
    elif update.kind == "feedback":
        line = t(lang, "objective.history.feedback", who=who, when=when)
    else:
        line = t(lang, "objective.history.updated", who=who, when=when,
                 status=t(lang, labels.OBJECTIVE_STATUS[str(update.status)]), progress=update.progress)
    return f"{line} — {update.comment}" if update.comment else line


def _update_line(update: ObjectiveUpdate, objective: Objective, lang: str) -> str:
    if update.kind == "created":
        line = t(lang, "objective.news.created", title=objective.title)
    elif update.kind == "feedback":
        line = t(lang, "objective.news.feedback", title=objective.title)
    else:
        line = t(lang, "objective.news.updated", title=objective.title,
                 status=t(lang, labels.OBJECTIVE_STATUS[str(update.status)]), progress=update.progress)
    return f"{line} — {update.comment}" if update.comment else line


def _news(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None:
        return None
    since = datetime.fromisoformat(reminder.payload.get("since") or reminder.created_at.isoformat())
    updates = news_since(session, convention, person, since)
    if not updates:
        return None
    lang = language_of(person, convention.programme.language)
    other = other_side(convention, person)
    lines = [_update_line(u, goal, lang) for u in updates if (goal := session.get(Objective, u.objective_id))]
    text = rt(lang, "objective.news.title", person=mention(other), count=len(updates))
    return Message(text=text, sections=(Section(None, "", literal=True, items=tuple(lines)),),
                   buttons=(Button(t(lang, "objective.button.show"), actions.OBJECTIVES_SHOW, str(convention.id),
                                   style="primary"),), headline=False)


def _review(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or convention.status not in ("active", "closing"):
        return None
    lang = language_of(person, convention.programme.language)
    other = other_side(convention, person)
    month = reminder.payload.get("month", 0)
    text = rt(lang, "objective.review.title", month=month, months=convention.version.length_months,
             other=mention(other))
    found = of_convention(session, convention)
    heading = t(lang, "objective.list.title")
    listed = Section(heading, "", literal=True, items=tuple(objective_line(o, lang) for o in found)) if found \
        else Section(heading, t(lang, "objective.review.none"))
    return Message(text=text, sections=(listed,),
                   buttons=(Button(t(lang, "objective.button.show"), actions.OBJECTIVES_SHOW, str(convention.id),
                                   style="primary"),
                            Button(t(lang, "objective.button.add"), actions.OBJECTIVE_ADD, str(convention.id))),
                   headline=False)


COMPOSERS = {"objective_news": _news, "objectives_review": _review}
