"""Pairing on Teams (`mentorat jumeler`: a card with the directory's people picker) and the convention:
reading it (`mentorat convention`), "J'accepte" and "J'ai une question"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.errors import error_text
from bot.notify import Message
from bot.services import actions, conventions, people
from bot.services.errors import DomainError, InvalidInput
from bot.services.messages import convention_message
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import coordinator_names, coordinators
from handlers.teams import conversations
from handlers.teams.deps import Handler, Reply, TeamsRequest, directory_name, message_reply, resolve_actor, say
from handlers.teams.forms import FormState, date_input, form_card, person_picker
from storage.db import session_scope

PAIRING_SUBMIT = "teams-pairing-submit"
FIELDS = ("mentor", "mentee", "start")


def pairing_card(actor: Actor, today: date, state: FormState) -> Reply:
    lang = actor.lang
    body = [
        *person_picker("mentor", t(lang, "pair.modal.mentor"), state, error_message=t(lang, "teams.pair.picker")),
        *person_picker("mentee", t(lang, "pair.modal.mentee"), state, error_message=t(lang, "teams.pair.picker")),
        *date_input("start", t(lang, "pair.modal.start"), state, default=today.isoformat()),
    ]
    content = form_card(lang, t(lang, "pair.modal.title"), body, submit_label=t(lang, "pair.modal.submit"),
                        action=PAIRING_SUBMIT, intro=t(lang, "pair.modal.hint"), state=state)
    return Reply(content, t(lang, "pair.modal.title"), replace=bool(state.errors))


def open_pairing(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        require(session, actor.person, Act.PAIR, actor.programme, req.deps.rule)
        return [pairing_card(actor, actor.today(req.deps), FormState())]


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
        with session_scope(req.deps.session_factory) as session:
            actor = resolve_actor(session, req.deps, req.incoming)
            state = FormState(values, {error.field: error_text(actor.lang, actor.tz, error)})
            return [pairing_card(actor, actor.today(req.deps), state)]


def _pair(req: TeamsRequest, values: dict[str, str]) -> list[Reply]:
    deps = req.deps
    # 1. Who may, and who was picked (the session is closed before Teams is called: no lock held meanwhile).
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)
        mentor_id, mentee_id = values["mentor"].lower(), values["mentee"].lower()
        if not mentor_id or not mentee_id:
            raise InvalidInput("error.pair.need_two", field="mentor" if not mentor_id else "mentee")
        if mentor_id == mentee_id:
            raise InvalidInput("error.pair.same_person", field="mentee")
        start = _start(values["start"]) if values["start"] else actor.today(deps)
        picked = []
        for field, external_id in (("mentor", mentor_id), ("mentee", mentee_id)):
            person = people.ensure_person(session, actor.workspace, external_id, now=deps.clock.now())
            ref = conversations.reference_for(session, person)
            assert ref is not None  # the coordinator's own chat gives the tenant's service URL
            picked.append(Picked(field, ref))
    # 2. Reach each person (their 1:1 chat) and read their name, as users.info does on Slack.
    names = {choice.ref.person_id: directory_name(deps, choice.ref, choice.field) for choice in picked}
    # 3. The convention, as on Slack.
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        pair = []
        for choice in picked:
            person = people.ensure_person(session, actor.workspace, choice.ref.user_external_id, now=deps.clock.now())
            if name := names.get(person.id):
                person.display_name = name
            pair.append(person)
        today = actor.today(deps)
        result = conventions.pair(session, programme=actor.programme, coordinator=actor.person, mentor=pair[0],
                                  mentee=pair[1], starts_on=start, today=today, now=deps.clock.now(),
                                  rule=deps.rule)
        c = result.convention
        key = N_("pair.sent") if result.created else N_("pair.already_sent")
        text = t(actor.lang, key, mentor=mention(pair[0]), mentee=mention(pair[1]),
                 start=format_day(c.starts_on, actor.lang), status=t(actor.lang, labels.STATUS[c.status]))
        return [message_reply(session, actor, Message(text=text, headline=False), replace=True)]


def show_conventions(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        found = conventions.conventions_of(session, actor.person)
        if not found:
            names = ", ".join(coordinator_names(session, actor.programme, req.deps.rule)) or t(actor.lang, "none")
            return [message_reply(session, actor, Message(text=t(actor.lang, "conv.none", coordinators=names),
                                                          headline=False))]
        return [message_reply(session, actor, convention_message(session, c, actor.person, req.deps.compose_ctx))
                for c in found]


def accept(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        result = conventions.accept(session, convention_id=req.subject_id(), person=actor.person, now=deps.clock.now())
        when = format_moment(result.accepted_at, actor.tz, actor.lang)
        if result.already:
            return [say(actor.lang, "conv.already_accepted", when=when)]
        message = convention_message(session, result.convention, actor.person, deps.compose_ctx)
        role = conventions.role_in(result.convention, actor.person)
        other = result.convention.mentee if role == "mentor" else result.convention.mentor
        lines = [t(actor.lang, "conv.accepted.you", when=when)]
        if not result.activated:
            lines.append(t(actor.lang, "conv.accepted.waiting", other=mention(other)))
        replies = [message_reply(session, actor, message, replace=True)]
        replies.append(message_reply(session, actor, Message(text="\n\n".join(lines), headline=False)))
        return replies


def ask_question(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        coordinator_ids = [p.id for p in coordinators(session, actor.programme, deps.rule)]
        convention = conventions.ask_question(session, convention_id=req.subject_id(), person=actor.person,
                                              now=deps.clock.now(), coordinator_ids=coordinator_ids)
        who = (mention(convention.paired_by) if convention.paired_by
               else ", ".join(coordinator_names(session, actor.programme, deps.rule)))
        return [message_reply(session, actor, Message(text=t(actor.lang, "conv.question.sent", coordinator=who),
                                                      headline=False))]


COMMANDS: dict[str, Handler] = {"jumeler": open_pairing, "convention": show_conventions}
ACTIONS: dict[str, Handler] = {
    PAIRING_SUBMIT: submit_pairing,
    actions.CONVENTION_ACCEPT: accept,
    actions.CONVENTION_QUESTION: ask_question,
}
