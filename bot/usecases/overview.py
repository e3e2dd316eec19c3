"""What a person sees before acting, from Slack or Teams: help (`aide`, the App Home) and status (`statut`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.commands import COMMANDS, SubCommand, visible_for
from bot.notify import Button, Mention, Text
from bot.services import conventions
from bot.services.overview import help_preface, role_lines
from bot.services.programme_report import readable_programmes
from bot.services.roles import CoordinatorRule, coordinator_names
from bot.usecases import enrolment
from bot.usecases.commands import PER_PROGRAMME


@dataclass(frozen=True)
class HelpView:
    commands: list[SubCommand]  # only those the person may run
    roles: list[Text]  # where they stand: coordination, mentor of…, mentee of…, or not yet paired
    coordinators: list[Mention]
    preface: str | None  # what help answers first (an unknown word, with the closest match)
    buttons: tuple[Button, ...] = ()  # to enrol, to edit one's profile, the suggested pairs


def help_view(session: Session, actor: Actor, rule: CoordinatorRule, preface_key: str | None = None,
              **preface: object) -> HelpView:
    coordinated = [p.name for p in readable_programmes(session, actor.person, rule)]
    return HelpView(_commands(actor, bool(coordinated)), role_lines(session, actor, coordinated),
                    coordinator_names(session, actor.programme, rule),
                    help_preface(actor.lang, preface_key, **preface) if preface_key else None,
                    enrolment.entry_buttons(session, actor))


def _commands(actor: Actor, coordinates_some: bool) -> list[SubCommand]:
    """The commands the person may run: a coordinator of another programme than the first may ask for its
    figures too (the actor's roles are the first programme's)."""
    shown = visible_for(actor.roles)
    return [c for c in COMMANDS if c in shown or (coordinates_some and c.name in PER_PROGRAMME)]


def statuses(session: Session, actor: Actor, today: date) -> list[conventions.StatusInfo]:
    """Each convention of the person: phase, month, meetings, what comes next."""
    found = conventions.conventions_of(session, actor.person)
    return [conventions.status_of(session, c, actor.person, today) for c in found]
