"""The coordination's suggested pairing on Teams: `mentorat suggestions` (or « Jumelages proposés » on the
help card), then « Jumeler », another mentor from the list, « Écarter », « Tout accepter » on the card.

The same use cases as Slack (bot/usecases/suggestions.py) and the same texts. After each decision the
card is replaced by the suggestions as they now stand, with what was done on top; the conventions go
out at once. The values the buttons and the list carry come back from the client: the use cases check
each again against the waiting pool.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t, tn
from bot.i18n.errors import error_text
from bot.notify import Rich, Text, plain
from bot.services import actions
from bot.services.errors import Conflict, InvalidInput
from bot.usecases import suggestions
from handlers.teams.cards import Card, action_set, card, submit, teams_text, text_block
from handlers.teams.choice import choices_card
from handlers.teams.deps import Handler, Reply, TeamsRequest, text_reply

# The list of other mentors under pair n is the input "swap-<n>"; its button carries that name.
SWAP_INPUT = re.compile(r"swap-\d{1,3}")


def _no_inputs(action: Card) -> Card:
    """A button that carries its value only (not the card's lists of other mentors)."""
    return {**action, "associatedInputs": "none"}


def _pair_items(lang: str, index: int, pair: suggestions.PairView) -> list[Card]:
    score = teams_text(t(lang, "match.pair.line", score=pair.score))  # Slack's *bold*, as a card shows it
    names = f"{teams_text(Rich((pair.mentee,)))} ← {teams_text(Rich((pair.mentor,)))}"
    buttons = [
        _no_inputs(submit(t(lang, "match.button.accept"), actions.MATCH_ACCEPT, pair.value, style="primary")),
        _no_inputs(submit(t(lang, "match.button.reject"), actions.MATCH_REJECT, pair.reject_value)),
    ]
    if pair.alternatives:
        name = f"swap-{index}"
        choices = [{"title": a.label, "value": a.value} for a in pair.alternatives]
        other = {"type": "Input.ChoiceSet", "id": name, "label": t(lang, "match.button.swap"), "choices": choices,
                 "value": pair.alternatives[0].value, "style": "compact", "isMultiSelect": False}
        buttons.append({"type": "Action.ShowCard", "title": t(lang, "match.button.swap"), "card": {
            "type": "AdaptiveCard", "body": [other],
            "actions": [submit(t(lang, "match.button.accept"), actions.MATCH_SWAP, name, style="primary")]}})
    return [
        text_block(f"{score} {names}", separator=True, spacing="Medium"),
        text_block(teams_text(pair.reasons), spacing="Small"),
        action_set(buttons, spacing="Small"),
    ]


def suggestions_card(view: suggestions.SuggestionsView, said: Text | None = None) -> Card:
    """The headline, each suggested pair with its buttons, the people left unmatched, « Tout accepter »."""
    lang = view.lang
    body: list[Card] = []
    if said:
        body.append(text_block(teams_text(said)))
    body.append(text_block(teams_text(view.headline), separator=bool(said)))
    for index, pair in enumerate(view.pairs):
        body += _pair_items(lang, index, pair)
    if view.more:
        body.append(text_block(tn(lang, "match.more", "match.more.plural", view.more), isSubtle=True,
                               spacing="Medium"))
    if view.unmatched:
        lines = "\n".join(f"- {teams_text(line)}" for line in view.unmatched)
        body += [text_block(t(lang, "match.unmatched.title"), weight="Bolder", separator=True, spacing="Medium"),
                 text_block(lines, spacing="Small")]
    foot: list[Card] = []
    if view.accept_all:
        label = tn(lang, "match.button.accept_all", "match.button.accept_all.plural", view.accept_all_count)
        foot.append(_no_inputs(submit(label, actions.MATCH_ACCEPT_ALL, view.accept_all, style="primary")))
    return card(body, foot or None)


def _reply(session: Session, req: TeamsRequest, actor: Actor, said: Text | None = None, *,
           replace: bool = False) -> Reply:
    view = suggestions.suggestions(session, actor, req.deps.rule, req.deps.clock.now())
    return Reply(suggestions_card(view, said), plain(said) if said else t(actor.lang, "match.title"), replace)


def show(req: TeamsRequest) -> list[Reply]:
    """`mentorat suggestions` and « Jumelages proposés »: a new card. A waiting mentee gets their choice of
    mentors when the programme lets mentees choose; anyone else, why there is neither."""
    with req.acting() as (session, actor):
        found = suggestions.suggestions_command(session, actor, req.deps.rule, req.deps.clock.now())
        if isinstance(found, suggestions.SuggestionsView):
            return [Reply(suggestions_card(found), t(actor.lang, "match.title"))]
        if isinstance(found, suggestions.ChoicesView):
            return [Reply(choices_card(found), plain(found.headline))]
        return [text_reply(found)]


Decision = Callable[[Session, Actor, str], Text]


def _decided(req: TeamsRequest, value: str, act: Decision) -> list[Reply]:
    """Carry out the decision, send the conventions, then the card again, refreshed, with what was done on
    top. A pair no longer possible (someone paired or withdrawn meanwhile) is said the same way, on top of
    the suggestions as they now stand."""
    deps = req.deps
    try:
        with req.acting() as (session, actor):
            said: Text = act(session, actor, value)
    except Conflict as error:
        with req.acting() as (session, actor):
            said = error_text(actor.lang, actor.tz, error)
    deps.deliver_now()  # the conventions go out at once
    with req.acting() as (session, actor):
        return [_reply(session, req, actor, said, replace=True)]


def accept(req: TeamsRequest) -> list[Reply]:
    """« Jumeler » (value: "<mentee>:<mentor>:<suggested mentor>")."""
    now = req.deps.clock.now
    return _decided(req, req.field("value"),
                    lambda s, a, v: suggestions.accept(s, a, req.deps.rule, now(), v).reply.text)


def swap(req: TeamsRequest) -> list[Reply]:
    """« Jumeler » under « Autre mentor… »: the mentor picked in that pair's list (its input's name is the
    button's value; the value picked is the same kind as « Jumeler »'s)."""
    name = req.field("value")
    if not SWAP_INPUT.fullmatch(name) or not req.field(name):
        raise InvalidInput("teams.stale")
    now = req.deps.clock.now
    return _decided(req, req.field(name),
                    lambda s, a, v: suggestions.accept(s, a, req.deps.rule, now(), v).reply.text)


def reject(req: TeamsRequest) -> list[Reply]:
    """« Écarter » (value: "<mentee>:<mentor>")."""
    now = req.deps.clock.now
    return _decided(req, req.field("value"), lambda s, a, v: suggestions.reject(s, a, req.deps.rule, now(), v))


def accept_all(req: TeamsRequest) -> list[Reply]:
    """« Tout accepter » (value: the pairs the card showed, "<mentee>:<mentor>,…")."""
    now = req.deps.clock.now
    return _decided(req, req.field("value"),
                    lambda s, a, v: suggestions.accept_all(s, a, req.deps.rule, now(), v))


COMMANDS: dict[str, Handler] = {"suggestions": show}
ACTIONS: dict[str, Handler] = {
    actions.SUGGESTIONS_SHOW: show,
    actions.MATCH_ACCEPT: accept,
    actions.MATCH_SWAP: swap,
    actions.MATCH_REJECT: reject,
    actions.MATCH_ACCEPT_ALL: accept_all,
}
