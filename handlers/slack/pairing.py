"""Pairing a mentor with a mentee: `/mentorat jumeler @a @b [date]` or the pairing modal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.services.errors import DomainError, InvalidInput
from bot.usecases import conventions as convention_actions
from bot.usecases import programmes
from handlers.slack.deps import Deps, acting_in_slack, known_person
from handlers.slack.forms import ModalOrigin, PairingForm
from handlers.slack.ids import BlockId, CallbackId
from handlers.slack.interactions import post_dm, refuse_form
from handlers.slack.render import mrkdwn
from handlers.slack.request import MENTION, CommandRequest
from handlers.slack.views.pairing import pairing_modal

ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
FIELD_BLOCKS = {"mentor": BlockId.PAIRING_MENTOR, "mentee": BlockId.PAIRING_MENTEE, "start": BlockId.PAIRING_START,
                "manager": BlockId.PAIRING_MANAGER}


@dataclass(frozen=True)
class PairOutcome:
    lang: str
    text: str
    queued: bool


def parse_pair_args(args: str) -> tuple[str, str, date | None, str | None]:
    """'<@U1> <@U2> [<@U3>] [YYYY-MM-DD]' -> (mentor, mentee, start or None for today, the mentee's manager)."""
    mentions = MENTION.findall(args)
    leftovers = MENTION.sub(" ", args).split()
    if len(mentions) not in (2, 3):
        raise InvalidInput("error.pair.need_two")
    start = None
    for word in leftovers:
        if not ISO_DATE.match(word):
            raise InvalidInput("error.pair.bad_date", value=word[:40])
        try:
            start = date.fromisoformat("-".join(part.zfill(2) for part in word.split("-")))
        except ValueError as exc:
            raise InvalidInput("error.pair.bad_date", value=word[:40]) from exc
    return mentions[0], mentions[1], start, (mentions[2] if len(mentions) == 3 else None)


def pair_people(deps: Deps, team_id: str, user_id: str, mentor_id: str | None, mentee_id: str | None,
                start: date | None, manager_id: str | None = None, opened_in: int | None = None) -> PairOutcome:
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):  # a privileged act: re-read admin flag
        programmes.opened_in(session, actor, opened_in)
        convention_actions.may_pair(session, actor, deps.rule)
        mentor_id, mentee_id = convention_actions.two_picks(mentor_id, mentee_id)
        mentor = known_person(session, deps, actor.workspace, mentor_id, fresh=True, field_name="mentor")
        mentee = known_person(session, deps, actor.workspace, mentee_id, fresh=True, field_name="mentee")
        manager = known_person(session, deps, actor.workspace, manager_id, fresh=True,
                               field_name="manager") if manager_id else None
        done = convention_actions.pair(session, actor, deps.rule, deps.clock.now(), mentor, mentee, start,
                                       manager=manager)
        return PairOutcome(actor.lang, mrkdwn(done.reply.text), done.changed)


def open_pairing_modal(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str) -> None:
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
        convention_actions.may_pair(session, actor, deps.rule)
        view = pairing_modal(actor.lang, convention_actions.default_start(actor, actor.today(deps)),
                             metadata=ModalOrigin(team_id=team_id, programme_id=actor.programme.id).dumps(),
                             with_manager=actor.programme.corporate_method)
    client.views_open(trigger_id=trigger_id, view=view)


def run_pair_command(req: CommandRequest) -> None:
    if not req.args:
        open_pairing_modal(req.deps, req.client, req.body["trigger_id"], req.team_id, req.user_id)
        return
    mentor_id, mentee_id, start, manager_id = parse_pair_args(req.args)
    outcome = pair_people(req.deps, req.team_id, req.user_id, mentor_id, mentee_id, start, manager_id)
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
            outcome = pair_people(deps, team_id, user_id, form.mentor, form.mentee, form.start, form.manager,
                                  origin.programme_id if origin else None)
        except DomainError as error:
            refuse_form(ack, deps, team_id, user_id, FIELD_BLOCKS, error)
            return
        def confirm() -> None:
            post_dm(client, user_id, outcome.text)
            if outcome.queued:
                deps.deliver_now()

        ack()  # closes the modal; the invitations are already safe in the outbox
        deps.soon(confirm)
