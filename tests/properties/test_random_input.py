"""Whatever people type or pick, the bot answers in their language, never fails, never half-writes."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.commands import parse
from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Convention, Reminder

FRENCH = ("Je ne connais pas", "ce que vous pouvez faire", "réservé à", "aucune convention", "Choisissez",
          "rappels")
ENGLISH = ("what you can do", "I don't know", "is for:", "no ongoing agreement", "Choose `")

words = st.sampled_from(["aide", "statut", "jumeler", "convention", "coordonnateurs", "help", "pair", "status",
                         "<@UMENTOR>", "<@UMENTEE|sam>", "<!channel>", "*gras*", "`code`", "<https://x.y|lien>",
                         "éàçœ", "🎉👩🏽‍🏫", "עברית", "2026-12-01", "&lt;", "\u200b"])
texts = st.one_of(
    st.lists(words, max_size=6).map(" ".join),
    st.text(max_size=80),
    st.text(min_size=3000, max_size=3500),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


@SETTINGS
@given(text=texts)
def test_any_command_text_gets_an_answer_in_french(bot: Harness, text: str) -> None:
    parsed = parse(text)
    assume(parsed.command is None or parsed.command.name != "langue")
    before = len(bot.emulator.responses())
    answer = bot.command("UOTHER", text)
    assert answer.status == 200
    responses = bot.emulator.responses()
    assert len(responses) == before + 1, "exactly one answer"
    shown = text_of(responses[-1]) + responses[-1].get("text", "")
    assert any(marker in shown for marker in FRENCH), shown[:300]
    assert not any(marker in shown for marker in ENGLISH)
    with bot.session_factory() as session:
        assert session.scalar(select(func.count(Convention.id))) == 0


users = st.sampled_from([None, "UMENTOR", "UMENTEE", "UROBOT", "UNOBODY", "UCOORD", "UMENTOR2"])
dates = st.one_of(st.none(), st.sampled_from(["2026-12-01", "2026-11-23", "2020-01-01", "2031-05-05", "2026-13-01",
                                              "demain", ""]), st.text(max_size=12))


@SETTINGS
@given(mentor=users, mentee=users, start=dates)
def test_any_pairing_form_is_either_refused_on_a_field_or_fully_done(bot: Harness, mentor, mentee, start) -> None:  # type: ignore[no-untyped-def]
    view = {"id": "VPAIR", "type": "modal", "callback_id": "pairing-form-submit", "private_metadata": ""}
    values = {
        "pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": mentor}},
        "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": mentee}},
        "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": start}},
    }
    with bot.session_factory() as session:
        before = session.scalar(select(func.count(Convention.id))) or 0
    answer = bot.submit_view("UCOORD", view, values)
    assert answer.status == 200
    with bot.session_factory() as session:
        after = session.scalar(select(func.count(Convention.id))) or 0
        invitations = session.scalar(select(func.count(Reminder.id)).where(Reminder.kind == "convention_invite"))
    if answer.body:
        errors = answer.json()["errors"]
        assert set(errors) <= {"pairing-mentor", "pairing-mentee", "pairing-start"} and errors
        assert all(message.strip() for message in errors.values())
        assert after == before, "a refused form writes nothing"
    assert invitations == 2 * after, "every convention has exactly its two invitations"
