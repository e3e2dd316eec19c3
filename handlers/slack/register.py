"""Wire every Slack feature module into a Bolt app."""

from __future__ import annotations

from slack_bolt import App

from handlers.slack import (
    closure,
    commands,
    convention,
    disputes,
    errors,
    home,
    journal,
    meetings,
    objectives,
    pair_import,
    pairing,
    reports,
)
from handlers.slack.deps import Deps


def register_handlers(app: App, deps: Deps) -> None:
    for module in (errors, commands, pairing, convention, home, meetings, journal, objectives, closure,
                   disputes, reports, pair_import):
        module.register(app, deps)
