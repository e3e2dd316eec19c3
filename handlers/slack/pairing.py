"""Pairing a mentor with a mentee: `/mentorat jumeler @a @b [date]` or the pairing modal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.i18n import N_, labels, t
from bot.i18n.dates import format_day
from bot.services import conventions
from bot.services.errors import DomainError, InvalidInput
from bot.services.policy import Act, require
from handlers.slack.deps import Deps, known_person, resolve_actor
from handlers.slack.forms import ModalOrigin, PairingForm
from handlers.slack.ids import BlockId, CallbackId
from handlers.slack.interactions import post_dm, refuse_form
from handlers.slack.request import MENTION, CommandRequest
from handlers.slack.views.pairing import pairing_modal
from storage.db import session_scope

ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
FIELD_BLOCKS = {"mentor": BlockId.PAIRING_MENTOR, "mentee": BlockId.PAIRING_MENTEE, "start": BlockId.PAIRING_START}


@dataclass(frozen=True)
class PairOutcome:
    lang: str
    text: str
    queued: bool


def parse_pair_args(args: str) -> tuple[str, str, date | None]:
    """'<@U1> <@U2> [YYYY-MM-DD]' -> (mentor, mentee, start or None for today)."""
    mentions = MENTION.findall(args)
    leftovers = MENTION.sub(" ", args).split()
    if len(mentions) != 2:
        raise InvalidInput("error.pair.need_two")
    start = None
    for word in leftovers:
        if not ISO_DATE.match(word):
            raise InvalidInput("error.pair.bad_date", value=word[:40])
        try:
            start = date.fromisoformat("-".join(part.zfill(2) for part in word.split("-")))
        except ValueError as exc:
            raise InvalidInput("error.pair.bad_date", value=word[:40]) from exc
    return mentions[0], mentions[1], start


def pair_people(deps: Deps, team_id: str, user_id: str, mentor_id: str | None, mentee_id: str | None,
                start: date | None) -> PairOutcome:
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id, fresh=True)  # a privileged act: re-read admin flag
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)  # before anyone is looked up
        if not mentor_id or not mentee_id:
            raise InvalidInput("error.pair.need_two", field="mentor" if not mentor_id else "mentee")
        if mentor_id == mentee_id:
            raise InvalidInput("error.pair.same_person", field="mentee")
        mentor = known_person(session, deps, actor.workspace, mentor_id, fresh=True, field_name="mentor")
        mentee = known_person(session, deps, actor.workspace, mentee_id, fresh=True, field_name="mentee")
        today = actor.today(deps)
        result = conventions.pair(
            session, programme=actor.programme, coordinator=actor.person, mentor=mentor, mentee=mentee,
            starts_on=start or today, today=today, now=deps.clock.now(), rule=deps.rule,
        )
        c = result.convention
        key = N_("pair.sent") if result.created else N_("pair.already_sent")
        text = t(actor.lang, key, mentor=f"<@{mentor_id}>", mentee=f"<@{mentee_id}>",
                 start=format_day(c.starts_on, actor.lang), status=t(actor.lang, labels.STATUS[c.status]))
        return PairOutcome(actor.lang, text, result.created)


def open_pairing_modal(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str) -> None:
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id, fresh=True)
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)
        view = pairing_modal(actor.lang, actor.today(deps), metadata=ModalOrigin(team_id=team_id).dumps())
    client.views_open(trigger_id=trigger_id, view=view)


def run_pair_command(req: CommandRequest) -> None:
    if not req.args:
        open_pairing_modal(req.deps, req.client, req.body["trigger_id"], req.team_id, req.user_id)
        return
    mentor_id, mentee_id, start = parse_pair_args(req.args)
    outcome = pair_people(req.deps, req.team_id, req.user_id, mentor_id, mentee_id, start)
    req.respond(text=outcome.text)
    if outcome.queued:
        req.deps.deliver_now()


def register(app: App, deps: Deps) -> None:
    @app.view(CallbackId.PAIRING_FORM_SUBMIT)
    def submit_pairing(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        form = PairingForm.from_view(view)
        origin = ModalOrigin.loads(view.get("private_metadata"))
        team_id = origin.team_id if origin else body["team"]["id"]
        user_id = body["user"]["id"]
        try:
            if form.start is None:
                raise InvalidInput("error.pair.bad_date", field="start", value=form.start_raw or "")
            outcome = pair_people(deps, team_id, user_id, form.mentor, form.mentee, form.start)
        except DomainError as error:
            refuse_form(ack, deps, team_id, user_id, FIELD_BLOCKS, error)
            return
        def confirm() -> None:
            post_dm(client, user_id, outcome.text)
            if outcome.queued:
                deps.deliver_now()

        ack()  # closes the modal; the invitations are already safe in the outbox
        deps.soon(confirm)
