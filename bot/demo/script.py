"""`mentorat demo`: a whole ten-month convention, offline, in about a minute.

The real app (handlers, services, scheduler, an SQLite database in a temporary folder) runs
against the local Slack Web API emulator. People act the way they would in Slack (signed slash
commands, clicks, modal submissions); the scheduler's injected clock jumps from one due reminder
to the next, so months pass in seconds and every reminder lands when it would have.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.demo.forms import bilan_values, differend_values, meeting_values, text_values
from bot.demo.harness import Harness, start_harness
from bot.demo.outbox_figures import SentRow, sent_rows
from bot.demo.slack_emulator import SlackEmulator, button_value
from bot.demo.transcript import Entry, Person, Transcript
from bot.i18n import N_, t
from storage.crypto import use_demo_key
from storage.migrate import upgrade
from storage.models import Convention, Objective, Reminder, ReminderStatus

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 23 November 2026, 10:00 in Toronto
COORD, MENTOR, MENTEE = "UCAMILLE", "UMARIE", "USAMUEL"

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


@dataclass(frozen=True)
class DemoResult:
    transcript: Transcript
    figures: str  # what the coordinator reads with /mentorat rapport
    pdf: bytes | None  # the final report as the pair received it
    milestones: list[str]  # the key moments, in the order they happened
    sent: list[SentRow]  # the non-essential rows of the outbox that went out, for the timing figures


def _people(lang: str) -> dict[str, Person]:
    return {
        COORD: Person(COORD, "Camille Roy", "coordinator", "America/Toronto", "Toronto"),
        MENTOR: Person(MENTOR, "Marie Tremblay", "mentor", "America/Vancouver", "Vancouver"),
        MENTEE: Person(MENTEE, "Samuel Okafor", "mentee", "America/Halifax", "Halifax"),
    }


class Demo:
    def __init__(self, bot: Harness, transcript: Transcript) -> None:
        self.bot = bot
        self.transcript = transcript
        self.people = transcript.people
        self.seen_dm = {user: 0 for user in self.people}
        self.seen_replies = 0
        self.seen_uploads = 0
        self.milestones: list[str] = []

    # --- what people see ----------------------------------------------------------------------

    def collect(self, actor: str | None = None) -> None:
        """New DMs for everyone, and the replies to what `actor` just did, stamped with the clock."""
        now = self.bot.clock.now()
        emulator = self.bot.emulator
        for user, person in self.people.items():
            messages = emulator.messages_to(user)
            self.transcript.entries += [Entry(now, person, "dm", message) for message in messages[self.seen_dm[user]:]]
            self.seen_dm[user] = len(messages)
        replies = emulator.responses()
        for reply in replies[self.seen_replies:]:
            if actor is not None and (reply.get("text") or reply.get("blocks")):
                kind = "update" if reply.get("replace_original") else "reply"
                self.transcript.entries.append(Entry(now, self.people[actor], kind, reply))
        self.seen_replies = len(replies)
        self._attach_files()

    def _attach_files(self) -> None:
        """Name the files (an .ics, the report's PDF, a chart) under the message they came with."""
        uploads = self.bot.emulator.uploads()
        for upload in uploads[self.seen_uploads:]:
            owner = next((u for u in self.people if self.bot.emulator.im_channel_id(u) == upload["channel"]), None)
            for index in range(len(self.transcript.entries) - 1, -1, -1):
                entry = self.transcript.entries[index]
                if entry.to.user_id == owner and entry.kind == "dm":
                    self.transcript.entries[index] = Entry(entry.at, entry.to, entry.kind, entry.message,
                                                           (*entry.files, upload["filename"]))
                    break
        self.seen_uploads = len(uploads)

    # --- what people do -----------------------------------------------------------------------

    def command(self, user: str, text: str) -> None:
        self.bot.command(user, text)
        self.collect(user)

    def click(self, user: str, action_id: str, value: str | None = None) -> None:
        """Click a button: the given value, else the one on the person's latest message that has it."""
        if value is None:
            message = next((m for m in reversed(self.bot.emulator.messages_to(user))
                            if button_value(m, action_id) is not None), None)
            if message is None:
                raise LookupError(f"{user} has no button {action_id}")
            self.bot.click(user, action_id, button_value(message, action_id) or "", message=message)
        else:
            self.bot.click(user, action_id, value)
        self.collect(user)

    def submit(self, user: str, callback_id: str, values: dict[str, dict[str, Any]]) -> None:
        view = [v for v in self.bot.emulator.views_opened() if v.get("callback_id") == callback_id][-1]
        self.bot.submit_view(user, view, values)
        self.collect(user)

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
        self.bot.clock.set(until)
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

    def meeting(self, proposer: str, day: str, time: str, *, agenda: str = "", held: bool = True) -> None:
        """One proposes, the other confirms, the meeting happens and one of them says so."""
        other = MENTOR if proposer == MENTEE else MENTEE
        self.command(proposer, "prochaine-rencontre")
        self.submit(proposer, "meeting-form-submit", meeting_values(day, time, agenda=agenda))
        self.click(other, "meeting-proposal-confirm")
        self.after_meeting(held)

    def after_meeting(self, held: bool = True) -> None:
        with self.bot.session_factory() as session:
            checkin = session.scalar(select(func.max(Reminder.due_at)).where(Reminder.kind == "meeting_checkin"))
        assert checkin is not None
        self.advance(checkin + timedelta(minutes=1))
        if held:
            self.click(MENTEE, "meeting-checkin-held")


def _objective(demo: Demo, title: str, success: str, due: str) -> None:
    demo.click(MENTEE, "objective-add-open", str(demo.convention_id()))
    demo.submit(MENTEE, "objective-add-submit", {
        **text_values("objective-title", "objective-title-input", title),
        "objective-horizon": {"objective-horizon-choose": {"selected_option": {"value": "short"}}},
        "objective-due": {"objective-due-pick": {"selected_date": due}},
        **text_values("objective-success", "objective-success-input", success)})


def _progress(demo: Demo, objective_id: int, status: str, progress: str, comment: str) -> None:
    demo.click(MENTEE, "objective-update-open", str(objective_id))
    demo.submit(MENTEE, "objective-update-submit", {
        "objective-status": {"objective-status-choose": {"selected_option": {"value": status}}},
        "objective-progress": {"objective-progress-select": {"selected_option": {"value": progress}}},
        **text_values("objective-comment", "objective-comment-input", comment)})


def play(demo: Demo, lang: str) -> None:
    """The programme, month after month. Texts people type are in the demo's language."""
    w = STORY[lang]
    demo.milestone("pairing")
    demo.command(COORD, f"jumeler <@{MENTOR}> <@{MENTEE}> 2026-12-01")
    for user in (MENTOR, MENTEE):
        demo.click(user, "convention-accept")
    demo.milestone("first_meeting")
    demo.advance(datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    demo.command(MENTEE, "prochaine-rencontre")
    demo.submit(MENTEE, "meeting-form-submit", meeting_values("2026-12-09", "13:00", agenda=w["agenda1"]))
    demo.click(MENTOR, "meeting-proposal-counter")
    demo.milestone("counter")
    demo.submit(MENTOR, "meeting-form-submit", meeting_values("2026-12-10", "10:00"))
    demo.click(MENTEE, "meeting-proposal-confirm")
    _objective(demo, w["goal1"], w["goal1_success"], "2027-06-30")
    _objective(demo, w["goal2"], w["goal2_success"], "2027-09-15")
    demo.after_meeting()
    demo.milestone("moved")
    demo.advance(datetime(2027, 1, 5, 15, 0, tzinfo=UTC))
    demo.command(MENTOR, "prochaine-rencontre")
    demo.submit(MENTOR, "meeting-form-submit", meeting_values("2027-01-13", "09:00"))
    demo.click(MENTEE, "meeting-proposal-confirm")
    demo.click(MENTOR, "meeting-move-open")
    demo.submit(MENTOR, "meeting-form-submit", meeting_values("2027-01-14", "09:30", reason=w["move_reason"]))
    demo.click(MENTEE, "meeting-proposal-confirm")
    demo.milestone("agenda")
    demo.advance(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    demo.command(MENTEE, "ordre-du-jour " + w["agenda2"])
    demo.after_meeting()
    goal1, goal2 = demo.objective_ids()[:2]
    _progress(demo, goal1, "in_progress", "40", w["progress1"])
    demo.click(MENTOR, "objective-feedback-open", str(goal1))
    demo.submit(MENTOR, "objective-feedback-submit", text_values("objective-comment", "objective-comment-input",
                                                                 w["feedback1"]))
    demo.milestone("slip")
    demo.advance(datetime(2027, 2, 22, 18, 0, tzinfo=UTC))  # no meeting for a month: the nudge comes
    demo.click(MENTEE, "nudge-meeting-plan")
    demo.submit(MENTEE, "meeting-form-submit", meeting_values("2027-02-24", "12:00"))
    demo.click(MENTOR, "meeting-proposal-confirm")
    demo.after_meeting()
    demo.milestone("differend")
    demo.advance(datetime(2027, 3, 15, 17, 0, tzinfo=UTC))
    demo.command(MENTOR, "differend")
    demo.submit(MENTOR, "differend-form-submit", differend_values(w["differend"], amicable="yes"))
    demo.click(COORD, "dispute-case-take")
    demo.advance(datetime(2027, 3, 17, 15, 0, tzinfo=UTC))
    demo.click(COORD, "dispute-case-resolve")
    demo.milestone("months")
    for day, time, proposer in (("2027-03-24", "12:00", MENTEE), ("2027-04-21", "10:00", MENTOR),
                                ("2027-05-19", "12:30", MENTEE), ("2027-06-16", "10:00", MENTOR),
                                ("2027-07-21", "12:00", MENTEE), ("2027-08-18", "10:00", MENTOR)):
        demo.advance(datetime.fromisoformat(day + "T14:00:00+00:00") - timedelta(days=8))
        demo.meeting(proposer, day, time)
        if day == "2027-05-19":
            _progress(demo, goal1, "reached", "100", w["progress2"])
        if day == "2027-07-21":
            _progress(demo, goal2, "in_progress", "70", w["progress3"])
    demo.milestone("closing")
    demo.advance(datetime(2027, 9, 1, 18, 0, tzinfo=UTC))  # the end approaches: the closing meeting
    demo.click(MENTEE, "meeting-plan-open")
    demo.submit(MENTEE, "meeting-form-submit", meeting_values("2027-09-15", "12:00", agenda=w["agenda3"]))
    demo.click(MENTOR, "meeting-proposal-confirm")
    demo.after_meeting()
    demo.advance(datetime(2027, 9, 17, 18, 0, tzinfo=UTC))  # the bilan is asked for
    demo.milestone("bilan")
    cid = str(demo.convention_id())
    demo.click(MENTEE, "bilan-form-open", cid)
    demo.submit(MENTEE, "bilan-form-submit", bilan_values(
        answers={"brought": w["bilan_brought"], "went": w["bilan_went"], "qualities": w["bilan_qualities"],
                 "support": w["bilan_support"], "next_steps": w["bilan_next"]},
        satisfaction="5", objectives={goal1: "reached", goal2: "partly"}, decision="end", keep="yes",
        follow_up="2027-12-15", share=("brought", "qualities", "support", "next_steps", "satisfaction", "objectives")))
    demo.click(MENTOR, "bilan-form-open", cid)
    demo.submit(MENTOR, "bilan-form-submit", bilan_values(
        answers={"brought": w["mentor_brought"], "went": w["mentor_went"], "support": w["mentor_support"]},
        satisfaction="4", objectives={goal1: "reached", goal2: "partly"}, decision="end", keep="yes",
        share=("brought", "support", "satisfaction", "objectives")))
    demo.milestone("thanks")
    demo.click(MENTEE, "thanks-form-open", cid)
    demo.submit(MENTEE, "thanks-form-submit", {
        **text_values("thanks-message", "thanks-message-input", w["thanks"]),
        **text_values("thanks-achievements", "thanks-achievements-input", w["thanks_achieved"])})
    demo.milestone("figures")
    demo.command(COORD, "rapport")


def run_demo(lang: str = "fr") -> DemoResult:
    transcript = Transcript(lang, _people(lang))
    locale = "fr-CA" if lang == "fr" else "en-CA"
    use_demo_key()
    with tempfile.TemporaryDirectory(prefix="mentorat-demo-") as folder:
        url = f"sqlite:///{Path(folder) / 'mentorat.db'}"
        upgrade(url)
        emulator = SlackEmulator(team_id="T0DEMO")
        emulator.start()
        for person in transcript.people.values():
            emulator.add_user(person.user_id, person.name.split()[0].lower(), person.name, tz=person.tz, locale=locale)
        bot = start_harness(url, emulator, now=START, coordinators=(COORD,), language=lang)
        try:
            demo = Demo(bot, transcript)
            play(demo, lang)
            figures = "\n".join(e.text(transcript.people) for e in transcript.entries
                                if e.to.user_id == COORD and e.at == bot.clock.now())
            pdfs = [u["content"] for u in emulator.uploads()
                    if u["filename"].endswith(".pdf") and u["channel"] == emulator.im_channel_id(MENTEE)]
            with bot.session_factory() as session:
                sent = sent_rows(session)
        finally:
            bot.close()
            emulator.stop()
    return DemoResult(transcript, figures, pdfs[-1] if pdfs else None, demo.milestones, sent)


STORY: dict[str, dict[str, str]] = {
    "fr": {
        "agenda1": "Faire connaissance ; mes attentes ; comment je prépare mes présentations",
        "goal1": "Présenter un projet au comité de direction", "goal1_success": "Une présentation de 10 minutes, "
        "avec les questions", "goal2": "Élargir mon réseau interne", "goal2_success": "Cinq cafés avec d'autres "
        "équipes",
        "move_reason": "Un comité a été déplacé sur ce créneau ; désolée !",
        "agenda2": "Retour sur ma première présentation ; préparer le comité de mars",
        "agenda3": "Ce que je fais mieux maintenant ; ce qui reste à travailler ; la suite",
        "progress1": "Plan de présentation prêt, répétition faite avec l'équipe",
        "feedback1": "Beau travail : pense à finir par une seule demande claire.",
        "progress2": "Présentation faite au comité ; projet accepté",
        "progress3": "Trois cafés sur cinq",
        "differend": "Deux rencontres annulées à la dernière minute de suite ; j'aimerais qu'on en parle à trois.",
        "bilan_brought": "De l'assurance devant un public, et une méthode pour préparer",
        "bilan_went": "Très bien, malgré un passage à vide en mars",
        "bilan_qualities": "Son écoute et ses questions qui font réfléchir",
        "bilan_support": "Négocier un budget",
        "bilan_next": "Présenter le bilan du projet en décembre",
        "mentor_brought": "Un regard neuf sur nos façons de faire",
        "mentor_went": "Une belle relation, franche",
        "mentor_support": "La négociation et la délégation",
        "thanks": "Merci Marie pour ta disponibilité et tes conseils, surtout avant le comité de mai.",
        "thanks_achieved": "Mon projet a été accepté et je le pilote.",
    },
    "en": {
        "agenda1": "Getting to know each other; my expectations; how I prepare my presentations",
        "goal1": "Present a project to the leadership committee", "goal1_success": "A 10-minute presentation, "
        "with questions", "goal2": "Grow my internal network", "goal2_success": "Five coffees with other teams",
        "move_reason": "A committee was moved to this slot; sorry!",
        "agenda2": "Feedback on my first presentation; preparing the March committee",
        "agenda3": "What I now do better; what is left to work on; what comes next",
        "progress1": "Presentation outline ready, rehearsed with the team",
        "feedback1": "Nice work: remember to end with one clear ask.",
        "progress2": "Presented to the committee; project approved",
        "progress3": "Three coffees out of five",
        "differend": "Two meetings cancelled at the last minute in a row; I would like the three of us to talk.",
        "bilan_brought": "Confidence in front of an audience, and a way to prepare",
        "bilan_went": "Very well, despite a slow patch in March",
        "bilan_qualities": "Her listening and her thought-provoking questions",
        "bilan_support": "Negotiating a budget",
        "bilan_next": "Present the project review in December",
        "mentor_brought": "A fresh look at how we do things",
        "mentor_went": "A good, frank relationship",
        "mentor_support": "Negotiation and delegation",
        "thanks": "Thank you Marie for your time and advice, especially before the May committee.",
        "thanks_achieved": "My project was approved and I lead it.",
    },
}

# What only the pair may read: the tests check none of it reaches the coordinator.
PRIVATE_KEYS = ("agenda1", "agenda2", "agenda3", "move_reason", "progress1", "feedback1", "bilan_brought", "bilan_went",
                "bilan_support", "mentor_brought", "thanks", "goal1", "goal2")
