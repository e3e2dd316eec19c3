"""Whatever people type or pick, the bot answers in their language, never fails, never half-writes.

Each Hypothesis example gets a clean state of its own (a fresh copy of the migrated SQLite template, a
fresh Slack emulator and bot), so that an example's outcome cannot depend on what an earlier one wrote.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.commands import parse
from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator, button_value, text_of
from storage.models import Convention, ConventionStatus, Person, Reminder
from tests.support.people import DEFAULT_NOW, add_people

FRENCH = ("Je ne connais pas", "ce que vous pouvez faire", "réservé à", "aucune convention", "Choisissez",
          "rappels")
ENGLISH = ("what you can do", "I don't know", "is for:", "no ongoing agreement", "Choose `")

SETTINGS = settings(max_examples=25, deadline=None)


@pytest.fixture(scope="module")
def fresh_bot(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Start a bot with nothing written yet (module-scoped, so Hypothesis runs it once per example)."""
    folder = tmp_path_factory.mktemp("examples")

    @contextlib.contextmanager
    def start() -> Iterator[Harness]:
        database = folder / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(sqlite_template, database)
        emulator = add_people(SlackEmulator(team_id="T0TEST")).start()
        harness = start_harness(f"sqlite:///{database}", emulator, now=DEFAULT_NOW, coordinators=("UCOORD",))
        try:
            yield harness
        finally:
            harness.close()
            emulator.stop()
            database.unlink()

    return start


words = st.sampled_from(["aide", "statut", "jumeler", "convention", "coordonnateurs", "help", "pair", "status",
                         "<@UMENTOR>", "<@UMENTEE|sam>", "<!channel>", "*gras*", "`code`", "<https://x.y|lien>",
                         "éàçœ", "🎉👩🏽‍🏫", "עברית", "2026-12-01", "&lt;", "\u200b"])
texts = st.one_of(
    st.lists(words, max_size=6).map(" ".join),
    st.text(max_size=80),
    st.text(min_size=3000, max_size=3500),
)


@SETTINGS
@given(text=texts)
def test_any_command_text_gets_an_answer_in_french(fresh_bot, text: str) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(text)
    assume(parsed.command is None or parsed.command.name != "langue")
    with fresh_bot() as bot:
        answer = bot.command("UOTHER", text)
        assert answer.status == 200
        responses = bot.emulator.responses()
        assert len(responses) == 1, "exactly one answer"
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
@example(mentor="UMENTOR", mentee="UMENTEE", start="2026-12-01")  # done, whatever the random draws
@example(mentor="UMENTOR", mentee="UROBOT", start="2026-12-01")  # refused on a field
def test_any_pairing_form_is_either_refused_on_a_field_or_fully_done(fresh_bot, mentor, mentee, start) -> None:  # type: ignore[no-untyped-def]
    view = {"id": "VPAIR", "type": "modal", "callback_id": "pairing-form-submit", "private_metadata": ""}
    values = {
        "pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": mentor}},
        "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": mentee}},
        "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": start}},
    }
    with fresh_bot() as bot:
        answer = bot.submit_view("UCOORD", view, values)
        assert answer.status == 200
        with bot.session_factory() as session:
            conventions = session.scalars(select(Convention)).all()
            invited = session.scalars(select(Person.external_id).join(Reminder, Reminder.recipient_id == Person.id)
                                      .where(Reminder.kind == "convention_invite")).all()
            pair = [(session.get(Person, c.mentor_id).external_id, session.get(Person, c.mentee_id).external_id,
                     c.starts_on, c.status) for c in conventions]
        if answer.body:
            errors = answer.json()["errors"]
            assert set(errors) <= {"pairing-mentor", "pairing-mentee", "pairing-start"} and errors
            assert all(message.strip() for message in errors.values())
            assert pair == [] and invited == [], "a refused form writes nothing"
            return
        # Not refused: then fully done, exactly as asked, and both invited.
        assert start, "a form without a date is refused on its field"
        assert pair == [(mentor, mentee, date.fromisoformat(start), ConventionStatus.AWAITING_SIGNATURES)]
        assert sorted(invited) == sorted([mentor, mentee]), "exactly the two invitations"
        for person in (mentor, mentee):
            assert any(button_value(m, "convention-accept") for m in bot.emulator.messages_to(person)), \
                f"{person} received the convention to accept"
