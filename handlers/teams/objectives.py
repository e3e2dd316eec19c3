"""Objectives on Teams: `mentorat objectifs` (the list with progress), and from its cards: add an
objective, update one (status, progress, comment), the mentor's feedback, the history.

The same use cases as Slack (bot/usecases/objectives.py), the same services and
texts; Slack's modals are Adaptive Card forms here and a refused form comes back in place with what
was typed. The other side is told through the services' grouped news (delivered as a card).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import labels, t
from bot.i18n.rich import rt
from bot.notify import Text, plain
from bot.services import actions, objectives
from bot.services.errors import InvalidInput
from bot.services.objective_messages import objective_line
from bot.services.people import mention
from bot.services.typed_text import number, picked_date
from bot.usecases import objectives as objective_actions
from handlers.teams.cards import Card, action_set, paged_cards, submit, teams_text, text_block, typed_text
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsRequest,
    acting_in_teams,
    paged_replies,
    saved_or_form,
)
from handlers.teams.forms import FormState, choice_input, date_input, form_card, text_input
from storage.models import Objective, ObjectiveStatus

# The forms' submits; value: the convention (add) or the objective (update, feedback).
OBJECTIVE_ADD_SUBMIT = "teams-objective-add-submit"
OBJECTIVE_UPDATE_SUBMIT = "teams-objective-update-submit"
OBJECTIVE_FEEDBACK_SUBMIT = "teams-objective-feedback-submit"
ADD_FIELDS = ("title", "description", "horizon", "due", "success")
UPDATE_FIELDS = ("status", "progress", "comment")
FEEDBACK_FIELDS = ("comment",)


# -- the list ----------------------------------------------------------------------------------------------
def _continued(lang: str, title: str) -> list[Card]:
    return [text_block(t(lang, "teams.notes.continued", title=title), weight="Bolder")]


def objectives_list(session: Session, actor: Actor, convention_id: int | None = None, *, lead: Text | None = None,
                    replace: bool = False) -> list[Reply]:
    """The pair's objectives with their progress and buttons; `lead` (a confirmation) opens the first card."""
    lang = actor.lang
    view = objective_actions.shown(session, actor, convention_id)
    convention, found, other = view.convention, view.objectives, view.other
    title = t(lang, "objective.list.title")
    head = [text_block(teams_text(lead))] if lead else []
    head.append(text_block(title, size="Medium", weight="Bolder"))
    if not found:
        head.append(text_block(teams_text(rt(lang, "objective.list.empty", other=mention(other)))))
    groups = [_objective_item(o, lang, view.is_mentor) for o in found]
    add = submit(t(lang, "objective.button.add"), actions.OBJECTIVE_ADD, str(convention.id), style="primary")
    return paged_replies(paged_cards(head, groups, [add], continued=_continued(lang, title)),
                         plain(lead) if lead else title,
                         replace=replace)


def _objective_item(objective: Objective, lang: str, is_mentor: bool) -> list[Card]:
    """One objective as typed (title, description, how success shows), then its buttons."""
    item = [typed_text(objective_line(objective, lang), separator=True, spacing="Medium")]
    if objective.description:
        item.append(typed_text(objective.description, spacing="Small"))
    if objective.success_measure:
        item += [text_block(t(lang, "objective.success"), weight="Bolder", spacing="Small"),
                 typed_text(objective.success_measure, spacing="None")]
    value = str(objective.id)
    buttons = [submit(t(lang, "objective.button.update"), actions.OBJECTIVE_UPDATE, value),
               submit(t(lang, "objective.button.history"), actions.OBJECTIVE_HISTORY, value)]
    if is_mentor:
        buttons.append(submit(t(lang, "objective.button.feedback"), actions.OBJECTIVE_FEEDBACK, value))
    return [*item, action_set(buttons, spacing="Small")]


def objectives_command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return objectives_list(session, actor, req.convention_id)


def show_objectives(req: TeamsRequest) -> list[Reply]:
    """"Voir les objectifs" on the news, the reviews and the closure (value: the convention)."""
    with req.acting() as (session, actor):
        return objectives_list(session, actor, req.subject_id())


