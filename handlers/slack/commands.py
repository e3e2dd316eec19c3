"""The `/mentorat` slash command: parse, check the role, hand over to the sub-command's handler."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.commands import COMMANDS, parse, suggest
from bot.i18n import N_
from bot.usecases.commands import command_refusal
from bot.usecases.convention_choice import chosen
from handlers.slack import (
    closure,
    convention,
    coordinators,
    disputes,
    enrolment,
    evaluation,
    journal,
    meetings,
    my_data,
    objectives,
    overview,
    pair_import,
    pairing,
    programmes,
    reminders,
    reports,
    road_map,
    suggestions,
    synthesis,
)
from handlers.slack.choice import CHOOSE_ACTION, asking
from handlers.slack.deps import Deps, acting_in_slack, ids_from_body
from handlers.slack.request import CommandHandler, CommandRequest

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
    # --- différends, early ends, reports, bulk pairing ---
    "differend": disputes.run_differend_command,
    "fin-hative": disputes.run_early_end_command,
    "rapport": reports.run_report_command,
    "importer": pair_import.run_import_command,
    "inscription": enrolment.run_enrolment_command,
    "profil": enrolment.run_profile_command,
    "themes": enrolment.run_themes_command,
    "evaluation": evaluation.run_evaluation_command,
    "mes-donnees": my_data.run_my_data_command,
    "suggestions": suggestions.run_suggestions_command,
    "programme": programmes.run_programme_command,
    "feuille-de-route": road_map.run_road_map_command,
    "synthese": synthesis.run_synthesis_command,
}

def route(req: CommandRequest, text: str) -> None:
    parsed = parse(text)
    if parsed.command is None:
        overview.show_help(req, preface_key=N_("help.unknown"), command=parsed.word[:60],
                           suggestion=suggest(parsed.word) or "")
        return
    run(CommandRequest(req.deps, req.team_id, req.user_id, parsed.args, req.body, req.respond, req.client),
        parsed.command.name)


def run(req: CommandRequest, name: str) -> None:
    """The sub-command's handler, once the caller's role allows it; "Which convention?" when it must ask."""
    command = next(c for c in COMMANDS if c.name == name)
    if command.checks_roles:  # the others resolve the caller once, themselves
        with acting_in_slack(req.deps, req.team_id, req.user_id) as (session, actor):
            refused = command_refusal(session, actor, command, req.deps.rule)
        if refused is not None:
            req.respond(text=refused)
            return
    asking(req.deps, name, req.body, req.respond, req.client, lambda: HANDLERS[name](req), typed=bool(req.args))


def continue_chosen(deps: Deps, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
    """A click on "Which convention?": the same sub-command, for that convention (its handler checks it is theirs)."""
    name, convention_id = chosen(str(action.get("value") or ""))
    team_id, user_id = ids_from_body(body)
    run(CommandRequest(deps, team_id, user_id, "", body, respond, client, convention_id), name)


def register(app: App, deps: Deps) -> None:
    @app.action(CHOOSE_ACTION)
    def choose(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        deps.ack_then(ack, body, client, respond, lambda: continue_chosen(deps, body, action, respond, client))

    @app.command("/mentorat")
    def mentorat(ack: Ack, body: dict, respond: Respond, client: WebClient) -> None:
        # Answer within Slack's 3 seconds; the reply follows through response_url.
        req = CommandRequest(deps, body.get("team_id", ""), body.get("user_id", ""), "", body, respond, client)
        deps.ack_then(ack, body, client, respond, lambda: route(req, body.get("text", "")))
