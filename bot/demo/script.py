"""`mentorat demo`: a whole ten-month convention, offline, in seconds, on Slack or on Teams.

The real app (handlers, services, scheduler, an SQLite database in a temporary folder) runs against
the local Slack Web API emulator, or the Bot Connector emulator for Teams. People act the way they
would on that platform (signed slash commands and modal submissions; activities signed as the Bot
Connector signs them, from Adaptive Cards), and the story (bot/demo/story.py) is the same on both.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.demo.harness import Harness, start_harness
from bot.demo.outbox_figures import SentRow, sent_rows
from bot.demo.slack_emulator import SlackEmulator
from bot.demo.slack_stage import SlackStage
from bot.demo.stage import Stage
from bot.demo.story import CAST, COORD, MENTEE, MENTOR, PRIVATE_KEYS, START, STORY, play
from bot.demo.transcript import Person, Transcript
from storage.crypto import use_demo_key
from storage.migrate import upgrade

__all__ = ["COORD", "MENTEE", "MENTOR", "PLATFORMS", "PRIVATE_KEYS", "STORY", "DemoResult", "run_demo"]

PLATFORMS = ("slack", "teams")


@dataclass(frozen=True)
class DemoResult:
    platform: str
    transcript: Transcript
    figures: str  # what the coordinator reads with /mentorat rapport
    pdf: bytes | None  # the final report as the pair received it
    milestones: list[str]  # the key moments, in the order they happened
    sent: list[SentRow]  # the non-essential rows of the outbox that went out, for the timing figures
    external_ids: dict[str, str]  # each person of the story: their id on the platform


def _people() -> dict[str, Person]:
    return {user: Person(user, *cast) for user, cast in CAST.items()}


def run_demo(lang: str = "fr", platform: str = "slack") -> DemoResult:
    transcript = Transcript(lang, _people(), platform)
    use_demo_key()
    with tempfile.TemporaryDirectory(prefix="mentorat-demo-") as folder:
        url = f"sqlite:///{Path(folder) / 'mentorat.db'}"
        upgrade(url)
        with _stage(url, transcript, platform) as stage:
            play(stage, lang)
            now = stage.bot.clock.now()
            figures = "\n".join(e.text(transcript.people, transcript.lang) for e in transcript.entries
                                if e.to.user_id == COORD and e.at == now)
            pdf = stage.final_report()
            with stage.bot.session_factory() as session:
                sent = sent_rows(session)
    return DemoResult(platform, transcript, figures, pdf, stage.milestones, sent,
                      {user: stage.external_id(user) for user in transcript.people})


@contextmanager
def _stage(url: str, transcript: Transcript, platform: str) -> Iterator[Stage]:
    locale = "fr-CA" if transcript.lang == "fr" else "en-CA"
    with SlackEmulator(team_id="T0DEMO") as emulator:
        if platform == "teams":
            from bot.demo.teams_demo import teams_stage

            with teams_stage(url, emulator, transcript, locale, now=START, coordinator=COORD) as stage:
                yield stage
            return
        for person in transcript.people.values():
            emulator.add_user(person.user_id, person.name.split()[0].lower(), person.name, tz=person.tz, locale=locale)
        bot: Harness = start_harness(url, emulator, now=START, coordinators=(COORD,), language=transcript.lang)
        try:
            yield SlackStage(bot, transcript)
        finally:
            bot.close()

