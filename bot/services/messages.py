"""Messages the services send, built in the recipient's language and time zone.

`compose(session, reminder, ctx)` turns an outbox row into a platform-neutral Message at
delivery time (so it reflects the current state), or None when it no longer applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import N_, labels, t
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import rt
from bot.notify import Button, Message, Rich, Section
from bot.services import (
    actions,
    closure_messages,
    convention_versions,
    digest,
    dispute_messages,
    enrolment_news,
    erasure,
    evaluations,
    meeting_messages,
    mentor_request_messages,
    milestone_messages,
    objective_messages,
    profile_import,
    profiles,
    programme_names,
    road_map_messages,
    synthesis_messages,
)
from bot.services.conventions import accepted_at, has_meeting_planned, role_in
from bot.services.people import language_of, mention, timezone_of
from bot.services.policy import Act, allowed
from bot.services.roles import CoordinatorRule, coordinator_names
from bot.services.themes import theme_label
from storage.models import (
    Convention,
    ConventionStatus,
    ConventionVersion,
    Person,
    Programme,
    Reminder,
    ReminderStatus,
)


@dataclass(frozen=True)
class ComposeContext:
    rule: CoordinatorRule
    fallback_admin: str = ""  # MENTORAT_FALLBACK_ADMIN: who reads a late escalation besides the coordinators




def _partner_sections(session: Session, programme: Programme, reader: Person, partner: Person,
                      lang: str) -> list[Section]:
    """The profile exchange before the first meeting: the partner's introduction, themes and link."""
    profile = profiles.profile_of(session, programme, partner)
    if profile is None or not profile.presentation or not allowed(session, reader, Act.PROFILE_READ, profile):
        return []
    sections = [Section(t(lang, "conv.partner.title"), profile.presentation, literal=True)]
    about = [t(lang, "conv.partner.themes", themes=", ".join(theme_label(lang, th) for th in profile.themes))]
    if profile.link:
        about.append(t(lang, "conv.partner.link", link=profile.link))
    sections.append(Section(None, "\n".join(about), literal=True))
    return sections


def _programme_sections(version: ConventionVersion, lang: str) -> list[Section]:
    """What the programme's coordinators wrote into this version: organisation, contact, extra clause."""
    parts = version.parts or {}
    about = [t(lang, label, value=parts[name]) for name, label in (("organisation", N_("conv.parts.organisation")),
                                                                    ("contact", N_("conv.parts.contact")))
             if parts.get(name)]
    sections = [Section(None, "\n".join(about), literal=True)] if about else []
    extra = convention_versions.clause(version, lang)
    if extra:
        sections.append(Section(t(lang, "conv.parts.clause"), extra, literal=True))
    return sections


def _manager_sections(convention: Convention, role: str, lang: str) -> list[Section]:
    """The corporate method's third person, as each side reads it: the mentee agrees to them by accepting."""
    if convention.manager is None:
        return []
    key = N_("conv.manager.mentee") if role == "mentee" else N_("conv.manager.mentor")
    return [Section(t(lang, "conv.manager.title"), rt(lang, key, manager=mention(convention.manager),
                                                      mentee=mention(convention.mentee)))]


def _signatures(convention: Convention, lang: str, zone: str) -> Section:
    """Who accepted, and when, each in the reader's zone."""
    lines = []
    for side, label in ((convention.mentor, N_("conv.signed.mentor")),
                        (convention.mentee, N_("conv.signed.mentee"))):
        stamp = accepted_at(convention, side)
        when = format_moment(stamp, zone, lang) if stamp else t(lang, "conv.signed.not_yet")
        lines.append(rt(lang, label, person=mention(side), when=when))
    return Section(t(lang, "conv.signed.title"), Rich.join("\n", lines))


