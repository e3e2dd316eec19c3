"""`/mentorat coordonnateurs`: list, add and remove coordinators."""

from __future__ import annotations

from bot.i18n import t
from bot.services.people import mention
from bot.services.roles import add_coordinator, coordinator_names, remove_coordinator, require_coordinator
from handlers.slack.deps import known_person, resolve_actor
from handlers.slack.request import MENTION, CommandRequest
from storage.db import session_scope

ADD_WORDS = {"ajouter", "add"}
REMOVE_WORDS = {"retirer", "remove", "enlever"}


def run_coordinators_command(req: CommandRequest) -> None:
    verb, _, rest = req.args.partition(" ")
    verb = verb.lower()
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.team_id, req.user_id, fresh=True)
        require_coordinator(session, actor.person, actor.programme, deps.rule)
        lang, mentions = actor.lang, MENTION.findall(rest)
        if verb in ADD_WORDS | REMOVE_WORDS and len(mentions) == 1:
            target = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            name = mention(target)
            if verb in ADD_WORDS:
                added = add_coordinator(session, actor.programme, target, added_by=actor.person, now=deps.clock.now())
                text = t(lang, "coord.added" if added else "coord.already", name=name)
            elif deps.rule.by_right(target):
                text = t(lang, "coord.by_right_cannot_remove", name=name)
            else:
                removed = remove_coordinator(session, actor.programme, target)
                text = t(lang, "coord.removed" if removed else "coord.not_member", name=name)
        elif verb:
            text = t(lang, "coord.usage")
        else:
            names = ", ".join(coordinator_names(session, actor.programme, deps.rule)) or t(lang, "none")
            text = "\n".join([t(lang, "coord.list", programme=actor.programme.name, names=names),
                              t(lang, "coord.by_right"), t(lang, "coord.usage")])
    req.respond(text=text)