# -- adding ------------------------------------------------------------------------------------------------
def _add_card(session: Session, actor: Actor, convention_id: int, state: FormState | None = None) -> Reply:
    lang = actor.lang
    convention, other = objective_actions.add_form(session, actor, convention_id)
    state = state or FormState()
    horizons = [(t(lang, labels.OBJECTIVE_HORIZON[h]), h) for h in objectives.HORIZONS]
    body = [
        *text_input("title", t(lang, "objective.add.name"), state, max_length=objectives.TITLE_LIMIT, required=True,
                    error_message=t(lang, "error.objective.title_missing")),
        *text_input("description", t(lang, "objective.add.description"), state, multiline=True,
                    max_length=objectives.TEXT_LIMIT),
        *choice_input("horizon", t(lang, "objective.add.horizon"), state, horizons, default=objectives.HORIZONS[0],
                      expanded=True, required=True, error_message=t(lang, "error.objective.horizon")),
        *date_input("due", t(lang, "objective.add.due"), state, required=False),
        *text_input("success", t(lang, "objective.add.success"), state, multiline=True,
                    max_length=objectives.TEXT_LIMIT, placeholder=t(lang, "objective.add.success_hint")),
    ]
    title = t(lang, "objective.add.title")
    content = form_card(lang, title, body, submit_label=t(lang, "objective.add.submit"), action=OBJECTIVE_ADD_SUBMIT,
                        value=str(convention.id), state=state,
                        intro=teams_text(rt(lang, "objective.add.intro", other=mention(other))))
    return Reply(content, title, replace=bool(state.errors))


def open_add(req: TeamsRequest) -> list[Reply]:
    """"Ajouter un objectif" (value: the convention)."""
    with req.acting() as (session, actor):
        return [_add_card(session, actor, req.subject_id())]


def _draft(req: TeamsRequest) -> objectives.ObjectiveDraft:
    """The card's values as Slack's ObjectiveForm reads its modal."""
    due = picked_date(req.field("due"))
    if req.field("due").strip() and due is None:
        raise InvalidInput("teams.notes.due_unreadable", field="due")
    return objectives.ObjectiveDraft(title=req.field("title"), description=req.field("description"),
                                     horizon=req.field("horizon") or None, due_on=due,
                                     success_measure=req.field("success"))


def submit_add(req: TeamsRequest) -> list[Reply]:
    convention_id = req.subject_id()

    def save() -> list[Reply]:
        deps = req.deps
        with acting_in_teams(deps, req.incoming) as (session, actor):
            done = objective_actions.add(session, actor, deps.clock.now(), convention_id, _draft(req))
            return objectives_list(session, actor, done.convention_id, lead=done.reply.text, replace=True)

    return saved_or_form(req, ADD_FIELDS, save,
                         lambda session, actor, state: _add_card(session, actor, convention_id, state))


# -- updating ------------------------------------------------------------------------------------------------
def _update_card(session: Session, actor: Actor, objective_id: int, state: FormState | None = None) -> Reply:
    lang = actor.lang
    objective = objective_actions.update_form(session, actor, objective_id)
    state = state or FormState()
    statuses = [(t(lang, labels.OBJECTIVE_STATUS[s]), s.value) for s in ObjectiveStatus]
    steps = [(f"{p} %", str(p)) for p in objectives.PROGRESS_STEPS]
    body = [
        typed_text(objective.title),
        *choice_input("status", t(lang, "objective.update.status"), state, statuses, default=objective.status,
                      expanded=True, required=True, error_message=t(lang, "error.objective.status")),
        *choice_input("progress", t(lang, "objective.update.progress"), state, steps,
                      default=str(objectives.progress_step(objective.progress)), required=True,
                      error_message=t(lang, "error.objective.progress")),
        *text_input("comment", t(lang, "objective.update.comment"), state, multiline=True,
                    max_length=objectives.TEXT_LIMIT),
    ]
    title = t(lang, "objective.update.title")
    content = form_card(lang, title, body, submit_label=t(lang, "objective.update.submit"),
                        action=OBJECTIVE_UPDATE_SUBMIT, value=str(objective.id), state=state)
    return Reply(content, title, replace=bool(state.errors))


