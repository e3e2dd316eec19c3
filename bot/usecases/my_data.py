"""`mes-donnees` from Slack or Teams: a person's own data, as a readable page and as JSON, to them alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.notify import Attachment
from bot.services import audit, my_data


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
