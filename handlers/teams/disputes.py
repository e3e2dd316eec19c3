"""Différends and early ends on Teams: `mentorat differend` and `mentorat fin-hative` (the forms), the
coordinators' buttons on the alert (take, meet, resolve, confirm the end) and "Retirer ma demande".

The same use cases as Slack (bot/usecases/disputes.py) and the same texts;
Slack's modals are Adaptive Card forms here, and a refused form comes back in place with what was typed.
What a person writes goes to the coordinators only (the services see to that); it is never logged here.
"""

from __future__ import annotations

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.rich import rt
from bot.notify import Message
from bot.services import actions, disputes
from bot.services.errors import DomainError
from bot.services.people import mention
from bot.usecases import disputes as dispute_actions
from handlers.teams.cards import Card, teams_text, text_block
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsRequest,
    message_reply,
    refusal,
    refused_state,
    text_reply,
)
from handlers.teams.forms import FormState, choice_input, flag, form_card, text_input, toggle_input
from storage.models import Convention, DisputeKind, Person

# Card actions of the forms (the coordinators' and the withdraw buttons' keys are in bot/services/actions.py).
DIFFEREND_SUBMIT = "teams-differend-submit"  # value: the convention id
EARLY_END_SUBMIT = "teams-early-end-submit"  # value: the convention id
KIND_OF_SUBMIT = {DIFFEREND_SUBMIT: DisputeKind.DIFFEREND, EARLY_END_SUBMIT: DisputeKind.EARLY_END}
SUBMIT_OF_KIND = {kind: key for key, kind in KIND_OF_SUBMIT.items()}
FIELDS = ("summary", "amicable", "go_on", "urgency")
# Each kind's texts, the same as Slack's modals.
FORM_KEYS = {
    DisputeKind.DIFFEREND: {"title": "differend.modal.title", "intro": "differend.modal.intro",
                            "summary": N_("differend.modal.summary"), "hint": N_("differend.modal.summary_hint"),
                            "submit": "differend.modal.submit"},
    DisputeKind.EARLY_END: {"title": "early_end.modal.title", "intro": "early_end.modal.intro",
                            "summary": N_("early_end.modal.reason"), "hint": N_("early_end.modal.reason_hint"),
                            "submit": "early_end.modal.submit"},
}


def _labelled(elements: list[Card], label: str) -> list[Card]:
    """A toggle with a label above its title (the helper has only the title)."""
    return [{**elements[0], "label": label}, *elements[1:]]


def _differend_inputs(lang: str, state: FormState) -> list[Card]:
    """What only a différend asks: a friendly attempt first (or going on anyway), and how urgent it is."""
    return [
        *choice_input("amicable", t(lang, "differend.modal.amicable"), state,
                      [(t(lang, "differend.modal.amicable_yes"), "yes"), (t(lang, "differend.modal.amicable_no"), "no")],
                      expanded=True, required=True, error_message=t(lang, "error.dispute.amicable")),
        *_labelled(toggle_input("go_on", t(lang, "differend.modal.go_on"), state),
                   t(lang, "differend.modal.go_on_label")),
        *choice_input("urgency", t(lang, "differend.modal.urgency"), state,
                      [(t(lang, labels.URGENCY[u]), u) for u in disputes.URGENCIES],
                      default="normal", expanded=True, required=True, error_message=t(lang, "error.dispute.urgency")),
    ]


def dispute_card(actor: Actor, convention: Convention, other: Person, kind: DisputeKind,
                 state: FormState | None = None) -> Reply:
    """The différend or early-end form, as Slack's modal; `state` brings back a refused one."""
    lang, keys = actor.lang, FORM_KEYS[kind]
    state = state or FormState()
    body = text_input("summary", t(lang, keys["summary"]), state, multiline=True, max_length=disputes.SUMMARY_LIMIT,
                      required=True, placeholder=t(lang, keys["hint"]), error_message=t(lang, "error.dispute.summary"))
    if kind == DisputeKind.DIFFEREND:
        body += _differend_inputs(lang, state)
    body.append(text_block(teams_text(t(lang, "differend.modal.resources")), isSubtle=True, size="Small", spacing="Medium"))
    title = t(lang, keys["title"])
    content = form_card(lang, title, body, submit_label=t(lang, keys["submit"]), action=SUBMIT_OF_KIND[kind],
                        value=str(convention.id), intro=teams_text(rt(lang, keys["intro"], other=mention(other))),
                        state=state)
    return Reply(content, title, replace=bool(state.errors))


