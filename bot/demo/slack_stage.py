"""The story on Slack: signed slash commands, button clicks and modal submissions, read back from the
Slack emulator (DMs, replies only the person sees, uploaded files)."""

from __future__ import annotations

from typing import Any

from bot.demo.forms import bilan_values, differend_values, meeting_values, text_values
from bot.demo.harness import Harness
from bot.demo.slack_emulator import button_value
from bot.demo.stage import Answers, Form, Stage
from bot.demo.transcript import Entry, Transcript

QUESTIONS = ("brought", "went", "qualities", "support", "next_steps")  # the bilan's written answers
CALLBACKS = {Form.MEETING: "meeting-form-submit", Form.OBJECTIVE_ADD: "objective-add-submit",
             Form.OBJECTIVE_UPDATE: "objective-update-submit", Form.OBJECTIVE_FEEDBACK: "objective-feedback-submit",
             Form.DIFFEREND: "differend-form-submit", Form.BILAN: "bilan-form-submit",
             Form.THANKS: "thanks-form-submit"}


def _one(answers: Answers, name: str, default: str = "") -> str:
    value = answers.get(name, default)
    assert isinstance(value, str), name
    return value


# The meeting modal's blocks and the answers they hold: a counter-proposal or a move opens it filled in.
MEETING_BLOCKS = {"meeting-date": "date", "meeting-time": "time", "meeting-duration": "duration",
                  "meeting-mode": "mode", "meeting-location": "location", "meeting-agenda": "agenda"}


def shown_answers(view: dict[str, Any]) -> dict[str, str]:
    """What the meeting modal shows before anyone types (its initial values), by answer name."""
    shown = {}
    for block in view.get("blocks") or []:
        name, element = MEETING_BLOCKS.get(block.get("block_id", "")), block.get("element") or {}
        value = (element.get("initial_value") or element.get("initial_date") or element.get("initial_time")
                 or (element.get("initial_option") or {}).get("value"))
        if name and isinstance(value, str):
            shown[name] = value
    return shown


def _choice(block: str, action: str, value: str) -> dict[str, dict[str, Any]]:
    return {block: {action: {"selected_option": {"value": value}}}}


def state_values(form: Form, a: Answers) -> dict[str, dict[str, Any]]:
    """The answers as Slack's view.state.values for that modal."""
    if form is Form.MEETING:
        return meeting_values(_one(a, "date"), _one(a, "time"), duration=_one(a, "duration", "60"),
                              mode=_one(a, "mode", "video"), location=_one(a, "location"), agenda=_one(a, "agenda"),
                              reason=_one(a, "reason") if "reason" in a else None)
    if form is Form.OBJECTIVE_ADD:
        return {**text_values("objective-title", "objective-title-input", _one(a, "title")),
                **_choice("objective-horizon", "objective-horizon-choose", _one(a, "horizon")),
                "objective-due": {"objective-due-pick": {"selected_date": _one(a, "due")}},
                **text_values("objective-success", "objective-success-input", _one(a, "success"))}
    if form is Form.OBJECTIVE_UPDATE:
        return {**_choice("objective-status", "objective-status-choose", _one(a, "status")),
                **_choice("objective-progress", "objective-progress-select", _one(a, "progress")),
                **text_values("objective-comment", "objective-comment-input", _one(a, "comment"))}
    if form is Form.OBJECTIVE_FEEDBACK:
        return text_values("objective-comment", "objective-comment-input", _one(a, "comment"))
    if form is Form.DIFFEREND:
        return differend_values(_one(a, "summary"), amicable=_one(a, "amicable"))
    if form is Form.BILAN:
        share = a.get("share", ())
        return bilan_values(
            answers={key: _one(a, key) for key in QUESTIONS if key in a}, satisfaction=_one(a, "satisfaction"),
            objectives={int(key.split(":")[1]): _one(a, key) for key in a if key.startswith("objective:")},
            decision=_one(a, "decision"), keep=_one(a, "keep_in_touch"), follow_up=_one(a, "follow_up") or None,
            share=share if isinstance(share, tuple) else (share,))
    return {**text_values("thanks-message", "thanks-message-input", _one(a, "message")),
            **text_values("thanks-achievements", "thanks-achievements-input", _one(a, "achievements"))}


class SlackStage(Stage):
    platform = "slack"

    def __init__(self, bot: Harness, transcript: Transcript) -> None:
        super().__init__(bot, transcript)
        self.seen_dm = {user: 0 for user in transcript.people}
        self.seen_replies = 0
        self.seen_uploads = 0

    def collect(self, actor: str | None = None) -> None:
        now = self.bot.clock.now()
        emulator = self.bot.emulator
        for user, person in self.transcript.people.items():
            messages = emulator.messages_to(user)
            self.transcript.entries += [Entry(now, person, "dm", message) for message in messages[self.seen_dm[user]:]]
            self.seen_dm[user] = len(messages)
        replies = emulator.responses()
        for reply in replies[self.seen_replies:]:
            if actor is not None and (reply.get("text") or reply.get("blocks")):
                kind = "update" if reply.get("replace_original") else "reply"
                self.transcript.entries.append(Entry(now, self.transcript.people[actor], kind, reply))
        self.seen_replies = len(replies)
        self._attach_files()

    def _attach_files(self) -> None:
        """Name the files (an .ics, the report's PDF, a chart) under the message they came with."""
        uploads = self.bot.emulator.uploads()
        for upload in uploads[self.seen_uploads:]:
            owner = next((u for u in self.transcript.people if self.bot.emulator.im_channel_id(u) == upload["channel"]),
                         None)
            for index in range(len(self.transcript.entries) - 1, -1, -1):
                entry = self.transcript.entries[index]
                if entry.to.user_id == owner and entry.kind == "dm":
                    self.transcript.entries[index] = Entry(entry.at, entry.to, entry.kind, entry.message,
                                                           (*entry.files, upload["filename"]))
                    break
        self.seen_uploads = len(uploads)

    def command(self, user: str, text: str) -> None:
        self.bot.command(user, text)
        self.collect(user)

    def pair(self, coordinator: str, mentor: str, mentee: str, start: str) -> None:
        self.command(coordinator, f"jumeler <@{mentor}> <@{mentee}> {start}")

    def click(self, user: str, action: str, value: str | None = None) -> None:
        """With a value, the button as the App Home or a list shows it; else the one on their latest message."""
        if value is None:
            message = next((m for m in reversed(self.bot.emulator.messages_to(user))
                            if button_value(m, action) is not None), None)
            if message is None:
                raise LookupError(f"{user} has no button {action}")
            self.bot.click(user, action, button_value(message, action) or "", message=message)
        else:
            self.bot.click(user, action, value)
        self.collect(user)

    def fill(self, user: str, form: Form, answers: Answers) -> None:
        """What the modal showed, changed by the answers, as Slack submits it."""
        view = [v for v in self.bot.emulator.views_opened() if v.get("callback_id") == CALLBACKS[form]][-1]
        if form is Form.MEETING:
            answers = {**shown_answers(view), **answers}
        self.bot.submit_view(user, view, state_values(form, answers))
        self.collect(user)

    def external_id(self, user: str) -> str:
        return user  # the story's handles are Slack ids

    def final_report(self) -> bytes | None:
        emulator = self.bot.emulator
        pdfs = [u["content"] for u in emulator.uploads()
                if u["filename"].endswith(".pdf") and u["channel"] == emulator.im_channel_id(self.mentee())]
        return pdfs[-1] if pdfs else None
