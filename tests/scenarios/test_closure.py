"""The end of a convention: prompts at local dates, the bilan and its privacy, the agreed follow-up,
thanks and news to the mentor, the final report (PDF), and what a coordinator sees."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.demo.harness import Harness
from bot.demo.slack_emulator import text_of
from storage.models import Bilan, ConventionStatus, Gratitude, Objective, Person, Programme, ReminderStatus
from tests.scenarios.closure_helpers import convention, fill_bilan, pdf_texts
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import at, last_view, pending, reminders, texts_to, with_button
from tests.support.texts import fr, fr_fixed, fr_n, fr_part

LAST_PHASE = datetime(2027, 9, 1, 15, 0, tzinfo=UTC)  # three weeks before the end (23 September 2027)
SECRET = "Je n'ai pas osé dire que les rencontres du lundi me pesaient"


def _paired(bot: Harness) -> int:
    return pair_and_accept(bot, start="2026-11-23")


def _objective(bot: Harness, convention_id: int, title: str) -> int:
    bot.click("UMENTEE", "objective-add-open", str(convention_id))
    bot.submit_view("UMENTEE", last_view(bot, "objective-add-submit"), {
        "objective-title": {"objective-title-input": {"value": title}},
        "objective-horizon": {"objective-horizon-choose": {"selected_option": {"value": "short"}}}})
    with bot.session_factory() as session:
        return session.scalars(select(Objective.id).order_by(Objective.id.desc())).first()


def test_prompts_land_at_nine_local_before_the_end(bot: Harness) -> None:
    convention_id = _paired(bot)
    assert convention(bot, convention_id).planned_end_on == date(2027, 9, 23)
    at(bot, datetime(2027, 8, 19, 15, 0, tzinfo=UTC))  # 35 days before: too early to plan
    assert pending(bot, "closing_soon") == {}
    at(bot, datetime(2027, 8, 23, 15, 0, tzinfo=UTC))
    assert pending(bot, "closing_soon") == {
        "UMENTEE": datetime(2027, 8, 24, 7, 0, tzinfo=UTC),  # Tuesday 24 August, 9:00 in Paris
        "UMENTOR": datetime(2027, 8, 24, 16, 0, tzinfo=UTC),  # 9:00 in Vancouver
    }
    assert pending(bot, "bilan_prompt") == {"UMENTEE": datetime(2027, 9, 9, 7, 0, tzinfo=UTC),
                                            "UMENTOR": datetime(2027, 9, 9, 16, 0, tzinfo=UTC)}
    assert pending(bot, "gratitude_prompt") == {"UMENTEE": datetime(2027, 9, 16, 7, 0, tzinfo=UTC)}, "mentee only"
    at(bot, datetime(2027, 8, 23, 16, 0, tzinfo=UTC))  # planning twice writes nothing new
    assert len(reminders(bot, "closing_soon")) == 2
    at(bot, datetime(2027, 8, 24, 7, 0, tzinfo=UTC))
    [opening] = with_button(bot, "UMENTEE", "meeting-plan-open")[-1:]
    assert "ends on *September 23, 2027*" in text_of(opening)
    assert "Schedule the closing meeting" in text_of(opening)
    assert not any("rencontre de clôture" in t for t in texts_to(bot, "UMENTOR")), "not yet 9:00 in Vancouver"
    at(bot, datetime(2027, 8, 24, 16, 0, tzinfo=UTC))
    # The mentor's week already had its two messages (the monthly nudge, the objectives review): next Monday.
    assert not any("se termine le" in t for t in texts_to(bot, "UMENTOR"))
    at(bot, datetime(2027, 8, 30, 16, 0, tzinfo=UTC))
    mentor_text = "\n".join(texts_to(bot, "UMENTOR"))
    assert "se termine le *23 septembre 2027*" in mentor_text and fr_fixed("closing.button.meeting") in mentor_text
    at(bot, datetime(2027, 9, 9, 7, 0, tzinfo=UTC))
    assert with_button(bot, "UMENTEE", "bilan-form-open"), "the bilan is asked for two weeks before"
    at(bot, datetime(2027, 9, 16, 7, 0, tzinfo=UTC))
    [thanks] = with_button(bot, "UMENTEE", "thanks-form-open")
    assert "special" in text_of(thanks), "the bot suggests marking the end"


def test_bilan_opens_in_the_last_phase_only(bot: Harness) -> None:
    _paired(bot)
    bot.clock.set(datetime(2027, 3, 1, 15, 0, tzinfo=UTC))
    bot.command("UMENTOR", "bilan")
    assert fr_fixed("bilan.too_early") in text_of(bot.last_response())
    assert "23 juillet 2027" in text_of(bot.last_response())
    bot.clock.set(LAST_PHASE)
    bot.command("UMENTOR", "bilan")
    form = last_view(bot, "bilan-form-submit")
    assert fr_fixed("bilan.q.mentor.learned") in text_of(form), "worded for the mentor"
    bot.command("UMENTEE", "review")
    form = last_view(bot, "bilan-form-submit")
    assert "What you appreciated most in your mentor" in text_of(form), "worded for the mentee, in English"


def test_bad_answers_keep_the_form_open_with_the_error_on_the_field(bot: Harness) -> None:
    convention_id = _paired(bot)
    bot.clock.set(LAST_PHASE)
    answer = fill_bilan(bot, "UMENTEE", convention_id, answers={"brought": "   ", "went": "Bien"})
    assert "needs an answer" in answer.json()["errors"]["bilan-answer:brought"]
    answer = fill_bilan(bot, "UMENTEE", convention_id, satisfaction=None)
    assert "from 1 to 5" in answer.json()["errors"]["bilan-satisfaction"]
    answer = fill_bilan(bot, "UMENTEE", convention_id, decision="continue")
    assert "choose a length" in answer.json()["errors"]["bilan-extend"]
    answer = fill_bilan(bot, "UMENTEE", convention_id, answers={"brought": "x" * 3001, "went": "Bien"})
    assert "3000" in answer.json()["errors"]["bilan-answer:brought"]
    with bot.session_factory() as session:
        assert session.scalars(select(Bilan)).all() == [], "nothing saved from a refused form"


@pytest.mark.both_databases
def test_bilans_stay_private_until_both_answered_then_only_what_is_shared(bot: Harness) -> None:
    convention_id = _paired(bot)
    objective_id = _objective(bot, convention_id, "Animer une réunion")
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", convention_id,
               answers={"brought": "De l'assurance <@UOTHER> *gras*", "went": SECRET, "support": "La négociation",
                        "next_steps": "Présenter au comité"},
               satisfaction="5", objectives={objective_id: "reached"}, follow_up="2027-12-01",
               share=("brought", "support", "next_steps", "satisfaction", "objectives"))
    assert any("stays private until <@UMENTOR> completes theirs" in t for t in texts_to(bot, "UMENTEE"))
    told = texts_to(bot, "UMENTOR")[-1]
    assert "<@UMENTEE> a rempli son bilan" in told
    mentor_reads = "\n".join(texts_to(bot, "UMENTOR"))
    assert "assurance" not in mentor_reads and SECRET not in mentor_reads, "nothing before the mentor answers"
    bot.click("UMENTOR", "bilan-answers-show", str(convention_id))
    assert "vous le lirez" in texts_to(bot, "UMENTOR")[-1] and "assurance" not in texts_to(bot, "UMENTOR")[-1]
    # The mentor answers and agrees to end; shares nothing but the satisfaction.
    fill_bilan(bot, "UMENTOR", convention_id, answers={"brought": "Un regard neuf", "went": "Très bien"},
               satisfaction="4", decision="end", share=("satisfaction",))
    bot.click("UMENTOR", "bilan-answers-show", str(convention_id))
    shown = texts_to(bot, "UMENTOR")[-1]
    assert "De l'assurance &lt;@UOTHER&gt; *gras*" in shown or "De l'assurance <@UOTHER> *gras*" in shown
    assert "La négociation" in shown and SECRET not in shown, "what the mentee shared, not the rest"
    bot.click("UMENTEE", "bilan-answers-show", str(convention_id))
    shown = texts_to(bot, "UMENTEE")[-1]
    assert "Satisfaction: 4 / 5" in shown and "Un regard neuf" not in shown, "the mentor shared only a figure"
    # Both chose to end: closed now, the final report to both, with its PDF.
    assert convention(bot, convention_id).status == ConventionStatus.CLOSED
    assert any("both chose to end" in t for t in texts_to(bot, "UMENTEE"))
    [mentor_pdf] = pdf_texts(bot, "UMENTOR")
    for expected in ("Rapport final", "Marie Mentor", "Sam Mentoré", "Animer une réunion", "atteint",
                     "La négociation", "Présenter au comité", "1 décembre 2027", "5 / 5", "4 / 5", "De l'assurance"):
        assert expected in mentor_pdf, expected
    assert SECRET not in mentor_pdf and "Un regard neuf" not in mentor_pdf
    [mentee_pdf] = pdf_texts(bot, "UMENTEE")
    assert "Final report" in mentee_pdf and "not shared" in mentee_pdf
    assert pending(bot, "monthly_nudge") == {} and pending(bot, "gratitude_prompt") == {}, "reminders stop"


def test_the_coordinator_sees_figures_never_the_words(bot: Harness) -> None:
    convention_id = _paired(bot)
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", convention_id, answers={"brought": "Confiance retrouvée", "went": SECRET},
               satisfaction="5", share=("brought", "went", "satisfaction"))
    bot.command("UCOORD", "bilan")
    figures = text_of(bot.last_response())
    assert fr("figures.bilans", done=1, expected=2) in figures and "personnes mentorées 5,0 / 5" in figures
    bot.click("UCOORD", "bilan-answers-show", str(convention_id))
    bot.click("UCOORD", "bilan-form-open", str(convention_id))
    bot.click("UCOORD", "bilan-report-send", str(convention_id))
    fill_bilan(bot, "UMENTOR", convention_id, satisfaction="3", share=("brought", "went", "satisfaction"))
    coordinator_reads = "\n".join(texts_to(bot, "UCOORD")) + "\n".join(
        text_of(v) for v in bot.emulator.views_opened())
    assert fr_fixed("summary.closed.end") in coordinator_reads, "told of the closure"
    assert "Bilans remplis\n2 / 2" in coordinator_reads or "2 / 2" in coordinator_reads
    for private in (SECRET, "Confiance retrouvée", "Apport", "Déroulement"):
        assert private not in coordinator_reads
    assert pdf_texts(bot, "UCOORD") == [], "no report for the coordinator"
    bot.command("UCOORD", "bilan")
    assert fr_part("figures.decisions", end=fr_n("figures.decisions.end", 1)) in text_of(bot.last_response())
    bot.event({"type": "app_home_opened", "user": "UCOORD", "tab": "home", "channel": "D1"})
    home = text_of(bot.emulator.home_view("UCOORD"))
    one_end = fr_part("figures.decisions", end=fr_n("figures.decisions.end", 1))
    assert fr("figures.bilans", done=2, expected=2) in home and one_end in home
    assert SECRET not in home and "Confiance retrouvée" not in home


def test_continue_moves_the_end_and_the_reminders_follow(bot: Harness) -> None:
    convention_id = _paired(bot)
    at(bot, datetime(2027, 8, 24, 15, 0, tzinfo=UTC))
    assert set(pending(bot, "gratitude_prompt")) == {"UMENTEE"}
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", convention_id, decision="continue", extend="3")
    fill_bilan(bot, "UMENTOR", convention_id, decision="continue", extend="2")
    after = convention(bot, convention_id)
    assert after.status == ConventionStatus.ACTIVE and after.planned_end_on == date(2027, 11, 23), "the shorter"
    assert any("23 novembre 2027" in t and "2 mois de plus" in t for t in texts_to(bot, "UMENTOR"))
    assert any("shorter one applies" in t for t in texts_to(bot, "UMENTEE"))
    assert pending(bot, "gratitude_prompt") == {}, "the old end's prompts are dropped"
    at(bot, datetime(2027, 10, 22, 15, 0, tzinfo=UTC))
    assert pending(bot, "closing_soon") == {"UMENTEE": datetime(2027, 10, 25, 7, 0, tzinfo=UTC),
                                            "UMENTOR": datetime(2027, 10, 25, 16, 0, tzinfo=UTC)}, \
        "the new end (23 November) gets its closure; 24 October is a Sunday, so Monday"
    # The next round has its own bilans.
    bot.clock.set(datetime(2027, 10, 26, 15, 0, tzinfo=UTC))
    bot.command("UMENTEE", "bilan")
    assert last_view(bot, "bilan-form-submit"), "a fresh form for the new end"


def test_disagreement_asks_them_to_talk_then_redefine(bot: Harness) -> None:
    convention_id = _paired(bot)
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", convention_id, decision="redefine", extend="4")
    fill_bilan(bot, "UMENTOR", convention_id, decision="end")
    assert convention(bot, convention_id).status == ConventionStatus.ACTIVE, "nothing decided"
    [talk] = with_button(bot, "UMENTOR", "meeting-plan-open")[-1:]
    assert fr("closure.disagree", mine=fr("bilan.decision.end"), other="<@UMENTEE>",
              theirs=fr("bilan.decision.redefine")) in text_of(talk)
    assert any("Talk it over" in t for t in texts_to(bot, "UMENTEE"))
    fill_bilan(bot, "UMENTOR", convention_id, decision="redefine", extend="6")
    after = convention(bot, convention_id)
    assert after.planned_end_on == date(2028, 1, 23) and after.closure_decision == "redefine"
    [redefine] = with_button(bot, "UMENTEE", "objective-add-open")[-1:]
    assert "new objectives" in text_of(redefine)


def test_thanks_reach_the_mentor_as_typed(bot: Harness) -> None:
    _paired(bot)
    bot.clock.set(LAST_PHASE)
    bot.command("UMENTOR", "merci")
    assert fr_fixed("thanks.mentee_only") in text_of(bot.last_response())
    bot.command("UMENTEE", "thanks")
    form = last_view(bot, "thanks-form-submit")
    answer = bot.submit_view("UMENTEE", form, {"thanks-message": {"thanks-message-input": {"value": "  "}}})
    assert "Write your message" in answer.json()["errors"]["thanks-message"]
    words = "Merci pour ton écoute <!channel> & *tes* conseils 🙏"
    bot.submit_view("UMENTEE", form, {"thanks-message": {"thanks-message-input": {"value": words}},
                                      "thanks-achievements": {"thanks-achievements-input": {"value": "Promotion"}}})
    [received] = [t for t in texts_to(bot, "UMENTOR") if "vous adresse un message de remerciement" in t]
    assert received.startswith(fr("thanks.received", other="<@UMENTEE>"))
    assert "&lt;!channel&gt; &amp; *tes* conseils 🙏" in received and "Promotion" in received, "shown as typed"
    assert any("special moment" in t for t in texts_to(bot, "UMENTEE"))
    with bot.session_factory() as session:
        assert session.scalars(select(Gratitude.message)).all() == [words]
    at(bot, datetime(2027, 9, 16, 7, 0, tzinfo=UTC))
    assert not with_button(bot, "UMENTEE", "thanks-form-open"), "no reminder to thank once thanked"


def test_end_date_closes_and_keep_in_touch_at_three_and_six_months(bot: Harness) -> None:
    convention_id = _paired(bot)
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", convention_id, decision="end", keep="yes")
    fill_bilan(bot, "UMENTOR", convention_id, decision="end", keep="yes")
    assert convention(bot, convention_id).status == ConventionStatus.CLOSED
    assert pending(bot, "keep_in_touch") == {"UMENTEE": datetime(2027, 12, 1, 8, 0, tzinfo=UTC)} or \
        len(reminders(bot, "keep_in_touch")) == 2
    at(bot, datetime(2027, 12, 1, 8, 0, tzinfo=UTC))
    [news] = with_button(bot, "UMENTEE", "news-form-open")
    assert "3 months ago" in text_of(news)
    bot.click("UMENTEE", "news-form-open", str(convention_id))
    bot.submit_view("UMENTEE", last_view(bot, "thanks-form-submit"),
                    {"thanks-message": {"thanks-message-input": {"value": "J'ai eu le poste !"}}})
    assert fr("news.received", other="<@UMENTEE>") in texts_to(bot, "UMENTOR")[-1]
    assert "J'ai eu le poste !" in texts_to(bot, "UMENTOR")[-1]
    at(bot, datetime(2028, 3, 1, 8, 0, tzinfo=UTC))
    assert len(with_button(bot, "UMENTEE", "news-form-open")) == 2, "again at six months"


def test_a_convention_nobody_settled_closes_on_its_end_date(bot: Harness) -> None:
    convention_id = _paired(bot)
    at(bot, datetime(2027, 9, 22, 15, 0, tzinfo=UTC))
    assert convention(bot, convention_id).status == ConventionStatus.ACTIVE
    at(bot, datetime(2027, 9, 23, 15, 0, tzinfo=UTC))
    closed = convention(bot, convention_id)
    assert closed.status == ConventionStatus.CLOSED and closed.closure_decision is None
    assert any("reached its end on" in t for t in texts_to(bot, "UMENTEE"))
    [pdf] = pdf_texts(bot, "UMENTOR")
    assert "bilan non rempli" in pdf and fr_fixed("final_report.outcome.end_date") in pdf
    with bot.session_factory() as session:
        assert all(r.status != ReminderStatus.PENDING for r in reminders(bot) if r.kind == "monthly_nudge")
        del session
    # A late bilan is still welcome, and the report then holds what both share.
    fill_bilan(bot, "UMENTEE", convention_id, share=("brought",), answers={"brought": "Tardif", "went": "Bien"})
    fill_bilan(bot, "UMENTOR", convention_id, share=("brought",), answers={"brought": "Aussi", "went": "Bien"})
    assert any("Tardif" in text for text in pdf_texts(bot, "UMENTOR"))


def test_the_sponsor_gets_the_report_only_if_both_agree(bot: Harness) -> None:
    bot.command("UCOORD", "bilan direction <@UADMIN>")
    assert "<@UADMIN> recevra le rapport final" in text_of(bot.last_response())
    bot.command("UMENTOR", "bilan direction <@UOTHER>")
    with bot.session_factory() as session:
        sponsor = session.scalars(select(Person).where(Person.external_id == "UADMIN")).one()
        assert session.scalars(select(Programme.sponsor_id)).first() == sponsor.id, "only a coordinator sets it"
    first = _paired(bot)
    second = pair_and_accept(bot, mentor="UMENTOR2", mentee="UMENTEE2", start="2026-11-23")
    bot.clock.set(LAST_PHASE)
    fill_bilan(bot, "UMENTEE", first, sponsor=True, share=("brought", "satisfaction"),
               answers={"brought": "Partagé", "went": SECRET})
    fill_bilan(bot, "UMENTOR", first, sponsor=False, share=("satisfaction",))
    assert pdf_texts(bot, "UADMIN") == [], "the mentor did not agree"
    # Another pair, both agree.
    fill_bilan(bot, "UMENTEE2", second, sponsor=True, share=("brought", "satisfaction"),
               answers={"brought": "Partagé avec la direction", "went": SECRET})
    fill_bilan(bot, "UMENTOR2", second, sponsor=True, share=("satisfaction",))
    [report] = pdf_texts(bot, "UADMIN")
    assert "Partagé avec la direction" in report and "Louis Mentor" in report
    assert SECRET not in report and "avec l'accord des deux" in report


def _home_actions(bot: Harness, user: str) -> set[str]:
    bot.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"})
    home = bot.emulator.home_view(user)
    assert home is not None
    return {e["action_id"] for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]}


def test_the_closure_is_reachable_from_help_and_home(bot: Harness) -> None:
    _paired(bot)
    bot.command("UMENTEE", "aide")
    assert "bilan" in text_of(bot.last_response()) and "merci" in text_of(bot.last_response())
    assert "bilan-form-open" not in _home_actions(bot, "UMENTEE"), "not before the last phase"
    bot.clock.set(LAST_PHASE)
    assert {"bilan-form-open", "thanks-form-open"} <= _home_actions(bot, "UMENTEE")
    mentor_actions = _home_actions(bot, "UMENTOR")
    assert "bilan-form-open" in mentor_actions and "thanks-form-open" not in mentor_actions
    bot.click("UMENTOR", "bilan-form-open", "0", container="view")
    assert bot.emulator.views_opened() == [], "an unknown convention opens nothing"
    bot.click("UMENTOR", "bilan-form-open", str(convention(bot, 1).id), container="view")
    assert bot.emulator.views_opened()[-1]["callback_id"] == "bilan-form-submit"
