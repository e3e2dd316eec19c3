"""Self-check of bot/demo/teams_connector.py against the Microsoft 365 Agents SDK's real ConnectorClient."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar
from urllib.error import HTTPError

import aiohttp
import pytest
from microsoft_agents.activity import Activity, ChannelAccount, ConversationParameters
from microsoft_agents.hosting.core.connector.client import ConnectorClient

from bot.demo.teams_connector import (
    ADAPTIVE_CARD,
    BotConnectorEmulator,
    ConnectorCall,
    card_actions,
    card_inputs,
    text_of,
)
from handlers.teams import cards

ALICE = "29:1alice"
BOB = "29:1bob"
TENANT = "tenant-1"
T = TypeVar("T")
Conversations = Any  # the SDK's ConversationsOperations

CARD: dict[str, Any] = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "body": [
        {"type": "TextBlock", "text": "Votre rencontre du mois", "weight": "Bolder"},
        {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": "Avec "}, "Bob"]},
        {"type": "FactSet", "facts": [{"title": "Date", "value": "23 novembre"}]},
        {
            "type": "ColumnSet",
            "columns": [
                {
                    "type": "Column",
                    "items": [
                        {"type": "Input.Text", "id": "notes", "label": "Notes", "placeholder": "Vos notes", "value": "ok"}
                    ],
                },
                {"items": [{"type": "Input.Toggle", "id": "held", "title": "La rencontre a eu lieu"}]},
            ],
        },
        {
            "type": "Container",
            "items": [
                {
                    "type": "Input.ChoiceSet",
                    "id": "mood",
                    "label": "Humeur",
                    "choices": [{"title": "Bien", "value": "good"}, {"title": "Moyen", "value": "meh"}],
                    "errorMessage": "Choisissez",
                },
                {
                    "type": "ActionSet",
                    "actions": [{"type": "Action.Submit", "title": "Enregistrer", "data": {"verb": "save", "id": 7}}],
                },
            ],
        },
    ],
    "actions": [
        {"type": "Action.OpenUrl", "title": "Guide", "url": "https://example.org/guide"},
        {
            "type": "Action.ShowCard",
            "title": "Reporter",
            "card": {
                "type": "AdaptiveCard",
                "body": [{"type": "Input.Date", "id": "new_date", "label": "Nouvelle date"}],
                "actions": [{"type": "Action.Execute", "title": "Confirmer", "verb": "postpone", "data": {"id": 7}}],
            },
        },
    ],
}


def card_activity(card: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    activity: dict[str, Any] = {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]}
    if text is not None:
        activity["text"] = text
    return activity


def sdk_activity(payload: dict[str, Any]) -> Activity:
    return Activity.model_validate(payload)


def chat_with(user_id: str, **extra: Any) -> ConversationParameters:
    return ConversationParameters(is_group=False, members=[ChannelAccount(id=user_id)], tenant_id=TENANT, **extra)


def with_client(emu: BotConnectorEmulator, scenario: Callable[[Conversations], Awaitable[T]], token: str = "") -> T:
    """Run ``scenario(client.conversations)`` with a real ConnectorClient, then close it."""

    async def main() -> T:
        client = ConnectorClient(endpoint=emu.service_url, token=token)
        try:
            return await scenario(client.conversations)
        finally:
            await client.close()

    return asyncio.run(main())


def sdk_error(emu: BotConnectorEmulator, scenario: Callable[[Conversations], Awaitable[Any]], token: str = "") -> Any:
    with pytest.raises(aiohttp.ClientResponseError) as excinfo:
        with_client(emu, scenario, token)
    return excinfo.value


def raw(
    emu: BotConnectorEmulator, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    """One HTTP call without the SDK: (status, headers, decoded JSON body or None)."""
    request = urllib.request.Request(emu.service_url + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status, answer_headers, payload = response.status, dict(response.headers), response.read()
    except HTTPError as exc:
        status, answer_headers, payload = exc.code, dict(exc.headers), exc.read()
    return status, answer_headers, json.loads(payload) if payload else None


def open_chat(emu: BotConnectorEmulator, user_id: str = ALICE) -> str:
    status, _, answer = raw(
        emu,
        "POST",
        "v3/conversations",
        json.dumps({"isGroup": False, "members": [{"id": user_id}], "tenantId": TENANT}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 201
    return answer["id"]


def post(emu: BotConnectorEmulator, conversation_id: str, activity: Any) -> tuple[int, dict[str, str], Any]:
    return raw(
        emu,
        "POST",
        f"v3/conversations/{conversation_id}/activities",
        json.dumps(activity).encode(),
        {"Content-Type": "application/json"},
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def emu() -> Iterator[BotConnectorEmulator]:
    with BotConnectorEmulator() as emulator:
        emulator.add_user(ALICE, "Alice Martin", aad_object_id="aad-alice")
        emulator.add_user(BOB, "Bob Tremblay", tenant_id="tenant-2")
        yield emulator


# --------------------------------------------------------------------------- lifecycle


def test_service_url_has_a_trailing_slash_and_needs_a_started_emulator() -> None:
    emulator = BotConnectorEmulator()
    with pytest.raises(RuntimeError):
        _ = emulator.service_url
    with emulator:
        assert emulator.service_url.startswith("http://127.0.0.1:")
        assert emulator.service_url.endswith("/")
        with urllib.request.urlopen(emulator.service_url + "healthz", timeout=2) as response:
            assert response.read() == b"ok"


# --------------------------------------------------------------------------- the happy path with the SDK


def test_the_sdk_creates_a_chat_posts_a_card_updates_it_and_reads_members(emu: BotConnectorEmulator) -> None:
    async def scenario(conversations: Conversations) -> tuple[str, str, str, list[ChannelAccount]]:
        chat = await conversations.create_conversation(chat_with(ALICE))
        again = await conversations.create_conversation(chat_with(ALICE))
        assert again.id == chat.id
        sent = await conversations.send_to_conversation(chat.id, sdk_activity(card_activity(CARD, "Bonjour")))
        changed = dict(CARD, body=[{"type": "TextBlock", "text": "Rencontre enregistrée"}], actions=[])
        updated = await conversations.update_activity(chat.id, sent.id, sdk_activity(card_activity(changed)))
        assert updated.id == sent.id
        members = await conversations.get_conversation_members(chat.id)
        return chat.id, sent.id, updated.id, members

    chat_id, activity_id, _, members = with_client(emu, scenario)
    assert chat_id.startswith("a:")
    assert emu.conversation_of(ALICE) == chat_id
    assert emu.conversation_of(BOB) is None
    [posted] = emu.activities_for(ALICE)
    assert posted["id"] == activity_id
    assert "Votre rencontre du mois" in text_of(posted)
    assert text_of(emu.latest(activity_id)) == "Rencontre enregistrée"
    assert [text_of(update) for update in emu.updates(activity_id)] == ["Rencontre enregistrée"]
    assert [(m.id, m.name, m.aad_object_id) for m in members] == [(ALICE, "Alice Martin", "aad-alice")]
    assert members[0].tenant_id == TENANT


def test_replies_deletes_and_the_call_record(emu: BotConnectorEmulator) -> None:
    async def scenario(conversations: Conversations) -> tuple[str, str, str]:
        chat = await conversations.create_conversation(chat_with(ALICE))
        first = await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "Un"}))
        reply = await conversations.reply_to_activity(chat.id, first.id, sdk_activity({"type": "message", "text": "Deux"}))
        await conversations.send_to_conversation(chat.id, sdk_activity({"type": "typing"}))
        await conversations.delete_activity(chat.id, first.id)
        return chat.id, first.id, reply.id

    chat_id, first_id, reply_id = with_client(emu, scenario)
    assert [a["text"] for a in emu.activities(chat_id)] == ["Un", "Deux"]  # typing is not a message
    assert emu.activities()[1]["replyToId"] == first_id
    assert emu.is_deleted(first_id) and not emu.is_deleted(reply_id)
    calls = emu.calls
    assert [(c.method, c.status) for c in calls] == [
        ("POST", 201),
        ("POST", 201),
        ("POST", 201),
        ("POST", 201),
        ("DELETE", 200),
    ]
    assert all(isinstance(c, ConnectorCall) and c.succeeded for c in calls)
    assert calls[1] == ConnectorCall(
        method="POST",
        path=f"/v3/conversations/{chat_id}/activities",
        conversation_id=chat_id,
        activity_id=first_id,
        body={"type": "message", "text": "Un"},
        status=201,
        at=calls[1].at,
    )
    assert calls[2].activity_id == reply_id and calls[4].activity_id == first_id
    assert calls[0].conversation_id is None and calls[0].body is not None and calls[0].body["tenantId"] == TENANT
    assert calls[0].at <= calls[4].at
    with pytest.raises(KeyError):
        emu.latest("1:999")


def test_creating_a_chat_with_an_activity_posts_it(emu: BotConnectorEmulator) -> None:
    async def scenario(conversations: Conversations) -> Any:
        return await conversations.create_conversation(chat_with(ALICE, activity=sdk_activity(card_activity(CARD))))

    created = with_client(emu, scenario)
    assert created.activity_id == emu.activities_for(ALICE)[0]["id"]
    assert emu.calls[0].activity_id == created.activity_id


def test_url_encoded_conversation_ids_are_decoded(emu: BotConnectorEmulator) -> None:
    chat_id = open_chat(emu)
    encoded = urllib.parse.quote(chat_id, safe="")
    assert "%3A" in encoded
    status, _, answer = post(emu, encoded, {"type": "message", "text": "Bonjour"})
    assert status == 201
    assert emu.latest(answer["id"])["text"] == "Bonjour"
    assert emu.calls[-1].conversation_id == chat_id
    status, _, members = raw(emu, "GET", f"v3/conversations/{encoded}/members/{urllib.parse.quote(ALICE)}")
    assert (status, members["name"]) == (200, "Alice Martin")


def test_concurrent_posts_get_distinct_ids(emu: BotConnectorEmulator) -> None:
    async def scenario(conversations: Conversations) -> list[str]:
        chat = await conversations.create_conversation(chat_with(ALICE))
        sends = [
            conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": f"n{i}"}))
            for i in range(20)
        ]
        return [answer.id for answer in await asyncio.gather(*sends)]

    ids = with_client(emu, scenario)
    assert len(set(ids)) == 20
    assert sorted(a["text"] for a in emu.activities_for(ALICE)) == sorted(f"n{i}" for i in range(20))


# --------------------------------------------------------------------------- what Teams refuses


def test_unknown_or_foreign_members_are_forbidden(emu: BotConnectorEmulator) -> None:
    async def unknown(conversations: Conversations) -> Any:
        return await conversations.create_conversation(chat_with("29:1nobody"))

    async def other_tenant(conversations: Conversations) -> Any:
        return await conversations.create_conversation(chat_with(BOB))

    assert sdk_error(emu, unknown).status == 403
    assert sdk_error(emu, other_tenant).status == 403
    status, _, answer = raw(
        emu, "POST", "v3/conversations", json.dumps({"members": [{"id": "29:1nobody"}], "tenantId": TENANT}).encode()
    )
    assert status == 403 and answer["error"]["code"] == "Forbidden"


@pytest.mark.parametrize(
    "parameters",
    [
        {"isGroup": False, "members": [{"id": ALICE}]},  # no tenant
        {"isGroup": True, "members": [{"id": ALICE}], "tenantId": TENANT},
        {"isGroup": False, "members": [{"id": ALICE}, {"id": BOB}], "tenantId": TENANT},
        {"isGroup": False, "members": [], "tenantId": TENANT},
        {"isGroup": False, "members": [{"id": ALICE}], "tenantId": TENANT, "activity": {"type": "message"}},
    ],
)
def test_bad_conversation_parameters_are_refused(emu: BotConnectorEmulator, parameters: dict[str, Any]) -> None:
    status, _, answer = raw(emu, "POST", "v3/conversations", json.dumps(parameters).encode())
    assert status == 400 and answer["error"]["code"] == "BadArgument"
    assert emu.conversation_of(ALICE) is None


def test_the_tenant_may_come_in_channel_data(emu: BotConnectorEmulator) -> None:
    parameters = {"members": [{"id": ALICE}], "channelData": {"tenant": {"id": TENANT}}}
    status, _, answer = raw(emu, "POST", "v3/conversations", json.dumps(parameters).encode())
    assert status == 201 and answer == {"id": emu.conversation_of(ALICE)}


def test_unknown_conversations_and_activities_answer_404(emu: BotConnectorEmulator) -> None:
    async def send(conversations: Conversations) -> Any:
        return await conversations.send_to_conversation("a:404", sdk_activity({"type": "message", "text": "x"}))

    async def update(conversations: Conversations) -> Any:
        chat = await conversations.create_conversation(chat_with(ALICE))
        return await conversations.update_activity(chat.id, "1:404", sdk_activity({"type": "message", "text": "x"}))

    assert sdk_error(emu, send).status == 404
    assert sdk_error(emu, update).status == 404
    status, _, answer = raw(emu, "GET", "v3/conversations/a:404/members")
    assert status == 404 and answer["error"]["code"] == "ConversationNotFound"
    status, _, answer = raw(emu, "DELETE", f"v3/conversations/{emu.conversation_of(ALICE)}/activities/1:404")
    assert status == 404 and answer["error"]["code"] == "ActivityNotFoundInConversation"
    assert raw(emu, "GET", "v3/nothing")[0] == 404
    assert raw(emu, "GET", "v3/conversations/a:1/activities")[0] == 405


def test_an_activity_updated_in_another_conversation_is_unknown(emu: BotConnectorEmulator) -> None:
    emu.add_user("29:1carol", "Carol", tenant_id=TENANT)
    alice_chat, carol_chat = open_chat(emu), open_chat(emu, "29:1carol")
    _, _, answer = post(emu, alice_chat, {"type": "message", "text": "Pour Alice"})
    status, _, _ = raw(
        emu, "PUT", f"v3/conversations/{carol_chat}/activities/{answer['id']}", b'{"type": "message", "text": "x"}'
    )
    assert status == 404
    assert emu.updates(answer["id"]) == []


BROKEN_CARDS: dict[str, dict[str, Any]] = {
    "unknown element": dict(CARD, body=[{"type": "Textblock", "text": "typo"}]),
    "missing version": {k: v for k, v in CARD.items() if k != "version"},
    "body not a list": dict(CARD, body={"type": "TextBlock", "text": "x"}),
    "not an AdaptiveCard": dict(CARD, type="HeroCard"),
    "element without type": dict(CARD, body=[{"text": "x"}]),
    "action in the body": dict(CARD, body=[{"type": "Action.Submit", "title": "x"}]),
    "duplicate input ids": dict(CARD, body=[{"type": "Input.Text", "id": "a"}, {"type": "Input.Number", "id": "a"}]),
    "input without id": dict(CARD, body=[{"type": "Input.Text", "label": "x"}]),
    "submit data not an object": dict(CARD, actions=[{"type": "Action.Submit", "title": "x", "data": "save"}]),
    "unknown action": dict(CARD, actions=[{"type": "Action.Http", "title": "x"}]),
    "deep unknown element": dict(
        CARD,
        body=[
            {
                "type": "ColumnSet",
                "columns": [{"type": "Column", "items": [{"type": "Container", "items": [{"type": "Frame"}]}]}],
            }
        ],
    ),
    "unknown element in a shown card": dict(
        CARD,
        actions=[{"type": "Action.ShowCard", "title": "x", "card": {"type": "AdaptiveCard", "body": [{"type": "Bad"}]}}],
    ),
    "input id reused in a shown card": dict(
        CARD,
        body=[{"type": "Input.Text", "id": "a"}],
        actions=[
            {
                "type": "Action.ShowCard",
                "title": "x",
                "card": {"type": "AdaptiveCard", "body": [{"type": "Input.Text", "id": "a"}]},
            }
        ],
    ),
    "action set with a bad action": dict(CARD, body=[{"type": "ActionSet", "actions": [{"title": "no type"}]}]),
    # Properties the 1.5 schema does not give the element (bot/demo/card_schema.py).
    "isSubtle on a RichTextBlock": dict(CARD, body=[{"type": "RichTextBlock", "isSubtle": True,
                                                     "inlines": [{"type": "TextRun", "text": "x"}]}]),
    "size on a RichTextBlock": dict(CARD, body=[{"type": "RichTextBlock", "size": "Small", "inlines": ["x"]}]),
    "wrap on a TextRun": dict(CARD, body=[{"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": "x",
                                                                                 "wrap": True}]}]),
    "inlines on a TextBlock": dict(CARD, body=[{"type": "TextBlock", "text": "x", "inlines": []}]),
    "unknown card property": dict(CARD, colour="red"),
    "unknown action property": dict(CARD, actions=[{"type": "Action.Submit", "title": "x", "verb": "save"}]),
    "unknown fact property": dict(CARD, body=[{"type": "FactSet", "facts": [{"title": "a", "value": "b", "x": 1}]}]),
    "unknown column property": dict(CARD, body=[{"type": "ColumnSet", "columns": [{"type": "Column", "wrap": True}]}]),
}


@pytest.mark.parametrize("card", BROKEN_CARDS.values(), ids=BROKEN_CARDS.keys())
def test_invalid_cards_are_refused_with_400(emu: BotConnectorEmulator, card: dict[str, Any]) -> None:
    async def scenario(conversations: Conversations) -> Any:
        chat = await conversations.create_conversation(chat_with(ALICE))
        return await conversations.send_to_conversation(chat.id, sdk_activity(card_activity(card)))

    error = sdk_error(emu, scenario)
    assert error.status == 400
    assert json.loads(error.message)["error"]["code"] == "BadArgument"
    assert emu.activities() == []
    assert (emu.calls[-1].status, emu.calls[-1].succeeded) == (400, False)


def test_the_look_of_a_rich_text_goes_on_its_run_and_teams_extensions_pass(emu: BotConnectorEmulator) -> None:

    block = cards.typed_text("as typed", isSubtle=True, size="Small", weight="Bolder", spacing="Small", separator=True)
    assert block == {"type": "RichTextBlock", "spacing": "Small", "separator": True,
                     "inlines": [{"type": "TextRun", "text": "as typed", "isSubtle": True, "size": "Small",
                                  "weight": "Bolder"}]}
    picker = {"type": "Input.ChoiceSet", "id": "who", "choices": [],
              "choices.data": {"type": "Data.Query", "dataset": "graph.microsoft.com/users"}}
    content = cards.card([block, picker])  # carries Teams' msteams width

    async def scenario(conversations: Conversations) -> Any:
        chat = await conversations.create_conversation(chat_with(ALICE))
        return await conversations.send_to_conversation(chat.id, sdk_activity(card_activity(content)))

    with_client(emu, scenario)
    assert len(emu.activities()) == 1


@pytest.mark.parametrize(
    "activity",
    [
        {"text": "no type"},
        {"type": "message"},
        {"type": "message", "text": ""},
        {"type": "message", "attachments": [{"content": {}}]},
        {"type": "message", "text": 12},
        ["not", "an", "object"],
    ],
)
def test_invalid_activities_are_refused_with_400(emu: BotConnectorEmulator, activity: Any) -> None:
    status, _, answer = post(emu, open_chat(emu), activity)
    assert status == 400 and answer["error"]["code"] == "BadArgument"
    assert emu.activities() == []


def test_a_body_that_is_not_json_is_refused_and_recorded(emu: BotConnectorEmulator) -> None:
    chat_id = open_chat(emu)
    status, _, answer = raw(emu, "POST", f"v3/conversations/{chat_id}/activities", b"{not json")
    assert status == 400 and answer["error"]["code"] == "BadSyntax"
    assert (emu.calls[-1].body, emu.calls[-1].status) == (None, 400)


def test_an_update_is_validated_too(emu: BotConnectorEmulator) -> None:
    chat_id = open_chat(emu)
    _, _, answer = post(emu, chat_id, card_activity(CARD))
    broken = json.dumps(card_activity(BROKEN_CARDS["unknown element"])).encode()
    status, _, _ = raw(emu, "PUT", f"v3/conversations/{chat_id}/activities/{answer['id']}", broken)
    assert status == 400
    assert emu.updates(answer["id"]) == [] and emu.latest(answer["id"])["attachments"][0]["content"] == CARD


def test_oversize_activities_answer_413() -> None:
    with BotConnectorEmulator(max_activity_bytes=2_000) as emulator:
        emulator.add_user(ALICE, "Alice")

        async def scenario(conversations: Conversations) -> Any:
            chat = await conversations.create_conversation(chat_with(ALICE))
            await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "é" * 900}))
            return await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "é" * 1_100}))

        error = sdk_error(emulator, scenario)
        assert error.status == 413
        assert json.loads(error.message)["error"]["code"] == "MessageSizeTooBig"
        assert len(emulator.activities()) == 1


def test_the_default_size_limit_is_teams_28_kb(emu: BotConnectorEmulator) -> None:
    chat_id = open_chat(emu)
    assert post(emu, chat_id, {"type": "message", "text": "x" * 27_000})[0] == 201
    assert post(emu, chat_id, {"type": "message", "text": "x" * 28_000})[0] == 413


# --------------------------------------------------------------------------- authentication


def test_a_token_is_required_when_set() -> None:
    with BotConnectorEmulator(token="secret-token") as emulator:
        emulator.add_user(ALICE, "Alice")

        async def scenario(conversations: Conversations) -> str:
            return (await conversations.create_conversation(chat_with(ALICE))).id

        assert with_client(emulator, scenario, token="secret-token").startswith("a:")
        assert sdk_error(emulator, scenario, token="wrong-token").status == 401
        assert sdk_error(emulator, scenario).status == 401  # token="" sends no Authorization header
        status, _, answer = raw(emulator, "GET", f"v3/conversations/{emulator.conversation_of(ALICE)}/members")
        assert status == 401 and answer["error"]["code"] == "Unauthorized"
        assert [call.status for call in emulator.calls] == [201, 401, 401, 401]


# --------------------------------------------------------------------------- failure injection


def test_an_injected_429_carries_retry_after(emu: BotConnectorEmulator) -> None:
    emu.fail(429, retry_after=2, method="POST", path_contains="/activities")

    async def scenario(conversations: Conversations) -> Any:
        chat = await conversations.create_conversation(chat_with(ALICE))  # not /activities: not failed
        return await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "x"}))

    error = sdk_error(emu, scenario)
    assert error.status == 429
    assert error.headers["Retry-After"] == "2"
    assert json.loads(error.message)["error"]["code"] == "Throttled"
    assert emu.activities() == []
    assert post(emu, emu.conversation_of(ALICE) or "", {"type": "message", "text": "x"})[0] == 201  # used up
    assert emu.throttled == 0  # injected failures are not throttling


def test_a_fractional_retry_after_is_kept(emu: BotConnectorEmulator) -> None:
    emu.fail(429, retry_after=0.25)
    status, headers, _ = raw(emu, "GET", "v3/conversations/a:1/members")
    assert (status, headers["Retry-After"]) == (429, "0.25")


@pytest.mark.parametrize("status", [412, 500, 502, 504])
def test_injected_statuses_reach_the_sdk(emu: BotConnectorEmulator, status: int) -> None:
    emu.fail(status, times=2, method="PUT")

    async def scenario(conversations: Conversations) -> Any:
        chat = await conversations.create_conversation(chat_with(ALICE))
        sent = await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "x"}))
        for _ in range(2):
            with pytest.raises(aiohttp.ClientResponseError) as excinfo:
                await conversations.update_activity(chat.id, sent.id, sdk_activity({"type": "message", "text": "y"}))
            assert excinfo.value.status == status
            assert "Retry-After" not in excinfo.value.headers
        return await conversations.update_activity(chat.id, sent.id, sdk_activity({"type": "message", "text": "z"}))

    with_client(emu, scenario)
    assert [c.status for c in emu.calls] == [201, 201, status, status, 200]
    assert [u["text"] for u in emu.updates(emu.activities()[0]["id"])] == ["z"]


def test_hang_delays_the_next_call_only(emu: BotConnectorEmulator) -> None:
    emu.hang(0.3)
    started = time.monotonic()
    assert raw(emu, "GET", "v3/conversations/a:1/members")[0] == 404
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    raw(emu, "GET", "v3/conversations/a:1/members")
    assert time.monotonic() - started < 0.3


def test_stop_releases_a_hung_call() -> None:
    emulator = BotConnectorEmulator().start()
    emulator.hang(30)
    url = emulator.service_url
    outcome: list[float] = []

    def call() -> None:
        started = time.monotonic()
        with contextlib.suppress(OSError):  # answered 404 or cut off: either way, released
            urllib.request.urlopen(url + "v3/conversations/a:1/members", timeout=10)
        outcome.append(time.monotonic() - started)

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.1)
    emulator.stop()
    worker.join(timeout=5)
    assert outcome and outcome[0] < 5


def test_clear_failures_drops_rules(emu: BotConnectorEmulator) -> None:
    emu.fail(500, times=5)
    emu.enforce_limits(per_second=1)
    emu.clear_failures()
    chat_id = open_chat(emu)
    assert [post(emu, chat_id, {"type": "message", "text": "x"})[0] for _ in range(3)] == [201, 201, 201]


# --------------------------------------------------------------------------- Teams' rate limits


def test_enforce_limits_throttles_the_eighth_message_within_a_second() -> None:
    clock = FakeClock()
    with BotConnectorEmulator(clock=clock) as emulator:
        emulator.add_user(ALICE, "Alice")
        emulator.add_user("29:1carol", "Carol")
        emulator.enforce_limits()

        async def scenario(conversations: Conversations) -> None:
            chat = await conversations.create_conversation(chat_with(ALICE))
            for i in range(7):
                clock.now += 0.1
                await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": f"m{i}"}))
            with pytest.raises(aiohttp.ClientResponseError) as excinfo:
                await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "m7"}))
            assert excinfo.value.status == 429
            assert excinfo.value.headers["Retry-After"] == "1"
            other = await conversations.create_conversation(chat_with("29:1carol"))  # limits are per conversation
            await conversations.send_to_conversation(other.id, sdk_activity({"type": "message", "text": "c"}))
            clock.now += 0.45  # the first message (at +0.1) has left the window: 6 remain
            await conversations.send_to_conversation(chat.id, sdk_activity({"type": "message", "text": "m7"}))

        with_client(emulator, scenario)
        assert emulator.throttled == 1
        assert [a["text"] for a in emulator.activities_for(ALICE)] == [f"m{i}" for i in range(8)]


def test_enforce_limits_counts_sixty_calls_in_thirty_seconds() -> None:
    clock = FakeClock()
    with BotConnectorEmulator(clock=clock) as emulator:
        emulator.add_user(ALICE, "Alice")
        emulator.enforce_limits(per_second=7, per_30_seconds=60)
        chat_id = open_chat(emulator)
        start = clock.now
        for _ in range(60):
            clock.now += 0.25  # 4 a second: never over the 1-second limit
            assert post(emulator, chat_id, {"type": "message", "text": "x"})[0] == 201
        clock.now += 0.25  # at start + 15.25 s: the first call (start + 0.25) leaves the window at start + 30.25
        status, headers, answer = post(emulator, chat_id, {"type": "message", "text": "x"})
        assert (status, answer["error"]["code"], headers["Retry-After"]) == (429, "Throttled", "15")
        clock.now = start + 30.25
        assert post(emulator, chat_id, {"type": "message", "text": "x"})[0] == 201
        assert emulator.throttled == 1


def test_limits_are_off_by_default(emu: BotConnectorEmulator) -> None:
    chat_id = open_chat(emu)
    assert {post(emu, chat_id, {"type": "message", "text": "x"})[0] for _ in range(10)} == {201}
    assert emu.throttled == 0


# --------------------------------------------------------------------------- reading cards


def test_text_of_reads_every_visible_string() -> None:
    text = text_of(card_activity(CARD, "Bonjour Alice"))
    assert text.split("\n") == [
        "Bonjour Alice",
        "Votre rencontre du mois",
        "Avec Bob",
        "Date",
        "23 novembre",
        "Notes",
        "Vos notes",
        "ok",
        "La rencontre a eu lieu",
        "Humeur",
        "Bien",
        "Moyen",
        "Enregistrer",
        "Guide",
        "Reporter",
        "Nouvelle date",
        "Confirmer",
    ]


def test_text_of_plain_and_hero_activities() -> None:
    assert text_of({"type": "message", "text": "Salut"}) == "Salut"
    hero = {
        "contentType": "application/vnd.microsoft.card.hero",
        "content": {"title": "Titre", "text": "Corps", "buttons": [{"type": "imBack", "title": "Oui"}]},
    }
    assert text_of({"type": "message", "attachments": [hero]}) == "Titre\nCorps\nOui"


def test_card_actions_and_inputs() -> None:
    activity = card_activity(CARD)
    assert card_actions(activity) == [("Enregistrer", {"verb": "save", "id": 7}), ("Confirmer", {"id": 7})]
    inputs = card_inputs(activity)
    assert list(inputs) == ["notes", "held", "mood", "new_date"]
    assert inputs["notes"]["value"] == "ok"
    assert inputs["mood"]["errorMessage"] == "Choisissez"
    assert card_actions({"type": "message", "text": "x"}) == [] and card_inputs({}) == {}
