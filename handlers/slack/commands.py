"""The `/mentorat` slash command: parse, check the role, hand over to the sub-command's handler."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.commands import parse, suggest
from bot.i18n import N_, labels, t
from handlers.slack import (
    closure,
    convention,
    coordinators,
    disputes,
    journal,
    meetings,
    objectives,
    overview,
    pair_import,
    pairing,
    reminders,
    reports,
)
from handlers.slack.deps import Deps, resolve_actor
from handlers.slack.request import CommandHandler, CommandRequest
from storage.db import session_scope

HANDLERS: dict[str, CommandHandler] = {
    "aide": overview.show_help,
    "statut": overview.show_status,
    "langue": overview.set_language,
    "convention": convention.run_convention_command,
    "prochaine-rencontre": meetings.run_meeting_command,
    "objectifs": objectives.run_objectives_command,
    "ordre-du-jour": journal.run_agenda_command,
    "notes": journal.run_notes_command,
    "bilan": closure.run_bilan_command,
    "merci": closure.run_thanks_command,
    "jumeler": pairing.run_pair_command,
    "coordonnateurs": coordinators.run_coordinators_command,
    "pause": reminders.run_pause_command,
    "reprendre": reminders.run_resume_command,
    # --- différends, early end, report (issue 7) ---
    "differend": disputes.run_differend_command,
    "fin-hative": disputes.run_early_end_command,
    "rapport": reports.run_report_command,
    "importer": pair_import.run_import_command,
}

# Sub-commands that answer people without the role themselves (e.g. "no convention yet")
# rather than refusing them.
# `bilan` and `merci` also serve conventions that are over (no mentor/mentee role any more).
SELF_EXPLAINING = {"statut", "convention", "bilan", "merci"}


def route(req: CommandRequest, text: str) -> None:
    parsed = parse(text)
    if parsed.command is None:
        overview.show_help(req, preface_key=N_("help.unknown"), command=parsed.word[:60],
                           suggestion=suggest(parsed.word) or "")
        return
    command = parsed.command
    if command.roles is not None and command.name not in SELF_EXPLAINING:
        # Only restricted sub-commands need the caller's roles first; the others resolve the caller once, themselves.
        with session_scope(req.deps.session_factory) as session:
            actor = resolve_actor(session, req.deps, req.team_id, req.user_id)
            allowed = command.allowed(actor.roles)
            if not allowed:
                roles = ", ".join(t(actor.lang, labels.ROLE[r]) for r in sorted(command.roles))
                refusal = t(actor.lang, "error.not_allowed", command=command.name, roles=roles)
        if not allowed:
            req.respond(text=refusal)
            return
    HANDLERS[command.name](
        CommandRequest(req.deps, req.team_id, req.user_id, parsed.args, req.body, req.respond, req.client)
    )


def register(app: App, deps: Deps) -> None:
    @app.command("/mentorat")
    def mentorat(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        # Answer within Slack's 3 seconds; the reply follows through response_url.
        req = CommandRequest(deps, body.get("team_id", ""), body.get("user_id", ""), "", body, respond, client)
        deps.ack_then(ack, body, client, respond, lambda: route(req, body.get("text", "")))
