"""What people read about différends and early-end requests.

The summary (what is happening, the reasons) is shown to the coordinators only. The person who
raised it reads who took it and when it was closed; the other side reads only that the
coordination would like to meet them, or that the convention has ended.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from bot.i18n import N_, labels, t
from bot.i18n.dates import format_moment
from bot.i18n.rich import names_or_none, rt
from bot.notify import Button, Mention, Message, Rich, Section, Text
from bot.services import actions
from bot.services.conventions import role_in
from bot.services.people import language_of, mention, timezone_of
from bot.services.policy import Act, allowed, part_in, same_tenant
from bot.services.roles import CoordinatorRule
from storage.models import OPEN_DISPUTE_STATUSES, Dispute, DisputeKind, DisputeStatus, Person, Reminder


def _reader(person: Person, dispute: Dispute) -> tuple[str, str]:
    programme = dispute.convention.programme
    return language_of(person, programme.language), timezone_of(person, programme.timezone)


class Readers(Protocol):
    """Who may read a dispute's text at delivery (bot.services.messages.ComposeContext)."""

    @property
    def rule(self) -> CoordinatorRule: ...

    @property
    def fallback_admin(self) -> str: ...


def may_read(session: Session, person: Person, dispute: Dispute, ctx: Readers, *, as_fallback: bool = False) -> bool:
    """Asked again when the alert goes out, not only when it was written: a coordinator removed since, or
    one who joined the pair, no longer reads the text. The fallback of a late escalation is the configured
    admin (or a workspace admin) of the programme's own workspace, never one of the pair."""
    if allowed(session, person, Act.DISPUTE_HANDLE, dispute, ctx.rule):
        return True
    convention = dispute.convention
    return (as_fallback and same_tenant(person, convention.programme) and part_in(convention, person) is None
            and (person.is_workspace_admin or (bool(ctx.fallback_admin) and person.external_id == ctx.fallback_admin)))


def _dispute(session: Session, reminder: Reminder) -> Dispute | None:
    dispute_id = (reminder.payload or {}).get("dispute")
    return session.get(Dispute, dispute_id) if dispute_id else None


def resources_section(lang: str) -> Section:
    return Section(t(lang, "danger.title"), t(lang, "danger.body"))


def coordinator_buttons(dispute: Dispute, lang: str) -> tuple[Button, ...]:
    value = str(dispute.id)
    last = (Button(t(lang, "dispute.button.resolve"), actions.DISPUTE_RESOLVE, value)
            if dispute.kind == DisputeKind.DIFFEREND else
            Button(t(lang, "early_end.button.confirm"), actions.EARLY_END_CONFIRM, value, style="danger"))
    take = (Button(t(lang, "dispute.button.take"), actions.DISPUTE_TAKE, value, style="primary"),)
    return (take if dispute.status == DisputeStatus.OPEN else ()) + (
        Button(t(lang, "dispute.button.meet"), actions.DISPUTE_MEET, value), last)


def _fact_line(lang: str, label_key: str, value: Rich) -> Rich:
    # Translators: a label in Slack bold, then its value. Keep a plain space after the closing asterisk
    # (Slack does not bold "*Paire*:" reliably); French then puts its own space before the colon.
    return rt(lang, "dispute.fact.line", label=t(lang, label_key), value=value)


def coordinator_message(dispute: Dispute, person: Person, *, level: int = 0) -> Message:
    """The dispute as a coordinator reads it: the pair, who raised it, when, urgency, the text."""
    lang, tz = _reader(person, dispute)
    convention = dispute.convention
    raiser = dispute.raised_by
    role = t(lang, labels.ROLE[role_in(convention, raiser) or "mentee"])
    kind = dispute.kind
    if level:
        text = rt(lang, labels.ESCALATED[level], kind=t(lang, labels.DISPUTE_KIND[kind]), person=mention(raiser),
                 when=format_moment(dispute.created_at, tz, lang))
    else:
        text = rt(lang, labels.DISPUTE_COORDINATOR[kind], person=mention(raiser), role=role)
    # Who is who: mentions, in a section (facts are shown as typed, which would not render them).
    who = [_fact_line(lang, N_("dispute.fact.pair"),
                      Rich((mention(convention.mentor), " / ", mention(convention.mentee)))),
           _fact_line(lang, N_("dispute.fact.raised_by"), Rich((mention(raiser), f" ({role})")))]
    if dispute.taken_by is not None and dispute.taken_at is not None:
        who.append(_fact_line(lang, N_("dispute.fact.taken"), rt(lang, "dispute.taken_by",
                                                                 person=mention(dispute.taken_by),
                                                                 when=format_moment(dispute.taken_at, tz, lang))))
    facts = [
        (t(lang, "dispute.fact.when"), format_moment(dispute.created_at, tz, lang)),
        (t(lang, "dispute.fact.urgency"), t(lang, labels.URGENCY[dispute.urgency])),
    ]
    if kind == DisputeKind.DIFFEREND:
        facts.append((t(lang, "dispute.fact.amicable"), t(lang, labels.AMICABLE[bool(dispute.amicable_tried)])))
    sections: list[Section] = [Section(None, Rich.join("\n", who))]
    if dispute.danger:
        sections.append(Section(None, t(lang, "danger.coordinator")))
        sections.append(resources_section(lang))
    sections.append(Section(t(lang, labels.DISPUTE_SUMMARY_TITLE[kind]), dispute.summary, literal=True))
    buttons = coordinator_buttons(dispute, lang) if dispute.status in OPEN_DISPUTE_STATUSES else ()
    return Message(text=text, sections=tuple(sections), facts=tuple(facts), buttons=buttons, headline=False,
                   context=t(lang, "dispute.private_note"))


