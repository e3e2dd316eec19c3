"""The closure on Teams: `mentorat bilan` (the bilan form, the follow-up end/continue/redefine, each side's
bilan read back, the final report, the coordinator's figures, the sponsor) and `mentorat merci` (thanks,
then news after the end).

The same use cases as Slack (bot/usecases/closure.py) and the same texts; Slack's modals are card forms here, a
refused form comes back in place with what was typed, and the report's PDF is a link.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.commands import NOBODY_WORDS, SPONSOR_WORDS
from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Message, Rich
from bot.services import actions, gratitude, people
from bot.services.errors import InvalidInput
from bot.services.people import mention
from bot.usecases import closure as closure_actions
from handlers.teams import conversations
from handlers.teams.cards import ACTION_KEY, message_card, paged_cards, summary_text, teams_text
from handlers.teams.closure_cards import (
    BILAN_SUBMIT,
    SPONSOR_CLEAR,
    SPONSOR_SUBMIT,
    THANKS_FIELDS,
    THANKS_SUBMIT,
    BilanContext,
    bilan_fields,
    bilan_form,
    draft_of,
    figures_card,
    overview_cards,
    sponsor_form,
    thanks_form,
)
from handlers.teams.deps import (
    Handler,
    Reply,
    TeamsDeps,
    TeamsRequest,
    acting_in_teams,
    directory_name,
    message_reply,
    paged_replies,
    saved_or_form,
    say,
    text_reply,
)
from handlers.teams.forms import FormState
from storage.models import Person

KIND_OF_SUBMIT = {action: kind for kind, action in THANKS_SUBMIT.items()}


# -- the bilan -----------------------------------------------------------------------------------
def _context(session: Session, deps: TeamsDeps, actor: Actor, convention_id: int | None) -> BilanContext:
    return closure_actions.bilan_form(session, actor, actor.today(deps), convention_id)


def _overview(session: Session, actor: Actor, convention_id: int | None) -> list[Reply]:
    return _overview_replies(actor, closure_actions.bilan_overview(session, actor, convention_id))


def _overview_replies(actor: Actor, found: closure_actions.BilanOverview) -> list[Reply]:
    title = teams_text(rt(actor.lang, "bilan.view.title", other=mention(found.other)))
    return paged_replies(overview_cards(actor.lang, found.view, found.other, found.objectives), title)


def bilan_command(req: TeamsRequest) -> list[Reply]:
    """The form when the person has not answered yet; else their bilan and what the other shares.
    A coordinator who is not in a pair reads the programme's closure figures."""
    if req.args.split(" ")[0].lower() in SPONSOR_WORDS:
        return sponsor_command(req)
    with req.acting() as (session, actor):
        answer = closure_actions.bilan_command(session, actor, actor.today(req.deps), req.deps.rule,
                                               req.convention_id)
        if isinstance(answer, closure_actions.ProgrammeFigures):
            title = t(actor.lang, "figures.title", programme=answer.programme_name)
            return [Reply(figures_card(actor.lang, answer.programme_name, answer.figures), title)]
        if isinstance(answer, closure_actions.BilanOverview):
            return _overview_replies(actor, answer)
        return [bilan_form(actor.lang, answer)]


def open_bilan(req: TeamsRequest) -> list[Reply]:
    """"Remplir / Modifier mon bilan" (value: the convention)."""
    with req.acting() as (session, actor):
        return [bilan_form(actor.lang, _context(session, req.deps, actor, req.subject_id()))]


def show_bilan(req: TeamsRequest) -> list[Reply]:
    """"Voir les bilans" (value: the convention)."""
    with req.acting() as (session, actor):
        return _overview(session, actor, req.subject_id())


def submit_bilan(req: TeamsRequest) -> list[Reply]:
    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        return bilan_form(actor.lang, _context(session, req.deps, actor, req.subject_id()), state)

    return saved_or_form(req, bilan_fields(req.data), lambda: _save_bilan(req), form)


