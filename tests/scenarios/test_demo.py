"""`mentorat demo` is also a test: on Slack and on Teams, the key moments happen in order and nothing private leaks."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.cli import main
from bot.demo.outbox_figures import humane_figures
from bot.demo.script import COORD, MENTEE, MENTOR, PRIVATE_KEYS, STORY, DemoResult, run_demo
from tests.scenarios.log_capture import CapturedLog, captured_log

ORDER = ["pairing", "first_meeting", "counter", "moved", "agenda", "slip", "differend", "months", "closing",
         "bilan", "thanks", "figures"]
PLATFORMS = ("slack", "teams")
HEADS = {"slack": "Message privé à", "teams": "Dans la conversation de"}


@functools.cache
def _play(platform: str) -> tuple[DemoResult, CapturedLog]:
    with captured_log() as log:
        return run_demo("fr", platform), log


@pytest.fixture(scope="module", params=PLATFORMS)
def played(request: pytest.FixtureRequest) -> tuple[DemoResult, CapturedLog]:
    """The whole programme, with the production log configuration writing everything from DEBUG up. Played
    at most once a process (pytest-xdist workers interleave other modules' tests, which end a module fixture)."""
    return _play(request.param)


@pytest.fixture(scope="module")
def demo(played: tuple[DemoResult, CapturedLog]) -> DemoResult:
    return played[0]


def _texts(result: DemoResult, user: str) -> list[str]:
    """What the person read, message by message, without the platform's markup."""
    people, lang = result.transcript.people, result.transcript.lang
    return ["\n".join(e.lines(people, lang)) for e in result.transcript.for_person(user)]


def _first(texts: list[str], needle: str) -> int:
    found = [i for i, text in enumerate(texts) if needle in text]
    assert found, f"never seen: {needle!r}"
    return found[0]


def test_the_key_moments_happen_in_order(demo: DemoResult) -> None:
    assert demo.milestones == ORDER
    mentor, mentee = _texts(demo, MENTOR), _texts(demo, MENTEE)
    steps = [_first(mentee, "est en vigueur"), _first(mentee, "suggère un autre moment"),
             _first(mentee, "Un comité a été déplacé"), _first(mentee, "Petit signe de Mentorat"),
             _first(mentee, "se termine le 1 octobre 2027"), _first(mentee, "Rapport final")]
    assert steps == sorted(steps), "convention, counter-proposal, moved meeting, nudge, closure, report"
    assert _first(mentor, "Retour sur ma première présentation") > _first(mentor, "est en vigueur"), "agenda shared"
    assert _first(mentor, "vous adresse un message de remerciement") > _first(mentor, "Rapport final")
    coordinator = _texts(demo, COORD)
    assert _first(coordinator, STORY["fr"]["differend"][:40]) < _first(coordinator, "ont décidé ensemble de terminer")
    assert any("résolu" in t.lower() for t in mentor), "the person who raised it is told"


def test_non_essential_messages_keep_to_good_hours_and_the_weekly_cap(
        demo: DemoResult, record_property: Callable[[str, object], None]) -> None:
    """From the outbox rows sent over the ten months: weekdays 8:00-18:00 local time, two a week at most.
    The figures are printed at the end of the run (tests/conftest.py)."""
    figures = humane_figures(demo.sent)
    record_property("figures", f"demo on {demo.platform}: " + "; ".join(figures.lines()))
    assert demo.sent, "the demo sends non-essential messages"
    assert (figures.outside_hours, figures.on_weekends) == (0, 0)
    assert figures.busiest_week <= 2
    # The objective news the mentee's edits cause reaches the mentor in Vancouver in her morning, not at 6:10.
    news = [r.local for r in demo.sent if r.kind == "objective_news" and r.user == demo.external_ids[MENTOR]]
    assert news and all(at.hour >= 9 for at in news)


def test_time_only_moves_forward(demo: DemoResult) -> None:
    moments = [entry.at for entry in demo.transcript.entries]
    assert moments == sorted(moments)


def test_dates_are_shown_in_each_persons_zone(demo: DemoResult) -> None:
    text, head = demo.transcript.as_text(), HEADS[demo.platform]
    assert f"(heure normale du Pacifique)] {head} Marie Tremblay" in text
    assert f"(heure normale de l’Atlantique)] {head} Samuel Okafor" in text
    assert f"(heure normale de l’Est)] {head} Camille Roy" in text


def test_nothing_private_reaches_the_coordinator(demo: DemoResult) -> None:
    seen = "\n".join(_texts(demo, COORD)) + demo.figures
    for key in PRIVATE_KEYS:
        assert STORY["fr"][key] not in seen, key
    assert STORY["fr"]["differend"] not in "\n".join(_texts(demo, MENTEE)), "the other side never reads it"
    assert "Rencontres tenues" in demo.figures and "Paires en cours" in demo.figures


def test_nothing_anyone_typed_reaches_the_log(played: tuple[DemoResult, CapturedLog]) -> None:
    """Ten months of agendas, reasons, objectives, a différend, bilans and thanks, logged at DEBUG."""
    _result, log = played
    log.assert_never(*STORY["fr"].values())


def test_the_final_report_pdf(demo: DemoResult) -> None:
    """On Slack the file is uploaded; on Teams the card links to it and the link gives the file."""
    assert demo.pdf is not None
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(demo.pdf)).pages).split())
    for expected in ("Rapport final", "Marie Tremblay", "Samuel Okafor", "Présenter un projet au comité de direction",
                     "10 sur 10 prévues", "Négocier un budget", "15 décembre 2027"):
        assert expected in text, expected
    assert STORY["fr"]["bilan_went"] not in text, "not shared, not in the report"


