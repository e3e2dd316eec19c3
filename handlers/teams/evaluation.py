"""The programme's evaluation on Teams: `mentorat evaluation` or « Évaluer le programme », its card."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.services import actions
from bot.services.evaluations import RATINGS, EvaluationInput
from bot.services.typed_text import number
from bot.usecases import evaluation
from handlers.teams.deps import Handler, Reply, TeamsRequest, saved_or_form, text_reply
from handlers.teams.forms import FormState, choice_input, form_card, note, text_input

SUBMIT = "teams-evaluation-submit"  # value: the convention id


def _card(view: evaluation.EvaluationFormView, state: FormState) -> Reply:
    lang = view.lang
    body = []
    for name, question in view.questions:
        body += choice_input(name, question, state, view.scale, required=True,
                             error_message=t(lang, "evaluation.error.rating"))
    body += choice_input("recommend", t(lang, "evaluation.q.recommend"), state, view.recommend, expanded=True,
                         required=True, error_message=t(lang, "evaluation.error.recommend"))
    body += text_input("suggestion", t(lang, "evaluation.q.suggestion"), state, multiline=True,
                       max_length=view.suggestion_limit)
    body.append(note(t(lang, "evaluation.private", threshold=view.threshold)))
    content = form_card(lang, t(lang, "evaluation.form.title"), body, submit_label=t(lang, "evaluation.form.submit"),
                        action=SUBMIT, value=str(view.convention_id),
                        intro=t(lang, "evaluation.form.intro", programme=view.programme), state=state)
    return Reply(content, t(lang, "evaluation.form.title"), replace=bool(state.errors))


def _open(req: TeamsRequest, convention_id: int | None) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_card(evaluation.evaluation_form(session, actor, convention_id), FormState())]


def command(req: TeamsRequest) -> list[Reply]:
    return _open(req, req.convention_id)


def open_from_button(req: TeamsRequest) -> list[Reply]:
    return _open(req, req.subject_id())


def submit_evaluation(req: TeamsRequest) -> list[Reply]:
    convention_id = req.subject_id()
    typed = EvaluationInput({name: number(req.field(name), digits=1) for name in RATINGS},
                            req.field("recommend") or None, req.field("suggestion"))

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            return [text_reply(evaluation.save_evaluation(session, actor, req.deps.clock.now(), convention_id, typed),
                               replace=True)]

    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        return _card(evaluation.evaluation_form(session, actor, convention_id), state)

    return saved_or_form(req, evaluation.FIELDS, save, form)


COMMANDS: dict[str, Handler] = {"evaluation": command}
ACTIONS: dict[str, Handler] = {actions.EVALUATION_OPEN: open_from_button, SUBMIT: submit_evaluation}
