"""Différends and early ends on Teams: `mentorat differend` and `mentorat fin-hative` (the forms), the
coordinators' buttons on the alert (take, meet, resolve, confirm the end) and "Retirer ma demande".

Mirrors handlers/slack/disputes.py, dispute_forms.py and views/disputes.py: the same services and texts;
Slack's modals are Adaptive Card forms here, and a refused form comes back in place with what was typed.
What a person writes goes to the coordinators only (the services see to that); it is never logged here.
"""

from __future__ import annotations

from bot.actor import Actor
from bot.i18n import N_, labels, t
from bot.i18n.errors import error_text
from bot.notify import Message
from bot.services import actions, disputes
from bot.services.dispute_messages import coordinator_view, raised_ack
from bot.services.errors import DomainError
from bot.services.meetings import other_side
from bot.services.people import mention
from bot.services.roles import coordinator_names
from handlers.teams.cards import Card, teams_markdown, text_block
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, refusal, resolve_actor, text_reply
from handlers.teams.forms import FormState, choice_input, flag, form_card, text_input, toggle_input
from storage.db import session_scope
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


def _md(text: str, *people: Person) -> str:
    return teams_markdown(text, {p.external_id: p.display_name or "?" for p in people})


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


def dispute_card(actor: Actor, convention: Convention, kind: DisputeKind, state: FormState | None = None) -> Reply:
    """The différend or early-end form, as Slack's modal; `state` brings back a refused one."""
    lang, keys = actor.lang, FORM_KEYS[kind]
    state = state or FormState()
    other = other_side(convention, actor.person)
    body = text_input("summary", t(lang, keys["summary"]), state, multiline=True, max_length=disputes.SUMMARY_LIMIT,
                      required=True, placeholder=t(lang, keys["hint"]), error_message=t(lang, "error.dispute.summary"))
    if kind == DisputeKind.DIFFEREND:
        body += _differend_inputs(lang, state)
    body.append(text_block(_md(t(lang, "differend.modal.resources")), isSubtle=True, size="Small", spacing="Medium"))
    title = t(lang, keys["title"])
    content = form_card(lang, title, body, submit_label=t(lang, keys["submit"]), action=SUBMIT_OF_KIND[kind],
                        value=str(convention.id), intro=_md(t(lang, keys["intro"], other=mention(other)), other),
                        state=state)
    return Reply(content, title, replace=bool(state.errors))


# -- opening the form ---------------------------------------------------------------------------------
def _open_form(req: TeamsRequest, kind: DisputeKind) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        convention = disputes.running_convention(session, actor.person)
        return [dispute_card(actor, convention, kind)]


def open_differend(req: TeamsRequest) -> list[Reply]:
    """`mentorat differend`."""
    return _open_form(req, DisputeKind.DIFFEREND)


def open_early_end(req: TeamsRequest) -> list[Reply]:
    """`mentorat fin-hative`."""
    return _open_form(req, DisputeKind.EARLY_END)


# -- the submitted form -----------------------------------------------------------------------------
def draft_of(kind: DisputeKind, values: dict[str, str]) -> disputes.DisputeDraft:
    """The card's values as Slack's DisputeForm reads its modal (an early end has only the reasons)."""
    if kind == DisputeKind.EARLY_END:
        return disputes.DisputeDraft(kind=kind, summary=values["summary"])
    return disputes.DisputeDraft(kind=kind, summary=values["summary"],
                                 amicable_tried={"yes": True, "no": False}.get(values["amicable"]),
                                 go_on=flag(values, "go_on"), urgency=values["urgency"] or None)


def submit_dispute(req: TeamsRequest) -> list[Reply]:
    kind = KIND_OF_SUBMIT[req.field("mentorat")]
    values = {name: req.field(name) for name in FIELDS}
    try:
        return _raise(req, kind, values)
    except DomainError as error:
        with session_scope(req.deps.session_factory) as session:
            actor = resolve_actor(session, req.deps, req.incoming)
            if error.field not in FIELDS:
                # As Slack closes its modal: the form gives way to the reason (already open, convention over).
                return [refusal(session, actor, error, replace=True)]
            convention = disputes.running_convention(session, actor.person, req.subject_id())
            state = FormState(values, {error.field: error_text(actor.lang, actor.tz, error)})
            return [dispute_card(actor, convention, kind, state)]


def _raise(req: TeamsRequest, kind: DisputeKind, values: dict[str, str]) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        dispute = disputes.raise_for(session, person=actor.person, convention_id=req.subject_id(),
                                     draft=draft_of(kind, values), rule=deps.rule,
                                     fallback_admin=deps.settings.fallback_admin, now=deps.clock.now())
        names = coordinator_names(session, dispute.convention.programme, deps.rule)
        # The form gives way to the acknowledgement (and, for an early end, its "withdraw" button).
        return [message_reply(session, actor, raised_ack(dispute, actor.person, names), replace=True)]


# -- the coordinators' buttons ----------------------------------------------------------------------
def _coordinator_answer(req: TeamsRequest, act: disputes.CoordinatorAct, *, key_done: str | None) -> list[Reply]:
    """Run a coordinator's click, then show them the case as it now stands (in place of the alert)."""
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        change = act(session, dispute_id=req.subject_id(), person=actor.person, rule=deps.rule, now=deps.clock.now())
        message, note = coordinator_view(change.dispute, actor.person, done=change.done, key_done=key_done)
        replies = [message_reply(session, actor, message, replace=True)]
        if note:
            replies.append(message_reply(session, actor, Message(text=note, headline=False)))
        return replies


def take(req: TeamsRequest) -> list[Reply]:
    """« Je m'en occupe »."""
    return _coordinator_answer(req, disputes.take, key_done=N_("dispute.taken.you"))


def meet(req: TeamsRequest) -> list[Reply]:
    """« Planifier une rencontre »: both sides of the pair are told (without the text)."""
    return _coordinator_answer(req, disputes.request_meeting, key_done=N_("dispute.meeting.sent"))


def resolve(req: TeamsRequest) -> list[Reply]:
    """« Résolu » on a différend."""
    return _coordinator_answer(req, disputes.resolve, key_done=None)


def confirm_end(req: TeamsRequest) -> list[Reply]:
    """« Confirmer la fin »: the convention ends now, reminders stop, both are offered the short bilan."""
    return _coordinator_answer(req, disputes.confirm_early_end, key_done=None)


def withdraw(req: TeamsRequest) -> list[Reply]:
    """« Retirer ma demande »: only the person who asked; the convention goes on."""
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        change = disputes.withdraw(session, dispute_id=req.subject_id(), person=actor.person, now=deps.clock.now())
        key = N_("early_end.withdrawn.you") if change.done else "dispute.already_closed"
        return [text_reply(t(actor.lang, key), replace=True)]


COMMANDS: dict[str, Handler] = {"differend": open_differend, "fin-hative": open_early_end}
ACTIONS: dict[str, Handler] = {
    DIFFEREND_SUBMIT: submit_dispute,
    EARLY_END_SUBMIT: submit_dispute,
    actions.DISPUTE_TAKE: take,
    actions.DISPUTE_MEET: meet,
    actions.DISPUTE_RESOLVE: resolve,
    actions.EARLY_END_CONFIRM: confirm_end,
    actions.EARLY_END_WITHDRAW: withdraw,
}
