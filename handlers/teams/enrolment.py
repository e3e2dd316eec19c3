"""Enrolment and profiles on Teams: `mentorat inscription [retirer|fermer [date]|ouvrir|mentor|mentee]`,
`mentorat profil`, the profile card (every field of Slack's modal), « Devenir mentor » / « Trouver un
mentor », « Modifier mon profil », withdrawing.

The same use cases as Slack (bot/usecases/enrolment.py) and the same texts. Slack's modal is a card
form here: a refused field comes back in place with everything as typed and the error under it; the
saved profile replaces the form. A multi-select's values arrive as one comma-separated string; the
people pickers give Entra object ids. Slack names someone in `profil @personne`; a Teams chat with the
bot carries no usable mention (the bot's own mention is all it gets), so `profil` followed by anything
opens a card with the directory's people picker instead (or takes an Entra object id typed as is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.config import GUID
from bot.i18n import t
from bot.services import actions, people, profiles
from bot.services.errors import InvalidInput, NotFound
from bot.services.themes import programme_themes
from bot.services.typed_text import row_id
from bot.usecases import enrolment, programmes
from handlers.teams.cards import Card, text_block
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsRequest,
    acting_in_teams,
    message_reply,
    saved_or_form,
    text_reply,
)
from handlers.teams.forms import OPENED_IN, FormState, choice_input, form_card, note, person_picker, text_input
from storage.models import Person

PROFILE_SUBMIT = "teams-profile-submit"
PROFILE_PICK_SUBMIT = "teams-profile-pick-submit"
PICK_FIELD = "person"
# An Entra object id typed after `profil` (a GUID), as the import card asks for them.
ENTRA_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


# -- the profile card --------------------------------------------------------------------------------------
def _start_values(view: enrolment.ProfileFormView) -> FormState:
    """What the card starts from: the profile as stored (or the defaults), as card values."""
    values: dict[str, str] = {}
    for name, value in view.values.items():
        values[name] = ",".join(value) if isinstance(value, list) else str(value or "")
    for name, external_id in view.people.items():
        values[name] = external_id or ""
    return FormState(values)


def _multi(name: str, label: str, state: FormState, choices: Sequence[tuple[str, str]], *, expanded: bool,
           placeholder: str | None = None) -> list[Card]:
    elements = choice_input(name, label, state, choices, multi=True, expanded=expanded)
    if placeholder:
        elements[0]["placeholder"] = placeholder
    return elements


def profile_card(view: enrolment.ProfileFormView, state: FormState | None = None) -> Reply:
    """The profile form, as Slack's modal has it (handlers/slack/views/enrolment.py), field for field."""
    lang = view.lang
    state = state or _start_values(view)
    limits = profiles.LIMITS
    pick = t(lang, "profile.placeholder.pick")
    capacity = [(str(n), str(n)) for n in range(1, profiles.MAX_CAPACITY + 1)]
    body: list[Card] = []
    body += [
        *_multi("roles", t(lang, "profile.field.roles"), state, view.roles, expanded=True),
        *_multi("themes", t(lang, "profile.field.themes"), state, view.themes, expanded=False, placeholder=pick),
        note(t(lang, "profile.hint.themes")),
        *text_input("aspiration", t(lang, "profile.field.aspiration"), state, multiline=True,
                    max_length=limits["aspiration"]),
        note(t(lang, "profile.hint.aspiration")),
        *text_input("learning", t(lang, "profile.field.learning"), state, max_length=limits["learning"]),
        note(t(lang, "profile.hint.keywords")),
        *text_input("motivation", t(lang, "profile.field.motivation"), state, multiline=True,
                    max_length=limits["motivation"]),
        note(t(lang, "profile.hint.motivation")),
        *text_input("expertise", t(lang, "profile.field.expertise"), state, max_length=limits["expertise"]),
        note(t(lang, "profile.hint.keywords")),
        *choice_input("capacity", t(lang, "profile.field.capacity"), state, capacity, default="1"),
        note(t(lang, "profile.hint.capacity")),
        *_multi("languages", t(lang, "profile.field.languages"), state, view.languages, expanded=False,
                placeholder=pick),
        *_multi("modes", t(lang, "profile.field.modes"), state, view.modes, expanded=True),
        *_multi("days", t(lang, "profile.field.days"), state, view.days, expanded=True),
        *_multi("windows", t(lang, "profile.field.windows"), state, view.windows, expanded=True),
        note(t(lang, "profile.hint.windows", tz=view.tz)),
        *text_input("presentation", t(lang, "profile.field.presentation"), state, multiline=True,
                    max_length=limits["presentation"]),
        note(t(lang, "profile.hint.presentation")),
        *text_input("link", t(lang, "profile.field.link"), state, max_length=limits["link"], placeholder="https://"),
        *text_input("team", t(lang, "profile.field.team"), state, max_length=limits["team"]),
        note(t(lang, "profile.hint.team")),
        *person_picker("manager", t(lang, "profile.field.manager"), state, required=False,
                       known=view.picked.get("manager")),
        note(t(lang, "profile.hint.manager")),
        *person_picker("avoid", t(lang, "profile.field.avoid"), state, required=False, known=view.picked.get("avoid")),
        note(t(lang, "profile.hint.avoid")),
        text_block(t(lang, "profile.who_sees"), isSubtle=True, size="Small", spacing="Medium"),
    ]
    title = view.title or t(lang, "profile.modal.title")
    content = form_card(lang, title, body, submit_label=t(lang, "profile.modal.submit"), action=PROFILE_SUBMIT,
                        intro=t(lang, "profile.intro"), state=state, programme_id=view.programme_id)
    return Reply(content, title, replace=bool(state.errors))


