"""Bulk pairing: `/mentorat importer` (or the App Home button) opens a modal taking a CSV file or
pasted lines; `mentorat import-pairs FILE.csv` does the same from the command line."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.i18n import N_, t
from bot.notify import plain
from bot.services import pair_import
from bot.services.errors import DomainError, InvalidInput
from bot.services.policy import Act, require
from bot.usecases import pair_import as pair_imports
from bot.usecases.pair_import import ImportOutcome
from handlers.slack.deps import Deps, acting_in_slack, error_for, ids_from_body, import_port
from handlers.slack.ids import ActionId, BlockId, CallbackId, FieldId
from handlers.slack.interactions import on_click, post_dm
from handlers.slack.render import mrkdwn
from handlers.slack.request import CommandRequest

MAX_BYTES = 512 * 1024
FIELD_BLOCKS = {"file": BlockId.IMPORT_FILE, "paste": BlockId.IMPORT_PASTE}


@dataclass(frozen=True)
class ImportOrigin:
    team_id: str

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | None) -> ImportOrigin | None:
        try:
            return cls(team_id=str(json.loads(raw or "")["team_id"]))
        except (ValueError, KeyError, TypeError):
            return None


def import_modal(lang: str, metadata: str) -> dict[str, Any]:
    """A dict, not slack_sdk models: the SDK has no model for the file_input element."""
    def plain(key: str) -> dict[str, Any]:
        return {"type": "plain_text", "text": t(lang, key)}

    return {
        "type": "modal", "callback_id": CallbackId.IMPORT_FORM_SUBMIT, "title": plain("import.modal.title"),
        "submit": plain("import.modal.submit"), "close": plain("modal.cancel"), "private_metadata": metadata,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "import.modal.intro")}},
            {"type": "input", "block_id": BlockId.IMPORT_FILE, "optional": True, "label": plain(N_("import.modal.file")),
             "element": {"type": "file_input", "action_id": FieldId.IMPORT_FILE, "filetypes": ["csv", "txt"],
                         "max_files": 1}},
            {"type": "input", "block_id": BlockId.IMPORT_PASTE, "optional": True,
             "label": plain(N_("import.modal.paste")),
             "element": {"type": "plain_text_input", "action_id": FieldId.IMPORT_PASTE, "multiline": True,
                         "placeholder": {"type": "plain_text", "text": "U012ABCDEF,U034GHIJKL,2027-01-15"}}},
        ],
    }


def open_import_modal(deps: Deps, client: WebClient, trigger_id: str, team_id: str, user_id: str) -> None:
    with acting_in_slack(deps, team_id, user_id, fresh=True) as (session, actor):
        require(session, actor.person, Act.PAIR, actor.programme, deps.rule)  # before the form, not after
        lang = actor.lang
    client.views_open(trigger_id=trigger_id, view=import_modal(lang, ImportOrigin(team_id).dumps()))


def run_import_command(req: CommandRequest) -> None:
    open_import_modal(req.deps, req.client, req.body["trigger_id"], req.team_id, req.user_id)


def _trusted(deps: Deps, url: str) -> bool:
    """The bot token goes only to Slack's file host over https (or to the configured API host, e.g. an emulator)."""
    parts, api = urlsplit(url), urlsplit(deps.settings.slack_api_url)
    if parts.hostname == "files.slack.com":
        return parts.scheme == "https"
    return (parts.hostname, parts.scheme) == (api.hostname, api.scheme)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect with the Authorization header: the token must not leave the checked host."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_NO_REDIRECTS = urllib.request.build_opener(_NoRedirects)


def download(deps: Deps, team_id: str, file: dict[str, Any]) -> str:
    url = file.get("url_private_download") or file.get("url_private") or ""
    token = deps.client_for(team_id).token  # the workspace's own token (its OAuth installation's, or the one)
    if not isinstance(url, str) or not url or not token or not _trusted(deps, url):
        raise InvalidInput("error.import.file", field="file")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with _NO_REDIRECTS.open(request, timeout=5) as response:  # the host was checked above
            raw = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput("error.import.file", field="file") from exc
    if len(raw) > MAX_BYTES:
        raise InvalidInput("error.import.too_many", field="file", limit=pair_import.MAX_ROWS)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("error.import.encoding", field="file") from exc


def submitted_text(deps: Deps, team_id: str, view: dict[str, Any]) -> str:
    values = view.get("state", {}).get("values", {})
    files = (values.get(BlockId.IMPORT_FILE, {}).get(FieldId.IMPORT_FILE) or {}).get("files") or []
    if files:
        return download(deps, team_id, files[0])
    pasted = (values.get(BlockId.IMPORT_PASTE, {}).get(FieldId.IMPORT_PASTE) or {}).get("value") or ""
    if not pasted.strip():
        raise InvalidInput("error.import.nothing", field="file")
    return pasted


def import_text(deps: Deps, team_id: str, user_id: str, text: str) -> ImportOutcome:
    """Import the lines as `user_id` (a coordinator)."""
    return pair_imports.import_text(deps.session_factory, deps.clock, deps.rule, import_port(deps, team_id, user_id),
                                    text)


def register(app: App, deps: Deps) -> None:
    @app.view(CallbackId.IMPORT_FORM_SUBMIT)
    def submit_import(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        origin = ImportOrigin.loads(view.get("private_metadata"))
        team_id, user_id = (origin.team_id if origin else body["team"]["id"]), body["user"]["id"]
        try:
            text = submitted_text(deps, team_id, view)
            pair_import.parse_rows(text)  # the file as a whole is readable: answer on the field if not
        except DomainError as error:
            ack(response_action="errors", errors={FIELD_BLOCKS[error.field or "file"]:
                                                  plain(error_for(deps, team_id, user_id, error))})
            return
        ack()
        deps.soon(lambda: post_dm(client, user_id, mrkdwn(import_text(deps, team_id, user_id, text).text)))

    def from_home(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        team_id, user_id = ids_from_body(body)
        open_import_modal(deps, client, body["trigger_id"], team_id, user_id)

    on_click(app, deps, ActionId.HOME_IMPORT_OPEN, from_home)
