"""What reaches `POST /slack/events` from an attacker: nothing runs unless Slack signed it, and only once.

Each refused request must leave no trace at all: no row in any table, no Web API call, no reply
to a response_url, no work queued.
"""

from __future__ import annotations

import io
import json
import time
import urllib.error
import urllib.parse
from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot.demo.forms import differend_values, meeting_values, text_values
from bot.demo.harness import SIGNING_SECRET, Harness
from bot.demo.slack_requests import SlackSigner, form_body, payload_body, post
from bot.services.typed_text import REPLACEMENT
from handlers.slack.gate import SlackGate
from storage.models import Base, Convention, Dispute, Meeting, Note, ProgrammeCoordinator, SeenRequest
from tests.scenarios.dispute_helpers import SECRET, raise_differend
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.log_capture import captured_log
from tests.scenarios.meeting_helpers import last_view, propose

FORM = "application/x-www-form-urlencoded"


def snapshot(bot: Harness) -> dict[str, Any]:
    """Everything a request could have changed: every table's row count, the Web API calls, the replies."""
    bot.executor.drain()
    with bot.session_factory() as session:
        counts = {table.name: session.scalar(select(func.count()).select_from(table))
                  for table in Base.metadata.sorted_tables}
    return {"rows": counts, "calls": len(bot.emulator.calls()), "replies": len(bot.emulator.responses())}


def command_body(bot: Harness, user: str, text: str, *, response_url: str | None = None) -> str:
    return form_body({"team_id": "T0TEST", "user_id": user, "command": "/mentorat", "text": text,
                      "response_url": response_url or bot.emulator.response_url(), "trigger_id": "t1",
                      "api_app_id": "A0MENTORAT"})


ADD_COORDINATOR = "coordonnateurs ajouter <@UOTHER>"


@pytest.mark.parametrize("timestamp", ["abc", "", "1.5", "-5", "0x10", " 1700000000", "9" * 30, "1e9", "²"])
def test_a_malformed_timestamp_is_refused_with_no_effect(bot: Harness, timestamp: str) -> None:
    before = snapshot(bot)
    body = command_body(bot, "UCOORD", ADD_COORDINATOR)
    answer = post(bot.events_url, body, {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=bogus"},
                  FORM)
    assert answer.status == 401
    assert snapshot(bot) == before


@pytest.mark.parametrize("headers", [
    {},
    {"X-Slack-Signature": "v0=" + "0" * 64},
    {"X-Slack-Request-Timestamp": "{now}"},
    {"X-Slack-Request-Timestamp": "{now}", "X-Slack-Signature": "v0=" + "0" * 64},
    {"X-Slack-Request-Timestamp": "{now}", "X-Slack-Signature": "v1=anything"},
    {"X-Slack-Request-Timestamp": "{future}", "X-Slack-Signature": "{signed}"},
    {"X-Slack-Request-Timestamp": "{stale}", "X-Slack-Signature": "{signed}"},
    {"X-Slack-Request-Timestamp": "{now}", "X-Slack-Signature": "{other_secret}"},
], ids=["none", "no-timestamp", "no-signature", "zeros", "other-scheme", "future", "stale", "other-secret"])
def test_an_unsigned_command_adds_no_coordinator(bot: Harness, headers: dict[str, str]) -> None:
    before = snapshot(bot)
    body = command_body(bot, "UCOORD", ADD_COORDINATOR)
    now = int(time.time())
    for moment, name in ((now + 6 * 60, "future"), (now - 6 * 60, "stale")):
        if headers.get("X-Slack-Request-Timestamp") == "{" + name + "}":
            headers = {**headers, "X-Slack-Request-Timestamp": str(moment)}
    ts = headers.get("X-Slack-Request-Timestamp", "").replace("{now}", str(now))
    values = {"{now}": str(now), "{signed}": bot.signer.headers(body, timestamp=int(ts or 0))["X-Slack-Signature"],
              "{other_secret}": SlackSigner("another-secret").headers(body, timestamp=now)["X-Slack-Signature"]}
    sent = {name: values.get(value, value) for name, value in headers.items()}
    assert post(bot.events_url, body, sent, FORM).status == 401
    assert snapshot(bot) == before
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(ProgrammeCoordinator.id))) == 0


