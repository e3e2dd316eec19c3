"""Notes on Teams: `mentorat notes` (the list, or a private note typed right after the command), the
"Écrire une note privée" button after a check-in, "Nouvelle note" under the list, and the note card.

The same use cases as Slack (bot/usecases/notes.py; the agenda is in handlers/teams/meetings.py), the
same texts; Slack's modal is an Adaptive Card form here. A note is read by its author
only, unless they share it with the other side of the pair; coordinators never see one.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.i18n.rich import rt
from bot.notify import Message, Text
from bot.services import actions, notes
from bot.services.people import mention
from bot.usecases import notes as note_actions
from handlers.teams.cards import Card, paged_cards, submit, teams_text, text_block, typed_text
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsRequest,
    acting_in_teams,
    message_reply,
    paged_replies,
    saved_or_form,
    text_reply,
)
from handlers.teams.forms import FormState, flag, form_card, text_input, toggle_input

# The note card's submit; value: what the button was about ("meeting:<id>", "convention:<id>").
NOTE_SUBMIT = "teams-note-submit"
FIELDS = ("body", "share")


# -- the list ----------------------------------------------------------------------------------------------
def notes_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat notes` lists; `mentorat notes <text>` keeps a private note at once (as Slack)."""
    deps = req.deps
    with acting_in_teams(deps, req.incoming) as (session, actor):
        if req.args:
            return [text_reply(note_actions.keep_private(session, actor, deps.clock.now(), req.args))]
        return _notes_list(session, actor, req.convention_id)


def _notes_list(session: Session, actor: Actor, convention_id: int | None) -> list[Reply]:
    """The person's notes and those their partner shared, newest first; "Nouvelle note" at the foot."""
    lang = actor.lang
    view = note_actions.shown(session, actor, convention_id)
    convention = view.convention
    title = t(lang, "note.list.title")
    head = [text_block(title, size="Medium", weight="Bolder")]
    if not view.lines:
        head.append(text_block(t(lang, "note.list.empty")))
    groups = [_note_item(heading, body) for heading, body in view.lines]
    new = submit(t(lang, "note.button.new"), actions.NOTE_WRITE, f"convention:{convention.id}", style="primary")
    more = [text_block(t(lang, "teams.notes.continued", title=title), weight="Bolder")]
    return paged_replies(paged_cards(head, groups, [new], continued=more), title)


def _note_item(heading: Text, body: str) -> list[Card]:
    # The body as typed: a TextRun is never read as markdown, mentions or links.
    return [text_block(teams_text(heading), isSubtle=True, size="Small", spacing="Medium"),
            typed_text(body, spacing="Small")]


# -- the note card -----------------------------------------------------------------------------------------
def _note_card(session: Session, actor: Actor, value: str, state: FormState | None = None) -> Reply:
    """Slack's note modal as a card: the text, and a switch to share it with the other side."""
    lang = actor.lang
    form = note_actions.note_form(session, actor, value)
    other = form.other
    state = state or FormState()
    body = [
        *text_input("body", t(lang, "note.modal.label"), state, multiline=True, max_length=notes.NOTE_LIMIT,
                    required=True, error_message=t(lang, "error.note.empty")),
        *toggle_input("share", teams_text(rt(lang, "note.modal.share", other=mention(other))), state),
    ]
    title = t(lang, "note.modal.title")
    content = form_card(lang, title, body, submit_label=t(lang, "note.modal.submit"), action=NOTE_SUBMIT, value=value,
                        intro=form.about, state=state)
    return Reply(content, title, replace=bool(state.errors))


def open_note(req: TeamsRequest) -> list[Reply]:
    """"Écrire une note privée" (value: the meeting) and "Nouvelle note" (value: "convention:<id>")."""
    with req.acting() as (session, actor):
        return [_note_card(session, actor, req.field("value"))]


def submit_note(req: TeamsRequest) -> list[Reply]:
    value = req.field("value")

    def save() -> list[Reply]:
        deps = req.deps
        with acting_in_teams(deps, req.incoming) as (session, actor):
            text = note_actions.save_note(session, actor, deps.clock.now(), value, req.field("body"),
                                          flag(req.data, "share"))
            saved = Message(text=text, headline=False)
            return [message_reply(saved, replace=True)]  # the card gives way to the confirmation

    return saved_or_form(req, FIELDS, save, lambda session, actor, state: _note_card(session, actor, value, state))


COMMANDS: dict[str, Handler] = {"notes": notes_command}
ACTIONS: dict[str, Handler] = {actions.NOTE_WRITE: open_note, NOTE_SUBMIT: submit_note}
