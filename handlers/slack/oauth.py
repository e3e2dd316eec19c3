"""Installing Mentorat in several Slack workspaces (OAuth v2), on Bolt's OAuth flow and slack_sdk's SQL stores.

`GET /slack/install` shows the « Ajouter à Slack » page, `GET /slack/oauth_redirect` exchanges the code
for the workspace's bot token and keeps it in `slack_installations` / `slack_bots` (migration 0007).
The pages are ours so that they speak French first; the flow, state checks and storage are Bolt's.
"""

from __future__ import annotations

import html
import logging

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.config import Settings

log = logging.getLogger(__name__)

# The bot scopes of manifest.yml (a test keeps them equal): least privilege, nothing else is asked.
BOT_SCOPES = ("commands", "chat:write", "im:write", "users:read", "files:write", "files:read")
STATE_EXPIRY_S = 600  # the « Ajouter à Slack » link works for ten minutes
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

# Answered instead of running a request from a workspace that has not installed the app (or removed it).
NOT_INSTALLED = ("Mentorat n'est pas (ou plus) installé dans cet espace de travail : une personne "
                 "administratrice peut l'ajouter depuis la page d'installation. / Mentorat is not installed in "
                 "this workspace (any more): an admin can add it from the install page.")

_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}}
.en{{color:#555}} a.button{{display:inline-block;background:#4a154b;color:#fff;padding:.6em 1.2em;
border-radius:6px;text-decoration:none;font-weight:600}}</style></head>
<body>{body}</body></html>"""


def _page(title: str, french: str, english: str) -> str:
    return _PAGE.format(title=html.escape(title), body=f"<div>{french}</div><hr><div class='en' lang='en'>{english}</div>")


def install_page(url: str) -> str:
    link = html.escape(url)
    return _page(
        "Installer Mentorat / Install Mentorat",
        "<h1>Installer Mentorat dans Slack</h1><p>Mentorat accompagne votre programme de mentorat : jumelage, "
        "convention, rencontres mensuelles, objectifs et bilan. Il ne demande que ce dont il a besoin (écrire en "
        f"message privé, lire le nom et le fuseau horaire des personnes).</p><p><a class='button' href='{link}'>"
        "Ajouter à Slack</a></p>",
        "<h2>Install Mentorat in Slack</h2><p>Mentorat runs your mentoring programme: pairing, agreement, monthly "
        "meetings, objectives and closure. It asks only for what it uses (direct messages, people's names and "
        f"time zones).</p><p><a class='button' href='{link}'>Add to Slack</a></p>",
    )


def _success(args: SuccessArgs) -> BoltResponse:
    installation = args.installation
    team = html.escape(installation.team_name or installation.team_id or "Slack")
    open_url = html.escape(f"slack://app?team={installation.team_id}&id={installation.app_id}")
    log.info("installed in Slack workspace %s", installation.team_id)
    body = _page(
        "Mentorat est installé / Mentorat is installed",
        f"<h1>Mentorat est installé dans {team}</h1><p>Tapez <code>/mentorat aide</code> dans Slack pour "
        "commencer. Les personnes administratrices de l'espace sont coordonnatrices du programme ; elles peuvent "
        f"en ajouter d'autres.</p><p><a class='button' href='{open_url}'>Ouvrir Mentorat dans Slack</a></p>",
        f"<h2>Mentorat is installed in {team}</h2><p>Type <code>/mentorat aide</code> in Slack to start. The "
        "workspace's admins coordinate the programme and can add other coordinators.</p>"
        f"<p><a class='button' href='{open_url}'>Open Mentorat in Slack</a></p>",
    )
    return BoltResponse(status=200, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


# Why an install did not finish, in words a person can act on (Bolt's reason codes).
_FAILURES = {
    "access_denied": ("Vous avez annulé l'installation : rien n'a été ajouté à votre espace de travail.",
                      "You cancelled the installation: nothing was added to your workspace."),
    "invalid_browser": ("Cette page doit être ouverte dans le navigateur qui a commencé l'installation.",
                        "This page must be opened in the browser that started the installation."),
    "invalid_state": ("Le lien d'installation a expiré ou a déjà servi.",
                      "The installation link has expired or was already used."),
    "missing_code": ("Slack n'a pas transmis d'autorisation.", "Slack sent no authorisation."),
}


def _failure(args: FailureArgs) -> BoltResponse:
    french, english = _FAILURES.get(args.reason, ("L'installation n'a pas abouti.", "The installation did not finish."))
    log.warning("Slack install failed: %s", args.reason)  # the reason code only, never the code or tokens
    again = html.escape(INSTALL_PATH)
    body = _page(
        "Installation interrompue / Installation stopped",
        f"<h1>Installation interrompue</h1><p>{french}</p><p><a href='{again}'>Recommencer l'installation</a></p>",
        f"<h2>Installation stopped</h2><p>{english}</p><p><a href='{again}'>Start the installation again</a></p>",
    )
    return BoltResponse(status=args.suggested_status_code, body=body,
                        headers={"Content-Type": "text/html; charset=utf-8"})


class MentoratOAuthFlow(OAuthFlow):
    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        return install_page(url)


def installation_store(settings: Settings, engine: Engine) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine,
                                       logger=logging.getLogger("slack_bolt.mentorat.oauth"))


def oauth_flow(settings: Settings, engine: Engine, store: SQLAlchemyInstallationStore,
               client: WebClient) -> MentoratOAuthFlow:
    oauth_settings = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        redirect_uri=f"{settings.public_url}{REDIRECT_PATH}",
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRY_S, engine=engine,
                                              logger=logging.getLogger("slack_bolt.mentorat.oauth")),
        callback_options=CallbackOptions(success=_success, failure=_failure),
        logger=logging.getLogger("slack_bolt.mentorat.oauth"),
    )
    return MentoratOAuthFlow(client=client, settings=oauth_settings, logger=logging.getLogger("slack_bolt.mentorat.oauth"))
