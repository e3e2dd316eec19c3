"""Which sub-command a typed line names and whether the person may run it, for Slack and Teams alike."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.commands import SubCommand
from bot.i18n import labels, t
from bot.services.programme_report import readable_programmes
from bot.services.roles import CoordinatorRule

# The actor's roles are those of the workspace's first programme; these commands serve each programme the
# person coordinates (the report asks the policy programme by programme), so coordinating any one is enough.
PER_PROGRAMME = frozenset({"rapport"})


def role_refusal(actor: Actor, command: SubCommand) -> str | None:
    """Why the person may not run `command` (it needs a role they lack), or None when they may.

    Sub-commands that explain themselves (`statut` with no convention yet, `bilan` after the end)
    are never refused here: they tell the person where they stand.
    """
    if not command.checks_roles or command.allowed(actor.roles):
        return None
    assert command.roles is not None  # checks_roles says so
    roles = ", ".join(t(actor.lang, labels.ROLE[r]) for r in sorted(command.roles))
    return t(actor.lang, "error.not_allowed", command=command.name, roles=roles)


def command_refusal(session: Session, actor: Actor, command: SubCommand, rule: CoordinatorRule) -> str | None:
    """role_refusal, but a coordinator of another programme than the first may ask for its figures."""
    refused = role_refusal(actor, command)
    if refused is not None and command.name in PER_PROGRAMME and readable_programmes(session, actor.person, rule):
        return None
    return refused
