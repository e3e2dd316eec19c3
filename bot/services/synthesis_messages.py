"""The synthesis report as each reader sees it, and its messages: to approve (the mentee), the changes asked
(the mentor), the approved report with its PDF (the pair, the programme's management, the manager if agreed)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.i18n.dates import format_day
from bot.i18n.rich import rt
from bot.notify import Attachment, Button, Message, Section
from bot.services import actions
from bot.services.final_report import display_name
from bot.services.people import language_of, mention
from bot.services.report_layout import ReportSection
from bot.services.report_pdf import document_pdf
from bot.services.syntheses import (
    APPROVED,
    CHANGES_ASKED,
    DELIVERED,
    PROMPT,
    RESTITUTION_PROMPT,
    REVIEW,
    SUBMITTED,
    synthesis_of,
)
from storage.models import Convention, Person, Reminder, Synthesis

PARTS = (("points", N_("synthesis.part.points")), ("results", N_("synthesis.part.results")),
         ("axes", N_("synthesis.part.axes")), ("follow_up", N_("synthesis.part.follow_up")))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sections(synthesis: Synthesis, lang: str) -> tuple[Section, ...]:
    return tuple(Section(t(lang, key), "", literal=True, items=tuple(_lines(getattr(synthesis, name))))
                 for name, key in PARTS)


def answer_value(synthesis: Synthesis) -> str:
    return f"{synthesis.convention_id}:{synthesis.version}"


def synthesis_message(session: Session, convention: Convention, reader: Person, *, lead_key: str | None = None,
                      with_pdf: bool = False) -> Message | None:
    synthesis = synthesis_of(session, convention)
    if synthesis is None:
        return None
    lang = language_of(reader, convention.programme.language)
    buttons: tuple[Button, ...] = ()
    if synthesis.status == SUBMITTED and reader.id == convention.mentee_id:
        value = answer_value(synthesis)
        manager = convention.manager.display_name if convention.manager else ""
        buttons = (Button(t(lang, "synthesis.button.approve_manager", manager=manager), actions.SYNTHESIS_APPROVE_ALL,
                          value, style="primary"),
                   Button(t(lang, "synthesis.button.approve"), actions.SYNTHESIS_APPROVE, value),
                   Button(t(lang, "synthesis.button.changes"), actions.SYNTHESIS_CHANGES, value))
    elif synthesis.status != APPROVED and reader.id == convention.mentor_id:
        buttons = (Button(t(lang, "synthesis.button.edit"), actions.SYNTHESIS_EDIT, str(convention.id)),)
    sections = _sections(synthesis, lang)
    if synthesis.comment and synthesis.status != APPROVED and reader.id == convention.mentor_id:
        sections = (Section(t(lang, "synthesis.comment"), synthesis.comment, literal=True), *sections)
    lead = rt(lang, lead_key or N_("synthesis.title"), mentor=mention(convention.mentor),
              mentee=mention(convention.mentee), version=synthesis.version)
    return Message(text=lead, sections=sections, buttons=buttons, headline=False,
                   attachment=_pdf(synthesis, convention, lang) if with_pdf else None)


def _pdf(synthesis: Synthesis, convention: Convention, lang: str) -> Attachment:
    heading = t(lang, "synthesis.pdf.title", programme=convention.programme.name)
    facts = [(t(lang, "role.mentor").capitalize(), display_name(convention.mentor)),
             (t(lang, "role.mentee").capitalize(), display_name(convention.mentee)),
             (t(lang, "synthesis.pdf.period"), f"{format_day(convention.starts_on, lang)} – "
                                               f"{format_day(convention.planned_end_on, lang)}")]
    parts = [ReportSection(t(lang, key), _lines(getattr(synthesis, name)), typed=True) for name, key in PARTS]
    assert synthesis.approved_at is not None  # a PDF is only made of an approved synthesis
    foot = t(lang, "synthesis.pdf.footer", day=format_day(synthesis.approved_at.date(), lang))
    return Attachment(filename="synthese-mentorat.pdf", content=document_pdf(heading, facts, parts, foot),
                      title=heading)


def _convention(session: Session, reminder: Reminder) -> Convention | None:
    return session.get(Convention, reminder.convention_id) if reminder.convention_id else None


def _review(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    synthesis = synthesis_of(session, convention) if convention else None
    if convention is None or synthesis is None or synthesis.status != SUBMITTED \
            or synthesis.version != reminder.payload.get("version"):
        return None
    return synthesis_message(session, convention, person, lead_key=N_("synthesis.review"))


def _changes(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None:
        return None
    return synthesis_message(session, convention, person, lead_key=N_("synthesis.changes_asked"))


def _delivered(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    synthesis = synthesis_of(session, convention) if convention else None
    if convention is None or synthesis is None or synthesis.status != APPROVED:
        return None
    return synthesis_message(session, convention, person, lead_key=N_("synthesis.delivered"), with_pdf=True)


def _prompt(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None or convention.manager is None or synthesis_of(session, convention) is not None:
        return None
    lang = language_of(person, convention.programme.language)
    return Message(text=rt(lang, "synthesis.prompt", mentee=mention(convention.mentee)), headline=False,
                   buttons=(Button(t(lang, "synthesis.button.write"), actions.SYNTHESIS_EDIT, str(convention.id),
                                   style="primary"),))


def _restitution(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None or convention.restitution_held_at is not None:
        return None
    lang = language_of(person, convention.programme.language)
    return Message(text=rt(lang, "restitution.prompt"), headline=False,
                   buttons=(Button(t(lang, "restitution.button"), actions.MEETING_PLAN, str(convention.id),
                                   style="primary"),))


COMPOSERS = {REVIEW: _review, CHANGES_ASKED: _changes, DELIVERED: _delivered, PROMPT: _prompt,
             RESTITUTION_PROMPT: _restitution}
