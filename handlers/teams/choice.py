"""The mentee's choice on Teams: a waiting mentee's three mentors with « Demander à ce mentor »; the
mentor's « Accepter » / « Décliner » with a word; the coordination's « Confirmer » / « Ne pas confirmer ».

The same use cases as Slack (bot/usecases/suggestions.py). Every id a card carries comes back from the
client: the use cases ask the policy about it again.
"""

from __future__ import annotations

from bot.i18n import N_, t
from bot.notify import Message, Rich
from bot.services import actions
from bot.services.errors import InvalidInput
from bot.services.mentor_requests import REPLY_LIMIT
from bot.services.typed_text import row_id
from bot.usecases import suggestions
from handlers.teams.cards import Card, action_set, card, submit, teams_text, text_block, typed_text
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, saved_or_form
from handlers.teams.forms import FormState, form_card, text_input

ANSWER_SUBMIT = "teams-request-answer-submit"  # value: "<request id>:agree" | "<request id>:decline"


def choices_card(view: suggestions.ChoicesView) -> Card:
    lang = view.lang
    body: list[Card] = [text_block(teams_text(view.headline))]
    for choice in view.choices:
        score = teams_text(t(lang, "match.pair.line", score=choice.score))
        body += [text_block(f"{score} {teams_text(Rich((choice.mentor,)))}", separator=True, spacing="Medium"),
                 text_block(teams_text(choice.reasons), spacing="Small"),
                 typed_text(choice.presentation, spacing="Small"),
                 action_set([{**submit(t(lang, "request.button.ask"), actions.MENTOR_ASK, choice.value,
                                       style="primary"), "associatedInputs": "none"}], spacing="Small")]
    body.append(text_block(t(lang, "request.choose.hint"), isSubtle=True, size="Small", spacing="Medium"))
    return card(body)


def ask(req: TeamsRequest) -> list[Reply]:
    """« Demander à ce mentor »: the card of choices gives way to what was done."""
    with req.acting() as (session, actor):
        said = suggestions.ask_mentor(session, actor, req.deps.clock.now(), req.field("value"))
    req.deps.deliver_now()
    return [message_reply(said, replace=True)]


def cancel(req: TeamsRequest) -> list[Reply]:
    """« Annuler ma demande »."""
    with req.acting() as (session, actor):
        said = suggestions.cancel_request(session, actor, req.deps.clock.now(), req.subject_id())
    return [message_reply(said, replace=True)]


def _answer_card(view: suggestions.AnswerFormView, state: FormState) -> Reply:
    lang = view.lang
    intro = t(lang, N_("request.form.agree") if view.agree else N_("request.form.decline"),
              mentee=teams_text(Rich((view.mentee,))))
    submit_key = N_("request.button.agree") if view.agree else N_("request.button.decline")
    content = form_card(lang, t(lang, "request.form.title"),
                        text_input("reply", t(lang, "request.form.reply"), state, multiline=True,
                                   max_length=REPLY_LIMIT),
                        submit_label=t(lang, submit_key), action=ANSWER_SUBMIT,
                        value=f"{view.request_id}:{'agree' if view.agree else 'decline'}", intro=intro, state=state)
    return Reply(content, t(lang, "request.form.title"), replace=bool(state.errors))


def _opener(agree: bool) -> Handler:
    def open_answer(req: TeamsRequest) -> list[Reply]:
        with req.acting() as (session, actor):
            view = suggestions.answer_form(session, actor, req.subject_id(), agree)
            return [_answer_card(view, FormState())]
    return open_answer


def submit_answer(req: TeamsRequest) -> list[Reply]:
    raw, _, verb = req.field("value").partition(":")
    request_id = row_id(raw)
    if request_id is None or verb not in ("agree", "decline"):
        raise InvalidInput("teams.stale")  # not what the bot wrote, as TeamsRequest.subject_id says
    agree = verb == "agree"

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            said = suggestions.answer_request(session, actor, req.deps.rule, req.deps.clock.now(), request_id, agree,
                                              req.field("reply"))
        req.deps.deliver_now()
        return [message_reply(Message(text=said, headline=False), replace=True)]

    return saved_or_form(req, ("reply",), save, lambda session, actor, state: _answer_card(
        suggestions.answer_form(session, actor, request_id, agree), state))


def _decider(confirm: bool) -> Handler:
    def decide(req: TeamsRequest) -> list[Reply]:
        with req.acting() as (session, actor):
            said = suggestions.decide_request(session, actor, req.deps.rule, req.deps.clock.now(),
                                              req.subject_id(), confirm)
        req.deps.deliver_now()
        return [message_reply(Message(text=said, headline=False), replace=True)]
    return decide


ACTIONS: dict[str, Handler] = {
    actions.MENTOR_ASK: ask,
    actions.REQUEST_CANCEL: cancel,
    actions.REQUEST_AGREE: _opener(True),
    actions.REQUEST_DECLINE: _opener(False),
    ANSWER_SUBMIT: submit_answer,
    actions.REQUEST_CONFIRM: _decider(True),
    actions.REQUEST_REFUSE: _decider(False),
}
