"""The story on Microsoft Teams: people write to the bot in their 1:1 chat and press the buttons of its
Adaptive Cards; each activity reaches the real app signed as the Bot Connector signs it, and what the
bot posts or updates is read back from the Bot Connector emulator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.demo.harness import Harness
from bot.demo.slack_requests import get
from bot.demo.stage import Answers, Form, Stage
from bot.demo.teams_connector import BotConnectorEmulator, card_actions, card_inputs, open_urls
from bot.demo.teams_requests import TeamsChannel, TeamsUser
from bot.demo.transcript import Entry, Person, Transcript
from handlers.teams.cards import ACTION_KEY, VALUE_KEY
from handlers.teams.forms import CANCEL


@dataclass
class _Seen:
    activities: int = 0  # how many of the chat's messages were read
    versions: dict[str, int] = field(default_factory=dict)  # updates read, per message


class TeamsStage(Stage):
    platform = "teams"

    def __init__(self, bot: Harness, transcript: Transcript, connector: BotConnectorEmulator,
                 users: dict[str, TeamsUser], channel: TeamsChannel) -> None:
        super().__init__(bot, transcript)
        self.connector = connector
        self.users = users  # the story's people, as Teams knows them
        self.channel = channel
        self.seen = {user: _Seen() for user in users}

    # --- what people see ----------------------------------------------------------------------

    def collect(self, actor: str | None = None) -> None:
        """New messages in each person's chat, and the cards the bot replaced in place since the last look."""
        for user, person in self.transcript.people.items():
            seen = self.seen[user]
            teams_id = self.users[user].teams_id
            posted = self.connector.activities_for(teams_id)
            for activity in posted[seen.activities:]:
                self._add(person, "chat", activity)
            seen.activities = len(posted)
            for activity_id, updates in self.connector.update_counts(teams_id).items():
                if updates > seen.versions.get(activity_id, 0):  # what the person sees now, in its place
                    self._add(person, "update", self.connector.latest(activity_id))
                    seen.versions[activity_id] = updates

    def _add(self, person: Person, kind: str, activity: dict[str, Any]) -> None:
        self.transcript.entries.append(Entry(self.bot.clock.now(), person, kind, activity, platform="teams"))

    def cards(self, user: str) -> list[dict[str, Any]]:
        """What the person sees in their chat, each card as it is now, oldest first."""
        return [self.connector.latest(a["id"]) for a in self.connector.activities_for(self.users[user].teams_id)]

    # --- what people do -----------------------------------------------------------------------

    def command(self, user: str, text: str) -> None:
        self._check(self.channel.say(self.users[user], f"mentorat {text}"))
        self.collect(user)

    def pair(self, coordinator: str, mentor: str, mentee: str, start: str) -> None:
        """`mentorat jumeler`, then the people picker: Teams sends back each person's Entra object id."""
        self.command(coordinator, "jumeler")
        self._submit_form(coordinator, {"mentor": self.users[mentor].aad_object_id,
                                        "mentee": self.users[mentee].aad_object_id, "start": start})

    def click(self, user: str, action: str, value: str | None = None) -> None:
        for card in reversed(self.cards(user)):
            for _title, data in card_actions(card):
                if data.get(ACTION_KEY) == action and (value is None or data.get(VALUE_KEY) == value):
                    self._check(self.channel.submit(self.users[user], data, card_id=card["id"]))
                    self.collect(user)
                    return
        raise LookupError(f"{user} has no button {action} {value or ''}")

    def fill(self, user: str, form: Form, answers: Answers) -> None:
        self._submit_form(user, {name: ",".join(value) if isinstance(value, tuple) else value
                                 for name, value in answers.items()})

    def _submit_form(self, user: str, answers: dict[str, str]) -> None:
        """The latest card with every input answered: its values as shown, changed by the answers, and its send
        button's data, as Teams submits them."""
        for card in reversed(self.cards(user)):
            inputs = card_inputs(card)
            sends = [data for _title, data in card_actions(card) if data.get(ACTION_KEY) != CANCEL]
            if sends and set(answers) <= set(inputs):
                data = {**sends[0], **{name: element.get("value", "") for name, element in inputs.items()}, **answers}
                self._check(self.channel.submit(self.users[user], data, card_id=card["id"]))
                self.collect(user)
                return
        raise LookupError(f"{user} has no form with {sorted(answers)}")

    @staticmethod
    def _check(answer: Any) -> None:
        if answer.status >= 300:
            raise RuntimeError(f"the bot answered {answer.status}")

    def external_id(self, user: str) -> str:
        return self.users[user].aad_object_id

    def final_report(self) -> bytes | None:
        """The report's PDF, downloaded from the link on the mentee's card as Teams would open it."""
        for card in reversed(self.cards(self.mentee())):
            for _title, url in open_urls(card):
                answer = get(url)
                if answer.status == 200 and answer.headers.get("Content-Type", "").startswith("application/pdf"):
                    return answer.body
        return None

