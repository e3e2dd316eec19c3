"""Wire every Slack feature module into a Bolt app."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse

from bot.services.typed_text import clean_tree
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


def clean_typed_text(req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
    """Before any listener: no NUL byte or lone surrogate in anything typed (see typed_text.clean)."""
    clean_tree(req.body)
    return next()


def register_handlers(app: App, deps: Deps) -> None:
    app.use(clean_typed_text)
    for module in (errors, commands, pairing, convention, home, meetings, journal, objectives, closure,
                   disputes, reports, pair_import):
        module.register(app, deps)
