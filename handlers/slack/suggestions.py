"""The coordination's suggested pairing on Slack: `/mentorat suggestions` (or the App Home's button), then
« Jumeler », another mentor from the list, « Écarter », « Tout accepter » on the message itself."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.notify import Text
from bot.usecases import suggestions
from handlers.slack.deps import Actor, Deps, acting_in_slack, ids_from_body
from handlers.slack.ids import ActionId
from handlers.slack.interactions import clicked_value, on_click, post_dm
from handlers.slack.render import as_dicts, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.enrolment import suggestions_blocks


def suggestions_message(deps: Deps, team_id: str, user_id: str, said: str | None = None) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged view
        view = suggestions.suggestions(session, actor, deps.rule, deps.clock.now())
        return t(actor.lang, "match.title"), as_dicts(suggestions_blocks(view, said))


def run_suggestions_command(req: CommandRequest) -> None:
    text, blocks = suggestions_message(req.deps, req.team_id, req.user_id)
    req.respond(text=text, blocks=blocks)


def register(app: App, deps: Deps) -> None:
    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        post_dm(client, user_id, *suggestions_message(deps, team_id, user_id))

    on_click(app, deps, ActionId.SUGGESTIONS_SHOW, show)

    def decided(act: Callable[[Session, Actor, str], Text]) -> Callable[[dict, dict, Respond, WebClient], None]:
        """Carry out the decision, then the same message again, refreshed, with what was done on top."""
        def work(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            value = (action.get("selected_option") or {}).get("value") if action.get("type") == "static_select" \
                else clicked_value(action)
            with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
                said = mrkdwn(act(session, actor, str(value or "")))
            deps.deliver_now()  # the conventions go out at once
            text, blocks = suggestions_message(deps, team_id, user_id, said)
            respond(text=text, blocks=blocks, replace_original=True)
        return work

    now = deps.clock.now
    on_click(app, deps, ActionId.MATCH_ACCEPT, decided(
        lambda s, a, v: suggestions.accept(s, a, deps.rule, now(), v).reply.text))
    on_click(app, deps, ActionId.MATCH_SWAP, decided(
        lambda s, a, v: suggestions.accept(s, a, deps.rule, now(), v).reply.text))
    on_click(app, deps, ActionId.MATCH_REJECT, decided(lambda s, a, v: suggestions.reject(s, a, deps.rule, now(), v)))
    on_click(app, deps, ActionId.MATCH_ACCEPT_ALL, decided(
        lambda s, a, v: suggestions.accept_all(s, a, deps.rule, now(), v)))
