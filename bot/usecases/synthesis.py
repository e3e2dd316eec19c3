"""`/mentorat synthese`, from Slack or Teams: the mentor writes the corporate method's synthesis report from a
prefilled form; the mentee approves it (with or without the manager) or asks for changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Message, Rich, Text
from bot.services import convention_choice, syntheses
from bot.services.conventions import get_convention
from bot.services.errors import NotFound
from bot.services.people import mention
from bot.services.policy import Act
from bot.services.syntheses import SynthesisDraft
from bot.services.synthesis_messages import synthesis_message
from bot.services.typed_text import clicked_row, clicked_version
from storage.models import Convention, ConventionStatus

FIELDS = ("points", "results", "axes", "follow_up")
LABELS = {"points": N_("synthesis.part.points"), "results": N_("synthesis.part.results"),
          "axes": N_("synthesis.part.axes"), "follow_up": N_("synthesis.part.follow_up")}


@dataclass(frozen=True)
class SynthesisFormView:
    lang: str
    convention_id: int
    intro: Rich
    values: dict[str, str]


@dataclass(frozen=True)
class ChangesFormView:
    lang: str
    value: str  # "<convention id>:<version>"
    intro: Rich


def _convention(session: Session, actor: Actor, convention_id: int | None) -> Convention:
    return convention_choice.pick(session, actor.person, Act.CONVENTION_READ,
                                  [(ConventionStatus.ACTIVE, ConventionStatus.CLOSING, ConventionStatus.CLOSED)],
                                  convention_id=convention_id, keep=lambda c: c.manager_id is not None,
                                  none=NotFound(N_("roadmap.none")))


def _form(session: Session, actor: Actor, convention: Convention, typed: SynthesisDraft | None = None
          ) -> SynthesisFormView:
    syntheses.may_write(session, convention, actor.person)
    draft = typed or syntheses.draft_of(session, convention, actor.lang)
    intro = rt(actor.lang, "synthesis.form.intro", mentee=mention(convention.mentee))
    return SynthesisFormView(actor.lang, convention.id, intro, {"points": draft.points, "results": draft.results,
                                                                "axes": draft.axes, "follow_up": draft.follow_up})


def command(session: Session, actor: Actor, convention_id: int | None = None) -> Message | SynthesisFormView:
    """The mentor gets the form (prefilled from the convention); the mentee reads it, to approve it."""
    convention = _convention(session, actor, convention_id)
    found = syntheses.synthesis_of(session, convention)
    if convention.mentor_id == actor.person.id and (found is None or found.status != syntheses.APPROVED):
        return _form(session, actor, convention)
    shown = synthesis_message(session, convention, actor.person)
    if shown is None:
        return Message(text=rt(actor.lang, "synthesis.not_yet", mentor=mention(convention.mentor)), headline=False)
    return shown


def form(session: Session, actor: Actor, raw_id: object, typed: SynthesisDraft | None = None) -> SynthesisFormView:
    return _form(session, actor, get_convention(session, clicked_row(raw_id)), typed)


def submit(session: Session, actor: Actor, now: datetime, raw_id: object, draft: SynthesisDraft) -> Rich:
    convention = get_convention(session, clicked_row(raw_id))
    syntheses.submit(session, convention=convention, person=actor.person, draft=draft, now=now)
    return rt(actor.lang, "synthesis.submitted", mentee=mention(convention.mentee))


def approve(session: Session, actor: Actor, now: datetime, value: str, *, to_manager: bool) -> Message:
    convention_id, version = clicked_version(value)
    done = syntheses.approve(session, convention_id=convention_id, version=version, person=actor.person,
                             to_manager=to_manager, now=now)
    said: Text = t(actor.lang, N_("synthesis.approved_manager") if to_manager else N_("synthesis.approved"))
    shown = synthesis_message(session, done.convention, actor.person)
    assert shown is not None
    return Message(text=said, sections=shown.sections, headline=False)


def changes_form(session: Session, actor: Actor, value: str) -> ChangesFormView:
    convention_id, version = clicked_version(value)
    convention = syntheses.answerable(session, convention_id, version, actor.person).convention
    return ChangesFormView(actor.lang, f"{convention_id}:{version}",
                           rt(actor.lang, "synthesis.changes.intro", mentor=mention(convention.mentor)))


def ask_changes(session: Session, actor: Actor, now: datetime, value: str, comment: str) -> Rich:
    convention_id, version = clicked_version(value)
    done = syntheses.ask_changes(session, convention_id=convention_id, version=version, person=actor.person,
                                 comment=comment, now=now)
    return rt(actor.lang, "synthesis.changes.sent", mentor=mention(done.convention.mentor))
