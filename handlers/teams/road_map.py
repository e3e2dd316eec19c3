"""The corporate method's road map on Teams: `mentorat feuille-de-route`, the mentor's card, « Confirmer ».

The same use cases as Slack (bot/usecases/road_map.py); the convention id a card carries is checked again."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.services import actions, road_maps
from bot.services.road_maps import RoadMapDraft
from bot.usecases import road_map
from bot.usecases.road_map import RoadMapFormView
from handlers.teams.cards import teams_text
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, saved_or_form, text_reply
from handlers.teams.forms import FormState, form_card, note, text_input

SUBMIT = "teams-road-map-submit"
LIMITS = {"axes": road_maps.TEXT_LIMIT, "strategies": road_maps.TEXT_LIMIT, "hours": 3, "milestones": 3000}


def _card(view: RoadMapFormView, state: FormState) -> Reply:
    lang = view.lang
    state = state if state.values else FormState(view.values, state.errors)
    body = []
    for name in road_map.FIELDS:
        body += text_input(name, t(lang, road_map.LABELS[name]), state, multiline=name != "hours",
                           max_length=LIMITS[name])
        if name == "milestones":
            body.append(note(t(lang, "roadmap.hint.milestones")))
    content = form_card(lang, t(lang, "roadmap.form.title"), body, submit_label=t(lang, "profile.modal.submit"),
                        action=SUBMIT, value=str(view.convention_id), intro=teams_text(view.intro), state=state)
    return Reply(content, t(lang, "roadmap.form.title"), replace=bool(state.errors))


def _draft(req: TeamsRequest) -> RoadMapDraft:
    return RoadMapDraft(req.field("axes"), req.field("strategies"), req.field("hours"), req.field("milestones"))


def command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        found = road_map.command(session, actor, req.convention_id)
        if isinstance(found, RoadMapFormView):
            return [_card(found, FormState())]
        return [message_reply(found)]


def edit(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_card(road_map.form(session, actor, req.field("value")), FormState())]


def submit(req: TeamsRequest) -> list[Reply]:
    raw_id = req.field("value")

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            said = road_map.save(session, actor, req.deps.clock.now(), raw_id, _draft(req))
        return [text_reply(said, replace=True)]

    def again(session: Session, actor: Actor, state: FormState) -> Reply:
        return _card(road_map.form(session, actor, raw_id, _draft(req)), state)

    return saved_or_form(req, road_map.FIELDS, save, again)


def confirm(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [message_reply(road_map.confirm(session, actor, req.deps.clock.now(), req.field("value")),
                              replace=True)]


COMMANDS: dict[str, Handler] = {"feuille-de-route": command}
ACTIONS: dict[str, Handler] = {actions.ROADMAP_EDIT: edit, actions.ROADMAP_CONFIRM: confirm, SUBMIT: submit}
