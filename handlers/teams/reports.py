"""For coordinators on Teams: `mentorat rapport` (the programme's figures; the chart and the CSV become
links) and `mentorat importer` (bulk pairing from CSV lines pasted into a card).

Mirrors handlers/slack/reports.py and handlers/slack/pair_import.py with the same services. On Teams a
line names people by their Microsoft Entra object id (what the people picker returns); each new person
is reached through the directory as `mentorat jumeler` does, and a line naming someone Teams will not
let the bot write to is refused with its reason. The import runs after the turn has answered (Teams
gives a turn 15 s; reaching a hundred people takes longer) and its result comes as a new message.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t, tn
from bot.i18n.errors import error_text
from bot.i18n.numbers import whole
from bot.logs import log_unexpected
from bot.notify import Attachment, Message, NotifierError, Recipient, Rich, Text, plain
from bot.services import actions, pair_import, people
from bot.services.errors import DomainError, InvalidInput
from bot.services.policy import Act, require
from bot.services.programme_report import ProgrammeReport
from bot.services.report_text import pair_lines, risk_lines, summary_lines, title
from bot.services.typed_text import row_id
from bot.usecases import reports as report_actions
from bot.usecases.pair_import import import_summary
from handlers.teams import conversations
from handlers.teams.cards import Card, open_url, paged_cards, teams_text, text_block
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsDeps,
    TeamsRequest,
    acting_in_teams,
    directory_name,
    paged_replies,
    resolve_actor,
    text_reply,
)
from handlers.teams.forms import FormState, form_card, note, text_input
from handlers.teams.incoming import Incoming
from storage.db import session_scope
from storage.models import Person, Platform

log = logging.getLogger(__name__)

IMPORT_SUBMIT = "teams-import-submit"
# What one card can echo back when the lines are refused as a whole (Teams: 28 KB a card), about 230 pairs.
PASTE_LIMIT = 20_000
ENTRA_ID = re.compile(r"^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RESULT_CHUNK = 12_000  # bytes of result lines per message, well within a card


# -- mentorat rapport ------------------------------------------------------------------------------
def _programme_groups(lang: str, report: ProgrammeReport) -> list[list[Card]]:
    """As Slack's report: per programme, the pairs at risk first, then the figures, then one line per pair.
    Each part stays whole on a card."""
    heading = text_block(teams_text(title(lang, report)), size="Medium", weight="Bolder", separator=True)
    if not report.pairs:
        return [[heading, text_block(t(lang, "report.empty"))]]
    groups = [[text_block(teams_text(line), spacing="Medium" if i == 0 else "None")
               for i, line in enumerate(lines)]
              for lines in (risk_lines(lang, report), summary_lines(lang, report), pair_lines(lang, report))]
    groups[0].insert(0, heading)
    return groups


def _link(deps: TeamsDeps, session: Session, actor: Actor, file: Attachment) -> Card | None:
    url = deps.files(session, actor.person, file) if deps.files is not None else None
    return open_url(file.title, url) if url else None


def report_replies(deps: TeamsDeps, session: Session, actor: Actor, programme_id: int | None = None) -> list[Reply]:
    """The figures of every programme of the tenant the person coordinates (or of the one a digest's button
    names); the charts and the CSV are personal links."""
    pack = report_actions.programme_reports(session, actor, deps.rule, deps.clock.now(), programme_id)
    lang = actor.lang
    groups = [group for report in pack.reports for group in _programme_groups(lang, report)]
    links = [link for file in pack.files if (link := _link(deps, session, actor, file)) is not None]
    groups.append([note(t(lang, "report.private")),
                   note(t(lang, N_("teams.closure.files") if links else N_("teams.closure.file_unavailable")))])
    return paged_replies(paged_cards([], groups, links), pack.headline)


def send_report(req: TeamsRequest) -> list[Reply]:
    """`mentorat rapport`, and the monthly digest's « Recevoir le rapport complet »: coordinators only."""
    with req.acting() as (session, actor):
        return report_replies(req.deps, session, actor, row_id(req.field("value")))


# -- mentorat importer: reading the lines ------------------------------------------------------------
def entra_member(value: str) -> str:
    """A line's person on Teams: their Entra object id (a GUID), as the people picker gives it."""
    found = ENTRA_ID.match(value.strip())
    if found is not None:
        return found.group(1).lower()
    if EMAIL.match(value.strip()):
        # Finding someone by address needs Graph's User.Read.All, which the bot does not ask for.
        raise InvalidInput("teams.closure.import.email", value=value[:60])
    raise InvalidInput("teams.closure.import.person", value=value[:40])


def import_form(lang: str, state: FormState | None = None) -> Reply:
    state = state or FormState()
    body = text_input("paste", t(lang, "teams.closure.import.paste"), state, multiline=True, max_length=PASTE_LIMIT,
                      required=True, error_message=t(lang, "teams.closure.import.nothing"),
                      placeholder="mentor,mentore,debut")
    intro = teams_text(t(lang, "teams.closure.import.intro", limit=whole(PASTE_LIMIT, lang)))
    heading = t(lang, "import.modal.title")
    content = form_card(lang, heading, body, submit_label=t(lang, "import.modal.submit"), action=IMPORT_SUBMIT,
                        intro=intro, state=state)
    return Reply(content, heading, replace=bool(state.errors))


