"""`mentorat programme` on Teams: the programmes with each one's buttons, and the settings card.

The same use cases as Slack (bot/usecases/programmes.py). A card's data is the client's to change, so the
programme id it carries is looked up again inside the person's workspace, and each change asks the policy.
Adaptive Cards have no confirmation dialog: archiving shows a card that asks first.
"""

from __future__ import annotations

from bot.config import GUID
from bot.i18n import t, tn
from bot.services import actions, people, programme_settings
from bot.services.errors import InvalidInput
from bot.services.programme_settings import ProgrammeDraft
from bot.usecases import programmes
from bot.usecases.programmes import LABELS, ProgrammeFormView, ProgrammesView
from handlers.teams.cards import Card, action_set, card, submit, teams_text, text_block, typed_text
from handlers.teams.deps import Handler, Reply, TeamsRequest, saved_or_form, text_reply
from handlers.teams.forms import FormState, choice_input, date_input, form_card, note, person_picker, text_input

SUBMIT = "teams-programme-submit"
PICKED_LIMIT = 20  # people a picker may carry
ARCHIVE_ASK = "teams-programme-archive-ask"
FIELDS = programme_settings.FIELDS


def _list_card(view: ProgrammesView, said: str | None = None) -> Reply:
    lang = view.lang
    body: list[Card] = [text_block(said, weight="Bolder")] if said else []
    body.append(text_block(teams_text(view.intro)))
    for line in view.lines:
        body.append(typed_text(line.name, separator=True, spacing="Medium"))
        if line.description:
            body.append(typed_text(line.description))
        facts = line.facts + (f" · {t(lang, 'programme.list.current')}" if line.current else "")
        body.append(text_block(facts, isSubtle=True, spacing="None"))
        buttons = []
        value = str(line.id)
        if not line.current and not line.archived:
            buttons.append(submit(t(lang, "programme.button.choose"), actions.PROGRAMME_CHOOSE, value))
        if line.coordinates and not line.archived:
            buttons.append(submit(t(lang, "programme.button.edit"), actions.PROGRAMME_EDIT, value))
            buttons.append(submit(t(lang, "programme.button.archive"), ARCHIVE_ASK, value, style="danger"))
        if line.coordinates and line.archived:
            buttons.append(submit(t(lang, "programme.button.restore"), actions.PROGRAMME_RESTORE, value))
        if buttons:
            body.append(action_set(buttons))
    if view.more:
        body.append(text_block(tn(lang, "programme.list.more", "programme.list.more.plural", view.more), isSubtle=True))
    foot = [submit(t(lang, "programme.button.new"), actions.PROGRAMME_NEW, style="primary")] if view.may_create else []
    return Reply(card(body, foot), said or t(lang, "programme.form.edit"), replace=said is not None)


def _form_card(view: ProgrammeFormView, state: FormState) -> Reply:
    lang = view.lang
    values = {**view.values, "themes_defaults": ",".join(view.kept_themes), "themes_extra": view.extra_themes,
              "direction": ",".join(uid for _name, uid in view.direction),
              "coordinators": ",".join(uid for _name, uid in view.coordinators)}
    if not state.values:  # a fresh card shows the settings; a refused one keeps what was typed
        state = FormState({k: v for k, v in values.items() if not isinstance(v, list)}, state.errors)

    def text(name: str, limit: int, multiline: bool = False, hint: str | None = None) -> list[Card]:
        return text_input(name, t(lang, LABELS[name]), state, max_length=limit, multiline=multiline, placeholder=hint)

    body: list[Card] = [
        *text("name", programme_settings.NAME_LIMIT),
        *text("description", programme_settings.DESCRIPTION_LIMIT, multiline=True),
        *choice_input("language", t(lang, LABELS["language"]), state, view.languages),
        *text("timezone", 64, hint=t(lang, "programme.hint.timezone")),
        text_block(t(lang, "programme.form.terms"), weight="Bolder", separator=True),
    ]
    for name in programme_settings.NUMBERS:
        low, high = programme_settings.RANGES[name]
        body += text(name, 3, hint=t(lang, "programme.hint.range", low=low, high=high))
    body += [
        text_block(t(lang, "programme.form.enrolment"), weight="Bolder", separator=True),
        *choice_input("enrolment", t(lang, LABELS["enrolment"]), state, view.enrolment),
        *date_input("enrolment_closes_on", t(lang, LABELS["enrolment_closes_on"]), state, required=False),
        *date_input("enrolment_reopens_on", t(lang, LABELS["enrolment_reopens_on"]), state, required=False),
        *date_input("cohort_starts_on", t(lang, LABELS["cohort_starts_on"]), state, required=False),
        *choice_input("mentee_choice", t(lang, LABELS["mentee_choice"]), state, view.mentee_choice),
        *choice_input("corporate_method", t(lang, LABELS["corporate_method"]), state, view.corporate_method),
        *choice_input("restitution_coordinator", t(lang, LABELS["restitution_coordinator"]), state,
                      view.restitution_coordinator),
        *choice_input("themes_defaults", t(lang, LABELS["themes_defaults"]), state, view.themes, multi=True,
                      expanded=True),
        *text("themes_extra", 3000, multiline=True, hint=t(lang, "themes.form.extra_hint")),
        text_block(t(lang, "programme.form.convention"), weight="Bolder", separator=True),
        note(t(lang, "programme.form.convention_hint")),
        *text("organisation", programme_settings.PART_LIMIT),
        *text("contact", programme_settings.PART_LIMIT),
        *text("privacy", programme_settings.CLAUSE_LIMIT, multiline=True, hint=t(lang, "programme.hint.privacy")),
        *text("clause_fr", programme_settings.CLAUSE_LIMIT, multiline=True),
        *text("clause_en", programme_settings.CLAUSE_LIMIT, multiline=True),
        *person_picker("direction", t(lang, LABELS["direction"]), state, required=False, multi=True,
                       several=view.direction),
        note(t(lang, "programme.hint.direction")),
        *person_picker("coordinators", t(lang, LABELS["coordinators"]), state, required=False, multi=True,
                       several=view.coordinators),
        note(t(lang, "programme.hint.coordinators")),
    ]
    content = form_card(lang, view.title, body, submit_label=t(lang, "profile.modal.submit"), action=SUBMIT,
                        value=str(view.programme_id or ""), intro=teams_text(view.intro), state=state)
    return Reply(content, view.title, replace=bool(state.errors))


