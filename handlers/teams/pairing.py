"""Teams: pairing (to be written)."""

from __future__ import annotations

from handlers.teams.deps import Handler

COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, Handler] = {}
