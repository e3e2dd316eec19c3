"""`/mentorat bilan` and `/mentorat merci`: the bilan modal, reading the bilans, the final report, thanks and news."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.commands import NOBODY_WORDS, SPONSOR_WORDS
from bot.i18n import labels, t
from bot.notify import Recipient
from bot.services import bilans, closure, coordination, gratitude
from bot.services.bilans import BilanDraft
from bot.services.closure_messages import report_for
from bot.services.conventions import role_in
from bot.services.final_report import display_name
from bot.services.meetings import other_side
from bot.services.objectives import of_convention
from bot.services.people import mention
from bot.services.roles import Role
from handlers.slack.deps import Actor, Deps, ids_from_body, known_person, resolve_actor
from handlers.slack.forms import BilanForm, FormContext, ThanksForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, on_click, open_modal, post_dm, save_form
from handlers.slack.request import MENTION, CommandRequest
from handlers.slack.views.closure import bilan_blocks, bilan_modal, figures_blocks, thanks_modal
from storage.db import session_scope
from storage.models import Person

THANKS_FIELDS = {"message": BlockId.THANKS_MESSAGE, "achievements": BlockId.THANKS_ACHIEVEMENTS}


def _bilan_view(deps: Deps, convention_id: int | None) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        convention = bilans.bilan_convention(session, actor.person, convention_id, actor.today(deps))
        role = role_in(convention, actor.person)
        assert role is not None
        other = other_side(convention, actor.person)
        sponsor = convention.programme.sponsor_id
        sponsor_person = session.get(Person, sponsor) if sponsor else None
        locked = None if bilans.decision_open(convention) else (convention.closure_decision or "end")
        context = FormContext(team_id=team_id, kind="bilan", convention_id=convention.id)
        return bilan_modal(actor.lang, convention, role, other=mention(other), other_name=display_name(other),
                           objectives=of_convention(session, convention),
                           mine=bilans.bilans_of_round(session, convention).get(actor.person.id),
                           locked_decision=locked, sponsor=display_name(sponsor_person) if sponsor_person else None,
                           metadata=context.dumps()).to_dict()
    return build


def bilan_overview(deps: Deps, team_id: str, user_id: str, convention_id: int | None = None) -> tuple[str, list[dict]]:
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        view = bilans.view_for(session, actor.person, convention_id)
        other = mention(other_side(view.convention, actor.person))
        return (t(actor.lang, "bilan.view.title", other=other),
                bilan_blocks(actor.lang, view, other=other, objectives=of_convention(session, view.convention)))


def set_sponsor(req: CommandRequest) -> None:
    """`/mentorat bilan direction @personne` (or `aucune`): who receives the reports both sides agree to send."""
    deps = req.deps
    _verb, _, rest = req.args.partition(" ")
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.team_id, req.user_id, fresh=True)  # a privileged act
        by, programme, rule = actor.person, actor.programme, deps.rule
        current = coordination.sponsor_of(session, by=by, programme=programme, rule=rule)
        mentions = MENTION.findall(rest)
        if len(mentions) == 1:
            sponsor = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            coordination.set_sponsor(session, by=by, programme=programme, sponsor=sponsor, rule=rule)
            text = t(actor.lang, "sponsor.set", name=mention(sponsor))
        elif rest.strip().lower() in NOBODY_WORDS:
            coordination.set_sponsor(session, by=by, programme=programme, sponsor=None, rule=rule)
            text = t(actor.lang, "sponsor.cleared")
        else:
            text = t(actor.lang, "sponsor.usage", name=mention(current) if current else t(actor.lang, "none"))
    req.respond(text=text)


def run_bilan_command(req: CommandRequest) -> None:
    """The form when the person has not answered yet; else their bilan and what the other shares.
    A coordinator who is not in a pair reads the programme's closure figures."""
    deps = req.deps
    if req.args.split(" ")[0].lower() in SPONSOR_WORDS:
        set_sponsor(req)
        return
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, req.team_id, req.user_id)
        if Role.COORDINATOR in actor.roles and not bilans.in_any_convention(session, actor.person):
            figures = closure.figures_for(session, person=actor.person, programme=actor.programme, rule=deps.rule,
                                          today=actor.today(deps))
            blocks = figures_blocks(actor.lang, actor.programme.name, figures)
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(actor.lang, "sponsor.hint")}]})
            req.respond(text=t(actor.lang, "figures.title", programme=actor.programme.name), blocks=blocks)
            return
        convention = bilans.bilan_convention(session, actor.person, None)
        answered = actor.person.id in bilans.bilans_of_round(session, convention)
    if answered or not bilans.decision_open(convention):
        text, blocks = bilan_overview(deps, req.team_id, req.user_id, convention.id)
        req.respond(text=text, blocks=blocks)
        return
    open_modal(deps, req.client, req.body, _bilan_view(deps, convention.id))


