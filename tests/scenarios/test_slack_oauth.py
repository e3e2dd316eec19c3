"""Installing Mentorat in several Slack workspaces by OAuth: each workspace's own token, kept in SQL.

The browser's side is played by plain GETs: the install page, then the redirect Slack sends back with the
one-time code (the emulator's consent screen grants it) and the state cookie the install page set.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from sqlalchemy import select

from bot.demo.harness import OAUTH_PUBLIC_URL, Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator, button_value, text_of
from handlers.slack.oauth import BOT_SCOPES
from storage.models import SLACK_BOTS, Reminder, ReminderStatus, Workspace
from tests.conftest import DEFAULT_NOW
from tests.scenarios.helpers import dm_texts
from tests.support.texts import fr, fr_fixed

CLIENT_ID, CLIENT_SECRET = "1234.5678", "oauth-client-secret"
NORD, SUD = "T0NORD", "T0SUD"


@pytest.fixture
def multi(database_url: str, emulator: SlackEmulator) -> Iterator[Harness]:
    emulator.enable_oauth(CLIENT_ID, CLIENT_SECRET)
    harness = start_harness(database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD",),
                            slack_oauth=(CLIENT_ID, CLIENT_SECRET))
    try:
        yield harness
    finally:
        harness.close()


def install(bot: Harness, team_id: str, team_name: str) -> str:
    """An admin installs the app in `team_id`; returns the success page."""
    page = bot.get("/slack/install")
    assert page.status == 200
    cookie = page.headers["Set-Cookie"].split(";")[0]
    link = html.unescape(page.body.decode().split("href='", 1)[1].split("'", 1)[0])
    query = parse_qs(urlparse(link).query)
    code = bot.emulator.authorize_install(team_id, team_name, redirect_uri=query["redirect_uri"][0])
    answer = bot.get(f"/slack/oauth_redirect?{urlencode({'code': code, 'state': query['state'][0]})}",
                     {"Cookie": cookie})
    assert answer.status == 200, answer.body
    return answer.body.decode()


def tokens_used(bot: Harness, method: str) -> set[str | None]:
    return {call.token for call in bot.emulator.calls(method)}


def test_the_install_page_asks_slack_for_the_manifest_scopes_only(multi: Harness) -> None:
    page = multi.get("/slack/install")
    text = page.body.decode()
    assert page.status == 200 and text.index("Ajouter à Slack") < text.index("Add to Slack")  # French first
    link = urlparse(html.unescape(text.split("href='", 1)[1].split("'", 1)[0]))
    query = parse_qs(link.query)
    assert (link.netloc, link.path) == ("slack.com", "/oauth/v2/authorize")
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == list(BOT_SCOPES)
    assert query["redirect_uri"] == [f"{OAUTH_PUBLIC_URL}/slack/oauth_redirect"]
    assert "slack-app-oauth-state=" + query["state"][0] in page.headers["Set-Cookie"]


@pytest.mark.both_databases
def test_each_workspace_is_served_with_its_own_token(multi: Harness) -> None:
    assert fr("oauth.installed.heading", team="Équipe Nord") in install(multi, NORD, "Équipe Nord")
    install(multi, SUD, "Équipe Sud")
    nord_token, sud_token = multi.emulator.tokens_of(NORD)[0], multi.emulator.tokens_of(SUD)[0]
    with multi.session_factory() as session:
        stored = {row.team_id: row.bot_token for row in session.execute(select(SLACK_BOTS))}
    assert stored == {NORD: nord_token, SUD: sud_token}

    # A coordinator of Sud pairs two people there: every call for Sud carries Sud's token.
    multi.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01", team=SUD)
    invitation = next(m for m in multi.emulator.messages_to("UMENTEE") if button_value(m, "convention-accept"))
    multi.click("UMENTEE", "convention-accept", button_value(invitation, "convention-accept") or "",
                message=invitation, team=SUD)
    assert tokens_used(multi, "chat.postMessage") == {sud_token}
    assert tokens_used(multi, "users.info") == {sud_token}

    # In Nord, the same slash command is answered with Nord's token and knows nothing of Sud's pair.
    multi.command("UMENTOR", "statut", team=NORD)
    assert "aucune convention" in text_of(multi.last_response()).lower()
    assert nord_token in tokens_used(multi, "users.info")
    with multi.session_factory() as session:
        assert set(session.scalars(select(Workspace.external_id))) == {NORD, SUD}


def test_reminders_reach_each_workspace_with_its_token(multi: Harness) -> None:
    install(multi, SUD, "Équipe Sud")
    sud_token = multi.emulator.tokens_of(SUD)[0]
    multi.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-12-01", team=SUD)
    for user in ("UMENTOR", "UMENTEE"):
        invitation = next(m for m in multi.emulator.messages_to(user) if button_value(m, "convention-accept"))
        multi.click(user, "convention-accept", button_value(invitation, "convention-accept") or "",
                    message=invitation, team=SUD)
    before = len(multi.emulator.calls("chat.postMessage"))
    multi.clock.advance(timedelta(days=45))  # no meeting in a month: the monthly nudge is due
    planned, delivered = multi.mentorat.jobs.tick()
    assert planned.nudges == 2 and delivered.sent == 2
    nudges = multi.emulator.calls("chat.postMessage")[before:]
    assert {call.token for call in nudges} == {sud_token}
    assert any("rencontre" in text.lower() for text in dm_texts(multi, "UMENTOR")[-1:])


def test_a_workspace_that_has_not_installed_is_told_how_and_nothing_is_stored(multi: Harness) -> None:
    multi.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE>", team="T0AUTRE")
    answer = text_of(multi.last_response())
    assert fr_fixed("oauth.not_installed") in answer and "not installed" in answer
    with multi.session_factory() as session:
        assert session.scalars(select(Workspace)).all() == []
    assert multi.emulator.calls("chat.postMessage") == []


def test_a_forged_or_replayed_redirect_installs_nothing(multi: Harness) -> None:
    code = multi.emulator.authorize_install(NORD, "Équipe Nord")
    forged = multi.get(f"/slack/oauth_redirect?{urlencode({'code': code, 'state': 'made-up'})}",
                       {"Cookie": "slack-app-oauth-state=made-up"})
    assert forged.status == 401
    assert fr_fixed("oauth.failed.invalid_state") in forged.body.decode()
    cancelled = multi.get("/slack/oauth_redirect?error=access_denied&state=x")
    assert fr_fixed("oauth.failed.access_denied") in cancelled.body.decode()
    with multi.session_factory() as session:
        assert session.execute(select(SLACK_BOTS)).all() == []
    assert multi.emulator.calls("oauth.v2.access") == []  # the code was never spent

    install(multi, NORD, "Équipe Nord")
    page = multi.get("/slack/install")  # a state that is not this browser's is refused too
    cookie = page.headers["Set-Cookie"].split(";")[0]
    replay = multi.get(f"/slack/oauth_redirect?{urlencode({'code': code, 'state': 'made-up'})}", {"Cookie": cookie})
    assert replay.status == 400 and fr_fixed("oauth.failed.invalid_browser") in replay.body.decode()
    with multi.session_factory() as session:
        assert len(session.execute(select(SLACK_BOTS)).all()) == 1  # Nord's own install only


def test_uninstalling_stops_requests_and_reminders_for_that_workspace(multi: Harness) -> None:
    install(multi, SUD, "Équipe Sud")
    token = multi.emulator.tokens_of(SUD)[0]
    multi.emulator.revoke_token(token)
    multi.event({"type": "app_uninstalled"}, team=SUD, event_id="EvUninstall")
    with multi.session_factory() as session:
        assert session.execute(select(SLACK_BOTS)).all() == []
    multi.command("UMENTOR", "statut", team=SUD)
    assert fr_fixed("oauth.not_installed") in text_of(multi.last_response())
    with multi.session_factory() as session:
        assert session.scalars(select(Reminder).where(Reminder.status == ReminderStatus.PENDING)).all() == []