def _save_bilan(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with acting_in_teams(deps, req.incoming) as (session, actor):
        ctx = _context(session, deps, actor, req.subject_id())
        done = closure_actions.save_bilan(session, actor, deps.clock.now(), ctx, draft_of(req.data, ctx))
        # The form gives way to the confirmation; the bilan as it now reads follows.
        return [message_reply(done.reply, replace=True), *_overview(session, actor, ctx.convention.id)]


def send_final_report(req: TeamsRequest) -> list[Reply]:
    """"Recevoir le rapport final (PDF)": the report as it stands now, its PDF behind a link."""
    deps = req.deps
    with acting_in_teams(deps, req.incoming) as (session, actor):
        message = closure_actions.final_report(session, actor, req.subject_id())  # one of the pair, once ready
        assert message.attachment is not None
        link = deps.files(session, actor.person, message.attachment) if deps.files is not None else None
        # Whole, over as many cards as it takes (two long bilans shared in full outgrow one card).
        content = message_card(message, file_url=link, whole=True)
        pages = paged_cards([], [[element] for element in content["body"]], content.get("actions") or [])
        replies = paged_replies(pages, summary_text(message))
        if link is None:
            replies.append(say(actor.lang, N_("teams.closure.file_unavailable")))
        return replies


# -- the sponsor (coordinators) -----------------------------------------------------------------------
def sponsor_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat bilan direction` opens the card; `… direction aucune` removes the sponsor at once."""
    rest = req.args.partition(" ")[2].strip().lower()
    with req.acting() as (session, actor):
        closure_actions.may_set_sponsor(session, actor, req.deps.rule)
        if rest in NOBODY_WORDS:
            return [text_reply(closure_actions.set_sponsor(session, actor, req.deps.rule, None))]
        return [sponsor_form(actor.lang, closure_actions.current_sponsor(session, actor, req.deps.rule))]


def submit_sponsor(req: TeamsRequest) -> list[Reply]:
    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        return sponsor_form(actor.lang, closure_actions.current_sponsor(session, actor, req.deps.rule), state)

    return saved_or_form(req, ("sponsor",), lambda: _set_sponsor(req, req.field("sponsor").strip().lower()), form)


def _set_sponsor(req: TeamsRequest, picked: str) -> list[Reply]:
    deps = req.deps
    with acting_in_teams(deps, req.incoming) as (session, actor):
        closure_actions.may_set_sponsor(session, actor, deps.rule)
        if not picked:
            raise InvalidInput("teams.pair.picker", field="sponsor")
        ref = conversations.reference_for(session, people.ensure_person(session, actor.workspace, picked,
                                                                        now=deps.clock.now()))
        assert ref is not None  # the coordinator's own chat gives the tenant's service URL
    name = directory_name(deps, ref, "sponsor")  # the report goes to them by chat: they must be reachable
    with acting_in_teams(deps, req.incoming) as (session, actor):
        closure_actions.may_set_sponsor(session, actor, deps.rule)
        sponsor = session.get(Person, ref.person_id)
        assert sponsor is not None
        sponsor.display_name = name or sponsor.display_name
        text = closure_actions.set_sponsor(session, actor, deps.rule, sponsor)
        return [message_reply(Message(text=text, headline=False), replace=True)]


def clear_sponsor(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        return [text_reply(closure_actions.set_sponsor(session, actor, req.deps.rule, None), replace=True)]


# -- thanks and news -------------------------------------------------------------------------------
def _thanks_card(req: TeamsRequest, kind: str, convention_id: int | None) -> list[Reply]:
    with req.acting() as (session, actor):
        convention = closure_actions.thanks_form(session, actor, convention_id)  # the mentee only
        return [thanks_form(actor.lang, kind, convention.mentor, convention.id)]


def thanks_command(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.THANKS, req.convention_id)


def open_thanks(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.THANKS, req.subject_id())


def open_news(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.NEWS, req.subject_id())


def submit_thanks(req: TeamsRequest) -> list[Reply]:
    kind = KIND_OF_SUBMIT[req.field(ACTION_KEY)]

    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        convention = closure_actions.thanks_form(session, actor, req.subject_id())
        return thanks_form(actor.lang, kind, convention.mentor, convention.id, state)

    return saved_or_form(req, THANKS_FIELDS, lambda: _send_thanks(req, kind), form)


def _send_thanks(req: TeamsRequest, kind: str) -> list[Reply]:
    deps = req.deps
    with acting_in_teams(deps, req.incoming) as (session, actor):
        text = Rich.join("\n\n", closure_actions.send_thanks(session, actor, deps.clock.now(), kind, req.subject_id(),
                                                        req.field("message"), req.field("achievements")))
        return [message_reply(Message(text=text, headline=False), replace=True)]


COMMANDS: dict[str, Handler] = {"bilan": bilan_command, "merci": thanks_command}
ACTIONS: dict[str, Handler] = {
    actions.BILAN_OPEN: open_bilan,
    actions.BILAN_SHOW: show_bilan,
    actions.BILAN_REPORT: send_final_report,
    BILAN_SUBMIT: submit_bilan,
    actions.THANKS_WRITE: open_thanks,
    actions.NEWS_WRITE: open_news,
    **{action: submit_thanks for action in THANKS_SUBMIT.values()},
    SPONSOR_SUBMIT: submit_sponsor,
    SPONSOR_CLEAR: clear_sponsor,
}
