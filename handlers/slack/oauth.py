"""Installing Mentorat in several Slack workspaces (OAuth v2), on Bolt's OAuth flow and slack_sdk's SQL stores.

`GET /slack/install` shows the « Ajouter à Slack » page, `GET /slack/oauth_redirect` exchanges the code
for the workspace's bot token and keeps it in `slack_installations` / `slack_bots` (migration 0007).
The pages are ours so that they speak French first; the flow, state checks and storage are Bolt's.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.config import Settings
from bot.i18n import N_, bilingual, t

log = logging.getLogger(__name__)

# The bot scopes of manifest.yml (a test keeps them equal): least privilege, nothing else is asked.
BOT_SCOPES = ("commands", "chat:write", "im:write", "users:read", "files:write", "files:read")
STATE_EXPIRY_S = 600  # the « Ajouter à Slack » link works for ten minutes
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def not_installed_text() -> str:
    """Answered instead of running a request from a workspace that has not installed the app (or removed it)."""
    # Translators: Slack shows it in the channel where someone used the bot of a workspace that removed it.
    return bilingual("oauth.not_installed")


_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}}
.en{{color:#555}} a.button{{display:inline-block;background:#4a154b;color:#fff;padding:.6em 1.2em;
border-radius:6px;text-decoration:none;font-weight:600}}</style></head>
<body>{body}</body></html>"""


def _html(lang: str, key: str, **params: str) -> str:
    """A catalogue text in a page: the text escaped, its parameters already HTML."""
    return html.escape(t(lang, key), quote=False).format(**params)


def _page(title_key: str, body: Callable[[str, str], str]) -> str:
    """French first, English below; body(lang, heading tag) is one language's part."""
    return _PAGE.format(title=html.escape(bilingual(title_key)),
                        body=f"<div>{body('fr', 'h1')}</div><hr><div class='en' lang='en'>{body('en', 'h2')}</div>")


def install_page(url: str) -> str:
    link = html.escape(url)

    def body(lang: str, h: str) -> str:
        heading, text = _html(lang, N_("oauth.install.heading")), _html(lang, N_("oauth.install.body"))
        button = _html(lang, N_("oauth.install.button"))
        return f"<{h}>{heading}</{h}><p>{text}</p><p><a class='button' href='{link}'>{button}</a></p>"

    return _page(N_("oauth.install.title"), body)


def _success(args: SuccessArgs) -> BoltResponse:
    installation = args.installation
    team = html.escape(installation.team_name or installation.team_id or "Slack")
    open_url = html.escape(f"slack://app?team={installation.team_id}&id={installation.app_id}")
    log.info("installed in Slack workspace %s", installation.team_id)

    def page(lang: str, h: str) -> str:
        # Translators: {command} is the slash command to type, shown as code.
        text = _html(lang, N_("oauth.installed.body"), command="<code>/mentorat aide</code>")
        heading = _html(lang, N_("oauth.installed.heading"), team=team)
        button = _html(lang, N_("oauth.installed.button"))
        return f"<{h}>{heading}</{h}><p>{text}</p><p><a class='button' href='{open_url}'>{button}</a></p>"

    body = _page(N_("oauth.installed.title"), page)
    return BoltResponse(status=200, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


# Why an install did not finish, in words a person can act on (Bolt's reason codes).
_FAILURES = {
    "access_denied": N_("oauth.failed.access_denied"),
    "invalid_browser": N_("oauth.failed.invalid_browser"),
    "invalid_state": N_("oauth.failed.invalid_state"),
    "missing_code": N_("oauth.failed.missing_code"),
}


def _failure(args: FailureArgs) -> BoltResponse:
    reason = _FAILURES.get(args.reason, N_("oauth.failed.other"))
    log.warning("Slack install failed: %s", args.reason)  # the reason code only, never the code or tokens
    again = html.escape(INSTALL_PATH)

    def page(lang: str, h: str) -> str:
        heading, why = _html(lang, N_("oauth.failed.title")), _html(lang, reason)
        link = _html(lang, N_("oauth.failed.again"))
        return f"<{h}>{heading}</{h}><p>{why}</p><p><a href='{again}'>{link}</a></p>"

    body = _page(N_("oauth.failed.title"), page)
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
