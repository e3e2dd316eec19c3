"""The corporate method's synthesis report on Teams: the mentor's card, the mentee's « Approuver » buttons and
the card to ask for changes (the same use cases as Slack: bot/usecases/synthesis.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.services import actions, syntheses
from bot.services.syntheses import SynthesisDraft
from bot.usecases import synthesis
from bot.usecases.synthesis import ChangesFormView, SynthesisFormView
from handlers.teams.cards import teams_text
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, saved_or_form, text_reply
from handlers.teams.forms import FormState, form_card, note, text_input

SUBMIT = "teams-synthesis-submit"
CHANGES_SUBMIT = "teams-synthesis-changes-submit"


def _card(view: SynthesisFormView, state: FormState) -> Reply:
    lang = view.lang
    state = state if state.values else FormState(view.values, state.errors)
    body = [note(t(lang, "synthesis.hint.lines"))]
    for name in synthesis.FIELDS:
        body += text_input(name, t(lang, synthesis.LABELS[name]), state, multiline=True,
                           max_length=syntheses.TEXT_LIMIT)
    content = form_card(lang, t(lang, "synthesis.form.title"), body, submit_label=t(lang, "synthesis.form.submit"),
                        action=SUBMIT, value=str(view.convention_id), intro=teams_text(view.intro), state=state)
    return Reply(content, t(lang, "synthesis.form.title"), replace=bool(state.errors))


def _changes_card(view: ChangesFormView, state: FormState) -> Reply:
    lang = view.lang
    body = text_input("comment", t(lang, "synthesis.comment"), state, multiline=True,
                      max_length=syntheses.COMMENT_LIMIT)
    content = form_card(lang, t(lang, "synthesis.changes.title"), body,
                        submit_label=t(lang, "synthesis.changes.submit"), action=CHANGES_SUBMIT, value=view.value,
                        intro=teams_text(view.intro), state=state)
    return Reply(content, t(lang, "synthesis.changes.title"), replace=bool(state.errors))


def _draft(req: TeamsRequest) -> SynthesisDraft:
    return SynthesisDraft(req.field("points"), req.field("results"), req.field("axes"), req.field("follow_up"))


def command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        found = synthesis.command(session, actor, req.convention_id)
        if isinstance(found, SynthesisFormView):
            return [_card(found, FormState())]
        return [message_reply(found)]


def edit(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_card(synthesis.form(session, actor, req.field("value")), FormState())]


def submit(req: TeamsRequest) -> list[Reply]:
    raw_id = req.field("value")

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            said = synthesis.submit(session, actor, req.deps.clock.now(), raw_id, _draft(req))
        return [text_reply(said, replace=True)]

    def again(session: Session, actor: Actor, state: FormState) -> Reply:
        return _card(synthesis.form(session, actor, raw_id, _draft(req)), state)

    return saved_or_form(req, synthesis.FIELDS, save, again)


def _approve(to_manager: bool) -> Handler:
    def act(req: TeamsRequest) -> list[Reply]:
        with req.acting() as (session, actor):
            return [message_reply(synthesis.approve(session, actor, req.deps.clock.now(), req.field("value"),
                                                    to_manager=to_manager), replace=True)]
    return act


def open_changes(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_changes_card(synthesis.changes_form(session, actor, req.field("value")), FormState())]


def submit_changes(req: TeamsRequest) -> list[Reply]:
    value = req.field("value")

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            said = synthesis.ask_changes(session, actor, req.deps.clock.now(), value, req.field("comment"))
        return [text_reply(said, replace=True)]

    def again(session: Session, actor: Actor, state: FormState) -> Reply:
        return _changes_card(synthesis.changes_form(session, actor, value), state)

    return saved_or_form(req, ("comment",), save, again)


COMMANDS: dict[str, Handler] = {"synthese": command}
ACTIONS: dict[str, Handler] = {actions.SYNTHESIS_EDIT: edit, SUBMIT: submit,
                               actions.SYNTHESIS_APPROVE_ALL: _approve(True), actions.SYNTHESIS_APPROVE: _approve(False),
                               actions.SYNTHESIS_CHANGES: open_changes, CHANGES_SUBMIT: submit_changes}
