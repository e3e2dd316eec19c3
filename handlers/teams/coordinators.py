"""`mentorat coordonnateurs` on Teams: the programme's coordinators, and a card to add or remove one.

The same use cases as Slack (bot/usecases/coordinators.py) and the same texts. Slack names the person in
the command (`ajouter @personne`); a Teams chat with the bot cannot mention anyone else, so the card
carries the directory's people picker and two buttons instead.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.i18n.rich import rt
from bot.notify import Message, Rich, Text
from bot.services import people
from bot.services.errors import DomainError, InvalidInput
from bot.usecases import coordinators
from handlers.teams import conversations
from handlers.teams.cards import card, submit, teams_text, text_block
from handlers.teams.deps import Handler, Reply, TeamsDeps, TeamsRequest, directory_name, refused_state, resolve_actor
from handlers.teams.forms import FormState, person_picker
from storage.db import session_scope

COORD_ADD = "teams-coordinators-add"
COORD_REMOVE = "teams-coordinators-remove"
FIELD = "person"


def coordinators_card(session: Session, deps: TeamsDeps, actor: Actor, *, notice: Text | None = None,
                      state: FormState | None = None, replace: bool = False) -> Reply:
    """The list (with `notice`, the outcome of the last change, on top) and the picker to change it."""
    lang = actor.lang
    state = state or FormState()
    names = coordinators.listed(session, actor, deps.rule)
    lines: list[Text] = [rt(lang, "coord.list", programme=actor.programme.name, names=names),
             t(lang, "teams.disputes.coord.by_right"), t(lang, "teams.disputes.coord.usage")]
    if notice:
        lines.insert(0, notice)
    message = Message(text=Rich.join("\n\n", lines), headline=False)
    shown = teams_text(message.text)
    body = [text_block(shown)]
    if state.errors:
        body.append(text_block(t(lang, "teams.form.fix"), color="Attention"))
    body += person_picker(FIELD, t(lang, "teams.disputes.coord.person"), state,
                          error_message=t(lang, "teams.pair.picker"))
    content = card(body, [submit(t(lang, "teams.disputes.coord.add"), COORD_ADD, style="primary"),
                          submit(t(lang, "teams.disputes.coord.remove"), COORD_REMOVE)])
    summary = shown.replace("**", "").split("\n")[0][:200]
    return Reply(content, summary, replace=replace or bool(state.errors))


def _coordinator(session: Session, req: TeamsRequest) -> Actor:
    """The person acting, if they coordinate (checked again on every click: a forged one is refused)."""
    actor = resolve_actor(session, req.deps, req.incoming)
    coordinators.listed(session, actor, req.deps.rule)
    return actor


def show(req: TeamsRequest) -> list[Reply]:
    """`mentorat coordonnateurs` (whatever follows: on Teams the list is changed from the card)."""
    with session_scope(req.deps.session_factory) as session:
        return [coordinators_card(session, req.deps, _coordinator(session, req))]


def _picked(req: TeamsRequest) -> str:
    picked = req.field(FIELD).strip().lower()
    if not picked:
        raise InvalidInput("teams.disputes.coord.pick", field=FIELD)
    return picked


def _add(req: TeamsRequest, external_id: str) -> Text:
    """Add the picked person once the bot can reach them (a coordinator it cannot alert is of no use)."""
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = _coordinator(session, req)
        target = people.ensure_person(session, actor.workspace, external_id, now=deps.clock.now())
        ref = conversations.reference_for(session, target)
        assert ref is not None  # the coordinator's own chat gives the tenant's service URL
    name = directory_name(deps, ref, FIELD)  # between units of work: no lock held while Teams answers
    with session_scope(deps.session_factory) as session:
        actor = _coordinator(session, req)
        target = people.ensure_person(session, actor.workspace, external_id, now=deps.clock.now())
        if name:
            target.display_name = name
        return coordinators.add(session, actor, deps.clock.now(), deps.rule, target)


def _remove(req: TeamsRequest, external_id: str) -> Text:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = _coordinator(session, req)
        target = people.ensure_person(session, actor.workspace, external_id, now=deps.clock.now())
        return coordinators.remove(session, actor, deps.rule, target)


def change(req: TeamsRequest) -> list[Reply]:
    """"Ajouter" or "Retirer" with the person picked: the card comes back updated, the outcome on top."""
    deps = req.deps
    try:
        external_id = _picked(req)
        notice = (_add if req.field("mentorat") == COORD_ADD else _remove)(req, external_id)
    except DomainError as error:
        if error.field != FIELD:
            raise
        with session_scope(deps.session_factory) as session:
            actor = _coordinator(session, req)
            state = refused_state(session, actor, {FIELD: req.field(FIELD)}, error, pickers=(FIELD,))
            return [coordinators_card(session, deps, actor, state=state)]
    with session_scope(deps.session_factory) as session:
        return [coordinators_card(session, deps, _coordinator(session, req), notice=notice, replace=True)]


COMMANDS: dict[str, Handler] = {"coordonnateurs": show}
ACTIONS: dict[str, Handler] = {COORD_ADD: change, COORD_REMOVE: change}
