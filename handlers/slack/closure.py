"""`/mentorat bilan` and `/mentorat merci`: the bilan modal, reading the bilans, the final report, thanks and news."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.commands import NOBODY_WORDS, SPONSOR_WORDS
from bot.i18n import t
from bot.notify import Recipient, Rich, Text
from bot.services import gratitude
from bot.services.bilans import BilanDraft
from bot.services.final_report import display_name
from bot.services.typed_text import row_id
from bot.usecases import closure as closure_actions
from handlers.slack.choice import asking
from handlers.slack.deps import Actor, Deps, acting_in_slack, ids_from_body, known_person
from handlers.slack.forms import BilanForm, FormContext, ThanksForm
from handlers.slack.home_publish import refresh_homes
from handlers.slack.ids import ActionId, BlockId, CallbackId
from handlers.slack.interactions import clicked_id, on_click, open_modal, post_dm, save_form
from handlers.slack.render import mention_of, mrkdwn
from handlers.slack.request import MENTION, CommandRequest
from handlers.slack.views.closure import bilan_blocks, bilan_modal, figures_blocks, thanks_modal

THANKS_FIELDS = {"message": BlockId.THANKS_MESSAGE, "achievements": BlockId.THANKS_ACHIEVEMENTS}


def _bilan_modal(actor: Actor, form: closure_actions.BilanFormView, team_id: str) -> dict:
    context = FormContext(team_id=team_id, kind="bilan", convention_id=form.convention.id)
    return bilan_modal(actor.lang, form.convention, form.role, other=mention_of(form.other),
                       other_name=display_name(form.other), objectives=form.objectives, mine=form.mine,
                       locked_decision=form.locked, sponsor=display_name(form.sponsor) if form.sponsor else None,
                       metadata=context.dumps()).to_dict()


def _bilan_view(deps: Deps, convention_id: int | None) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        return _bilan_modal(actor, closure_actions.bilan_form(session, actor, actor.today(deps), convention_id),
                            team_id)
    return build


def _overview_blocks(actor: Actor, found: closure_actions.BilanOverview) -> tuple[str, list[dict]]:
    other = mention_of(found.other)
    return (t(actor.lang, "bilan.view.title", other=other),
            bilan_blocks(actor.lang, found.view, other=other, objectives=found.objectives))


def bilan_overview(deps: Deps, team_id: str, user_id: str, convention_id: int | None = None) -> tuple[str, list[dict]]:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        return _overview_blocks(actor, closure_actions.bilan_overview(session, actor, convention_id))


def set_sponsor(req: CommandRequest) -> None:
    """`/mentorat bilan direction @personne` (or `aucune`): who receives the reports both sides agree to send."""
    deps = req.deps
    _verb, _, rest = req.args.partition(" ")
    with acting_in_slack(deps, req.team_id, req.user_id, fresh=True) as (session, actor):  # a privileged act
        current = closure_actions.current_sponsor(session, actor, deps.rule)  # the rights, before any lookup
        mentions = MENTION.findall(rest)
        text: Text
        if len(mentions) == 1:
            sponsor = known_person(session, deps, actor.workspace, mentions[0], fresh=True)
            text = closure_actions.set_sponsor(session, actor, deps.rule, sponsor)
        elif rest.strip().lower() in NOBODY_WORDS:
            text = closure_actions.set_sponsor(session, actor, deps.rule, None)
        else:
            text = t(actor.lang, "sponsor.usage", name=mention_of(current) if current else t(actor.lang, "none"))
    req.respond(text=mrkdwn(text))


def run_bilan_command(req: CommandRequest) -> None:
    """The form when the person has not answered yet; else their bilan and what the other shares.
    A coordinator who is not in a pair reads the programme's closure figures."""
    deps = req.deps
    if req.args.split(" ")[0].lower() in SPONSOR_WORDS:
        set_sponsor(req)
        return
    reply: tuple[str, list[dict]] | None = None
    with acting_in_slack(deps, req.team_id, req.user_id) as (session, actor):
        answer = closure_actions.bilan_command(session, actor, actor.today(deps), deps.rule, req.convention_id)
        if isinstance(answer, closure_actions.ProgrammeFigures):
            blocks = figures_blocks(actor.lang, answer.programme_name, answer.figures)
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(actor.lang, "sponsor.hint")}]})
            reply = t(actor.lang, "figures.title", programme=answer.programme_name), blocks
        elif isinstance(answer, closure_actions.BilanOverview):
            reply = _overview_blocks(actor, answer)
        else:
            view = _bilan_modal(actor, answer, req.team_id)
    # Slack is answered once the unit of work is over: no transaction waits on it.
    if reply is not None:
        req.respond(text=reply[0], blocks=reply[1])
    else:
        req.client.views_open(trigger_id=req.body["trigger_id"], view=view)


