"""`/mentorat coordonnateurs`: list, add and remove coordinators."""

from __future__ import annotations

from bot.i18n import t
from bot.i18n.rich import rt
from bot.notify import Rich, Text
from bot.usecases import coordinators
from handlers.slack.deps import acting_in_slack, known_person
from handlers.slack.render import mrkdwn
from handlers.slack.request import MENTION, CommandRequest

ADD_WORDS = {"ajouter", "add"}
REMOVE_WORDS = {"retirer", "remove", "enlever"}


def run_coordinators_command(req: CommandRequest) -> None:
    verb, _, rest = req.args.partition(" ")
    verb = verb.lower()
    deps = req.deps
    with acting_in_slack(deps, req.team_id, req.user_id, fresh=True) as (session, actor):  # a privileged act
        names = coordinators.listed(session, actor, deps.rule)  # the rights, before anyone named is looked up
        mentions = MENTION.findall(rest)
        text: Text
        if verb in ADD_WORDS | REMOVE_WORDS and len(mentions) == 1:
            target = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            if verb in ADD_WORDS:
                text = coordinators.add(session, actor, deps.clock.now(), deps.rule, target)
            else:
                text = coordinators.remove(session, actor, deps.rule, target)
        elif verb:
            text = t(actor.lang, "coord.usage")
        else:
            text = Rich.join("\n", [rt(actor.lang, "coord.list", programme=actor.programme.name, names=names),
                                     t(actor.lang, "coord.by_right"), t(actor.lang, "coord.usage")])
    req.respond(text=mrkdwn(text))