def _thanks_view(kind: str, convention_id: int | None) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        convention = gratitude.mentee_convention(session, actor.person, convention_id)
        context = FormContext(team_id=team_id, kind=kind, convention_id=convention.id)
        return thanks_modal(actor.lang, kind, other=mention(convention.mentor), metadata=context.dumps()).to_dict()
    return build


def run_thanks_command(req: CommandRequest) -> None:
    open_modal(req.deps, req.client, req.body, _thanks_view(gratitude.THANKS, None))


def send_report(deps: Deps, body: dict, convention_id: int) -> None:
    """The final report (message and PDF) to the person who asked, as it stands now."""
    team_id, user_id = ids_from_body(body)
    with session_scope(deps.session_factory) as session:
        actor = resolve_actor(session, deps, team_id, user_id)
        message = report_for(session, actor.person, convention_id, actor.lang)  # one of the pair, once ready
    deps.notifier.send(Recipient("slack", team_id, user_id), message)


def register(app: App, deps: Deps) -> None:
    on_click(app, deps, ActionId.BILAN_OPEN, lambda b, a, r, c: open_modal(deps, c, b, _bilan_view(deps, clicked_id(a))))

    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        post_dm(client, user_id, *bilan_overview(deps, team_id, user_id, clicked_id(action)))

    on_click(app, deps, ActionId.BILAN_SHOW, show)
    on_click(app, deps, ActionId.BILAN_REPORT, lambda b, a, r, c: send_report(deps, b, clicked_id(a)))
    on_click(app, deps, ActionId.THANKS_WRITE,
             lambda b, a, r, c: open_modal(deps, c, b, _thanks_view(gratitude.THANKS, clicked_id(a))))
    on_click(app, deps, ActionId.NEWS_WRITE,
             lambda b, a, r, c: open_modal(deps, c, b, _thanks_view(gratitude.NEWS, clicked_id(a))))

    @app.view(CallbackId.BILAN_FORM_SUBMIT)
    def submit_bilan(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        if context is None or context.convention_id is None:
            ack()
            return
        user_id = body["user"]["id"]
        form = BilanForm.from_view(view)

        def save(session: Session, actor: Actor) -> str:
            draft = BilanDraft(answers=form.answers, satisfaction=form.satisfaction,
                               objective_results=form.objective_results, decision=form.decision,
                               extend_months=form.extend_months, keep_in_touch=form.keep_in_touch,
                               follow_up_on=form.follow_up, shared_keys=form.shared, sponsor_ok=form.sponsor_ok)
            saved = bilans.submit(session, person=actor.person, convention_id=context.convention_id or 0, draft=draft,
                                  today=actor.today(deps), now=deps.clock.now())
            if saved.both:
                return t(actor.lang, "bilan.saved")
            return t(actor.lang, "bilan.saved.waiting", other=mention(other_side(saved.convention, actor.person)))

        text = save_form(ack, deps, context.team_id, user_id, form.field_blocks(), save)
        if text is None:
            return

        def after() -> None:
            _title, blocks = bilan_overview(deps, context.team_id, user_id, context.convention_id)
            post_dm(client, user_id, text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}, *blocks])
            deps.deliver_now()
            refresh_homes(deps, client, context.team_id, context.convention_id or 0)

        deps.soon(after)

    @app.view(CallbackId.THANKS_FORM_SUBMIT)
    def submit_thanks(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        context = FormContext.loads(view.get("private_metadata"))
        if context is None or context.kind not in (gratitude.THANKS, gratitude.NEWS):
            ack()
            return
        user_id = body["user"]["id"]
        form = ThanksForm.from_view(view)

        def save(session: Session, actor: Actor) -> str:
            sent = gratitude.send(session, person=actor.person, convention_id=context.convention_id, kind=context.kind,
                                  message=form.message, achievements=form.achievements, now=deps.clock.now())
            mentor = mention(sent.convention.mentor)
            text = t(actor.lang, labels.GRATITUDE_SENT[context.kind], other=mentor)
            return text + ("\n" + t(actor.lang, "thanks.sent.moment") if context.kind == gratitude.THANKS else "")

        text = save_form(ack, deps, context.team_id, user_id, THANKS_FIELDS, save)
        if text is None:
            return

        def after() -> None:
            post_dm(client, user_id, text)
            deps.deliver_now()

        deps.soon(after)
