"""Self-check of tests/support/slack_emulator.py against the real slack_sdk WebClient."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.demo.slack_emulator import Call, SlackEmulator, text_of

TOKEN = "xoxb-test"
SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "*Bienvenue* au programme"}}
ACTIONS = {
    "type": "actions",
    "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Accepter"}, "value": "secret"}],
}
MODAL = {
    "type": "modal",
    "callback_id": "objectifs",
    "title": {"type": "plain_text", "text": "Objectifs"},
    "submit": {"type": "plain_text", "text": "Enregistrer"},
    "blocks": [
        {
            "type": "input",
            "block_id": "goal",
            "label": {"type": "plain_text", "text": "Votre objectif"},
            "element": {"type": "plain_text_input", "action_id": "goal_input"},
        }
    ],
}
HOME = {"type": "home", "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "Mentorat"}}]}


@pytest.fixture
def emu() -> Iterator[SlackEmulator]:
    with SlackEmulator(bot_token=TOKEN) as emulator:
        emulator.add_user("U1", "alice", real_name="Alice Martin")
        emulator.add_user("U2", "bob", tz="Europe/Paris", locale="en-US", is_admin=True)
        yield emulator


@pytest.fixture
def client(emu: SlackEmulator) -> WebClient:
    return WebClient(token=TOKEN, base_url=emu.api_url)


def api_error(excinfo: pytest.ExceptionInfo[SlackApiError]) -> str:
    return excinfo.value.response["error"]


def test_urls_and_healthz(emu: SlackEmulator) -> None:
    assert emu.api_url == f"{emu.base_url}/api/"
    with urllib.request.urlopen(f"{emu.base_url}/healthz", timeout=2) as resp:
        assert resp.status == 200
        assert resp.read() == b"ok"


def test_auth_test(emu: SlackEmulator, client: WebClient) -> None:
    data = client.auth_test().data
    assert data == {
        "ok": True,
        "url": "https://testteam.slack.com/",
        "team": "Test Team",
        "user": "mentorat",
        "team_id": "T0TEST",
        "user_id": "UBOT",
        "bot_id": "BBOT",
        "is_enterprise_install": False,
    }
    call = emu.last("auth.test")
    assert isinstance(call, Call)
    assert call.token == TOKEN and call.succeeded and call.args == {}


def test_users_info_shape_and_locale(client: WebClient) -> None:
    user = client.users_info(user="U1")["user"]
    assert user["id"] == "U1" and user["team_id"] == "T0TEST" and user["name"] == "alice"
    assert user["real_name"] == "Alice Martin" and user["profile"]["real_name"] == "Alice Martin"
    assert user["profile"]["display_name"] == "alice"
    assert user["tz"] == "America/Toronto"
    assert user["tz_offset"] in (-18000, -14400)
    assert user["tz_label"] in ("Eastern Standard Time", "Eastern Daylight Time")
    assert user["is_admin"] is False and user["is_bot"] is False and user["deleted"] is False
    assert "locale" not in user

    bob = client.users_info(user="U2", include_locale=True)["user"]
    assert bob["locale"] == "en-US" and bob["is_admin"] is True
    assert bob["tz_offset"] in (3600, 7200)

    with pytest.raises(SlackApiError) as excinfo:
        client.users_info(user="U404")
    assert api_error(excinfo) == "user_not_found"


def test_update_user_and_deactivated_shape(emu: SlackEmulator, client: WebClient) -> None:
    emu.update_user("U1", display_name="Ali", tz="Europe/Paris", deleted=True)
    user = client.users_info(user="U1")["user"]
    assert user["deleted"] is True and user["profile"]["display_name"] == "Ali"
    assert "tz" not in user and "is_admin" not in user  # as Slack answers for deactivated members
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_open(users="U1")
    assert api_error(excinfo) == "user_disabled"


def test_open_dm_post_blocks_and_messages_to(emu: SlackEmulator, client: WebClient) -> None:
    opened = client.conversations_open(users="U1")
    channel = opened["channel"]["id"]
    assert channel == emu.im_channel_id("U1")
    again = client.conversations_open(users="U1", return_im=True)
    assert again["channel"]["id"] == channel and again["already_open"] is True
    assert again["channel"]["user"] == "U1" and again["channel"]["is_im"] is True

    first = client.chat_postMessage(channel=channel, text="Bienvenue", blocks=[SECTION, ACTIONS])
    second = client.chat_postMessage(channel="U1", text="Rappel")  # a user id posts to the DM
    assert first["ok"] and first["channel"] == channel and second["channel"] == channel
    assert first["message"]["bot_id"] == "BBOT" and first["message"]["user"] == "UBOT"
    assert float(second["ts"]) > float(first["ts"])

    messages = emu.messages_to("U1")
    assert [m["text"] for m in messages] == ["Bienvenue", "Rappel"]
    assert messages[0]["blocks"] == [SECTION, ACTIONS]  # decoded, not a JSON string
    assert text_of(messages[0]) == "*Bienvenue* au programme\nAccepter"
    assert text_of(messages[1]) == "Rappel"
    assert emu.messages_to("U2") == []


def test_form_encoded_blocks_are_decoded(emu: SlackEmulator, client: WebClient) -> None:
    client.api_call(
        "chat.postMessage", params={"channel": "U2", "text": "x", "blocks": '[{"type": "divider"}]'}
    )
    assert emu.messages_to("U2")[0]["blocks"] == [{"type": "divider"}]


def test_update_delete_and_ephemeral(emu: SlackEmulator, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U1", text="v1", blocks=[SECTION])
    updated = client.chat_update(channel=posted["channel"], ts=posted["ts"], text="v2")
    assert updated["ts"] == posted["ts"] and updated["text"] == "v2"
    current = emu.message(posted["channel"], posted["ts"])
    assert current is not None and current["text"] == "v2" and current["blocks"] == [SECTION]

    with pytest.raises(SlackApiError) as excinfo:
        client.chat_update(channel=posted["channel"], ts="1.000000", text="x")
    assert api_error(excinfo) == "message_not_found"

    eph = client.chat_postEphemeral(channel=posted["channel"], user="U1", text="Seulement vous")
    assert eph["message_ts"]
    assert [e["text"] for e in emu.ephemerals_to("U1")] == ["Seulement vous"]
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postEphemeral(channel=posted["channel"], user="U404", text="x")
    assert api_error(excinfo) == "user_not_found"

    assert client.chat_delete(channel=posted["channel"], ts=posted["ts"])["ok"]
    assert emu.message(posted["channel"], posted["ts"]) is None
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    assert api_error(excinfo) == "message_not_found"


def test_views_open_push_update_publish(emu: SlackEmulator, client: WebClient) -> None:
    opened = client.views_open(trigger_id="111.222.abc", view=MODAL)["view"]
    assert opened["id"].startswith("V") and opened["hash"] and opened["callback_id"] == "objectifs"
    assert opened["root_view_id"] == opened["id"] and opened["state"] == {"values": {}}
    assert emu.views_opened()[0]["id"] == opened["id"]
    assert "Votre objectif" in text_of(emu.views_opened()[0])

    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="111.222.abc", view=MODAL)
    assert api_error(excinfo) == "exchanged_trigger_id"

    pushed = client.views_push(trigger_id="333.444.def", view=MODAL)["view"]
    assert pushed["id"] != opened["id"] and pushed["root_view_id"] == opened["id"]

    new_view = {**MODAL, "title": {"type": "plain_text", "text": "Merci"}}
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=new_view)["view"]
    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    with pytest.raises(SlackApiError) as excinfo:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=new_view)
    assert api_error(excinfo) == "hash_conflict"
    with pytest.raises(SlackApiError) as excinfo:
        client.views_update(view_id="VNOPE", view=new_view)
    assert api_error(excinfo) == "not_found"

    home = client.views_publish(user_id="U1", view=HOME)["view"]
    republished = client.views_publish(user_id="U1", view=HOME)["view"]
    assert home["type"] == "home" and republished["id"] == home["id"]
    home_view = emu.home_view("U1")
    assert home_view is not None and text_of(home_view) == "Mentorat"
    assert emu.home_view("U2") is None


def test_view_validation_errors(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="", view=MODAL)
    assert api_error(excinfo) == "invalid_arguments"
    assert "trigger_id" in excinfo.value.response["response_metadata"]["messages"][0]

    no_submit = {key: value for key, value in MODAL.items() if key != "submit"}
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="t-1", view=no_submit)
    assert api_error(excinfo) == "invalid_arguments"

    long_title = {**MODAL, "title": {"type": "plain_text", "text": "x" * 25}}
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="t-2", view=long_title)
    assert api_error(excinfo) == "invalid_arguments"

    with pytest.raises(SlackApiError) as excinfo:
        client.views_publish(user_id="U1", view=MODAL)
    assert api_error(excinfo) == "invalid_arguments"


def test_files_upload_v2_end_to_end(emu: SlackEmulator, client: WebClient) -> None:
    content = bytes(range(256)) * 4
    result = client.files_upload_v2(
        channel=emu.im_channel_id("U1"),
        content=content,
        filename="convention.pdf",
        title="Convention signée",
        initial_comment="Voici la convention",
    )
    assert result["file"]["id"].startswith("F") and result["file"]["title"] == "Convention signée"
    assert [c.method for c in emu.calls()] == [
        "files.getUploadURLExternal",
        "file_upload",
        "files.completeUploadExternal",
    ]
    (upload,) = emu.uploads()
    assert upload["content"] == content and upload["filename"] == "convention.pdf"
    assert upload["channel"] == "DU1" and upload["title"] == "Convention signée"
    assert upload["initial_comment"] == "Voici la convention"


def test_auth_errors_and_unknown_method(emu: SlackEmulator) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(token="xoxb-wrong", base_url=emu.api_url).auth_test()
    assert excinfo.value.response.status_code == 200 and api_error(excinfo) == "invalid_auth"
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(base_url=emu.api_url).auth_test()
    assert api_error(excinfo) == "not_authed"
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(token=TOKEN, base_url=emu.api_url).api_call("nope.method")
    assert api_error(excinfo) == "unknown_method"
    assert emu.calls(ok_only=True) == [] and len(emu.calls()) == 3


def test_missing_arguments(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("chat.postMessage", json={"text": "hi"})
    assert api_error(excinfo) == "channel_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("chat.postMessage", json={"channel": "U1"})
    assert api_error(excinfo) == "no_text"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="U404", text="hi")
    assert api_error(excinfo) == "channel_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="U1", text="x", blocks=[{"text": "no type"}])
    assert api_error(excinfo) == "invalid_blocks"
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("conversations.open")
    assert api_error(excinfo) == "users_list_not_supplied"


def test_ratelimited_then_retried(emu: SlackEmulator) -> None:
    client = WebClient(token=TOKEN, base_url=emu.api_url, retry_handlers=[RateLimitErrorRetryHandler()])
    emu.fail_next("chat.postMessage", status=429, retry_after=0)
    assert client.chat_postMessage(channel="U1", text="après attente")["ok"]
    calls = emu.calls("chat.postMessage")
    assert [c.answered_status for c in calls] == [429, 200]
    assert calls[0].error == "ratelimited" and not calls[0].succeeded
    assert len(emu.calls("chat.postMessage", ok_only=True)) == 1
    assert len(emu.messages_to("U1")) == 1


def test_ratelimited_without_retry_handler(emu: SlackEmulator) -> None:
    client = WebClient(token=TOKEN, base_url=emu.api_url, retry_handlers=[])
    emu.fail_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="U1", text="x")
    assert excinfo.value.response.status_code == 429
    assert excinfo.value.response.headers["Retry-After"] == "7"
    assert api_error(excinfo) == "ratelimited"


def test_server_errors_and_ok_false_injection(emu: SlackEmulator, client: WebClient) -> None:
    emu.fail_next("chat.postMessage", status=500, count=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as excinfo:
            client.chat_postMessage(channel="U1", text="x")
        assert excinfo.value.response.status_code == 500
    emu.fail_next("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="U1", text="x")
    assert excinfo.value.response.status_code == 200 and api_error(excinfo) == "channel_not_found"
    assert client.chat_postMessage(channel="U1", text="enfin")["ok"]
    assert [m["text"] for m in emu.messages_to("U1")] == ["enfin"]


def test_fail_rate_is_deterministic(emu: SlackEmulator, client: WebClient) -> None:
    def pattern() -> list[bool]:
        emu.clear_failures()
        emu.fail_rate("auth.test", share=0.5, status=503, seed=42)
        outcome = []
        for _ in range(12):
            try:
                client.auth_test()
                outcome.append(True)
            except SlackApiError:
                outcome.append(False)
        return outcome

    first = pattern()
    assert first == pattern() and True in first and False in first


def test_rate_limit_token_bucket_with_fake_clock() -> None:
    now = [100.0]
    with SlackEmulator(bot_token=TOKEN, time_source=lambda: now[0]) as emu:
        emu.add_user("U1", "alice")
        emu.add_user("U2", "bob")
        client = WebClient(token=TOKEN, base_url=emu.api_url, retry_handlers=[])
        emu.set_rate_limit("chat.postMessage", per_second=1, per_channel=True)
        client.chat_postMessage(channel="U1", text="1")
        client.chat_postMessage(channel="U2", text="other channel, own bucket")
        with pytest.raises(SlackApiError) as excinfo:
            client.chat_postMessage(channel="U1", text="2")
        assert excinfo.value.response.status_code == 429
        assert excinfo.value.response.headers["Retry-After"] == "1"
        now[0] += 1.0
        assert client.chat_postMessage(channel="U1", text="3")["ok"]


def test_hang_then_client_timeout_then_release(emu: SlackEmulator) -> None:
    client = WebClient(token=TOKEN, base_url=emu.api_url, timeout=1)
    emu.hang_next("chat.postMessage")
    with pytest.raises((TimeoutError, URLError)):
        client.chat_postMessage(channel="U1", text="lent")
    assert emu.wait_for_hangs(1, timeout=1)
    assert emu.calls("chat.postMessage") == []  # recorded when answered
    emu.release_hangs()
    deadline = time.monotonic() + 2
    while not emu.calls("chat.postMessage") and time.monotonic() < deadline:
        time.sleep(0.01)
    (call,) = emu.calls("chat.postMessage")
    assert call.hung and call.succeeded  # Slack may have posted although the client gave up
    assert client.chat_postMessage(channel="U1", text="rapide")["ok"]


def test_response_url_via_webhook_client(emu: SlackEmulator) -> None:
    url = emu.response_url(name="slash")
    assert url.startswith(f"{emu.base_url}/response/")
    response = WebhookClient(url).send(text="Traitement…", response_type="ephemeral", blocks=[SECTION])
    assert response.status_code == 200
    (payload,) = emu.responses("slash")
    assert payload["text"] == "Traitement…" and payload["response_type"] == "ephemeral"
    assert text_of(payload) == "*Bienvenue* au programme"
    assert emu.responses("other") == []
    assert emu.last("response_url") is not None


def test_multipart_requests_are_parsed(emu: SlackEmulator, client: WebClient) -> None:
    result = client.api_call("users.info", files={"attachment": b"\x00\x01"}, data={"user": "U2"})
    assert result["user"]["id"] == "U2"
    call = emu.last("users.info")
    assert call is not None
    assert call.args["attachment"]["content"] == b"\x00\x01"


def test_text_of_block_kit() -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Titre"}},
        {
            "type": "section",
            "fields": [{"type": "mrkdwn", "text": "*Mentor*"}, {"type": "mrkdwn", "text": "Bob"}],
        },
        {
            "type": "context",
            "elements": [
                {"type": "image", "image_url": "x", "alt_text": "a"},
                {"type": "mrkdwn", "text": "ctx"},
            ],
        },
        {
            "type": "rich_text",
            "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "riche"}]}],
        },
    ]
    assert text_of(blocks) == "Titre\n*Mentor*\nBob\nctx\nriche"
    assert text_of({"text": "fallback only"}) == "fallback only"
    assert text_of(None) == ""


def test_reset_calls_keeps_state(emu: SlackEmulator, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U1", text="x")
    emu.reset_calls()
    assert emu.calls() == [] and emu.messages_to("U1") == []
    assert emu.message(posted["channel"], posted["ts"]) is not None
