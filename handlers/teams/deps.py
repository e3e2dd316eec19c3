"""What every Teams handler needs, built once by handlers/teams/app.py, and the shape of a turn:
a request in (typed command or card submission), replies out (Adaptive Cards)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import t
from bot.i18n.errors import error_text
from bot.notify import Attachment, Message, Notifier, NotifierError, Text, plain
from bot.services import people
from bot.services.errors import DomainError, InvalidInput
from bot.services.messages import ComposeContext
from bot.services.programmes import ProgrammeDefaults
from bot.services.roles import CoordinatorRule
from bot.services.typed_text import row_id
from bot.usecases.unit_of_work import Caller, acting, admit
from handlers.teams import conversations
from handlers.teams.cards import Card, card, message_card, summary_text, teams_text, text_block
from handlers.teams.forms import FormState
from handlers.teams.incoming import Incoming
from handlers.teams.notifier import Member
from scheduling.delivery import DeliveryReport, deliver_due
from storage.db import SessionFactory
from storage.models import Person, Platform


@dataclass
class TeamsDeps:
    settings: Settings
    session_factory: SessionFactory
    clock: Clock
    notifier: Notifier  # the outbox's notifier (every platform): a turn may queue DMs to Slack users too
    rule: CoordinatorRule
    defaults: ProgrammeDefaults
    # Opens the 1:1 chat with a picked person and reads their name (the TeamsNotifier's `member`).
    directory: Callable[[conversations.Reference], Member] | None = None
    # Shares a file with a person behind a link to GET /files/<token> (the TeamsNotifier's `file_link`).
    files: Callable[[Session, Person, Attachment], str | None] | None = None
    # Runs work after the turn has answered (the Slack side's work queue); None: right away, in the turn.
    background: Callable[[Callable[[], object]], None] | None = None
    compose_ctx: ComposeContext = field(init=False)

    def __post_init__(self) -> None:
        self.compose_ctx = ComposeContext(rule=self.rule, fallback_admin=self.settings.fallback_admin)

    def deliver_now(self) -> DeliveryReport:
        """Send what a turn has just queued (the other person's card, the coordinator's notice) right away."""
        return deliver_due(self.session_factory, self.notifier, self.clock.now(), self.compose_ctx)

    def soon(self, work: Callable[[], object]) -> None:
        """Run `work` once the turn has answered: Teams gives a turn 15 s, a bulk import may need more."""
        if self.background is None:
            work()
        else:
            self.background(work)


@dataclass(frozen=True)
class Reply:
    """One card the bot answers with. `replace`: it takes the place of the card the person acted on
    (a form shown again with its errors, buttons that no longer apply)."""

    card: Card
    text: str
    replace: bool = False


@dataclass(frozen=True)
class TeamsRequest:
    deps: TeamsDeps
    incoming: Incoming
    args: str = ""  # what follows the sub-command
    data: dict[str, Any] = field(default_factory=dict)  # a card's submitted values
    convention_id: int | None = None  # the convention picked in "Which convention?", else None

    def acting(self) -> AbstractContextManager[tuple[Session, Actor]]:
        """The unit of work of this turn: `with req.acting() as (session, actor):`."""
        return acting_in_teams(self.deps, self.incoming)

    def field(self, name: str) -> str:
        value = self.data.get(name)
        return "" if value is None else str(value)

    def subject_id(self) -> int:
        """The id a card's button carries (a convention, a meeting); a tampered one is a stale button."""
        found = row_id(self.field("value"))
        if found is None:
            raise InvalidInput("teams.stale")
        return found


Handler = Callable[[TeamsRequest], list[Reply]]


