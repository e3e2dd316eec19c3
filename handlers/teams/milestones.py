"""A road map's milestones on Teams: the mentor's status card, the mentee's « Partager » / « Garder »
(the same use cases as Slack: bot/usecases/milestones.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.services import actions
from bot.services.milestones import StatusEntry
from bot.usecases import milestones
from bot.usecases.milestones import StatusFormView
from handlers.teams.cards import teams_text, typed_text
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, saved_or_form, text_reply
from handlers.teams.forms import FormState, choice_input, form_card, text_input

SUBMIT = "teams-milestone-submit"


def _card(view: StatusFormView, state: FormState) -> Reply:
    lang = view.lang
    state = state if state.values else FormState(view.values, state.errors)
    body = [typed_text(view.title),
            *choice_input("on_track", t(lang, milestones.LABELS["on_track"]), state, view.on_track, expanded=True),
            *text_input("hours", t(lang, milestones.LABELS["hours"]), state, max_length=4)]
    content = form_card(lang, t(lang, "milestone.form.title"), body, submit_label=t(lang, "profile.modal.submit"),
                        action=SUBMIT, value=str(view.milestone_id), intro=teams_text(view.intro), state=state)
    return Reply(content, t(lang, "milestone.form.title"), replace=bool(state.errors))


def _entry(req: TeamsRequest) -> StatusEntry:
    return StatusEntry(req.field("on_track"), req.field("hours"))


def open_form(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_card(milestones.status_form(session, actor, req.field("value")), FormState())]


def submit(req: TeamsRequest) -> list[Reply]:
    raw_id = req.field("value")

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            said = milestones.record(session, actor, req.deps.clock.now(), raw_id, _entry(req))
        return [text_reply(said, replace=True)]

    def again(session: Session, actor: Actor, state: FormState) -> Reply:
        return _card(milestones.status_form(session, actor, raw_id, _entry(req)), state)

    return saved_or_form(req, milestones.FIELDS, save, again)


def _decide(share: bool) -> Handler:
    def act(req: TeamsRequest) -> list[Reply]:
        with req.acting() as (session, actor):
            return [message_reply(milestones.decide(session, actor, req.deps.clock.now(), req.field("value"),
                                                    share=share), replace=True)]
    return act


ACTIONS: dict[str, Handler] = {actions.MILESTONE_RECORD: open_form, SUBMIT: submit,
                               actions.MILESTONE_SHARE: _decide(True), actions.MILESTONE_KEEP: _decide(False)}
