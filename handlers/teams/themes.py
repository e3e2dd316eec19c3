"""The programme's themes on Teams: `mentorat themes`, a card to keep the default ones and add one's own."""

from __future__ import annotations

from bot.i18n import t, tn
from bot.services import actions
from bot.services.typed_text import row_id
from bot.usecases import enrolment, programmes
from handlers.teams.deps import Handler, Reply, TeamsRequest, saved_or_form, text_reply
from handlers.teams.forms import OPENED_IN, FormState, choice_input, form_card, note, text_input

SUBMIT = "teams-themes-submit"
FIELDS = ("defaults", "extra")


def _card(view: enrolment.ThemesFormView, state: FormState) -> Reply:
    lang = view.lang
    body = [*choice_input("defaults", t(lang, "themes.form.defaults"), state, view.defaults, expanded=True,
                          multi=True, default=",".join(view.kept)),
            *text_input("extra", t(lang, "themes.form.extra"), state, multiline=True, default=view.extra,
                        placeholder=t(lang, "themes.form.extra_hint")),
            note(tn(lang, "themes.form.used", "themes.form.used.plural", view.used))]
    content = form_card(lang, t(lang, "themes.form.title"), body, submit_label=t(lang, "profile.modal.submit"),
                        action=SUBMIT, intro=t(lang, "themes.form.intro"), state=state, programme_id=view.programme_id)
    return Reply(content, t(lang, "themes.form.title"), replace=bool(state.errors))


def command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [_card(enrolment.themes_form(session, actor, req.deps.rule), FormState())]


def submit_themes(req: TeamsRequest) -> list[Reply]:
    # The default themes' keys contain no comma: Teams' comma-joined multi-select splits back exactly.
    kept = [k for k in req.field("defaults").split(",") if k]

    def save() -> list[Reply]:
        with req.acting() as (session, actor):
            programmes.opened_in(session, actor, row_id(req.field(OPENED_IN)))
            return [text_reply(enrolment.save_themes(session, actor, req.deps.rule, req.deps.clock.now(), kept,
                                                     req.field("extra")), replace=True)]

    return saved_or_form(req, FIELDS, save, lambda session, actor, state: _card(
        enrolment.themes_form(session, actor, req.deps.rule), state))


COMMANDS: dict[str, Handler] = {"themes": command}
ACTIONS: dict[str, Handler] = {SUBMIT: submit_themes, actions.THEMES_OPEN: command}
