"""The one error handler: domain errors become a message in the person's language.

Unexpected errors are logged by bot.logs.log_unexpected (type and frames, never the request or the
exception's message, which may hold private text) and the person gets a short apology; nothing is
half-written since each unit of work rolled back. The telling is `deps.report_error`, which
`Deps.ack_then` uses too.
"""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from handlers.slack.deps import Deps, report_error


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, body: dict, client: WebClient, respond: Respond) -> None:
        # Slack gets its answer first (the ack, or the 500 Bolt sends when there was none); the person is told after.
        deps.soon(lambda: report_error(deps, body, client, respond, error))