def convention_message(session: Session, convention: Convention, person: Person, ctx: ComposeContext) -> Message:
    """The convention as one side reads it: the version they were sent, its signatures, and the answer buttons
    while they have not accepted."""
    programme = convention.programme
    version = convention.version
    lang = language_of(person, programme.language)
    zone = timezone_of(person, programme.timezone)
    role = role_in(convention, person) or "mentee"
    other = convention.mentee if role == "mentor" else convention.mentor
    coordinator = mention(convention.paired_by) if convention.paired_by else Rich.join(
        ", ", coordinator_names(session, programme, ctx.rule))
    start, end = format_day(convention.starts_on, lang), format_day(convention.planned_end_on, lang)
    sections = [
        Section(None, rt(lang, "conv.intro", coordinator=coordinator, programme=version.programme_name,
                        mentor=mention(convention.mentor), mentee=mention(convention.mentee))),
        *_programme_sections(version, lang),
        Section(None, rt(lang, labels.YOUR_ROLE[role], other=mention(other))),
        *_partner_sections(session, programme, person, other, lang),
        *_manager_sections(convention, role, lang),
        Section(t(lang, "conv.duration.title"), t(lang, "conv.duration.body", months=version.length_months,
                start=start, end=end, every=version.meeting_every_days, min=version.meeting_min_minutes,
                max=version.meeting_max_minutes)),
        Section(t(lang, "conv.mentor.title"), t(lang, "conv.mentor.body")),
        Section(t(lang, "conv.mentee.title"), t(lang, "conv.mentee.body")),
        Section(t(lang, "conv.together.title"), t(lang, "conv.together.body")),
        Section(t(lang, "conv.confidential.title"), t(lang, "conv.confidential.body")),
        Section(t(lang, "conv.dispute.title"), rt(lang, "conv.dispute.body", coordinator=coordinator)),
        Section(t(lang, "conv.early_end.title"), t(lang, "conv.early_end.body")),
        Section(t(lang, "conv.privacy.title"), rt(lang, "conv.privacy.body", months=version.text_retention_months,
                                                  audit=version.audit_retention_months,
                                                  responsible=(version.parts or {}).get("privacy") or coordinator)),
        _signatures(convention, lang, zone),
    ]
    buttons: tuple[Button, ...] = ()
    stamp = accepted_at(convention, person)
    context = t(lang, "conv.version", number=version.number, programme=version.programme_name,
                day=format_day(version.created_at.date(), lang))
    if stamp is None and convention.status == ConventionStatus.AWAITING_SIGNATURES:
        value = str(convention.id)
        buttons = (
            Button(t(lang, "conv.button.accept"), actions.CONVENTION_ACCEPT, value, style="primary"),
            Button(t(lang, "conv.button.question"), actions.CONVENTION_QUESTION, value),
        )
    elif stamp is not None:
        context = t(lang, "conv.accepted.you", when=format_moment(stamp, zone, lang)) + "\n" + context
    return Message(text=t(lang, "conv.title"), sections=tuple(sections), buttons=buttons, context=context)


def _invite(session: Session, reminder: Reminder, person: Person, ctx: ComposeContext) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or convention.status != ConventionStatus.AWAITING_SIGNATURES:
        return None
    return convention_message(session, convention, person, ctx)


def _active(session: Session, reminder: Reminder, person: Person, ctx: ComposeContext) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None:
        return None
    lang = language_of(person, convention.programme.language)
    start, end = format_day(convention.starts_on, lang), format_day(convention.planned_end_on, lang)
    role = role_in(convention, person)
    if role is None and convention.manager_id == person.id:
        text = rt(lang, "conv.active.manager", mentor=mention(convention.mentor), mentee=mention(convention.mentee),
                  start=start, end=end)
    elif role is None:
        text = rt(lang, "conv.active.coordinator", mentor=mention(convention.mentor),
                 mentee=mention(convention.mentee), start=start, end=end)
    else:
        other = convention.mentee if role == "mentor" else convention.mentor
        text = rt(lang, "conv.active.pair", other=mention(other), start=start, end=end)
        if convention.manager is not None:  # the corporate method starts with the three of them
            return Message(text=text, headline=False, sections=(Section(None, rt(
                lang, "conv.active.start", manager=mention(convention.manager))),),
                buttons=(Button(t(lang, "meeting.start.button"), actions.MEETING_PLAN, str(convention.id),
                                style="primary"),))
    return Message(text=text)