# -- opening the form ---------------------------------------------------------------------------------
def _open_form(req: TeamsRequest, kind: DisputeKind) -> list[Reply]:
    with req.acting() as (session, actor):
        convention, other = dispute_actions.dispute_form(session, actor, req.convention_id)
        return [dispute_card(actor, convention, other, kind)]


def open_differend(req: TeamsRequest) -> list[Reply]:
    """`mentorat differend`."""
    return _open_form(req, DisputeKind.DIFFEREND)


def open_early_end(req: TeamsRequest) -> list[Reply]:
    """`mentorat fin-hative`."""
    return _open_form(req, DisputeKind.EARLY_END)


# -- the submitted form -----------------------------------------------------------------------------
def entry_of(kind: DisputeKind, values: dict[str, str]) -> dispute_actions.DisputeEntry:
    """The card's values as Slack's DisputeForm reads its modal."""
    return dispute_actions.DisputeEntry(kind=kind, summary=values["summary"],
                                        amicable={"yes": True, "no": False}.get(values["amicable"]),
                                        go_on=flag(values, "go_on"), urgency=values["urgency"] or None)


def submit_dispute(req: TeamsRequest) -> list[Reply]:
    kind = KIND_OF_SUBMIT[req.field("mentorat")]
    values = {name: req.field(name) for name in FIELDS}
    try:
        return _raise(req, kind, values)
    except DomainError as error:
        with req.acting() as (session, actor):
            if error.field not in FIELDS:
                # As Slack closes its modal: the form gives way to the reason (already open, convention over).
                return [refusal(actor, error, replace=True)]
            convention, other = dispute_actions.dispute_form(session, actor, req.subject_id())
            state = refused_state(session, actor, values, error)
            return [dispute_card(actor, convention, other, kind, state)]


def _raise(req: TeamsRequest, kind: DisputeKind, values: dict[str, str]) -> list[Reply]:
    deps = req.deps
    with req.acting() as (session, actor):
        done = dispute_actions.raise_case(session, actor, deps.clock.now(), deps.rule, deps.settings.fallback_admin,
                                          req.subject_id(), entry_of(kind, values))
        # The form gives way to the acknowledgement (and, for an early end, its "withdraw" button).
        return [message_reply(done.reply, replace=True)]


# -- the coordinators' buttons ----------------------------------------------------------------------
def coordinator_answer(req: TeamsRequest) -> list[Reply]:
    """Take, meet, resolve, confirm the end: run the click, then show the case as it now stands (in place
    of the alert)."""
    step = STEP_OF_ACTION[req.field("mentorat")]
    with req.acting() as (session, actor):
        case = dispute_actions.coordinator_step(session, actor, req.deps.clock.now(), req.deps.rule,
                                                req.subject_id(), step)
        replies = [message_reply(case.message, replace=True)]
        if case.note:
            replies.append(message_reply(Message(text=case.note, headline=False)))
        return replies


def withdraw(req: TeamsRequest) -> list[Reply]:
    """« Retirer ma demande »."""
    with req.acting() as (session, actor):
        return [text_reply(dispute_actions.withdraw(session, actor, req.deps.clock.now(), req.subject_id()),
                           replace=True)]


STEP_OF_ACTION = {actions.DISPUTE_TAKE: dispute_actions.CoordinatorStep.TAKE,
                  actions.DISPUTE_MEET: dispute_actions.CoordinatorStep.MEET,
                  actions.DISPUTE_RESOLVE: dispute_actions.CoordinatorStep.RESOLVE,
                  actions.EARLY_END_CONFIRM: dispute_actions.CoordinatorStep.CONFIRM_END}


COMMANDS: dict[str, Handler] = {"differend": open_differend, "fin-hative": open_early_end}
ACTIONS: dict[str, Handler] = {
    DIFFEREND_SUBMIT: submit_dispute,
    EARLY_END_SUBMIT: submit_dispute,
    **{key: coordinator_answer for key in STEP_OF_ACTION},
    actions.EARLY_END_WITHDRAW: withdraw,
}
