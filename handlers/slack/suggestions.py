"""Suggested pairs on Slack. The coordination: `/mentorat suggestions` (or the App Home's button), then
« Jumeler », another mentor from the list, « Écarter », « Tout accepter » on the message itself. A waiting
mentee, when the programme lets mentees choose: their suggested mentors and « Demander à ce mentor »; the
mentor's « Accepter » / « Décliner » with a word; the coordination's « Confirmer » / « Refuser »."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.notify import Message, Text
from bot.services.errors import Conflict, DomainError
from bot.usecases import suggestions
from handlers.slack.deps import Actor, Deps, acting_in_slack, error_for, ids_from_body
from handlers.slack.forms import FormContext
from handlers.slack.ids import ActionId, BlockId, CallbackId, FieldId
from handlers.slack.interactions import answer_click, clicked_id, clicked_value, on_click, post_dm, refuse_form
from handlers.slack.render import as_dicts, message_blocks, mrkdwn
from handlers.slack.request import CommandRequest
from handlers.slack.views.enrolment import answer_modal, choices_blocks, suggestions_blocks

ClickWork = Callable[[dict, dict, Respond, WebClient], None]


def suggestions_message(deps: Deps, team_id: str, user_id: str, said: str | None = None) -> tuple[str, list[dict]]:
    """The coordination's suggestions, or a waiting mentee's choice of mentors, or why there is neither."""
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged view
        found = suggestions.suggestions_command(session, actor, deps.rule, deps.clock.now())
        if isinstance(found, suggestions.SuggestionsView):
            return t(actor.lang, "match.title"), as_dicts(suggestions_blocks(found, said))
        if isinstance(found, suggestions.ChoicesView):
            return mrkdwn(found.headline), as_dicts(choices_blocks(found))
        text = mrkdwn(found)
        return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def run_suggestions_command(req: CommandRequest) -> None:
    text, blocks = suggestions_message(req.deps, req.team_id, req.user_id)
    req.respond(text=text, blocks=blocks)


def register(app: App, deps: Deps) -> None:
    now = deps.clock.now

    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        post_dm(client, user_id, *suggestions_message(deps, team_id, user_id))

    on_click(app, deps, ActionId.SUGGESTIONS_SHOW, show)

    def decided(act: Callable[[Session, Actor, str], Text]) -> ClickWork:
        """Carry out the decision, then the same message again, refreshed, with what was done on top."""
        def work(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            value = (action.get("selected_option") or {}).get("value") if action.get("type") == "static_select" \
                else clicked_value(action)
            try:
                with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
                    said = mrkdwn(act(session, actor, str(value or "")))
            except Conflict as error:  # paired or withdrawn meanwhile: said on top of the list as it now stands
                said = mrkdwn(error_for(deps, team_id, user_id, error))
            deps.deliver_now()  # the conventions go out at once
            text, blocks = suggestions_message(deps, team_id, user_id, said)
            answer_click(body, client, respond, text, blocks)
        return work

    on_click(app, deps, ActionId.MATCH_ACCEPT, decided(
        lambda s, a, v: suggestions.accept(s, a, deps.rule, now(), v).reply.text))
    on_click(app, deps, ActionId.MATCH_SWAP, decided(
        lambda s, a, v: suggestions.accept(s, a, deps.rule, now(), v).reply.text))
    on_click(app, deps, ActionId.MATCH_REJECT, decided(lambda s, a, v: suggestions.reject(s, a, deps.rule, now(), v)))
    on_click(app, deps, ActionId.MATCH_ACCEPT_ALL, decided(
        lambda s, a, v: suggestions.accept_all(s, a, deps.rule, now(), v)))

    def replaced(act: Callable[[Session, Actor, dict], Text]) -> ClickWork:
        """A click whose answer takes the place of the message clicked (its buttons no longer apply)."""
        def work(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
                text = mrkdwn(act(session, actor, action))
            answer_click(body, client, respond, text)
            deps.deliver_now()
        return work

    def answered_with(act: Callable[[Session, Actor, dict], Message]) -> ClickWork:
        """A click whose answer, with its own buttons, takes the place of the message clicked."""
        def work(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                message = act(session, actor, action)
            answer_click(body, client, respond, mrkdwn(message.text), as_dicts(message_blocks(message)))
            deps.deliver_now()
        return work

    on_click(app, deps, ActionId.MENTOR_ASK, answered_with(
        lambda s, a, action: suggestions.ask_mentor(s, a, now(), clicked_value(action))))
    on_click(app, deps, ActionId.REQUEST_CANCEL, answered_with(
        lambda s, a, action: suggestions.cancel_request(s, a, now(), clicked_id(action))))
    on_click(app, deps, ActionId.REQUEST_CONFIRM, replaced(
        lambda s, a, action: suggestions.decide_request(s, a, deps.rule, now(), clicked_id(action), True)))
    on_click(app, deps, ActionId.REQUEST_REFUSE, replaced(
        lambda s, a, action: suggestions.decide_request(s, a, deps.rule, now(), clicked_id(action), False)))

    def answer_opener(agree: bool) -> ClickWork:
        def work(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
            team_id, user_id = ids_from_body(body)
            with acting_in_slack(deps, team_id, user_id) as (session, actor):
                view = suggestions.answer_form(session, actor, clicked_id(action), agree)
            context = FormContext(team_id=team_id, kind="agree" if agree else "decline", request_id=view.request_id)
            client.views_open(trigger_id=body["trigger_id"], view=answer_modal(view, metadata=context.dumps()).to_dict())
        return work

    on_click(app, deps, ActionId.REQUEST_AGREE, answer_opener(True))
    on_click(app, deps, ActionId.REQUEST_DECLINE, answer_opener(False))

    @app.view(CallbackId.REQUEST_ANSWER_SUBMIT)
    def submit_answer(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        user_id = body["user"]["id"]
        if context is None or context.request_id is None or context.kind not in ("agree", "decline"):
            ack()
            return
        reply = ((view.get("state", {}).get("values", {}).get(BlockId.REQUEST_REPLY, {})
                  .get(FieldId.REQUEST_REPLY) or {}).get("value")) or ""
        try:
            with acting_in_slack(deps, context.team_id, user_id) as (session, actor):
                text = mrkdwn(suggestions.answer_request(session, actor, deps.rule, now(), context.request_id,
                                                         context.kind == "agree", str(reply)))
        except DomainError as error:
            refuse_form(ack, deps, context.team_id, user_id, {"reply": BlockId.REQUEST_REPLY}, error)
            return
        ack()

        def after() -> None:
            post_dm(client, user_id, text)
            deps.deliver_now()

        deps.soon(after)
