"""Wire every Slack feature module into a Bolt app."""

from __future__ import annotations

import json
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.services.typed_text import clean_tree
from handlers.slack import (
    closure,
    commands,
    convention,
    disputes,
    enrolment,
    errors,
    evaluation,
    home,
    journal,
    meetings,
    milestones,
    my_data,
    objectives,
    pair_import,
    pairing,
    programmes,
    reports,
    road_map,
    suggestions,
    synthesis,
    uninstall,
)
from handlers.slack.deps import Deps


def clean_typed_text(req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
    """Before any listener: no NUL byte or lone surrogate in anything typed (see typed_text.clean)."""
    clean_tree(req.body)
    return next()


def form_of_this_workspace(req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
    """A form acts in the workspace Slack says it was submitted from, never in one its metadata names."""
    view = req.body.get("view") if req.body.get("type") in ("view_submission", "view_closed") else None
    if isinstance(view, dict):
        try:
            named = json.loads(view.get("private_metadata") or "{}").get("team_id")
        except (ValueError, AttributeError):
            named = None
        signed = (req.body.get("team") or {}).get("id") or view.get("team_id")
        if named is not None and signed is not None and named != signed:
            return BoltResponse(status=400, body="")
    return next()


MiddlewareFunction = Callable[[BoltRequest, BoltResponse, Callable[[], BoltResponse]], BoltResponse]


class Plain(Middleware):
    """A middleware function called with (req, resp, next) as they are.

    Given a function, app.use builds every argument a listener could ask for (say, respond, the
    payload's parts...) at each call, before each request: work for nothing on the request path.
    """

    def __init__(self, function: MiddlewareFunction) -> None:
        self._function = function

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        return self._function(req, resp, next)

    @property
    def name(self) -> str:
        return f"Plain({self._function.__name__})"


def register_handlers(app: App, deps: Deps) -> None:
    app.use(Plain(clean_typed_text))
    app.use(Plain(form_of_this_workspace))
    for module in (errors, commands, pairing, convention, home, meetings, journal, objectives, closure,
                   disputes, reports, pair_import, enrolment, suggestions, evaluation, my_data, programmes,
                   road_map, milestones, synthesis, uninstall):
        module.register(app, deps)