def import_command(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        require(session, actor.person, Act.PAIR, actor.programme, req.deps.rule)
        return [import_form(actor.lang)]


def _readable(text: str) -> int:
    """The lines as a whole can be read (else the form comes back with the reason); how many there are."""
    if not text.strip():
        raise InvalidInput("teams.closure.import.nothing", field="paste")
    if len(text) > PASTE_LIMIT:
        raise InvalidInput("teams.closure.import.too_long", field="paste", limit=PASTE_LIMIT)
    rows, bad = pair_import.parse_rows(text, entra_member)
    return len(rows) + len(bad)


def submit_import(req: TeamsRequest) -> list[Reply]:
    deps, text = req.deps, req.field("paste")
    try:
        with acting_in_teams(deps, req.incoming) as (session, actor):
            require(session, actor.person, Act.PAIR, actor.programme, deps.rule)
            lang = actor.lang
            count = _readable(text)
    except DomainError as error:
        if error.field not in ("file", "paste"):
            raise
        with acting_in_teams(deps, req.incoming) as (session, actor):
            message = teams_text(error_text(actor.lang, actor.tz, error))
            return [import_form(actor.lang, FormState({"paste": text[:PASTE_LIMIT]}, {"paste": message}))]
    deps.soon(lambda: run_import(deps, req.incoming, text))
    return [text_reply(tn(lang, "teams.closure.import.started", "teams.closure.import.started.plural", count),
                       replace=True)]


# -- mentorat importer: the work, after the turn ----------------------------------------------------
def run_import(deps: TeamsDeps, incoming: Incoming, text: str) -> None:
    """Import, then tell the coordinator in their chat; a failure is told too (never with the lines' text)."""
    recipient = Recipient(Platform.TEAMS, incoming.tenant_id, incoming.user_id)
    try:
        lang, messages = import_lines(deps, incoming, text)
    except Exception as exc:  # told to the coordinator; logged without its message, which may quote a line
        log_unexpected("a Teams import", exc)
        with session_scope(deps.session_factory) as session:
            lang = resolve_actor(session, deps, incoming).lang
        messages = [Message(text=t(lang, "teams.closure.import.failed"), headline=False)]
    for message in messages:
        try:
            deps.notifier.send(recipient, message)
        except NotifierError as exc:
            log.warning("could not send the import's result: %s", exc)  # a code such as teams:429
    deps.deliver_now()  # the invitations of the pairs created


def import_lines(deps: TeamsDeps, incoming: Incoming, text: str) -> tuple[str, list[Message]]:
    """Reach the people the lines name, then pair them line by line. Returns the result to send."""
    now = deps.clock.now()
    # 1. The people named, and which of them the bot never reached (no session is held while Teams answers).
    with acting_in_teams(deps, incoming) as (session, actor):
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)
        ids = pair_import.named_people(text, entra_member)
        new = {i for i in ids if people.find_person(session, actor.workspace, i) is None}
        to_reach = []
        for external_id in ids:
            person = people.ensure_person(session, actor.workspace, external_id, now=now)
            ref = conversations.reference_for(session, person)
            if ref is not None and (ref.conversation_id is None or not person.display_name):
                to_reach.append(ref)
    names, refused = _reach(deps, to_reach)
    # 2. The conventions, as on Slack: each line in its own savepoint.
    with acting_in_teams(deps, incoming) as (session, actor):
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)
        unreachable = _known(session, actor, ids, names, refused)

        def resolve(member_id: str) -> Person:
            if member_id in unreachable:
                raise InvalidInput("teams.closure.import.unreachable", value=member_id)
            person = people.find_person(session, actor.workspace, member_id)
            assert person is not None
            return person

        result = pair_import.import_pairs(session, programme=actor.programme, coordinator=actor.person, text=text,
                                          resolve=resolve, today=actor.today(deps), now=now, rule=deps.rule,
                                          member=entra_member)
        _forget(session, actor, new & unreachable)
        lines = import_summary(actor.lang, actor.tz, result)
        return actor.lang, [Message(text=Rich.join("\n\n", part), headline=False) for part in _chunks(lines)]


def _reach(deps: TeamsDeps, refs: list[conversations.Reference]) -> tuple[dict[int, str], set[int]]:
    """Each person's name from their chat (opened if needed), as `mentorat jumeler` reads it; the people
    Teams will not let the bot write to (the app is not installed for them) apart. No session is open."""
    names: dict[int, str] = {}
    refused: set[int] = set()
    for ref in refs:
        try:
            name = directory_name(deps, ref, "paste")
        except InvalidInput:
            refused.add(ref.person_id)
            continue
        if name:
            names[ref.person_id] = name
    return names, refused


def _known(session: Session, actor: Actor, named: list[str], names: dict[int, str],
           unreachable_ids: set[int]) -> set[str]:
    """Record the names Teams gave; return the ids of the people it would not let the bot reach."""
    refused = set()
    for external_id in named:
        person = people.find_person(session, actor.workspace, external_id)
        assert person is not None
        if person.id in unreachable_ids:
            refused.add(external_id)
        elif names.get(person.id):
            person.display_name = names[person.id]
    return refused


def _forget(session: Session, actor: Actor, external_ids: set[str]) -> None:
    """No row is left for an id this file alone named and Teams does not know: nothing refers to it."""
    found = [people.find_person(session, actor.workspace, external_id) for external_id in external_ids]
    people.forget_people(session, [person for person in found if person is not None])


def _chunks(lines: list[Text]) -> Iterator[list[Text]]:
    """Result lines in messages that each fit a Teams card (a file of refused lines can be long)."""
    part: list[Text] = []
    size = 0
    for line in lines:
        if part and size + len(plain(line).encode()) > RESULT_CHUNK:
            yield part
            part, size = [], 0
        part.append(line)
        size += len(plain(line).encode()) + 2
    yield part


COMMANDS: dict[str, Handler] = {"rapport": send_report, "importer": import_command}
ACTIONS: dict[str, Handler] = {actions.REPORT_SEND: send_report, IMPORT_SUBMIT: submit_import}