def open_update(req: TeamsRequest) -> list[Reply]:
    """"Mettre à jour" under an objective (value: the objective)."""
    with req.acting() as (session, actor):
        return [_update_card(session, actor, req.subject_id())]


def submit_update(req: TeamsRequest) -> list[Reply]:
    objective_id = req.subject_id()

    def save() -> list[Reply]:
        deps = req.deps
        raw = req.field("progress").strip()
        with acting_in_teams(deps, req.incoming) as (session, actor):
            entry = objective_actions.UpdateEntry(status=req.field("status") or None, progress=number(raw),
                                                  comment=req.field("comment"))
            done = objective_actions.update(session, actor, deps.clock.now(), objective_id, entry)
            return objectives_list(session, actor, done.convention_id, lead=done.reply.text, replace=True)

    return saved_or_form(req, UPDATE_FIELDS, save,
                         lambda session, actor, state: _update_card(session, actor, objective_id, state))


# -- the mentor's feedback --------------------------------------------------------------------------------------
def _feedback_card(session: Session, actor: Actor, objective_id: int, state: FormState | None = None) -> Reply:
    lang = actor.lang
    objective, last = objective_actions.feedback_form(session, actor, objective_id)  # the mentor only
    state = state or FormState()
    body = [typed_text(objective.title)]
    if last:  # the mentor sees what they answer
        body.append(typed_text(last, isSubtle=True, spacing="Small"))
    body += text_input("comment", t(lang, "objective.feedback.label"), state, multiline=True,
                       max_length=objectives.TEXT_LIMIT, required=True,
                       error_message=t(lang, "error.objective.feedback_missing"))
    title = t(lang, "objective.feedback.title")
    content = form_card(lang, title, body, submit_label=t(lang, "objective.feedback.submit"),
                        action=OBJECTIVE_FEEDBACK_SUBMIT, value=str(objective.id), state=state)
    return Reply(content, title, replace=bool(state.errors))


def open_feedback(req: TeamsRequest) -> list[Reply]:
    """"Donner un retour" under an objective, shown to the mentor (value: the objective)."""
    with req.acting() as (session, actor):
        return [_feedback_card(session, actor, req.subject_id())]


def submit_feedback(req: TeamsRequest) -> list[Reply]:
    objective_id = req.subject_id()

    def save() -> list[Reply]:
        deps = req.deps
        with acting_in_teams(deps, req.incoming) as (session, actor):
            done = objective_actions.feedback(session, actor, deps.clock.now(), objective_id, req.field("comment"))
            return objectives_list(session, actor, done.convention_id, lead=done.reply.text, replace=True)

    return saved_or_form(req, FEEDBACK_FIELDS, save,
                         lambda session, actor, state: _feedback_card(session, actor, objective_id, state))


# -- the history -------------------------------------------------------------------------------------------
def show_history(req: TeamsRequest) -> list[Reply]:
    """"Historique" under an objective: every step, oldest first, comments as typed."""
    with req.acting() as (session, actor):
        lang = actor.lang
        objective, lines = objective_actions.history(session, actor, req.subject_id())
        title = t(lang, "objective.history.title")
        head = [text_block(title, size="Medium", weight="Bolder"), typed_text(objective.title)]
        if not lines:
            head.append(text_block(t(lang, "objective.history.empty")))
        groups = [[typed_text(f"• {line}", spacing="Small")] for line in lines]
        return paged_replies(paged_cards(head, groups, continued=_continued(lang, title)), title)


COMMANDS: dict[str, Handler] = {"objectifs": objectives_command}
ACTIONS: dict[str, Handler] = {
    actions.OBJECTIVES_SHOW: show_objectives,
    actions.OBJECTIVE_ADD: open_add,
    OBJECTIVE_ADD_SUBMIT: submit_add,
    actions.OBJECTIVE_UPDATE: open_update,
    OBJECTIVE_UPDATE_SUBMIT: submit_update,
    actions.OBJECTIVE_FEEDBACK: open_feedback,
    OBJECTIVE_FEEDBACK_SUBMIT: submit_feedback,
    actions.OBJECTIVE_HISTORY: show_history,
}
