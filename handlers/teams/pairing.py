"""Pairing on Teams (`mentorat jumeler`: a card with the directory's people picker) and the convention:
reading it (`mentorat convention`), "J'accepte" and "J'ai une question"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.actor import Actor
from bot.i18n import t
from bot.notify import Message, Rich, Text
from bot.services import actions, people
from bot.services.errors import DomainError, InvalidInput
from bot.services.typed_text import row_id
from bot.usecases import conventions as convention_actions
from bot.usecases import programmes
from handlers.teams import conversations
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsRequest,
    acting_in_teams,
    directory_name,
    message_reply,
    refused_state,
    text_reply,
)
from handlers.teams.forms import OPENED_IN, FormState, date_input, form_card, person_picker

PAIRING_SUBMIT = "teams-pairing-submit"
FIELDS = ("mentor", "mentee", "start", "manager")


def pairing_card(actor: Actor, today: date, state: FormState) -> Reply:
    lang = actor.lang
    body = [
        *person_picker("mentor", t(lang, "pair.modal.mentor"), state, error_message=t(lang, "teams.pair.picker")),
        *person_picker("mentee", t(lang, "pair.modal.mentee"), state, error_message=t(lang, "teams.pair.picker")),
        *(person_picker("manager", t(lang, "pair.field.manager"), state, required=False)
          if actor.programme.corporate_method else []),
        *date_input("start", t(lang, "pair.modal.start"), state, default=today.isoformat()),
    ]
    content = form_card(lang, t(lang, "pair.modal.title"), body, submit_label=t(lang, "pair.modal.submit"),
                        action=PAIRING_SUBMIT, intro=t(lang, "pair.modal.hint"), state=state,
                        programme_id=actor.programme.id)
    return Reply(content, t(lang, "pair.modal.title"), replace=bool(state.errors))


def open_pairing(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        convention_actions.may_pair(session, actor, req.deps.rule)
        return [pairing_card(actor, convention_actions.default_start(actor, actor.today(req.deps)), FormState())]


@dataclass(frozen=True)
class Picked:
    field: str
    ref: conversations.Reference


def _start(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise InvalidInput("error.pair.bad_date", field="start", value=raw[:40]) from exc


def submit_pairing(req: TeamsRequest) -> list[Reply]:
    values = {name: req.field(name).strip() for name in FIELDS}
    try:
        return _pair(req, values)
    except DomainError as error:
        if error.field not in FIELDS:
            raise
        with req.acting() as (session, actor):
            # A coordinator's form (may_pair is checked before any field is): the picked people by name.
            state = refused_state(session, actor, values, error, pickers=("mentor", "mentee", "manager"))
            return [pairing_card(actor, actor.today(req.deps), state)]


def _pair(req: TeamsRequest, values: dict[str, str]) -> list[Reply]:
    deps = req.deps
    # 1. Who may, and who was picked (the session is closed before Teams is called: no lock held meanwhile).
    with acting_in_teams(deps, req.incoming) as (session, actor):
        programmes.opened_in(session, actor, row_id(req.field(OPENED_IN)))
        convention_actions.may_pair(session, actor, deps.rule)
        mentor_id, mentee_id = convention_actions.two_picks(values["mentor"].lower(), values["mentee"].lower())
        start = _start(values["start"]) if values["start"] else actor.today(deps)
        picked = []
        manager_id = values["manager"].lower()
        if manager_id and manager_id in (mentor_id, mentee_id):
            raise InvalidInput("error.pair.manager_in_pair", field="manager")
        chosen = [("mentor", mentor_id), ("mentee", mentee_id), *([("manager", manager_id)] if manager_id else [])]
        for field, external_id in chosen:
            person = people.ensure_person(session, actor.workspace, external_id, now=deps.clock.now())
            ref = conversations.reference_for(session, person)
            assert ref is not None  # the coordinator's own chat gives the tenant's service URL
            picked.append(Picked(field, ref))
    # 2. Reach each person (their 1:1 chat) and read their name, as users.info does on Slack.
    names = {choice.ref.person_id: directory_name(deps, choice.ref, choice.field) for choice in picked}
    # 3. The convention, as on Slack.
    with acting_in_teams(deps, req.incoming) as (session, actor):
        pair = []
        for choice in picked:
            person = people.ensure_person(session, actor.workspace, choice.ref.user_external_id, now=deps.clock.now())
            if name := names.get(person.id):
                person.display_name = name
            pair.append(person)
        done = convention_actions.pair(session, actor, deps.rule, deps.clock.now(), pair[0], pair[1], start,
                                       manager=pair[2] if len(pair) == 3 else None)
        return [message_reply(done.reply, replace=True)]


def show_conventions(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [message_reply(message)
                for message in convention_actions.conventions_shown(session, actor, req.deps.compose_ctx)]


def accept(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with req.acting() as (session, actor):
        accepted = convention_actions.accept(session, actor, deps.clock.now(), req.subject_id(), deps.compose_ctx)
        if accepted.convention is None:
            return [text_reply(accepted.said)]
        lines: list[Text] = [accepted.said, *([accepted.waiting] if accepted.waiting else [])]
        return [message_reply(accepted.convention, replace=True),
                message_reply(Message(text=Rich.join("\n\n", lines), headline=False))]


def ask_question(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with req.acting() as (session, actor):
        text = convention_actions.ask_question(session, actor, deps.clock.now(), req.subject_id(), deps.rule)
        return [message_reply(Message(text=text, headline=False))]


COMMANDS: dict[str, Handler] = {"jumeler": open_pairing, "convention": show_conventions}
ACTIONS: dict[str, Handler] = {
    PAIRING_SUBMIT: submit_pairing,
    actions.CONVENTION_ACCEPT: accept,
    actions.CONVENTION_QUESTION: ask_question,
}
