"""What the demo's story needs from a platform: people who type commands, click buttons and fill forms.

The story (bot/demo/story.py) is told once; a stage plays it on Slack (bot/demo/slack_stage.py) or on
Teams (bot/demo/teams_stage.py), each sending what that platform sends and reading what people
received there. Time is the stage's too: the scheduler's injected clock jumps from one due reminder
to the next, so months pass in seconds and every reminder lands when it would have.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import func, select

from bot.demo.harness import Harness
from bot.demo.transcript import Transcript
from bot.i18n import N_, t
from bot.services import actions
from storage.models import Convention, Objective, Reminder, ReminderStatus

# The transcript's chapters, in the order the demo goes through them.
CHAPTERS = {
    "pairing": N_("demo.chapter.pairing"),
    "first_meeting": N_("demo.chapter.first_meeting"),
    "agenda": N_("demo.chapter.agenda"),
    "moved": N_("demo.chapter.moved"),
    "counter": N_("demo.chapter.counter"),
    "slip": N_("demo.chapter.slip"),
    "months": N_("demo.chapter.months"),
    "differend": N_("demo.chapter.differend"),
    "closing": N_("demo.chapter.closing"),
    "bilan": N_("demo.chapter.bilan"),
    "thanks": N_("demo.chapter.thanks"),
    "figures": N_("demo.chapter.figures"),
}


class Form(Enum):
    """The forms the story fills. Answers are named as the Teams card's inputs are; Slack's stage maps them."""

    MEETING = "meeting"  # date, time, agenda | reason
    OBJECTIVE_ADD = "objective-add"  # title, horizon, due, success
    OBJECTIVE_UPDATE = "objective-update"  # status, progress, comment
    OBJECTIVE_FEEDBACK = "objective-feedback"  # comment
    DIFFEREND = "differend"  # summary, amicable
    BILAN = "bilan"  # each question's key, satisfaction, objective:<id>, decision, keep_in_touch, follow_up, share
    THANKS = "thanks"  # message, achievements


Answers = Mapping[str, str | tuple[str, ...]]


class Stage(ABC):
    """The people of the story on one platform; `collect` adds what they received to the transcript."""

    platform: str  # "slack" | "teams"

    def __init__(self, bot: Harness, transcript: Transcript) -> None:
        self.bot = bot
        self.transcript = transcript
        self.milestones: list[str] = []

    # --- what the platform sends and shows ----------------------------------------------------

    @abstractmethod
    def collect(self, actor: str | None = None) -> None:
        """What everyone received since the last look (and what answered `actor`), stamped with the clock."""

    @abstractmethod
    def command(self, user: str, text: str) -> None:
        """The person types `/mentorat <text>` (Slack) or `mentorat <text>` (Teams)."""

    @abstractmethod
    def pair(self, coordinator: str, mentor: str, mentee: str, start: str) -> None:
        """The coordinator pairs the two people, the convention starting on `start` (YYYY-MM-DD)."""

    @abstractmethod
    def click(self, user: str, action: str, value: str | None = None) -> None:
        """A button with this action key on the latest message that has it (and this value, if given)."""

    @abstractmethod
    def fill(self, user: str, form: Form, answers: Answers) -> None:
        """The person fills the form they just opened and sends it."""

    @abstractmethod
    def external_id(self, user: str) -> str:
        """The person's id on the platform (Slack's user id, Teams' Entra object id)."""

    @abstractmethod
    def final_report(self) -> bytes | None:
        """The final report's PDF as the mentee received it."""

    def mentee(self) -> str:
        """The story's handle for the mentee (whose copy of the final report the demo keeps)."""
        return next(user for user, person in self.transcript.people.items() if person.role == "mentee")

    # --- time, and what the database says ----------------------------------------------------

    def advance(self, until: datetime) -> None:
        """Let time pass: stop at every reminder due before `until`, as the scheduler would."""
        for _ in range(1000):
            with self.bot.session_factory() as session:
                due = session.scalar(select(func.min(Reminder.due_at)).where(
                    Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= until))
            if due is None:
                break
            self.bot.clock.set(max(due, self.bot.clock.now()))
            self.bot.mentorat.jobs.tick()
            self.collect()
        self.bot.clock.set(max(until, self.bot.clock.now()))  # time never runs backwards
        self.bot.mentorat.jobs.tick()
        self.collect()

    def convention_id(self) -> int:
        with self.bot.session_factory() as session:
            return session.scalars(select(Convention.id).order_by(Convention.id.desc())).first() or 0

    def objective_ids(self) -> list[int]:
        with self.bot.session_factory() as session:
            return list(session.scalars(select(Objective.id).order_by(Objective.id)))

    def milestone(self, key: str) -> None:
        self.milestones.append(key)
        self.transcript.chapter(t(self.transcript.lang, CHAPTERS[key]))

    # --- a month of mentoring -----------------------------------------------------------------

    def meeting(self, proposer: str, other: str, day: str, time: str, *, agenda: str = "") -> None:
        """One proposes, the other confirms (`after_meeting` lets it happen)."""
        self.command(proposer, "prochaine-rencontre")
        self.fill(proposer, Form.MEETING, {"date": day, "time": time, "agenda": agenda})
        self.click(other, actions.MEETING_CONFIRM)

    def after_meeting(self, mentee: str) -> None:
        """The day after: the check-in comes, and the mentee answers that the meeting took place."""
        with self.bot.session_factory() as session:
            checkin = session.scalar(select(func.max(Reminder.due_at)).where(Reminder.kind == "meeting_checkin"))
        assert checkin is not None
        self.advance(checkin + timedelta(minutes=1))
        self.click(mentee, actions.MEETING_HELD)