def test_an_altered_body_is_refused(bot: Harness) -> None:
    before = snapshot(bot)
    body = command_body(bot, "UCOORD", "aide")
    headers = bot.signer.headers(body)
    altered = body.replace("aide", urllib.parse.quote(ADD_COORDINATOR))
    assert post(bot.events_url, altered, headers, FORM).status == 401
    assert snapshot(bot) == before


def test_an_unsigned_click_does_not_take_a_differend_or_post_its_text(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    raise_differend(bot, "UMENTOR")
    dispute_id = str(next(iter(disputes_of(bot))).id)
    before = snapshot(bot)
    attacker_url = bot.emulator.response_url("attacker")
    payload = {"type": "block_actions", "team": {"id": "T0TEST"}, "user": {"id": "UCOORD", "team_id": "T0TEST"},
               "actions": [{"action_id": "dispute-case-take", "value": dispute_id, "type": "button"}],
               "response_url": attacker_url, "trigger_id": "t9", "api_app_id": "A0MENTORAT"}
    answer = post(bot.events_url, payload_body(payload), {"X-Slack-Request-Timestamp": "abc",
                                                          "X-Slack-Signature": "v0=forged"}, FORM)
    assert answer.status == 401
    assert snapshot(bot) == before
    assert bot.emulator.responses("attacker") == []
    assert next(iter(disputes_of(bot))).status == "open"


@pytest.mark.parametrize("megabytes", [1.5, 5])
def test_a_body_far_larger_than_slack_sends_is_refused_unread(bot: Harness, megabytes: float) -> None:
    """Past 1 MB the gate answers 413 without reading it; past 2 MB waitress refuses it before any route
    (and may reset the connection while the client is still sending)."""
    before = snapshot(bot)
    huge = "text=" + "x" * int(megabytes * 1024 * 1024)
    try:
        status = post(bot.events_url, huge, {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=x"},
                      FORM).status
    except (urllib.error.URLError, ConnectionError):
        status = 413 if megabytes > 2 else 0  # reset mid-upload: refused all the same
    assert status == 413
    assert snapshot(bot) == before


@pytest.mark.parametrize("payload", [
    "not json", "[]", "null", "42", '{"type": 5}', '{"no": "type"}',
    '{"type": "block_actions", "actions": "take"}',
    '{"type": "block_actions", "actions": []}',
    '{"type": "block_actions", "actions": [1, 2]}',
    '{"type": "block_actions", "user": "UCOORD", "actions": [{"action_id": "x"}]}',
    '{"type": "view_submission", "view": {"state": {"values": []}}}',
    '{"type": "view_submission", "view": {"state": {"values": {"b": "x"}}}}',
    '{"type": "view_submission", "view": "x"}',
    '{"type": "block_actions", "user": {"id": "UMENTOR"}, "actions": [{"action_id": "x"}], "response_url": "0"}',
])
def test_a_signed_payload_slack_never_sends_gets_400_and_runs_nothing(bot: Harness, payload: str) -> None:
    before = snapshot(bot)
    body = urllib.parse.urlencode({"payload": payload})
    assert post(bot.events_url, body, bot.signer.headers(body), FORM).status == 400
    assert snapshot(bot) == before


@pytest.mark.parametrize("body", ["[]", "null", '{"type": "event_callback", "event": "x"}', "{"])
def test_a_signed_event_slack_never_sends_gets_400(bot: Harness, body: str) -> None:
    before = snapshot(bot)
    assert post(bot.events_url, body, bot.signer.headers(body), "application/json").status == 400
    assert snapshot(bot) == before


@pytest.mark.both_databases
def test_a_replayed_note_is_saved_once(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    body = command_body(bot, "UMENTEE", "notes Ce que je retiens de la rencontre")
    headers = bot.signer.headers(body)
    answers = [post(bot.events_url, body, headers, FORM) for _ in range(10)]
    bot.executor.drain()
    assert [a.status for a in answers] == [200] * 10  # answered each time, carried out once
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(Note.id))) == 1


def test_a_replayed_agenda_reaches_the_mentor_once(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    body = command_body(bot, "UMENTEE", "ordre-du-jour Mon projet de mobilité")
    headers = bot.signer.headers(body)
    for _ in range(5):
        post(bot.events_url, body, headers, FORM)
    bot.executor.drain()
    agendas = [m for m in bot.emulator.messages_to("UMENTOR") if "mobilité" in json.dumps(m, ensure_ascii=False)]
    assert len(agendas) == 1


def test_slack_retrying_an_event_runs_it_once(bot: Harness) -> None:
    event = {"type": "app_home_opened", "user": "UOTHER", "channel": "DUOTHER", "tab": "home", "event_ts": "1.0"}
    for retry in (None, 1, 2):
        assert bot.event(event, event_id="EvSame", retry_num=retry).status == 200
    assert len(bot.emulator.calls("views.publish")) == 1
    bot.event(event)  # another event (its own id) is run
    assert len(bot.emulator.calls("views.publish")) == 2


def test_the_replay_record_is_forgotten_after_the_signature_window(bot: Harness) -> None:
    """The gate's record is purged once older than twice the window (such a request is refused anyway)."""
    moment = [time.time()]
    gate = SlackGate(bot.mentorat.bolt, SIGNING_SECRET, bot.engine, wall_clock=lambda: moment[0])
    signer = SlackSigner(SIGNING_SECRET, clock=lambda: moment[0])

    def send(text: str) -> int:
        body = command_body(bot, "UOTHER", text)
        return gate.answer(environ(body, signer.headers(body))).status

    assert send("aide") == 200
    assert seen(bot) == 1
    moment[0] += 5 * 60 - 1  # still within the window: kept, another request adds its own
    assert send("statut") == 200 and seen(bot) == 2
    moment[0] += 2 * 5 * 60 + 1  # both older than twice the window: forgotten at the next request
    assert send("aide") == 200 and seen(bot) == 1


def environ(body: str, headers: dict[str, str]) -> dict[str, Any]:
    raw = body.encode()
    env: dict[str, Any] = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "CONTENT_TYPE": FORM,
                           "CONTENT_LENGTH": str(len(raw)), "wsgi.input": io.BytesIO(raw), "QUERY_STRING": ""}
    env |= {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    return env


def seen(bot: Harness) -> int:
    with bot.session_factory() as session:
        return session.scalar(select(func.count()).select_from(SeenRequest)) or 0


@pytest.mark.both_databases
def test_nul_bytes_and_lone_surrogates_are_cleaned_not_crashed_on(bot: Harness) -> None:
    """PostgreSQL refuses a NUL in text, and a lone surrogate cannot be encoded: both would lose the text."""
    pair_and_accept(bot, start="2026-11-23")
    assert bot.command("UMENTEE", "notes avant\x00après").status == 200
    raise_differend(bot, "UMENTOR", summary="il a dit \ud83d puis \x00 s'est tu")
    propose(bot, "UMENTEE", "2026-12-03", "10:00")
    with bot.session_factory() as session:
        assert session.scalars(select(Note.body)).all() == ["avantaprès"]
        assert session.scalars(select(Dispute.summary)).all() == [f"il a dit {REPLACEMENT} puis  s'est tu"]
        assert session.scalar(select(func.count(Meeting.id))) == 1


@pytest.mark.both_databases
def test_a_refused_form_is_answered_with_an_explanation_over_it(bot: Harness) -> None:
    """A stale form (its convention ended meanwhile) is explained in a modal pushed over it, never a 500."""
    bot.command("UOTHER", "aide")
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "differend")
    form = last_view(bot, "differend-form-submit")
    with bot.session_factory.begin() as session:
        session.execute(update(Convention).values(status="closed"))
    answer = bot.submit_view("UMENTEE", form, differend_values(SECRET))
    assert answer.status == 200
    pushed = answer.json()
    assert pushed["response_action"] == "push"
    assert pushed["view"]["close"]["text"] == "Back to the form"  # Sam reads English
    assert "not running" in json.dumps(pushed["view"]["blocks"])
    assert disputes_of(bot) == []


def test_field_errors_still_show_on_the_field(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "ordre-du-jour")
    answer = bot.submit_view("UMENTEE", last_view(bot, "agenda-form-submit"),
                             text_values("meeting-agenda", "meeting-agenda-input", "   "))
    assert answer.status == 200 and answer.json()["response_action"] == "errors"


def disputes_of(bot: Harness) -> list[Dispute]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Dispute).order_by(Dispute.id)))


