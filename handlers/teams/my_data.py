"""`mentorat mes-donnees` on Teams: the person's own data as two personal links (the page and the JSON),
which only they can open and which expire as every shared file does; `mes-donnees effacer`: erasure."""

from __future__ import annotations

from bot.i18n import N_, t
from bot.services import actions
from bot.usecases import my_data as my_data_actions
from handlers.teams.cards import card, open_url, text_block
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, text_reply


def my_data(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with req.acting() as (session, actor):
        if req.args.strip().lower() in my_data_actions.ERASE_WORDS:
            return [message_reply(my_data_actions.erasure_confirmation(session, actor))]
        pack = my_data_actions.my_data_pack(session, actor, deps.clock.now())
        links = [open_url(file.title, url) for file in pack.files
                 if deps.files is not None and (url := deps.files(session, actor.person, file))]
        lang = actor.lang
    note = t(lang, N_("mydata.links") if links else N_("teams.closure.file_unavailable"))
    return [Reply(card([text_block(pack.headline), text_block(note, isSubtle=True)], links or None), pack.headline)]


def erase(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        said = my_data_actions.erase_me(session, actor, req.deps.rule, req.deps.clock.now())
    req.deps.deliver_now()
    return [text_reply(said, replace=True)]


COMMANDS: dict[str, Handler] = {"mes-donnees": my_data}
ACTIONS: dict[str, Handler] = {actions.ERASE_CONFIRM: erase}
