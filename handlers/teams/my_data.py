"""`mentorat mes-donnees` on Teams: the person's own data as two personal links (the page and the JSON),
which only they can open and which expire as every shared file does."""

from __future__ import annotations

from bot.i18n import N_, t
from bot.usecases.my_data import my_data_pack
from handlers.teams.cards import card, open_url, text_block
from handlers.teams.deps import Handler, Reply, TeamsRequest


def my_data(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with req.acting() as (session, actor):
        pack = my_data_pack(session, actor, deps.clock.now())
        links = [open_url(file.title, url) for file in pack.files
                 if deps.files is not None and (url := deps.files(session, actor.person, file))]
        lang = actor.lang
    note = t(lang, N_("mydata.links") if links else N_("teams.closure.file_unavailable"))
    return [Reply(card([text_block(pack.headline), text_block(note, isSubtle=True)], links or None), pack.headline)]


COMMANDS: dict[str, Handler] = {"mes-donnees": my_data}
