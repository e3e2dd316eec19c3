"""What help and status say, whatever the platform: the caller's roles, each convention's state."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from bot.i18n import labels, quoted, t, tn
from bot.i18n.dates import format_day, format_moment
from bot.i18n.rich import rt
from bot.notify import Mention, Rich, Strong, Text
from bot.services import conventions
from bot.services.people import mention
from bot.services.roles import Role
from storage.models import Person, Programme


class RoleHolder(Protocol):
    """What role_lines reads of a bot.actor.Actor, which builds on the services and so is not imported here."""

    @property
    def lang(self) -> str: ...

    @property
    def programme(self) -> Programme: ...

    @property
    def person(self) -> Person: ...

    @property
    def roles(self) -> Collection[Role]: ...


def role_lines(session: Session, actor: RoleHolder, coordinated: Sequence[str] = ()) -> list[Text]:
    """Where the person stands: the programmes they coordinate (`coordinated`, by name; else the first
    programme when their roles say so), then each convention with its programme."""
    lines: list[Text] = []
    names = list(coordinated) or ([actor.programme.name] if Role.COORDINATOR in actor.roles else [])
    if len(names) == 1:
        lines.append(t(actor.lang, "help.role.coordinator", programme=names[0]))
    elif names:
        lines.append(t(actor.lang, "help.role.coordinator.several",
                       programmes=", ".join(quoted(actor.lang, name) for name in names)))
    for convention in conventions.conventions_of(session, actor.person):
        role = conventions.role_in(convention, actor.person)
        other = convention.mentee if role == "mentor" else convention.mentor
        lines.append(rt(actor.lang, labels.HELP_ROLE[str(role)], other=mention(other),
                        programme=convention.programme.name))
    if not lines:
        lines.append(t(actor.lang, "help.role.none"))
    return lines


def help_preface(lang: str, key: str, **params: object) -> str:
    """What help says first when it answers something else (an unknown word, with the closest match)."""
    lines = [t(lang, key, **params)]
    if params.get("suggestion"):
        lines.append(t(lang, "help.did_you_mean", suggestion=params["suggestion"]))
    return "\n".join(lines)


def help_separator(lang: str) -> str:
    """Between a command and what it does."""
    # Translators: between a command and what it does in the help; French puts a space before the colon.
    return t(lang, "help.separator")


def help_footer(lang: str, coordinator_names: list[Mention]) -> Rich:
    footer = [rt(lang, "help.footer")]
    if coordinator_names:
        footer.insert(0, rt(lang, "help.coordinators", names=Rich.join(", ", coordinator_names)))
    return Rich.join(" · ", footer)


def _meeting_line(lang: str, tz: str, info: conventions.StatusInfo) -> str:
    if info.next_meeting is not None:
        return t(lang, "status.meeting.next", when=format_moment(info.next_meeting.starts_at, tz, lang))
    if info.proposal is not None:
        return t(lang, "status.meeting.proposed", when=format_moment(info.proposal.starts_at, tz, lang))
    return t(lang, "status.meeting.none")


def status_lines(lang: str, tz: str, info: conventions.StatusInfo) -> list[Text]:
    """One convention's status: heading first, then state, phase, dates, meetings and what comes next."""
    c = info.convention
    other = c.mentee if info.role == "mentor" else c.mentor
    return [
        Rich((Strong(rt(lang, "status.heading", other=mention(other), role=t(lang, labels.ROLE[info.role]))),)),
        # A person can be in conventions of several programmes: each says which one it belongs to.
        t(lang, "status.programme", programme=c.programme.name),
        t(lang, "status.state", status=t(lang, labels.STATUS[c.status])),
        t(lang, "status.phase", phase=t(lang, labels.PHASE[info.phase]), month=info.month, months=info.months),
        t(lang, "status.dates", start=format_day(c.starts_on, lang), end=format_day(c.planned_end_on, lang)),
        tn(lang, "status.meetings", "status.meetings.plural", info.meetings_expected, held=info.meetings_held),
        _meeting_line(lang, tz, info),
        rt(lang, "status.next", next=rt(lang, info.next_step, other=mention(other), start=format_day(c.starts_on, lang))),
    ]