def closed_note(dispute: Dispute, person: Person) -> Message:
    """The coordinator's copy once closed: no text, no buttons (it has been dealt with)."""
    lang, tz = _reader(person, dispute)
    who = mention(dispute.taken_by) if dispute.taken_by else "?"
    return Message(text=rt(lang, labels.DISPUTE_CLOSED[dispute.kind, dispute.status], person=who,
                          when=format_moment(dispute.closed_at or dispute.updated_at, tz, lang)))


def coordinator_view(dispute: Dispute, person: Person, *, done: bool,
                     key_done: str | None) -> tuple[Message, Text | None]:
    """After a coordinator's click: their copy of the case as it now stands, and a note when the click
    changed nothing (someone else has it, it is closed) or when `key_done` tells what just happened."""
    lang, tz = _reader(person, dispute)
    closed = dispute.status in (DisputeStatus.RESOLVED, DisputeStatus.WITHDRAWN)
    message = closed_note(dispute, person) if closed else coordinator_message(dispute, person)
    note: Text | None = None
    if not done and closed:  # first: a withdrawn request's taker is the person who withdrew it
        note = t(lang, "dispute.already_closed")
    elif not done and dispute.taken_by is not None and dispute.taken_by_id != person.id:
        note = rt(lang, "dispute.already_taken", person=mention(dispute.taken_by),
                 when=format_moment(dispute.taken_at or dispute.updated_at, tz, lang))
    elif done and key_done:
        note = rt(lang, key_done, person=mention(dispute.raised_by))
    return message, note


def raised_ack(dispute: Dispute, person: Person, coordinator_names: list[Mention]) -> Message:
    """What the person who raised it reads right away."""
    lang, tz = _reader(person, dispute)
    names = names_or_none(lang, coordinator_names)
    text = rt(lang, labels.DISPUTE_SENT[dispute.kind], names=names, when=format_moment(dispute.created_at, tz, lang))
    sections = (Section(None, t(lang, "danger.raiser")), resources_section(lang)) if dispute.danger else ()
    buttons: tuple[Button, ...] = ()
    if dispute.kind == DisputeKind.EARLY_END:
        buttons = (Button(t(lang, "early_end.button.withdraw"), actions.EARLY_END_WITHDRAW, str(dispute.id)),)
    return Message(text=text, sections=sections, buttons=buttons, headline=False)


def _raised(session: Session, reminder: Reminder, person: Person, ctx: Readers) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.status not in OPEN_DISPUTE_STATUSES or not may_read(session, person, dispute, ctx):
        return None
    return coordinator_message(dispute, person)


def _escalated(session: Session, reminder: Reminder, person: Person, ctx: Readers) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.status != DisputeStatus.OPEN:
        return None  # someone took it (or it was withdrawn) in time
    level = int(reminder.payload.get("level", 1))
    if not may_read(session, person, dispute, ctx, as_fallback=level >= 2):
        return None
    return coordinator_message(dispute, person, level=level)


def _taken(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.taken_by is None or dispute.taken_at is None:
        return None
    lang, tz = _reader(person, dispute)
    return Message(text=rt(lang, labels.DISPUTE_TAKEN[dispute.kind], person=mention(dispute.taken_by),
                          when=format_moment(dispute.taken_at, tz, lang)))


def _meeting(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    dispute = _dispute(session, reminder)
    coordinator = session.get(Person, reminder.payload.get("by"))
    if dispute is None or coordinator is None:
        return None
    lang, _tz = _reader(person, dispute)
    convention = dispute.convention
    other = convention.mentee if convention.mentor_id == person.id else convention.mentor
    return Message(text=rt(lang, "dispute.meeting", person=mention(coordinator), other=mention(other)))


def _resolved(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.status != DisputeStatus.RESOLVED or dispute.closed_at is None:
        return None
    lang, tz = _reader(person, dispute)
    closer = session.get(Person, dispute.closed_by_id) if dispute.closed_by_id else None
    return Message(text=rt(lang, "differend.resolved", person=mention(closer),
                          when=format_moment(dispute.closed_at, tz, lang)))


def _ended(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.status != DisputeStatus.RESOLVED:
        return None
    lang, _tz = _reader(person, dispute)
    convention = dispute.convention
    other = convention.mentee if convention.mentor_id == person.id else convention.mentor
    closer = session.get(Person, dispute.closed_by_id) if dispute.closed_by_id else None
    return Message(text=rt(lang, "early_end.confirmed", other=mention(other), person=mention(closer)))


def _withdrawn(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    dispute = _dispute(session, reminder)
    if dispute is None or dispute.status != DisputeStatus.WITHDRAWN:
        return None
    lang, _tz = _reader(person, dispute)
    convention = dispute.convention
    return Message(text=rt(lang, labels.DISPUTE_WITHDRAWN[dispute.kind], person=mention(dispute.raised_by),
                          mentor=mention(convention.mentor), mentee=mention(convention.mentee)))


COMPOSERS = {
    "dispute_raised": _raised,
    "dispute_escalated": _escalated,
    "dispute_taken": _taken,
    "dispute_meeting": _meeting,
    "dispute_resolved": _resolved,
    "early_end_confirmed": _ended,
    "dispute_withdrawn": _withdrawn,
}
