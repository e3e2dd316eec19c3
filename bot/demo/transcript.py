"""What each person received during the demo, stamped with the simulated time, as text or HTML.

A Slack entry holds a message (Block Kit), a Teams entry an activity (Adaptive Cards); each is read
and drawn the way its platform shows it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.demo.card_render import TEAMS_CSS, card_html, card_lines
from bot.demo.people import Person
from bot.demo.slack_emulator import text_of
from bot.demo.slack_render import SLACK_CSS, named, render_blocks, unescape
from bot.i18n import N_, labels, t, tn
from bot.i18n.dates import format_moment

__all__ = ["Entry", "Person", "Transcript"]

SHOWN_LINES = 8  # per message in the text transcript
ENTRY_HEADS = {"dm": N_("demo.dm"), "reply": N_("demo.reply"), "update": N_("demo.update"), "chat": N_("demo.chat")}
PLATFORM_NAMES = {"slack": N_("demo.platform.slack"), "teams": N_("demo.platform.teams")}
BOLD = re.compile(r"\*([^*\n]+)\*")  # Slack's *bold*: plain words in a terminal


@dataclass(frozen=True)
class Entry:
    at: datetime
    to: Person
    kind: str  # "dm" (a direct message) | "reply" (the answer only they see) | "update" | "chat" (Teams)
    message: dict[str, Any]
    files: tuple[str, ...] = ()
    platform: str = "slack"

    def text(self, people: dict[str, Person], lang: str) -> str:
        """What the person reads, with Slack's markup (*bold*) left in."""
        if self.platform == "teams":
            return "\n".join(card_lines(self.message, lang))
        return unescape(named(text_of(self.message) or self.message.get("text", ""), people))

    def lines(self, people: dict[str, Person], lang: str) -> list[str]:
        """What the person reads, as plain lines for a terminal."""
        if self.platform == "teams":
            return card_lines(self.message, lang)
        return [BOLD.sub(r"\1", line) for line in self.text(people, lang).splitlines() if line.strip()]

    def html(self, people: dict[str, Person]) -> str:
        return card_html(self.message) if self.platform == "teams" else render_blocks(self.message, people)


@dataclass
class Transcript:
    lang: str
    people: dict[str, Person]
    platform: str = "slack"
    entries: list[Entry] = field(default_factory=list)
    chapters: list[tuple[int, str]] = field(default_factory=list)  # (index of the first entry, title)

    def chapter(self, title: str) -> None:
        self.chapters.append((len(self.entries), title))

    def for_person(self, user_id: str) -> list[Entry]:
        return [e for e in self.entries if e.to.user_id == user_id]

    def _head(self, entry: Entry) -> tuple[str, str]:
        return (format_moment(entry.at, entry.to.tz, self.lang),
                t(self.lang, ENTRY_HEADS[entry.kind], name=entry.to.name, role=t(self.lang, labels.ROLE[entry.to.role])))

    def as_text(self) -> str:
        lines: list[str] = []
        titles = dict(self.chapters)
        last_chapter = max(titles, default=len(self.entries))  # the figures: the demo's conclusion, shown whole
        for index, entry in enumerate(self.entries):
            if index in titles:
                lines += ["", f"━━ {titles[index]} ━━"]
            when, head = self._head(entry)
            lines.append(f"[{when}] {head}")
            body = entry.lines(self.people, self.lang)
            if len(body) > SHOWN_LINES + 2 and index < last_chapter:  # the whole message is in the HTML page
                body = [*body[:SHOWN_LINES], tn(self.lang, "demo.more", "demo.more.plural", len(body) - SHOWN_LINES)]
            lines += ["    " + line for line in body]
            lines += ["    📎 " + name for name in entry.files]
        return "\n".join(lines).strip() + "\n"

    def html_section(self) -> str:
        """The conversation as the platform draws it (the page's <style> comes from `as_html`)."""
        titles = dict(self.chapters)
        parts = []
        for index, entry in enumerate(self.entries):
            if index in titles:
                parts.append(f"<h2>{html.escape(titles[index])}</h2>")
            when, head = self._head(entry)
            parts.append(f"<div class='msg {entry.to.role} {entry.kind}'><div class='meta'>{html.escape(head)} · "
                         f"{html.escape(when)}</div>{entry.html(self.people)}"
                         + "".join(f"<div class='file'>📎 {html.escape(f)}</div>" for f in entry.files) + "</div>")
        return "\n".join(parts)

    def as_html(self, title: str, pdf_name: str | None, *, others: list[tuple[str, str]] | None = None) -> str:
        """The page; `others`: (platform, file name) of the same story drawn on another platform."""
        css = TEAMS_CSS if self.platform == "teams" else SLACK_CSS
        parts = [f"<!doctype html><html lang='{self.lang}'><head><meta charset='utf-8'><title>{html.escape(title)}"
                 f"</title><style>{css}</style></head><body class='{self.platform}'><h1>{html.escape(title)}</h1>"]
        if pdf_name:
            parts.append(f"<p class='pdf'>📎 <a href='{html.escape(pdf_name)}'>{html.escape(pdf_name)}</a></p>")
        for platform, page in others or []:
            link = f"<a href='{html.escape(page)}'>{html.escape(page)}</a>"
            where = t(self.lang, PLATFORM_NAMES[platform])
            said = t(self.lang, "demo.other_page", platform=where, page=link)
            parts.append(f"<p class='other'>{said}</p>")
        parts += [self.html_section(), "</body></html>"]
        return "\n".join(parts)