def _form(session: Session, actor: Actor, state: FormState) -> Reply:
    """The card again (its choices in the person's language), with `state`: what was typed and the error."""
    return profile_card(enrolment.profile_form(session, actor), state)


def open_profile(req: TeamsRequest) -> list[Reply]:
    """« Devenir mentor » / « Trouver un mentor » (value: the wish) and « Modifier mon profil »."""
    wish = req.field("value")
    with req.acting() as (session, actor):
        view = enrolment.profile_form(session, actor, wish if wish in ("mentor", "mentee") else None)
        return [profile_card(view)]


def _list(req: TeamsRequest, name: str) -> list[str]:
    """A multi-select as Teams submits it: "a,b,c" (nothing picked: empty or absent)."""
    return [part.strip() for part in req.field(name).split(",") if part.strip()]


def _themes(raw: str, known: Sequence[str]) -> list[str]:
    """The themes picked: a coordinator's own theme may hold a comma ("Finances, budget") and Teams joins
    the values with commas too, so the pieces are put back together into the programme's themes where
    they make one (anything else stays as sent, for `profiles.check` to refuse)."""
    parts, known_set, found, i = raw.split(","), set(known), [], 0
    while i < len(parts):
        end = next((j for j in range(len(parts), i + 1, -1) if ",".join(parts[i:j]).strip() in known_set), i + 1)
        found.append(",".join(parts[i:end]).strip())
        i = end
    return [theme for theme in found if theme]


def _typed(req: TeamsRequest, actor: Actor) -> profiles.ProfileInput:
    """The card's values as Slack's ProfileForm reads its modal; `profiles.check` checks them all again."""
    roles = _list(req, "roles")
    themes = _themes(req.field("themes"), programme_themes(actor.programme))
    return profiles.ProfileInput(
        as_mentor="mentor" in roles, as_mentee="mentee" in roles, themes=themes,
        aspiration=req.field("aspiration"), motivation=req.field("motivation"), expertise=req.field("expertise"),
        learning=req.field("learning"), languages=_list(req, "languages"), modes=_list(req, "modes"),
        days=_list(req, "days"), windows=_list(req, "windows"), capacity=req.field("capacity"),
        presentation=req.field("presentation"), link=req.field("link"), team=req.field("team"))


def _picked(session: Session, req: TeamsRequest, actor: Actor, name: str) -> Person | None:
    """A people picker's Entra object id as a person of the actor's workspace (as pairing does); none: None."""
    external_id = req.field(name).strip().lower()
    if not external_id:
        return None
    if not GUID.match(external_id):  # Teams' picker gives Entra object ids: anything else is a forged card
        raise InvalidInput("error.pair.unknown_user", field=name)
    return people.ensure_person(session, actor.workspace, external_id, now=req.deps.clock.now())


