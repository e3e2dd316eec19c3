"""`/mentorat objectifs`: add, update with history, the mentor's feedback, grouped news, the reviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from bot.services.objectives import counts
from storage.models import Objective, ObjectiveUpdate, Person, Reminder
from tests.scenarios.helpers import pair_and_accept


def _view(bot: Harness, callback_id: str) -> dict[str, Any]:
    return [v for v in bot.emulator.views_opened() if v.get("callback_id") == callback_id][-1]


def _add_values(title: str, *, horizon: str = "short", due: str | None = None, description: str = "",
                success: str = "") -> dict[str, Any]:
    return {
        "objective-title": {"objective-title-input": {"type": "plain_text_input", "value": title or None}},
        "objective-description": {"objective-description-input": {"value": description or None}},
        "objective-horizon": {"objective-horizon-choose": {"selected_option": {"value": horizon}}},
        "objective-due": {"objective-due-pick": {"selected_date": due}},
        "objective-success": {"objective-success-input": {"value": success or None}},
    }


def _update_values(status: str, progress: str, comment: str = "") -> dict[str, Any]:
    return {"objective-status": {"objective-status-choose": {"selected_option": {"value": status}}},
            "objective-progress": {"objective-progress-select": {"selected_option": {"value": progress}}},
            "objective-comment": {"objective-comment-input": {"value": comment or None}}}


def _add(bot: Harness, user: str, convention_id: int, title: str, **fields: Any) -> Any:
    bot.click(user, "objective-add-open", str(convention_id))
    return bot.submit_view(user, _view(bot, "objective-add-submit"), _add_values(title, **fields))


def _objectives(bot: Harness) -> list[Objective]:
    with bot.session_factory() as session:
        return list(session.scalars(select(Objective).order_by(Objective.id)))


def _news(bot: Harness, user: str) -> list[dict]:
    return [m for m in bot.emulator.messages_to(user) if "objectifs, de la part" in text_of(m)
            or "News on your objectives" in text_of(m)]


@pytest.mark.both_databases
def test_add_update_feedback_and_history(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    bot.command("UMENTEE", "objectifs")
    assert "No objectives yet" in text_of(bot.last_response())
    # Field errors keep the modal open.
    answer = _add(bot, "UMENTEE", convention_id, "   ")
    assert "Give the objective a name" in answer.json()["errors"]["objective-title"]
    answer = _add(bot, "UMENTEE", convention_id, "Parler en public", due="2026-11-01")
    assert "has passed" in answer.json()["errors"]["objective-due"]
    assert _objectives(bot) == []
    title = "Prendre la parole en réunion 🎤 — « تحدث » *sans* <@U1>"
    _add(bot, "UMENTEE", convention_id, title, due="2027-03-01", success="Animer une réunion d'équipe")
    [objective] = _objectives(bot)
    assert objective.title == title, "stored exactly as typed"
    # Update: status and progress, kept in the history.
    bot.click("UMENTEE", "objective-update-open", str(objective.id))
    bot.submit_view("UMENTEE", _view(bot, "objective-update-submit"), _update_values("in_progress", "40", "Première fois"))
    [objective] = _objectives(bot)
    assert (objective.status, objective.progress) == ("in_progress", 40)
    # Only the mentor gives feedback.
    bot.click("UMENTEE", "objective-feedback-open", str(objective.id))
    assert "Only the mentor" in text_of(bot.last_response())
    bot.click("UMENTOR", "objective-feedback-open", str(objective.id))
    feedback_view = _view(bot, "objective-feedback-submit")
    assert "Première fois" in text_of(feedback_view), "the mentor sees what they answer"
    bot.submit_view("UMENTOR", feedback_view, {"objective-comment": {"objective-comment-input": {"value": "Bravo !"}}})
    with bot.session_factory() as session:
        kinds = [u.kind for u in session.scalars(select(ObjectiveUpdate).order_by(ObjectiveUpdate.id))]
    assert kinds == ["created", "update", "feedback"]
    bot.click("UMENTEE", "objective-history-show", str(objective.id))
    history = text_of(bot.emulator.views_opened()[-1])
    assert "Première fois" in history and "Bravo !" in history and "40 %" in history
    # The list shows the objective as typed, with its progress.
    bot.command("UMENTOR", "objectifs")
    listing = str(bot.last_response()["blocks"])
    assert "&lt;@U1&gt;" in listing and "▓▓▓▓░░░░░░ 40 %" in listing and "En cours" in listing
    # Reached means 100 %.
    bot.click("UMENTOR", "objective-update-open", str(objective.id))
    bot.submit_view("UMENTOR", _view(bot, "objective-update-submit"), _update_values("reached", "60"))
    assert _objectives(bot)[0].progress == 100
    with bot.session_factory() as session:
        assert counts(session, convention_id).reached == 1


def test_a_burst_of_edits_sends_the_other_person_one_message(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    for title in ("Réseau", "Négociation", "Budget"):
        _add(bot, "UMENTEE", convention_id, title)
    objective = _objectives(bot)[0]
    bot.click("UMENTEE", "objective-update-open", str(objective.id))
    bot.submit_view("UMENTEE", _view(bot, "objective-update-submit"), _update_values("in_progress", "20"))
    assert _news(bot, "UMENTOR") == [], "grouped: nothing yet"
    bot.clock.advance(timedelta(minutes=10))
    bot.mentorat.jobs.tick()
    assert _news(bot, "UMENTOR") == [], "7:10 in Vancouver: the mentor hears of it in her morning"
    bot.clock.set(datetime(2026, 11, 23, 17, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    [news] = _news(bot, "UMENTOR")
    shown = text_of(news)
    assert "(4)" in shown and "Réseau" in shown and "Budget" in shown and "En cours, 20 %" in shown
    assert _news(bot, "UMENTEE") == [], "nobody is told about their own edits"
    # A later edit is a new message.
    bot.click("UMENTEE", "objective-update-open", str(objective.id))
    bot.submit_view("UMENTEE", _view(bot, "objective-update-submit"), _update_values("in_progress", "50"))
    bot.clock.advance(timedelta(minutes=10))
    bot.mentorat.jobs.tick()
    assert len(_news(bot, "UMENTOR")) == 2 and "(1)" in text_of(_news(bot, "UMENTOR")[-1])


def test_reviews_every_three_months_and_at_mid_point(bot: Harness) -> None:
    pair_and_accept(bot, start="2026-11-23")
    with bot.session_factory() as session:
        rows = session.execute(select(Reminder, Person).join(Person, Person.id == Reminder.recipient_id)
                               .where(Reminder.kind == "objectives_review")).all()
    local = sorted((p.external_id, r.due_at.astimezone(ZoneInfo(p.timezone)).strftime("%Y-%m-%d %a %H:%M"))
                   for r, p in rows)
    mentee = [when for who, when in local if who == "UMENTEE"]
    # Months 3, 5 (mid-point of 10), 6 and 9; 23 May 2027 is a Sunday: Monday 24 May.
    assert mentee == ["2027-02-23 Tue 09:00", "2027-04-23 Fri 09:00", "2027-05-24 Mon 09:00",
                      "2027-08-23 Mon 09:00"]
    assert len([1 for who, _ in local if who == "UMENTOR"]) == 4
    bot.clock.set(datetime(2027, 2, 23, 8, 0, tzinfo=UTC))
    bot.mentorat.jobs.tick()
    review = [m for m in bot.emulator.messages_to("UMENTEE") if "Month 3 of 10" in text_of(m)]
    assert review and "objectives-list-show" in str(review[0]["blocks"])


def test_outsiders_and_home(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    _add(bot, "UMENTOR", convention_id, "Mieux déléguer")
    objective = _objectives(bot)[0]
    bot.click("UOTHER", "objective-update-open", str(objective.id))
    assert "other people" in text_of(bot.last_response()) or "d'autres personnes" in text_of(bot.last_response())
    bot.click("UOTHER", "objective-add-open", str(convention_id))
    assert "concerne d'autres personnes" in text_of(bot.last_response())
    home = bot.emulator.home_view("UMENTEE")
    assert home is not None and "Mieux déléguer" in text_of(home), "the Home tab refreshed after the change"


def test_texts_at_the_length_limits_are_kept_whole(bot: Harness) -> None:
    convention_id = pair_and_accept(bot, start="2026-11-23")
    description = ("Écouter 👂 — استمع <b> & " * 200)[:3000]
    answer = _add(bot, "UMENTEE", convention_id, "T" * 150, description=description, success="s" * 3000)
    assert answer.body.strip(b"{} \n") == b""
    [objective] = _objectives(bot)
    assert objective.description == description.strip() and len(objective.success_measure or "") == 3000
    too_long = _add(bot, "UMENTEE", convention_id, "T" * 151)
    assert "150" in too_long.json()["errors"]["objective-title"]
    bot.command("UMENTEE", "objectifs")
    blocks = bot.last_response()["blocks"]
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in sections)
    shown = "".join(sections)
    assert shown.count("👂") == description.count("👂") and shown.count("s") >= 3000, "nothing cut off"
