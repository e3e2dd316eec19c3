"""The `/mentorat` sub-commands: names (French), English aliases, who may use them.

Shared by every platform: Slack's slash command and Teams' typed commands parse the same way.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from bot.i18n import N_
from bot.services.roles import Role

PARTICIPANTS = frozenset({Role.MENTOR, Role.MENTEE})
COORDINATORS = frozenset({Role.COORDINATOR})


@dataclass(frozen=True)
class SubCommand:
    name: str
    aliases: tuple[str, ...]
    roles: frozenset[Role] | None  # None: everyone
    help_key: str
    # True: it answers people without the role itself ("no convention yet", a convention that is over)
    # rather than being refused.
    explains_itself: bool = False

    def allowed(self, roles: set[Role]) -> bool:
        return self.roles is None or bool(self.roles & roles)

    @property
    def checks_roles(self) -> bool:
        """Whether the caller's roles are checked before the sub-command runs."""
        return self.roles is not None and not self.explains_itself


COMMANDS: tuple[SubCommand, ...] = (
    SubCommand("aide", ("help", "?"), None, "cmd.aide"),
    SubCommand("statut", ("status",), PARTICIPANTS, "cmd.statut", explains_itself=True),
    SubCommand("convention", ("agreement",), PARTICIPANTS, "cmd.convention", explains_itself=True),
    SubCommand("prochaine-rencontre", ("next-meeting", "rencontre", "meeting"), PARTICIPANTS,
               N_("cmd.prochaine-rencontre")),
    SubCommand("objectifs", ("objectives", "goals"), PARTICIPANTS, "cmd.objectifs"),
    SubCommand("ordre-du-jour", ("agenda", "odj"), PARTICIPANTS, "cmd.ordre-du-jour"),
    SubCommand("notes", ("note",), PARTICIPANTS, "cmd.notes"),
    SubCommand("bilan", ("review", "closure"), PARTICIPANTS | COORDINATORS, "cmd.bilan", explains_itself=True),
    SubCommand("merci", ("thanks", "thank-you"), PARTICIPANTS, "cmd.merci", explains_itself=True),
    SubCommand("jumeler", ("pair",), COORDINATORS, "cmd.jumeler"),
    SubCommand("coordonnateurs", ("coordinators", "coordonnatrices"), COORDINATORS, "cmd.coordonnateurs"),
    SubCommand("pause", ("mute",), None, "cmd.pause"),
    SubCommand("reprendre", ("resume", "unmute"), None, "cmd.reprendre"),
    SubCommand("langue", ("language", "lang"), None, "cmd.langue"),
    # --- différends, early ends, reports, bulk pairing ---
    SubCommand("differend", ("différend", "dispute", "disagreement"), PARTICIPANTS, "cmd.differend"),
    SubCommand("fin-hative", ("fin-hâtive", "early-end", "end-early"), PARTICIPANTS, "cmd.fin-hative"),
    SubCommand("rapport", ("report",), COORDINATORS, "cmd.rapport"),
    SubCommand("importer", ("import-pairs", "import"), COORDINATORS, "cmd.importer"),
    # --- enrolment, profiles, matching ---
    SubCommand("inscription", ("sign-up", "signup", "enrol", "enroll"), None, "cmd.inscription"),
    SubCommand("profil", ("profile",), None, "cmd.profil"),
    SubCommand("themes", ("thèmes", "topics"), COORDINATORS, "cmd.themes"),
    # Once a convention has ended: says so otherwise.
    SubCommand("mes-donnees", ("mes-données", "my-data", "mydata"), None, "cmd.mes-donnees"),
    SubCommand("evaluation", ("évaluation", "survey", "evaluate"), None, "cmd.evaluation", explains_itself=True),
    # The coordination's suggested pairing; a waiting mentee's choice of mentors when the programme allows it.
    SubCommand("suggestions", ("matches", "match"), None, "cmd.suggestions"),
    # The workspace's programmes: working in one; for coordinators, creating, editing, archiving.
    SubCommand("programme", ("program", "programmes", "programs"), None, "cmd.programme"),
    # The corporate method: the mentor writes the road map, the mentee confirms it.
    SubCommand("feuille-de-route", ("road-map", "roadmap", "feuille"), PARTICIPANTS, "cmd.feuille-de-route"),
    SubCommand("synthese", ("synthèse", "synthesis", "rapport-de-synthese"), PARTICIPANTS, "cmd.synthese"),
)

# `bilan direction @personne` / `bilan direction aucune`: who receives the final reports (coordinators).
SPONSOR_WORDS = frozenset({"direction", "sponsor"})
NOBODY_WORDS = frozenset({"aucun", "aucune", "personne", "none", "nobody"})

_BY_NAME = {alias: cmd for cmd in COMMANDS for alias in (cmd.name, *cmd.aliases)}


@dataclass(frozen=True)
class Parsed:
    command: SubCommand | None
    word: str  # what the person typed as the sub-command, lower-cased
    args: str


def parse(text: str) -> Parsed:
    """'jumeler <@U1> <@U2>' -> (jumeler, '<@U1> <@U2>'); '' -> aide."""
    stripped = (text or "").strip()
    if not stripped:
        return Parsed(_BY_NAME["aide"], "", "")
    word, _, rest = stripped.partition(" ")
    word = word.lower()
    return Parsed(_BY_NAME.get(word), word, rest.strip())


def suggest(word: str) -> str | None:
    """The closest name or alias to a mistyped word (so 'pare' suggests 'pair', 'statu' 'statut')."""
    matches = difflib.get_close_matches(word.lower(), [w for w in _BY_NAME if len(w) > 1], n=1, cutoff=0.6)
    return matches[0] if matches else None


def visible_for(roles: set[Role]) -> list[SubCommand]:
    return [cmd for cmd in COMMANDS if cmd.allowed(roles)]