def submit_profile(req: TeamsRequest) -> list[Reply]:
    def save() -> list[Reply]:
        deps = req.deps
        with acting_in_teams(deps, req.incoming) as (session, actor):
            programmes.opened_in(session, actor, row_id(req.field(OPENED_IN)))
            avoid = profiles.Avoid(_picked(session, req, actor, "manager"), _picked(session, req, actor, "avoid"))
            saved = enrolment.save_profile(session, actor, deps.clock.now(), _typed(req, actor), avoid)
            return [message_reply(saved.reply, replace=True)]

    return saved_or_form(req, enrolment.FIELDS, save, _form)


def withdraw(req: TeamsRequest) -> list[Reply]:
    """« Me retirer de la liste d'attente » under one's own profile."""
    with req.acting() as (session, actor):
        said = enrolment.withdraw(session, actor, req.deps.clock.now())
    req.deps.deliver_now()  # the requests it closed: their mentees are told now
    return [text_reply(said)]


def enrolment_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat inscription [retirer | fermer [AAAA-MM-JJ] | ouvrir | mentor | mentee]`."""
    deps = req.deps
    with req.acting() as (session, actor):
        found = enrolment.enrolment_command(session, actor, deps.rule, deps.clock.now(), req.args)
        if not isinstance(found, str):
            return [profile_card(found)]
    deps.deliver_now()  # a withdrawal closes requests: their mentees are told now
    return [text_reply(found)]


# -- reading a profile ----------------------------------------------------------------------------------------
def pick_card(lang: str, state: FormState | None = None) -> Reply:
    """Whose profile: the directory's people picker (Teams commands carry no usable mention)."""
    state = state or FormState()
    title = t(lang, "teams.profile.pick.title")
    body = person_picker(PICK_FIELD, t(lang, "teams.disputes.coord.person"), state,
                         error_message=t(lang, "teams.pair.picker"))
    content = form_card(lang, title, body, submit_label=t(lang, "teams.profile.pick.submit"),
                        action=PROFILE_PICK_SUBMIT, intro=t(lang, "teams.profile.pick.intro"), state=state)
    return Reply(content, title, replace=bool(state.errors))


def _subject(session: Session, actor: Actor, external_id: str) -> Person:
    """The person named by an Entra object id, among the people the bot knows in this workspace."""
    found = people.find_person(session, actor.workspace, external_id.strip().lower())
    if found is None:
        raise NotFound("profile.none", field=PICK_FIELD)
    return found


def profile_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat profil`: one's own; `profil <Entra object id>`: theirs; `profil` + anything else: the picker."""
    deps = req.deps
    typed = req.args.strip()
    with req.acting() as (session, actor):
        if not typed:
            return [message_reply(enrolment.show_profile(session, actor, deps.rule, None))]
        if ENTRA_ID.fullmatch(typed):
            return [message_reply(enrolment.show_profile(session, actor, deps.rule, _subject(session, actor, typed)))]
        return [pick_card(actor.lang)]


def submit_pick(req: TeamsRequest) -> list[Reply]:
    def show() -> list[Reply]:
        picked = req.field(PICK_FIELD).strip()
        with req.acting() as (session, actor):
            if not picked:
                raise InvalidInput("teams.disputes.coord.pick", field=PICK_FIELD)
            subject = _subject(session, actor, picked)
            return [message_reply(enrolment.show_profile(session, actor, req.deps.rule, subject), replace=True)]

    return saved_or_form(req, (PICK_FIELD,), show, lambda _session, actor, state: pick_card(actor.lang, state))


COMMANDS: dict[str, Handler] = {"inscription": enrolment_command, "profil": profile_command}
ACTIONS: dict[str, Handler] = {
    actions.ENROL: open_profile,
    actions.PROFILE_EDIT: open_profile,
    actions.ENROL_WITHDRAW: withdraw,
    PROFILE_SUBMIT: submit_profile,
    PROFILE_PICK_SUBMIT: submit_pick,
}
