"""respond() through kept-alive connections: the same body as Bolt's, one connection for many replies,
and a connection the server closed while it sat idle is replaced without losing the reply."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from slack_sdk import WebClient
from slack_sdk.models.blocks import SectionBlock

from bot.app import create_app
from bot.config import Settings
from bot.demo.loopback import LoopbackServer, QuietHandler
from handlers.slack.replies import KeptAliveRespond, ReplyConnections
from storage.db import make_engine, make_session_factory


class Hooks(QuietHandler):
    """A response_url host: notes each body and each new connection; may close after every answer."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    bodies: ClassVar[list[dict[str, Any]]] = []
    connections: ClassVar[list[int]] = []
    close_after_answer: ClassVar[bool] = False
    lock = threading.Lock()

    def setup(self) -> None:
        super().setup()
        with self.lock:
            self.connections.append(1)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            self.bodies.append({"path": self.path, "type": self.headers["Content-Type"], **json.loads(body)})
        self.write_reply(200, b"ok", "text/html", {})
        # Without a "Connection: close" header: the client believes the connection is still open.
        self.close_connection = self.close_after_answer


@pytest.fixture
def hooks() -> Iterator[LoopbackServer]:
    Hooks.bodies, Hooks.connections, Hooks.close_after_answer = [], [], False
    server = LoopbackServer(Hooks, name="hooks")
    yield server
    server.stop()


def test_replies_share_one_connection_and_send_what_bolt_sends(hooks: LoopbackServer) -> None:
    connections = ReplyConnections()
    try:
        first = KeptAliveRespond(response_url=f"{hooks.url}/actions/T1/1/abc", connections=connections)
        answer = first(text="Statut", blocks=[SectionBlock(text="*Hi*")], replace_original=False)
        KeptAliveRespond(response_url=f"{hooks.url}/actions/T1/2/def", connections=connections)(
            {"text": "Done", "delete_original": True})
    finally:
        connections.close()
    assert answer.status_code == 200 and answer.body == "ok"
    assert Hooks.connections == [1]
    assert Hooks.bodies == [
        {"path": "/actions/T1/1/abc", "type": "application/json;charset=utf-8", "text": "Statut",
         "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hi*"}}], "replace_original": False},
        {"path": "/actions/T1/2/def", "type": "application/json;charset=utf-8", "text": "Done",
         "delete_original": True},
    ]


def test_a_connection_closed_while_idle_is_replaced(hooks: LoopbackServer) -> None:
    Hooks.close_after_answer = True
    connections = ReplyConnections()
    try:
        for n in range(3):
            KeptAliveRespond(response_url=f"{hooks.url}/r/{n}", connections=connections)(text=f"reply {n}")
    finally:
        connections.close()
    assert [body["text"] for body in Hooks.bodies] == ["reply 0", "reply 1", "reply 2"]
    assert len(Hooks.connections) == 3


def test_a_connection_idle_too_long_is_not_reused(hooks: LoopbackServer) -> None:
    connections = ReplyConnections(idle_for=0.0)
    try:
        for n in range(2):
            KeptAliveRespond(response_url=f"{hooks.url}/r/{n}", connections=connections)(text="hi")
    finally:
        connections.close()
    assert len(Hooks.connections) == 2


def test_no_response_url_is_refused() -> None:
    with pytest.raises(ValueError):
        KeptAliveRespond(response_url=None, connections=ReplyConnections())(text="hi")


def test_behind_a_proxy_bolt_answers_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept connections go straight to the host: with a proxy, Bolt's respond() (which honours it) stays."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):  # WebClient reads them
        monkeypatch.delenv(name, raising=False)
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret="secret",
                        database_url=f"sqlite:///{tmp_path / 'unused.db'}")
    factory = make_session_factory(make_engine(settings.database_url))
    direct = create_app(settings, factory, WebClient(token="xoxb-test"))
    proxied = create_app(settings, factory, WebClient(token="xoxb-test", proxy="http://proxy.example:3128"))
    try:
        assert isinstance(direct.replies, ReplyConnections)
        assert proxied.replies is None
    finally:
        direct.close()
        proxied.close()
