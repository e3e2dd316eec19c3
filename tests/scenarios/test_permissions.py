"""Every `/mentorat` sub-command against every role: allowed ones answer, the others are refused
with the reason (who may use it). The table must list every command of bot.commands.COMMANDS."""

from __future__ import annotations

import pytest

from bot.commands import COMMANDS
from bot.demo.harness import Harness
from bot.i18n import t
from bot.services.roles import Role
from handlers.slack.commands import HANDLERS
from tests.scenarios.helpers import pair_and_accept

USERS = {"nobody": "UOTHER", "mentor": "UMENTOR", "mentee": "UMENTEE", "coordinator": "UCOORD", "admin": "UADMIN"}
LANGS = {"nobody": "fr", "mentor": "fr", "mentee": "en", "coordinator": "fr", "admin": "fr"}
EVERYONE = frozenset(USERS)
PAIR = frozenset({"mentor", "mentee"})
COORDINATION = frozenset({"coordinator", "admin"})  # workspace admins coordinate by right

# Who gets an answer (not a refusal). A new sub-command must be added here.
EXPECTED: dict[str, frozenset[str]] = {
    "aide": EVERYONE,
    "statut": EVERYONE,  # explains "no convention yet" rather than refusing
    "convention": EVERYONE,  # idem
    "prochaine-rencontre": PAIR,
    "objectifs": PAIR,
    "ordre-du-jour": PAIR,
    "notes": PAIR,
    "jumeler": COORDINATION,
    "coordonnateurs": COORDINATION,
    "pause": EVERYONE,
    "reprendre": EVERYONE,
    "langue": EVERYONE,
    "differend": PAIR,
    "fin-hative": PAIR,
    "rapport": COORDINATION,
    "importer": COORDINATION,
    "bilan": EVERYONE,  # the pair's bilan, the coordination's figures, an explanation for the others
    "merci": EVERYONE,  # explains to mentors and to people without a mentor who it is for
    "inscription": EVERYONE,  # anyone may sign up (a coordinator too, to mentor)
    "profil": EVERYONE,  # one's own profile, or how to make one
    "themes": COORDINATION,
    "mes-donnees": EVERYONE,
    "evaluation": EVERYONE,  # explains that it comes once a convention has ended
    "suggestions": EVERYONE,  # the coordination's pairing; a mentee's choice, or why there is none
    "programme": EVERYONE,  # everyone picks the programme they work in; coordinators also edit
    "feuille-de-route": PAIR,  # the corporate method's road map, or why there is none
    "synthese": PAIR,  # the corporate method's synthesis report, or why there is none
}


def test_every_command_is_in_the_table_and_has_a_handler() -> None:
    missing = [c.name for c in COMMANDS if c.name not in EXPECTED]
    assert not missing, (f"add {missing} to EXPECTED in tests/scenarios/test_permissions.py: which roles may use "
                         "each new sub-command")
    assert not [c.name for c in COMMANDS if c.name not in HANDLERS], "every sub-command needs a handler"


def _refusal(lang: str, name: str) -> str:
    command = next(c for c in COMMANDS if c.name == name)
    roles = ", ".join(t(lang, f"role.{r.value}") for r in sorted(command.roles or set(Role)))
    return t(lang, "error.not_allowed", command=name, roles=roles)


@pytest.mark.parametrize("role", sorted(USERS))
def test_permission_matrix(bot: Harness, role: str) -> None:
    pair_and_accept(bot, start="2026-11-23")
    user, lang = USERS[role], LANGS[role]
    wrong: list[str] = []
    for command in COMMANDS:
        allowed = role in EXPECTED.get(command.name, frozenset())
        before = len(bot.emulator.responses()) + len(bot.emulator.views_opened())
        bot.command(user, command.name)
        after = len(bot.emulator.responses()) + len(bot.emulator.views_opened())
        reply = bot.emulator.responses()[-1].get("text", "") if bot.emulator.responses() else ""
        refused = reply == _refusal(lang, command.name) and after == before + 1
        if allowed and (refused or after == before):
            wrong.append(f"{command.name}: refused or silent for a {role}")
        if not allowed and not refused:
            wrong.append(f"{command.name}: a {role} was not refused with the reason ({reply[:80]!r})")
        if command.name == "langue":
            bot.command(user, f"langue {lang}")  # keep the reader's language for the next refusals
    assert not wrong, "\n".join(wrong)