def test_what_the_gate_checked_is_what_runs(bot: Harness) -> None:
    """Bolt alone reads any body with the word "payload" as a payload: a note about one was lost."""
    pair_and_accept(bot, start="2026-11-23")
    assert bot.command("UMENTEE", "notes le payload de la fusée est prêt").status == 200
    with bot.session_factory() as session:
        assert session.scalars(select(Note.body)).all() == ["le payload de la fusée est prêt"]


def test_a_form_field_sent_twice_is_refused(bot: Harness) -> None:
    before = snapshot(bot)
    good = json.dumps({"type": "block_actions", "user": {"id": "UMENTOR"}, "actions": [{"action_id": "x"}]})
    body = urllib.parse.urlencode([("payload", good), ("payload", "[]")])
    assert post(bot.events_url, body, bot.signer.headers(body), FORM).status == 400
    assert snapshot(bot) == before


def test_an_event_that_failed_is_run_again_when_slack_retries(bot: Harness) -> None:
    """The replay record is taken back when the app could not carry the request out (an error answer)."""
    from slack_bolt import BoltResponse

    failures = [True]

    def fail_once(req: Any, resp: Any, next: Any) -> Any:
        if req.body.get("type") == "event_callback" and failures:
            failures.pop()
            return BoltResponse(status=500, body="")
        return next()

    bot.mentorat.bolt.use(fail_once)
    event = {"type": "app_home_opened", "user": "UOTHER", "channel": "DUOTHER", "tab": "home", "event_ts": "1.0"}
    assert bot.event(event, event_id="EvFlaky").status == 500
    assert bot.event(event, event_id="EvFlaky", retry_num=1).status == 200
    assert len(bot.emulator.calls("views.publish")) == 1