def _question(session: Session, reminder: Reminder, person: Person, ctx: ComposeContext) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    asker = session.get(Person, reminder.payload.get("asked_by"))
    if convention is None or asker is None:
        return None
    lang = language_of(person, convention.programme.language)
    other = convention.mentee if asker.id == convention.mentor_id else convention.mentor
    return Message(text=rt(lang, "conv.question.coordinator", person=mention(asker), other=mention(other)))


def _superseded(session: Session, reminder: Reminder) -> bool:
    newer = session.scalar(
        select(func.count(Reminder.id)).where(
            Reminder.kind == reminder.kind,
            Reminder.recipient_id == reminder.recipient_id,
            Reminder.convention_id == reminder.convention_id,
            Reminder.id > reminder.id,
            Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.CLAIMED, ReminderStatus.SENT)),
        )
    )
    return bool(newer)


def _nudge(session: Session, reminder: Reminder, person: Person, ctx: ComposeContext) -> Message | None:
    convention = session.get(Convention, reminder.convention_id)
    if convention is None or convention.status != ConventionStatus.ACTIVE:
        return None
    if has_meeting_planned(session, convention, reminder.created_at):
        return None  # they agreed on a meeting since the nudge was planned
    if _superseded(session, reminder):
        return None  # a newer nudge (e.g. after a pause) says the same thing
    lang = language_of(person, convention.programme.language)
    other = convention.mentee if role_in(convention, person) == "mentor" else convention.mentor
    return Message(
        text=rt(lang, "nudge.text", other=mention(other), days=convention.version.meeting_every_days),
        buttons=(Button(t(lang, "nudge.button"), actions.NUDGE_PLAN_MEETING, str(convention.id), style="primary"),),
    )


Composer = Callable[[Session, Reminder, Person, ComposeContext], Message | None]

COMPOSERS: dict[str, Composer] = {
    "convention_invite": _invite,
    "convention_active": _active,
    "convention_question": _question,
    "monthly_nudge": _nudge,
    **meeting_messages.COMPOSERS,
    **objective_messages.COMPOSERS,
    **closure_messages.COMPOSERS,
    # --- différends, the coordinators' digest ---
    **dispute_messages.COMPOSERS,
    **digest.COMPOSERS,
    **enrolment_news.COMPOSERS,
    **erasure.COMPOSERS,
    **evaluations.COMPOSERS,
    **mentor_request_messages.COMPOSERS,
    **profile_import.COMPOSERS,
    **road_map_messages.COMPOSERS,
    **milestone_messages.COMPOSERS,
    **synthesis_messages.COMPOSERS,
}


# These say their programme already: the convention (the terms as signed), the final report (its title),
# the invitation to evaluate the programme and its reminder (their first line).
NAMES_ITS_PROGRAMME = frozenset({"convention_invite", "final_report", evaluations.INVITE, evaluations.REMINDER})


def compose(session: Session, reminder: Reminder, person: Person, ctx: ComposeContext) -> Message | None:
    composer = COMPOSERS.get(reminder.kind)
    if composer is None:
        raise KeyError(f"no composer for reminder kind {reminder.kind!r}")
    message = composer(session, reminder, person, ctx)
    if message is None or reminder.convention_id is None or reminder.kind in NAMES_ITS_PROGRAMME:
        return message
    convention = session.get(Convention, reminder.convention_id)
    if convention is None:
        return message
    return programme_names.named(session, message, convention, language_of(person, convention.programme.language))
