"""The closure on Teams: `mentorat bilan` (the bilan form, the follow-up end/continue/redefine, each side's
bilan read back, the final report, the coordinator's figures, the sponsor) and `mentorat merci` (thanks,
then news after the end).

Mirrors handlers/slack/closure.py: the same services and texts; Slack's modals are card forms here, a
refused form comes back in place with what was typed, and the report's PDF is a link.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.commands import NOBODY_WORDS, SPONSOR_WORDS
from bot.i18n import N_, labels, t
from bot.notify import Message
from bot.services import actions, bilans, closure, coordination, gratitude, people
from bot.services.closure_messages import report_for
from bot.services.conventions import role_in
from bot.services.errors import InvalidInput
from bot.services.meetings import other_side
from bot.services.objectives import of_convention
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import Role
from handlers.teams import conversations
from handlers.teams.cards import ACTION_KEY, message_card, paged_cards, summary_text
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
    directory_name,
    message_reply,
    paged_replies,
    people_markdown,
    resolve_actor,
    saved_or_form,
    say,
    text_reply,
)
from handlers.teams.forms import FormState
from handlers.teams.notifier import names_in
from storage.db import session_scope
from storage.models import Convention, Person

KIND_OF_SUBMIT = {action: kind for kind, action in THANKS_SUBMIT.items()}


# -- the bilan -----------------------------------------------------------------------------------
def _context(session: Session, deps: TeamsDeps, actor: Actor, convention_id: int | None) -> BilanContext:
    """The form's convention (one of the pair, in its last phase or over) and what the form shows."""
    convention = bilans.bilan_convention(session, actor.person, convention_id, actor.today(deps))
    role = role_in(convention, actor.person)
    assert role is not None
    sponsor_id = convention.programme.sponsor_id
    return BilanContext(
        convention, role, other_side(convention, actor.person), of_convention(session, convention),
        bilans.bilans_of_round(session, convention).get(actor.person.id),
        None if bilans.decision_open(convention) else (convention.closure_decision or "end"),
        session.get(Person, sponsor_id) if sponsor_id else None)


def _overview(session: Session, actor: Actor, convention_id: int | None) -> list[Reply]:
    view = bilans.view_for(session, actor.person, convention_id)  # the one reader that enforces privacy
    other = other_side(view.convention, actor.person)
    title = people_markdown(t(actor.lang, "bilan.view.title", other=mention(other)), other)
    return paged_replies(overview_cards(actor.lang, view, other, of_convention(session, view.convention)), title)


def bilan_command(req: TeamsRequest) -> list[Reply]:
    """The form when the person has not answered yet; else their bilan and what the other shares.
    A coordinator who is not in a pair reads the programme's closure figures."""
    if req.args.split(" ")[0].lower() in SPONSOR_WORDS:
        return sponsor_command(req)
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        if Role.COORDINATOR in actor.roles and not bilans.in_any_convention(session, actor.person):
            figures = closure.figures_for(session, person=actor.person, programme=actor.programme, rule=deps.rule,
                                          today=actor.today(deps))
            title = t(actor.lang, "figures.title", programme=actor.programme.name)
            return [Reply(figures_card(actor.lang, actor.programme.name, figures), title)]
        convention = bilans.bilan_convention(session, actor.person, None)
        if actor.person.id in bilans.bilans_of_round(session, convention) or not bilans.decision_open(convention):
            return _overview(session, actor, convention.id)
        return [bilan_form(actor.lang, _context(session, deps, actor, convention.id))]


def open_bilan(req: TeamsRequest) -> list[Reply]:
    """"Remplir / Modifier mon bilan" (value: the convention)."""
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        return [bilan_form(actor.lang, _context(session, req.deps, actor, req.subject_id()))]


def show_bilan(req: TeamsRequest) -> list[Reply]:
    """"Voir les bilans" (value: the convention)."""
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        return _overview(session, actor, req.subject_id())


def submit_bilan(req: TeamsRequest) -> list[Reply]:
    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        return bilan_form(actor.lang, _context(session, req.deps, actor, req.subject_id()), state)

    return saved_or_form(req, bilan_fields(req.data), lambda: _save_bilan(req), form)


def _save_bilan(req: TeamsRequest) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        ctx = _context(session, deps, actor, req.subject_id())
        saved = bilans.submit(session, person=actor.person, convention_id=ctx.convention.id,
                              draft=draft_of(req.data, ctx), today=actor.today(deps), now=deps.clock.now())
        if saved.both:
            text = t(actor.lang, "bilan.saved")
        else:
            text = people_markdown(t(actor.lang, "bilan.saved.waiting", other=mention(ctx.other)), ctx.other)
        # The form gives way to the confirmation; the bilan as it now reads follows.
        return [text_reply(text, replace=True), *_overview(session, actor, ctx.convention.id)]