def command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_list_card(programmes.listing(session, actor, req.deps.rule))]


def _open_form(req: TeamsRequest, raw_id: str | None) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_form_card(programmes.form(session, actor, req.deps.rule, req.deps.defaults, raw_id), FormState())]


def _picked_ids(raw: str, field: str) -> list[str]:
    """The Entra object ids a multi-select people picker sent; anything else is refused on the field."""
    ids = [part.strip().lower() for part in raw.split(",") if part.strip()]
    if len(ids) > PICKED_LIMIT:  # before anyone is looked up
        raise InvalidInput("direction.error.too_many", field=field, limit=PICKED_LIMIT)
    if any(not GUID.fullmatch(uid) for uid in ids):
        raise InvalidInput("error.pair.unknown_user", field=field)
    return ids


def _draft(req: TeamsRequest) -> ProgrammeDraft:
    return ProgrammeDraft({name: req.field(name) for name in FIELDS})


def submit_form(req: TeamsRequest) -> list[Reply]:
    raw_id = req.field("value")

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            direction, coordinators = ([people.ensure_person(session, actor.workspace, uid, now=req.deps.clock.now())
                                        for uid in _picked_ids(req.field(name), name)]
                                       for name in ("direction", "coordinators"))
            said = programmes.save(session, actor, req.deps.rule, req.deps.clock.now(), raw_id, _draft(req),
                                   direction, coordinators)
        return [text_reply(said, replace=True)]

    return saved_or_form(req, FIELDS, save, lambda session, actor, state: _form_card(
        programmes.form(session, actor, req.deps.rule, req.deps.defaults, raw_id, _draft(req)), state))


def choose(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        said = programmes.choose(session, actor, req.deps.clock.now(), req.field("value"))
    with req.acting() as (session, actor):  # the list again, from the programme now chosen
        return [_list_card(programmes.listing(session, actor, req.deps.rule), teams_text(said))]


def ask_archive(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        programme = programmes.programme_of(session, actor, req.field("value"))
        programmes.form(session, actor, req.deps.rule, req.deps.defaults, str(programme.id))  # asks the policy
        lang, name = actor.lang, programme.name
    content = card([text_block(t(lang, "programme.archive.confirm_title"), weight="Bolder"),
                    typed_text(t(lang, "programme.archive.confirm", programme=name))],
                   [submit(t(lang, "programme.button.archive"), actions.PROGRAMME_ARCHIVE, str(programme.id),
                           style="danger"),
                    submit(t(lang, "pair.modal.cancel"), actions.PROGRAMMES_SHOW)])
    return [Reply(content, t(lang, "programme.archive.confirm_title"), replace=True)]


def _archive(archived: bool) -> Handler:
    def act(req: TeamsRequest) -> list[Reply]:
        with req.acting() as (session, actor):
            said = programmes.archive(session, actor, req.deps.rule, req.deps.clock.now(), req.field("value"),
                                      archived=archived)
        with req.acting() as (session, actor):
            return [_list_card(programmes.listing(session, actor, req.deps.rule), teams_text(said))]
    return act


COMMANDS: dict[str, Handler] = {"programme": command}
ACTIONS: dict[str, Handler] = {
    actions.PROGRAMMES_SHOW: command,
    actions.PROGRAMME_CHOOSE: choose,
    actions.PROGRAMME_EDIT: lambda req: _open_form(req, req.field("value")),
    actions.PROGRAMME_NEW: lambda req: _open_form(req, None),
    ARCHIVE_ASK: ask_archive,
    actions.PROGRAMME_ARCHIVE: _archive(True),
    actions.PROGRAMME_RESTORE: _archive(False),
    SUBMIT: submit_form,
}
