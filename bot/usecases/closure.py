"""The closure, as a person reaches it from Slack or Teams: `bilan` (the form, the pair's bilans, or
a coordinator's figures) and the bilan form's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import labels, t
from bot.i18n.rich import rt
from bot.notify import Message, Text
from bot.services import bilans, closure, coordination, gratitude
from bot.services.closure_messages import report_for
from bot.services.conventions import role_in
from bot.services.meetings import other_side
from bot.services.objectives import of_convention
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, Role
from bot.usecases.outcome import Done
from storage.models import Bilan, Convention, Objective, Person


@dataclass(frozen=True)
class BilanFormView:
    """What a bilan form is about: the convention (one of the pair's, in its last phase or over)."""

    convention: Convention
    role: str
    other: Person
    objectives: list[Objective]
    mine: Bilan | None  # this round's answers, to edit them
    locked: str | None  # the follow-up already settled: shown, not asked
    sponsor: Person | None  # who receives the final reports when both agree


@dataclass(frozen=True)
class BilanOverview:
    """The person's bilan and what the other side chose to share (bilans.view_for enforces it)."""

    view: bilans.BilanView
    other: Person
    objectives: list[Objective]


@dataclass(frozen=True)
class ProgrammeFigures:
    """A coordinator outside any pair: the programme's closure figures (never a bilan's text)."""

    programme_name: str
    figures: closure.ClosureFigures


def bilan_form(session: Session, actor: Actor, today: date, convention_id: int | None) -> BilanFormView:
    convention = bilans.bilan_convention(session, actor.person, convention_id, today)
    role = role_in(convention, actor.person)
    assert role is not None  # bilan_convention returns one of the person's own
    sponsor_id = convention.programme.sponsor_id
    return BilanFormView(
        convention, role, other_side(convention, actor.person), of_convention(session, convention),
        bilans.bilans_of_round(session, convention).get(actor.person.id),
        None if bilans.decision_open(convention) else (convention.closure_decision or "end"),
        session.get(Person, sponsor_id) if sponsor_id else None)


def bilan_overview(session: Session, actor: Actor, convention_id: int | None) -> BilanOverview:
    view = bilans.view_for(session, actor.person, convention_id)
    return BilanOverview(view, other_side(view.convention, actor.person), of_convention(session, view.convention))


def bilan_command(session: Session, actor: Actor, today: date, rule: CoordinatorRule, convention_id: int | None = None
                  ) -> ProgrammeFigures | BilanOverview | BilanFormView:
    """`bilan`: the form while the person has not answered and the decision is open; else the bilans;
    for a coordinator who is in no pair, the programme's closure figures."""
    if Role.COORDINATOR in actor.roles and not bilans.in_any_convention(session, actor.person):
        figures = closure.figures_for(session, person=actor.person, programme=actor.programme, rule=rule, today=today)
        return ProgrammeFigures(actor.programme.name, figures)
    convention = bilans.bilan_convention(session, actor.person, convention_id)
    if actor.person.id in bilans.bilans_of_round(session, convention) or not bilans.decision_open(convention):
        return bilan_overview(session, actor, convention.id)
    return bilan_form(session, actor, today, convention.id)


def save_bilan(session: Session, actor: Actor, now: datetime, form: BilanFormView, draft: bilans.BilanDraft) -> Done:
    """The person's bilan for this round; they learn whether the other side has answered too."""
    saved = bilans.submit(session, person=actor.person, convention_id=form.convention.id, draft=draft,
                          today=actor.today_at(now), now=now)
    text: Text
    if saved.both:
        text = t(actor.lang, "bilan.saved")
    else:
        text = rt(actor.lang, "bilan.saved.waiting", other=mention(other_side(saved.convention, actor.person)))
    return Done(Message(text=text, headline=False), form.convention.id)


def final_report(session: Session, actor: Actor, convention_id: int) -> Message:
    """« Recevoir le rapport final »: the report as it stands, to one of the pair, once both have answered."""
    return report_for(session, actor.person, convention_id, actor.lang)


# -- thanks and news (the mentee writes to the mentor) --------------------------------------------------
def thanks_form(session: Session, actor: Actor, convention_id: int | None) -> Convention:
    """The convention the mentee writes about (running or over); only the mentee may."""
    return gratitude.mentee_convention(session, actor.person, convention_id)


def send_thanks(session: Session, actor: Actor, now: datetime, kind: str, convention_id: int | None, message: str,
                achievements: str) -> list[Text]:
    """The words go to the mentor at once; the mentee is told so (paragraphs, each front end lays them out)."""
    sent = gratitude.send(session, person=actor.person, convention_id=convention_id, kind=kind, message=message,
                          achievements=achievements, now=now)
    convention = session.get(Convention, sent.convention_id)
    assert convention is not None
    lines: list[Text] = [rt(actor.lang, labels.GRATITUDE_SENT[kind], other=mention(convention.mentor))]
    if kind == gratitude.THANKS:
        lines.append(t(actor.lang, "thanks.sent.moment"))
    return lines


# -- the sponsor (coordinators) ------------------------------------------------------------------------
def may_set_sponsor(session: Session, actor: Actor, rule: CoordinatorRule) -> None:
    """Before a form opens or anyone picked is looked up: only the programme's coordination names the sponsor."""
    require(session, actor.person, Act.SPONSOR_SET, actor.programme, rule)


def current_sponsor(session: Session, actor: Actor, rule: CoordinatorRule) -> Person | None:
    """Who receives the reports both sides agree to send; asking needs the coordination's rights."""
    return coordination.sponsor_of(session, by=actor.person, programme=actor.programme, rule=rule)


def set_sponsor(session: Session, actor: Actor, rule: CoordinatorRule, sponsor: Person | None) -> Text:
    """A new sponsor (None: nobody), said back to the coordinator."""
    coordination.set_sponsor(session, by=actor.person, programme=actor.programme, sponsor=sponsor, rule=rule)
    return rt(actor.lang, "sponsor.set", name=mention(sponsor)) if sponsor else t(actor.lang, "sponsor.cleared")
