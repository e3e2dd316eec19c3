"""The convention: reading it again, "J'accepte" and "J'ai une question"."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.i18n.dates import format_moment
from bot.services import conventions
from bot.services.messages import convention_message
from bot.services.people import mention
from bot.services.roles import coordinator_names, coordinators
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import clicked_id
from handlers.slack.render import as_dicts, message_blocks
from handlers.slack.request import CommandRequest


def show_conventions(deps: Deps, team_id: str, user_id: str) -> list[tuple[str, list[dict]]]:
    """(fallback text, blocks) for each open convention of the person, or the 'none' message."""
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        found = conventions.conventions_of(session, actor.person)
        if not found:
            names = ", ".join(coordinator_names(session, actor.programme, deps.rule)) or t(actor.lang, "none")
            return [(t(actor.lang, "conv.none", coordinators=names), [])]
        out = []
        for convention in found:
            message = convention_message(session, convention, actor.person, deps.compose_ctx)
            out.append((message.text, as_dicts(message_blocks(message))))
        return out


def run_convention_command(req: CommandRequest) -> None:
    for text, blocks in show_conventions(req.deps, req.team_id, req.user_id):
        if blocks:
            req.respond(text=text, blocks=blocks)
        else:
            req.respond(text=text)


def register(app: App, deps: Deps) -> None:
    @app.action(ActionId.CONVENTION_ACCEPT)
    def accept(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: accept_convention(deps, body, action, respond))

    @app.action(ActionId.CONVENTION_QUESTION)
    def question(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: ask_question(deps, body, action, respond))


def accept_convention(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        result = conventions.accept(session, convention_id=clicked_id(action), person=actor.person,
                                    now=deps.clock.now())
        when = format_moment(result.accepted_at, actor.tz, actor.lang)
        if result.already:
            respond(text=t(actor.lang, "conv.already_accepted", when=when), replace_original=False)
            return
        message = convention_message(session, result.convention, actor.person, deps.compose_ctx)
        blocks = as_dicts(message_blocks(message))
        role = conventions.role_in(result.convention, actor.person)
        other = result.convention.mentee if role == "mentor" else result.convention.mentor
        waiting = None if result.activated else t(actor.lang, "conv.accepted.waiting",
                                                  other=mention(other))
    if waiting:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": waiting}})
    respond(text=t(actor.lang, "conv.accepted.you", when=when), blocks=blocks, replace_original=True)
    deps.deliver_now()


def ask_question(deps: Deps, body: dict, action: dict, respond: Respond) -> None:
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        coordinator_ids = [p.id for p in coordinators(session, actor.programme, deps.rule)]
        convention = conventions.ask_question(session, convention_id=clicked_id(action),
                                              person=actor.person, now=deps.clock.now(),
                                              coordinator_ids=coordinator_ids)
        who = (mention(convention.paired_by) if convention.paired_by
               else ", ".join(coordinator_names(session, actor.programme, deps.rule)))
        text = t(actor.lang, "conv.question.sent", coordinator=who)
    respond(text=text, replace_original=False)
    deps.deliver_now()
