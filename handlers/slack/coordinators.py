"""`/mentorat coordonnateurs`: list, add and remove coordinators."""

from __future__ import annotations

from bot.i18n import t
from bot.services import coordination
from bot.services.people import mention
from handlers.slack.deps import acting_in_slack, known_person
from handlers.slack.request import MENTION, CommandRequest

ADD_WORDS = {"ajouter", "add"}
REMOVE_WORDS = {"retirer", "remove", "enlever"}


def run_coordinators_command(req: CommandRequest) -> None:
    verb, _, rest = req.args.partition(" ")
    verb = verb.lower()
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id, fresh=True) as (session, actor):
        lang, mentions = actor.lang, MENTION.findall(rest)
        programme, rule = actor.programme, deps.rule
        listed = coordination.coordinators_of(session, by=actor.person, programme=programme, rule=rule)
        if verb in ADD_WORDS | REMOVE_WORDS and len(mentions) == 1:
            target = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            name = mention(target)
            if verb in ADD_WORDS:
                added = coordination.add(session, by=actor.person, programme=programme, person=target, rule=rule,
                                         now=deps.clock.now())
                text = t(lang, "coord.added" if added else "coord.already", name=name)
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
