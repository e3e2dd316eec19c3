"""Which programme a message about a pair belongs to, said where a workspace runs more than one.

A person can be in conventions of several programmes at once; a reminder that names only the partner
could then be about either. With a single programme the name would only repeat what everyone knows.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.notify import Message, Rich
from storage.models import Convention, Programme


def several_programmes(session: Session, workspace_id: int) -> bool:
    count = session.scalar(select(func.count(Programme.id)).where(Programme.workspace_id == workspace_id))
    return (count or 0) > 1


def programme_line(lang: str, convention: Convention) -> str:
    # Translators: under a reminder, the programme it is about; {programme} is the programme's name.
    return t(lang, "reminder.programme", programme=convention.programme.name)


def named(session: Session, message: Message, convention: Convention, lang: str) -> Message:
    """The message with its programme's name in its context line, when the workspace has several."""
    if not several_programmes(session, convention.programme.workspace_id):
        return message
    line = programme_line(lang, convention)
    context = line if message.context is None else Rich.join("\n", [message.context, line])
    return replace(message, context=context)
