"""Différends and early ends, from Slack or Teams: the form (`differend`, `fin-hative`), raising the
case, the coordinators' buttons on the alert, and withdrawing an early-end request. What a person
writes reaches the programme's coordinators only (the services see to that)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.notify import Message, Text
from bot.services import disputes
from bot.services.dispute_messages import coordinator_view, raised_ack
from bot.services.meetings import other_side
from bot.services.roles import CoordinatorRule, coordinator_names
from bot.usecases.outcome import Done
from storage.models import Convention, DisputeKind, Person


class CoordinatorStep(StrEnum):
    TAKE = "take"  # « Je m'en occupe »
    MEET = "meet"  # « Planifier une rencontre »: both sides are told, without the text
    RESOLVE = "resolve"  # « Résolu » on a différend
    CONFIRM_END = "confirm_end"  # « Confirmer la fin »: the convention ends now


# Each step's service, and what the coordinator is told once it is done (None: the case view says it).
STEPS: dict[CoordinatorStep, tuple[disputes.CoordinatorAct, str | None]] = {
    CoordinatorStep.TAKE: (disputes.take, N_("dispute.taken.you")),
    CoordinatorStep.MEET: (disputes.request_meeting, N_("dispute.meeting.sent")),
    CoordinatorStep.RESOLVE: (disputes.resolve, None),
    CoordinatorStep.CONFIRM_END: (disputes.confirm_early_end, None),
}


@dataclass(frozen=True)
class DisputeEntry:
    """The form as typed, parsed by the front end. An early end asks for its reasons only."""

    kind: DisputeKind
    summary: str
    amicable: bool | None = None
    go_on: bool = False
    urgency: str | None = None

    def draft(self) -> disputes.DisputeDraft:
        if self.kind == DisputeKind.EARLY_END:
            return disputes.DisputeDraft(kind=self.kind, summary=self.summary)
        return disputes.DisputeDraft(kind=self.kind, summary=self.summary, amicable_tried=self.amicable,
                                     go_on=self.go_on, urgency=self.urgency)


@dataclass(frozen=True)
class CaseView:
    """The case as the coordinator now sees it (in place of the alert), and a note to them, if any."""

    message: Message
    note: Text | None
    convention_id: int


def dispute_form(session: Session, actor: Actor, convention_id: int | None = None) -> tuple[Convention, Person]:
    """The running convention the form is about, and the other side (the form names them)."""
    convention = disputes.running_convention(session, actor.person, convention_id)
    return convention, other_side(convention, actor.person)


def raise_case(session: Session, actor: Actor, now: datetime, rule: CoordinatorRule, fallback_admin: str,
               convention_id: int | None, entry: DisputeEntry) -> Done:
    """The case reaches the coordinators at once (the outbox); the person is told who will read it."""
    dispute = disputes.raise_for(session, person=actor.person, convention_id=convention_id, draft=entry.draft(),
                                 rule=rule, fallback_admin=fallback_admin, now=now)
    names = coordinator_names(session, dispute.convention.programme, rule)
    return Done(raised_ack(dispute, actor.person, names), dispute.convention_id)


def coordinator_step(session: Session, actor: Actor, now: datetime, rule: CoordinatorRule, dispute_id: int,
                     step: CoordinatorStep) -> CaseView:
    act, key_done = STEPS[step]
    change = act(session, dispute_id=dispute_id, person=actor.person, rule=rule, now=now)
    message, note = coordinator_view(change.dispute, actor.person, done=change.done, key_done=key_done)
    return CaseView(message, note, change.dispute.convention_id)


def withdraw(session: Session, actor: Actor, now: datetime, dispute_id: int) -> str:
    """« Retirer ma demande »: only the person who asked; the convention goes on."""
    change = disputes.withdraw(session, dispute_id=dispute_id, person=actor.person, now=now)
    return t(actor.lang, N_("early_end.withdrawn.you") if change.done else N_("dispute.already_closed"))
