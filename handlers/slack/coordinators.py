"""`/mentorat coordonnateurs`: list, add and remove coordinators."""

from __future__ import annotations

from bot.i18n import N_, t
from bot.services import coordination
from bot.services.people import mention
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
        lang, mentions = actor.lang, MENTION.findall(rest)
        programme, rule = actor.programme, deps.rule
        listed = coordination.coordinators_of(session, by=actor.person, programme=programme, rule=rule)
        if verb in ADD_WORDS | REMOVE_WORDS and len(mentions) == 1:
            target = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            name = mention(target)
            if verb in ADD_WORDS:
                added = coordination.add(session, by=actor.person, programme=programme, person=target, rule=rule,
                                         now=deps.clock.now())
                text = t(lang, N_("coord.added") if added else N_("coord.already"), name=name)
            else:
                removal = coordination.remove(session, by=actor.person, programme=programme, person=target, rule=rule)
                text = t(lang, removal.text_key, name=name)
        elif verb:
            text = t(lang, "coord.usage")
        else:
            names = ", ".join(listed) or t(lang, "none")
            text = "\n".join([t(lang, "coord.list", programme=actor.programme.name, names=names),
                              t(lang, "coord.by_right"), t(lang, "coord.usage")])
    req.respond(text=text)
