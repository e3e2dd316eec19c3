"""Block Kit as the demo's web page shows it, drawn like a Slack conversation."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.demo.people import Person

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def named(text: str, people: dict[str, Person]) -> str:
    """Slack's <@U…> mentions as the people's names."""
    return MENTION.sub(lambda m: "@" + (people[m.group(1)].name if m.group(1) in people else m.group(1)), text)


def mrkdwn(text: str, people: dict[str, Person]) -> str:
    """Slack's mrkdwn, simply: mentions as names, *bold*, _italic_, `code`, line breaks."""
    shown = html.escape(unescape(named(text, people)), quote=False)
    shown = re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", shown)
    shown = re.sub(r"(?<!\w)_([^_\n]+)_(?!\w)", r"<i>\1</i>", shown)
    shown = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", shown)
    return shown.replace("\n", "<br>")


def _text(obj: dict[str, Any] | None, people: dict[str, Person]) -> str:
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn(obj.get("text", ""), people)
    return html.escape(obj.get("text", ""))


def render_blocks(message: dict[str, Any], people: dict[str, Person]) -> str:
    """Block Kit rendered simply: headers, sections and fields, context, buttons."""
    blocks = message.get("blocks") or []
    if not blocks:
        return f"<p>{mrkdwn(message.get('text', ''), people)}</p>"
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


SLACK_CSS = """
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