def test_cli_plays_both_platforms_and_draws_each_like_itself(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--platform both: Slack then Teams, printed one after the other; the page asked for holds the Slack
    story, the Teams one lies beside it, each drawn like its platform and linking to the other."""
    page = tmp_path / "out" / "demo.html"
    assert main(["demo", "--lang", "en", "--platform", "both", "--html", str(page)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Mentorat — a ten-month agreement, offline")
    slack, teams = printed.split("━━━━ The story in Microsoft Teams ━━━━")
    assert "━━━━ The story in Slack ━━━━" in slack and "Direct message to Marie Tremblay (mentor)" in slack
    assert "In Marie Tremblay's chat with Mentorat (mentor)" in teams
    assert "[Confirm]  [Suggest another time]" in teams, "the card's buttons, as Teams shows them"
    for story in (slack, teams):  # the figures once each, at the end, whole and without markup
        assert story.count("figures as of September 17, 2027") == 1
        assert "Meetings held: 10 of 10 expected (100%)" in story.rsplit("━━", 1)[-1]
    assert "*" not in slack and "**" not in teams and "App ID" not in printed
    slack_page = page.read_text(encoding="utf-8")
    teams_page = (page.parent / "demo-teams.html").read_text(encoding="utf-8")
    assert "#611f69" in slack_page.split("</style>")[0], "Slack's look"
    assert "'Segoe UI'" in teams_page.split("</style>")[0], "Teams' look"
    assert "<a href='demo-teams.html'>" in slack_page and "<a href='demo.html'>" in teams_page
    assert "<span class='button primary'>Confirm</span>" in teams_page
    assert "<label>Time (Atlantic Standard Time)</label>" in teams_page, "a form card shows its fields"
    assert (page.parent / "demo.pdf").read_bytes().startswith(b"%PDF")


def test_make_run_without_tokens_writes_the_page_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`make run ARGS="--html demo.html"`: `mentorat start` with no Slack token plays the demo and draws it."""
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORAT_LANGUAGE", "en")
    assert main(["start", "--html", "demo.html"]) == 0
    printed = capsys.readouterr().out
    assert "here is the offline demo" in printed
    assert "Direct message to Marie Tremblay (mentor)" in printed
    assert printed.count("figures as of September 17, 2027") == 1 and "*" not in printed
    html = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert "<h2>March: a différend, handed to the coordinator and resolved</h2>" in html
    assert "#611f69" in html.split("</style>")[0], "Slack's look"
