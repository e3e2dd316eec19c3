"""The one error handler: domain errors become a message in the person's language.

Unexpected errors are logged by bot.logs.log_unexpected (type and frames, never the request or the
exception's message, which may hold private text) and the person gets a short apology; nothing is
half-written since each unit of work rolled back.
"""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.i18n import t
from bot.i18n.errors import error_text
from bot.logs import log_unexpected
from bot.services.errors import DomainError
from handlers.slack.deps import Deps, ids_from_body, reader_for
from handlers.slack.interactions import post_dm


def _tell(body: dict, client: WebClient, respond: Respond, text: str) -> None:
    if body.get("response_url") or body.get("response_urls"):
        respond(text=text, replace_original=False)
        return
    _team_id, user_id = ids_from_body(body)
    if user_id:
        post_dm(client, user_id, text)


def report_error(deps: Deps, body: dict, client: WebClient, respond: Respond, error: Exception) -> None:
    """Tell the person what went wrong, in their language; log unexpected errors without the body."""
    lang, tz = reader_for(deps, *ids_from_body(body))
    if isinstance(error, DomainError):
        text = error_text(lang, tz, error)
    else:
        kind = body.get("type") or ("command" if body.get("command") else "unknown")
        log_unexpected(f"a Slack {kind}", error)
        text = t(lang, "error.generic")
    try:
        _tell(body, client, respond, text)
    except Exception as failure:
        log_unexpected("telling a Slack user about an error", failure)


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, body: dict, client: WebClient, respond: Respond) -> None:
        # Slack gets its answer first (the ack, or the 500 Bolt sends when there was none); the person is told after.
        deps.soon(lambda: report_error(deps, body, client, respond, error))