def caller(deps: TeamsDeps, incoming: Incoming) -> Caller:
    """A Teams user as the use cases know a caller: the activity carries their profile, and the bot
    remembers the conversation to write to them later."""
    def remember(session: Session, person: Person) -> None:
        if incoming.conversation_id and incoming.service_url:
            conversations.remember(session, person, incoming, deps.clock.now())

    profile = people.PersonProfile(external_id=incoming.user_id, name=incoming.name, timezone=incoming.timezone,
                                   locale=incoming.locale)
    return Caller(Platform.TEAMS, incoming.tenant_id, incoming.user_id, profile=profile, admitted=remember)


def acting_in_teams(deps: TeamsDeps, incoming: Incoming) -> AbstractContextManager[tuple[Session, Actor]]:
    """The unit of work of a Teams turn: `with acting_in_teams(deps, incoming) as (session, actor):`."""
    return acting(deps, caller(deps, incoming))


def resolve_actor(session: Session, deps: TeamsDeps, incoming: Incoming) -> Actor:
    """The person writing, inside a unit of work already open (see bot/usecases/unit_of_work.py)."""
    return admit(session, deps, caller(deps, incoming))


def message_reply(message: Message, *, replace: bool = False, file_url: str | None = None) -> Reply:
    return Reply(message_card(message, file_url=file_url), summary_text(message), replace)


def text_reply(text: Text, *, replace: bool = False) -> Reply:
    """One sentence on a card of its own."""
    return Reply(card([text_block(teams_text(text))]), plain(text).replace("/mentorat", "mentorat"), replace)


def say(lang: str, key: str, **params: object) -> Reply:
    return text_reply(t(lang, key, **params))


def paged_replies(cards: Sequence[Card], text: str, *, replace: bool = False) -> list[Reply]:
    """A list spread over several cards; with `replace`, the first takes the place of the card acted on."""
    return [Reply(content, text, replace and index == 0) for index, content in enumerate(cards)]


FormBuilder = Callable[[Session, Actor, FormState], Reply]


def refused_state(session: Session, actor: Actor, values: dict[str, Any], error: DomainError, *,
                  pickers: Sequence[str] = ()) -> FormState:
    """A refused form's state: everything as typed, the error under its field. `pickers`: its people pickers,
    shown by name (the names the bot knows in this workspace). Only for forms whose user may already see
    these people (a coordinator's): elsewhere a name shown back would tell whether someone uses Mentorat."""
    assert error.field is not None
    picked = [part for name in pickers for part in str(values.get(name) or "").split(",")]
    return FormState(values, {error.field: teams_text(error_text(actor.lang, actor.tz, error))},
                     people.display_names(session, actor.workspace, picked) if picked else {})


def saved_or_form(req: TeamsRequest, fields: Sequence[str], save: Callable[[], list[Reply]],
                  form: FormBuilder) -> list[Reply]:
    """Run `save`; refused on one of the form's `fields`, the form comes back in place with everything
    as typed and the error under that field. Any other refusal is told as usual (handlers/teams/router.py)."""
    try:
        return save()
    except DomainError as error:
        if error.field not in fields:
            raise
        with req.acting() as (session, actor):
            return [form(session, actor, refused_state(session, actor, {name: req.field(name) for name in fields},
                                                       error))]  # no pickers named: nobody is looked up


def directory_name(deps: TeamsDeps, ref: conversations.Reference, field: str) -> str | None:
    """A picked person's name from their 1:1 chat (opened if needed), as Slack's users.info gives it.

    None when no directory is wired in; a person the bot cannot reach (the app is not installed for
    them) is refused on the form's `field`. Call it between units of work: Teams may take a while.
    """
    if deps.directory is None:
        return None
    try:
        return deps.directory(ref).name
    except NotifierError as exc:
        raise InvalidInput("teams.pair.unreachable", field=field) from exc


def refusal(actor: Actor, error: DomainError, *, replace: bool = False) -> Reply:
    """A domain error in the person's words, with the people it names shown by name (the coordinators
    of "only the coordinators can…"), not as "?"."""
    message = Message(text=error_text(actor.lang, actor.tz, error), headline=False)
    return message_reply(message, replace=replace)