def _thanks_view(kind: str, convention_id: int | None) -> Callable[[Session, Actor, str], dict]:
    def build(session: Session, actor: Actor, team_id: str) -> dict:
        convention = closure_actions.thanks_form(session, actor, convention_id)
        context = FormContext(team_id=team_id, kind=kind, convention_id=convention.id)
        return thanks_modal(actor.lang, kind, other=mention_of(convention.mentor), metadata=context.dumps()).to_dict()
    return build


def run_thanks_command(req: CommandRequest) -> None:
    open_modal(req.deps, req.client, req.body, _thanks_view(gratitude.THANKS, req.convention_id))


def send_report(deps: Deps, body: dict, convention_id: int) -> None:
    """The final report (message and PDF) to the person who asked, as it stands now."""
    team_id, user_id = ids_from_body(body)
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        message = closure_actions.final_report(session, actor, convention_id)
    deps.notifier.send(Recipient("slack", team_id, user_id), message)


def register(app: App, deps: Deps) -> None:
    # The Home's buttons name no convention when there are several: then the click asks which one.
    on_click(app, deps, ActionId.BILAN_OPEN, lambda b, a, r, c: asking(
        deps, "bilan", b, r, c, lambda: open_modal(deps, c, b, _bilan_view(deps, row_id(a.get("value"))))))

    def show(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        post_dm(client, user_id, *bilan_overview(deps, team_id, user_id, clicked_id(action)))

    on_click(app, deps, ActionId.BILAN_SHOW, show)
    on_click(app, deps, ActionId.BILAN_REPORT, lambda b, a, r, c: send_report(deps, b, clicked_id(a)))
    on_click(app, deps, ActionId.THANKS_WRITE, lambda b, a, r, c: asking(
        deps, "merci", b, r, c,
        lambda: open_modal(deps, c, b, _thanks_view(gratitude.THANKS, row_id(a.get("value"))))))
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

        draft = BilanDraft(answers=form.answers, satisfaction=form.satisfaction,
                           objective_results=form.objective_results, decision=form.decision,
                           extend_months=form.extend_months, keep_in_touch=form.keep_in_touch,
                           follow_up_on=form.follow_up, shared_keys=form.shared, sponsor_ok=form.sponsor_ok)

        def save(session: Session, actor: Actor) -> str:
            now = deps.clock.now()
            shown = closure_actions.bilan_form(session, actor, actor.today_at(now), context.convention_id)
            return mrkdwn(closure_actions.save_bilan(session, actor, now, shown, draft).reply.text)

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
            return mrkdwn(Rich.join("\n", closure_actions.send_thanks(
                session, actor, deps.clock.now(), context.kind, context.convention_id, form.message,
                form.achievements)))

        text = save_form(ack, deps, context.team_id, user_id, THANKS_FIELDS, save)
        if text is None:
            return

        def after() -> None:
            post_dm(client, user_id, text)
            deps.deliver_now()

        deps.soon(after)
