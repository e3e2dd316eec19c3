"""Publishing the App Home tab; called when it is opened and after every change to a pair's journal."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import closure, notes, objectives
from bot.services.objective_messages import objective_line
from bot.services.programme_report import programme_report, readable_programmes
from bot.services.roles import Role, coordinator_names
from bot.usecases import enrolment, suggestions
from handlers.slack import overview
from handlers.slack.deps import Deps, acting_in_slack
from handlers.slack.render import mention_of, mrkdwn
from handlers.slack.views.closure import closure_figure_blocks
from handlers.slack.views.home import home_view
from handlers.slack.views.report import home_figures
from storage.db import session_scope
from storage.models import Convention

log = logging.getLogger(__name__)


def publish_home(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    with acting_in_slack(deps, team_id, user_id) as (session, actor):
        infos = overview.status_infos(session, deps, actor)
        goals = {i.convention.id: [objective_line(o, actor.lang)
                                   for o in objectives.of_convention(session, i.convention)] for i in infos}
        recent = {i.convention.id: [n.note.body for n in notes.visible_notes(session, actor.person, i.convention,
                                                                             limit=3)] for i in infos}
        is_coordinator = Role.COORDINATOR in actor.roles
        # The figures of the programmes the person coordinates, and no other's: a coordinator added to a
        # second programme only sees its figures too, though the actor's roles are the first programme's.
        now = deps.clock.now()
        readable = readable_programmes(session, actor.person, deps.rule)
        figures = home_figures(actor.lang, [programme_report(session, p, now) for p in readable]) if readable else None
        if figures is not None and is_coordinator:  # the closures: bilans completed, satisfaction, decisions
            figures += closure_figure_blocks(actor.lang, actor.programme.name, closure.programme_figures(
                session, actor.programme, actor.today(deps)))
        view = home_view(
            actor.lang,
            infos=infos,
            is_coordinator=is_coordinator,
            coordinators=[mention_of(m) for m in coordinator_names(session, actor.programme, deps.rule)],
            tz=actor.tz,
            objectives=goals,
            notes=recent,
            figures=figures,
            entry=enrolment.entry_buttons(session, actor),
            waiting=(mrkdwn(suggestions.waiting_line(session, actor, deps.clock.now(), deps.rule))
                     if is_coordinator else None),
        )
    client.views_publish(user_id=user_id, view=view)


def refresh_homes(deps: Deps, client: WebClient, team_id: str, convention_id: int) -> None:
    """Both sides' Home tabs, after a change. A failure only leaves a tab stale until it is reopened."""
    with session_scope(deps.session_factory) as session:
        convention = session.get(Convention, convention_id)
        users = [convention.mentor.external_id, convention.mentee.external_id] if convention else []
    for user_id in users:
        try:
            publish_home(deps, client, team_id, user_id)
        except SlackApiError as exc:
            log.warning("could not refresh an App Home: %s", exc.response.get("error"))