def send_final_report(req: TeamsRequest) -> list[Reply]:
    """"Recevoir le rapport final (PDF)": the report as it stands now, its PDF behind a link."""
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        message = report_for(session, actor.person, req.subject_id(), actor.lang)  # one of the pair, once ready
        assert message.attachment is not None
        link = deps.files(session, actor.person, message.attachment) if deps.files is not None else None
        names = names_in(session, actor.workspace.id, message)
        # Whole, over as many cards as it takes (two long bilans shared in full outgrow one card).
        content = message_card(message, names, file_url=link, whole=True)
        pages = paged_cards([], [[element] for element in content["body"]], content.get("actions") or [])
        replies = paged_replies(pages, summary_text(message, names))
        if link is None:
            replies.append(say(actor.lang, N_("teams.closure.file_unavailable")))
        return replies


# -- the sponsor (coordinators) -----------------------------------------------------------------------
def sponsor_command(req: TeamsRequest) -> list[Reply]:
    """`mentorat bilan direction` opens the card; `… direction aucune` removes the sponsor at once."""
    rest = req.args.partition(" ")[2].strip().lower()
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        require(session, actor.person, Act.SPONSOR_SET, actor.programme, req.deps.rule)
        if rest in NOBODY_WORDS:
            coordination.set_sponsor(session, by=actor.person, programme=actor.programme, sponsor=None,
                                     rule=req.deps.rule)
            return [say(actor.lang, "sponsor.cleared")]
        current = coordination.sponsor_of(session, by=actor.person, programme=actor.programme, rule=req.deps.rule)
        return [sponsor_form(actor.lang, current)]


def submit_sponsor(req: TeamsRequest) -> list[Reply]:
    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        current = coordination.sponsor_of(session, by=actor.person, programme=actor.programme, rule=req.deps.rule)
        return sponsor_form(actor.lang, current, state)

    return saved_or_form(req, ("sponsor",), lambda: _set_sponsor(req, req.field("sponsor").strip().lower()), form)


def _set_sponsor(req: TeamsRequest, picked: str) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        require(session, actor.person, Act.SPONSOR_SET, actor.programme, deps.rule)
        if not picked:
            raise InvalidInput("teams.pair.picker", field="sponsor")
        ref = conversations.reference_for(session, people.ensure_person(session, actor.workspace, picked,
                                                                        now=deps.clock.now()))
        assert ref is not None  # the coordinator's own chat gives the tenant's service URL
    name = directory_name(deps, ref, "sponsor")  # the report goes to them by chat: they must be reachable
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        require(session, actor.person, Act.SPONSOR_SET, actor.programme, deps.rule)
        sponsor = session.get(Person, ref.person_id)
        assert sponsor is not None
        sponsor.display_name = name or sponsor.display_name
        coordination.set_sponsor(session, by=actor.person, programme=actor.programme, sponsor=sponsor, rule=deps.rule)
        text = t(actor.lang, "sponsor.set", name=mention(sponsor))
        return [message_reply(session, actor, Message(text=text, headline=False), replace=True)]


def clear_sponsor(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        coordination.set_sponsor(session, by=actor.person, programme=actor.programme, sponsor=None,
                                 rule=req.deps.rule)
        return [text_reply(t(actor.lang, "sponsor.cleared"), replace=True)]


# -- thanks and news -------------------------------------------------------------------------------
def _thanks_card(req: TeamsRequest, kind: str, convention_id: int | None) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        convention = gratitude.mentee_convention(session, actor.person, convention_id)  # the mentee only
        return [thanks_form(actor.lang, kind, convention.mentor, convention.id)]


def thanks_command(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.THANKS, None)


def open_thanks(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.THANKS, req.subject_id())


def open_news(req: TeamsRequest) -> list[Reply]:
    return _thanks_card(req, gratitude.NEWS, req.subject_id())


def submit_thanks(req: TeamsRequest) -> list[Reply]:
    kind = KIND_OF_SUBMIT[req.field(ACTION_KEY)]

    def form(session: Session, actor: Actor, state: FormState) -> Reply:
        convention = gratitude.mentee_convention(session, actor.person, req.subject_id())
        return thanks_form(actor.lang, kind, convention.mentor, convention.id, state)

    return saved_or_form(req, THANKS_FIELDS, lambda: _send_thanks(req, kind), form)


def _send_thanks(req: TeamsRequest, kind: str) -> list[Reply]:
    deps = req.deps
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.incoming)
        sent = gratitude.send(session, person=actor.person, convention_id=req.subject_id(), kind=kind,
                              message=req.field("message"), achievements=req.field("achievements"),
                              now=deps.clock.now())
        convention = session.get(Convention, sent.convention_id)
        assert convention is not None
        text = t(actor.lang, labels.GRATITUDE_SENT[kind], other=mention(convention.mentor))
        if kind == gratitude.THANKS:
            text += "\n\n" + t(actor.lang, "thanks.sent.moment")
        return [message_reply(session, actor, Message(text=text, headline=False), replace=True)]


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