def send_payload(bot: Harness, payload: Any) -> Any:
    body = payload_body(payload)
    answer = post(bot.events_url, body, bot.signer.headers(body), FORM)
    bot.executor.drain()
    return answer


def submission(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {"type": "view_submission", "team": {"id": "T0TEST"}, "user": {"id": "UMENTOR", "team_id": "T0TEST"},
            "api_app_id": "A0MENTORAT", "trigger_id": "t1", "view": {**view, "id": "V1", "state": {"values": values}}}


@pytest.mark.parametrize("change", ["superscript duration", "ids of another type", "a huge id", "no user",
                                    "nested two hundred deep"])
def test_an_altered_form_is_answered_without_a_crash(bot: Harness, change: str) -> None:
    pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTOR", "prochaine-rencontre")
    view, values = last_view(bot), meeting_values("2026-12-07", "10:00")
    if change == "superscript duration":
        values["meeting-duration"]["meeting-duration-select"]["selected_option"]["value"] = "\u00b2"  # "²".isdigit()
    elif change in ("ids of another type", "a huge id"):
        meta = {"team_id": "T0TEST", "kind": "new", "convention_id": [1] if change.startswith("ids") else 10**30}
        view = {**view, "private_metadata": json.dumps(meta)}
    payload = submission(view, values)
    if change == "no user":
        del payload["user"]
    if change == "nested two hundred deep":
        deep: Any = "x"
        for _ in range(200):
            deep = [deep]
        payload["view"]["state"]["values"]["meeting-agenda"] = {"meeting-agenda-input": {"value": None, "x": deep}}
    with captured_log() as log:
        answer = send_payload(bot, payload)
    assert answer.status < 500
    assert not [m for m in log.messages() if m.startswith("unexpected")]
    if change in ("no user", "nested two hundred deep"):
        assert answer.status == 400  # not what Slack sends: refused before anything runs
