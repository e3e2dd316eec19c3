"""`mes-donnees` from Slack or Teams: a person's own data, as a readable page and as JSON, to them alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Attachment, Button, Message, Rich, Section, Text
from bot.services import actions, audit, erasure, my_data
from bot.services.people import mention
from bot.services.roles import CoordinatorRule


@dataclass(frozen=True)
class DataPack:
    headline: str
    files: tuple[Attachment, ...]  # the readable page, then the JSON


def my_data_pack(session: Session, actor: Actor, now: datetime) -> DataPack:
    """Only ever the caller's own data: there is no way to name someone else."""
    data = my_data.collect(session, actor.person, now)
    stamp = f"{now:%Y-%m-%d}"
    audit.record_for_programme(session, actor.programme, "data.exported", actor.person, now)
    return DataPack(t(actor.lang, "mydata.sent"), (
        Attachment(filename=f"mentorat-mes-donnees-{stamp}.html", title=t(actor.lang, "mydata.file.html"),
                   content=my_data.as_html(actor.lang, data).encode("utf-8")),
        Attachment(filename=f"mentorat-mes-donnees-{stamp}.json", title=t(actor.lang, "mydata.file.json"),
                   content=my_data.as_json(data).encode("utf-8")),
    ))


ERASE_WORDS = frozenset({"effacer", "erase", "delete", "supprimer"})


def erasure_confirmation(session: Session, actor: Actor) -> Message:
    """What erasure does, before it is done: and, while a convention runs, that it waits for its end."""
    lang = actor.lang
    runs = erasure.running(session, actor.person)
    lines: list[Text] = [t(lang, "erasure.explain")]
    if runs:
        partners = Rich.join(", ", [mention(c.mentee if c.mentor_id == actor.person.id else c.mentor) for c in runs])
        lines.append(rt(lang, "erasure.running", partners=partners))
    return Message(text=t(lang, "erasure.title"), sections=(Section(None, Rich.join("\n\n", lines)),),
                   buttons=(Button(t(lang, N_("erasure.button.later") if runs else N_("erasure.button.now")),
                                   actions.ERASE_CONFIRM, "erase", style="danger"),))


def erase_me(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime) -> str:
    lang = actor.lang  # read before: the erasure forgets the person's language choice
    done = erasure.request(session, actor.person, rule, now)
    return t(lang, N_("erasure.done") if done else N_("erasure.noted"))
