"""What each person received during the demo, stamped with the simulated time, as text or HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.demo.slack_emulator import text_of
from bot.i18n import N_, labels, t, tn
from bot.i18n.dates import format_moment

SHOWN_LINES = 8  # per message in the text transcript
ENTRY_HEADS = {"dm": N_("demo.dm"), "reply": N_("demo.reply"), "update": N_("demo.update")}
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
BOLD = re.compile(r"\*([^*\n]+)\*")  # Slack's *bold*: plain words in a terminal


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    role: str  # i18n key under role.*
    tz: str
    city: str


@dataclass(frozen=True)
class Entry:
    at: datetime
    to: Person
    kind: str  # "dm" (a direct message) | "reply" (the answer to a command or a click, seen only by them)
    message: dict[str, Any]
    files: tuple[str, ...] = ()

    def text(self, people: dict[str, Person]) -> str:
        raw = text_of(self.message) or self.message.get("text", "")
        return unescape(MENTION.sub(lambda m: "@" + (people[m.group(1)].name if m.group(1) in people
                                                      else m.group(1)), raw))


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass
class Transcript:
    lang: str
    people: dict[str, Person]
    entries: list[Entry] = field(default_factory=list)
    chapters: list[tuple[int, str]] = field(default_factory=list)  # (index of the first entry, title)

    def chapter(self, title: str) -> None:
        self.chapters.append((len(self.entries), title))

    def for_person(self, user_id: str) -> list[Entry]:
        return [e for e in self.entries if e.to.user_id == user_id]

    def as_text(self) -> str:
        lines: list[str] = []
        titles = dict(self.chapters)
        last_chapter = max(titles, default=len(self.entries))  # the figures: the demo's conclusion, shown whole
        for index, entry in enumerate(self.entries):
            if index in titles:
                lines += ["", f"━━ {titles[index]} ━━"]
            when = format_moment(entry.at, entry.to.tz, self.lang)
            head = t(self.lang, ENTRY_HEADS[entry.kind], name=entry.to.name, role=t(self.lang, labels.ROLE[entry.to.role]))
            lines.append(f"[{when}] {head}")
            body = [BOLD.sub(r"\1", line) for line in entry.text(self.people).splitlines() if line.strip()]
            if len(body) > SHOWN_LINES + 2 and index < last_chapter:  # the whole message is in the HTML page
                body = [*body[:SHOWN_LINES], tn(self.lang, "demo.more", "demo.more.plural", len(body) - SHOWN_LINES)]
            lines += ["    " + line for line in body]
            lines += ["    📎 " + name for name in entry.files]
        return "\n".join(lines).strip() + "\n"

    def as_html(self, title: str, pdf_name: str | None) -> str:
        titles = dict(self.chapters)
        parts = [f"<!doctype html><html lang='{self.lang}'><head><meta charset='utf-8'><title>{html.escape(title)}"
                 f"</title><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
        if pdf_name:
            parts.append(f"<p class='pdf'>📎 <a href='{html.escape(pdf_name)}'>{html.escape(pdf_name)}</a></p>")
        for index, entry in enumerate(self.entries):
            if index in titles:
                parts.append(f"<h2>{html.escape(titles[index])}</h2>")
            when = format_moment(entry.at, entry.to.tz, self.lang)
            head = t(self.lang, ENTRY_HEADS[entry.kind], name=entry.to.name, role=t(self.lang, labels.ROLE[entry.to.role]))
            parts.append(f"<div class='msg {entry.to.role}'><div class='meta'>{html.escape(head)} · "
                         f"{html.escape(when)}</div>{render_blocks(entry.message, self.people)}"
                         + "".join(f"<div class='file'>📎 {html.escape(f)}</div>" for f in entry.files) + "</div>")
        parts.append("</body></html>")
        return "\n".join(parts)


def _mrkdwn(text: str, people: dict[str, Person]) -> str:
    """Slack's mrkdwn, simply: mentions as names, *bold*, _italic_, `code`, line breaks."""
    shown = html.escape(unescape(MENTION.sub(lambda m: "@" + (people[m.group(1)].name if m.group(1) in people
                                                              else m.group(1)), text)), quote=False)
    shown = re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", shown)
    shown = re.sub(r"(?<!\w)_([^_\n]+)_(?!\w)", r"<i>\1</i>", shown)
    shown = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", shown)
    return shown.replace("\n", "<br>")


def _text(obj: dict[str, Any] | None, people: dict[str, Person]) -> str:
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return _mrkdwn(obj.get("text", ""), people)
    return html.escape(obj.get("text", ""))


def render_blocks(message: dict[str, Any], people: dict[str, Person]) -> str:
    """Block Kit rendered simply: headers, sections and fields, context, buttons."""
    blocks = message.get("blocks") or []
    if not blocks:
        return f"<p>{_mrkdwn(message.get('text', ''), people)}</p>"
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            out.append(f"<h3>{_text(block.get('text'), people)}</h3>")
        elif kind == "section":
            if block.get("text"):
                out.append(f"<p>{_text(block['text'], people)}</p>")
            if block.get("fields"):
                out.append("<div class='fields'>" + "".join(f"<div>{_text(f, people)}</div>" for f in block["fields"])
                           + "</div>")
        elif kind == "context":
            out.append("<p class='context'>" + " ".join(_text(e, people) for e in block.get("elements", [])) + "</p>")
        elif kind == "actions":
            out.append("<p class='buttons'>" + "".join(
                f"<span class='button {e.get('style', '')}'>{_text(e.get('text'), people)}</span>"
                for e in block.get("elements", []) if e.get("type") == "button") + "</p>")
        elif kind == "divider":
            out.append("<hr>")
    return "".join(out)


CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;max-width:52rem;margin:2rem auto;
color:#1d1c1d;background:#f8f8f8;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.msg{background:#fff;border:1px solid #e2e2e2;border-left:4px solid #611f69;border-radius:6px;margin:.8rem 0;
padding:.6rem .9rem}.msg.mentor{border-left-color:#1264a3}.msg.mentee{border-left-color:#2eb67d}
.msg.coordinator{border-left-color:#e01e5a}.meta{font-size:.8rem;color:#616061;margin-bottom:.3rem}
h3{font-size:1rem;margin:.2rem 0}p{margin:.35rem 0;line-height:1.4}.context{font-size:.8rem;color:#616061}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:.3rem 1rem;font-size:.9rem}
.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:.15rem .6rem;margin:.2rem .3rem 0 0;
font-size:.85rem}.button.primary{background:#007a5a;color:#fff;border-color:#007a5a}
.button.danger{color:#e01e5a;border-color:#e01e5a}.file{font-size:.85rem;color:#1264a3}hr{border:0;
border-top:1px solid #eee}code{background:#f2f2f2;padding:0 .2rem}
"""
