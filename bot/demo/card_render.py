"""Adaptive Cards as the demo shows them: lines for a terminal, or HTML drawn like a Teams chat.

Only what Mentorat's cards use: TextBlock (Teams' markdown subset: **bold**, _italic_, [links](…)),
RichTextBlock runs, FactSet, containers and columns, inputs (label and value) and the buttons.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from bot.demo.teams_connector import ADAPTIVE_CARD

BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<!\w)_([^_\n]+)_(?!\w)")
LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
ZERO_WIDTH = "\u200b"  # what the bot puts after markdown signs people typed, so they show as typed

JsonDict = dict[str, Any]


def _cards(activity: JsonDict) -> Iterator[JsonDict]:
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE_CARD and isinstance(attachment.get("content"), dict):
            yield attachment["content"]


def _items(node: JsonDict) -> Iterator[JsonDict]:
    """The elements a container holds, columns' items included, in reading order."""
    for key in ("items", "columns"):
        for child in node.get(key) or []:
            if isinstance(child, dict):
                yield child


# A sign people typed comes with a zero-width space after it (handlers/teams/cards.inert): Teams shows it as
# typed, so the demo keeps it out of the patterns, as a private-use character, until the end.
INERT = {sign: chr(0xE000 + index) for index, sign in enumerate("*_[]`#<>")}
RESTORE = {held: sign for sign, held in INERT.items()}
SAFE_SCHEMES = ("https://", "http://", "mailto:")


def _held(markdown: str) -> str:
    for sign, held in INERT.items():
        markdown = markdown.replace(sign + ZERO_WIDTH, held)
    return markdown.replace(ZERO_WIDTH, "")


def _restored(text: str) -> str:
    return "".join(RESTORE.get(char, char) for char in text)


def _plain(markdown: str) -> str:
    """Teams markdown as plain words: **bold** and _italic_ lose their signs, a link keeps its label."""
    text = LINK.sub(r"\1", _held(markdown))
    return _restored(ITALIC.sub(r"\1", BOLD.sub(r"\1", text)))


def _runs(node: JsonDict) -> str:
    return "".join(run if isinstance(run, str) else str(run.get("text", "")) for run in node.get("inlines") or [])


def _buttons(nodes: list[Any]) -> list[JsonDict]:
    return [action for action in nodes if isinstance(action, dict) and str(action.get("type", "")).startswith("Action.")]


# --------------------------------------------------------------------------- terminal


def card_lines(activity: JsonDict, lang: str = "en") -> list[str]:
    """What a person reads in the activity, one line per paragraph, buttons last as [Title]."""
    colon = " : " if lang == "fr" else ": "  # a fact's title and value, as each language writes it
    lines = [_plain(activity["text"])] if isinstance(activity.get("text"), str) and not activity.get("attachments") \
        else []
    for card in _cards(activity):
        for element in card.get("body") or []:
            lines += _element_lines(element, colon)
        buttons = _buttons(card.get("actions") or [])
        if buttons:
            lines.append("  ".join(f"[{_plain(str(b.get('title', '')))}]" for b in buttons))
    return [line for text in lines for line in text.splitlines() if line.strip()]


def _element_lines(element: JsonDict, colon: str) -> list[str]:
    kind = element.get("type")
    if kind == "TextBlock":
        return [_plain(str(element.get("text", "")))]
    if kind == "RichTextBlock":
        return [_runs(element)]
    if kind == "FactSet":
        return [f"{_plain(str(f.get('title', '')))}{colon}{f.get('value', '')}" for f in element.get("facts") or []]
    if kind == "ActionSet":
        return ["  ".join(f"[{_plain(str(b.get('title', '')))}]" for b in _buttons(element.get("actions") or []))]
    if isinstance(kind, str) and kind.startswith("Input."):
        label = element.get("label") or element.get("title") or ""
        return [f"▭ {_plain(str(label))}"]
    return [line for child in _items(element) for line in _element_lines(child, colon)]


# --------------------------------------------------------------------------- HTML


def _emphasis_html(text: str) -> str:
    shown = ITALIC.sub(r"<i>\1</i>", BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False)))
    return "".join(html.escape(RESTORE[char]) if char in RESTORE else char for char in shown)


def _markdown_html(markdown: str) -> str:
    """Teams markdown as HTML: emphasis, and links whose target is a web or mail address (others show their
    label only); everything else escaped, signs people typed shown as typed."""
    held, parts, last = _held(markdown), [], 0
    for link in LINK.finditer(held):
        parts.append(_emphasis_html(held[last:link.start()]))
        label, target = _emphasis_html(link.group(1)), _restored(link.group(2))
        parts.append(f"<a href='{html.escape(target)}'>{label}</a>" if target.startswith(SAFE_SCHEMES) else label)
        last = link.end()
    parts.append(_emphasis_html(held[last:]))
    return "".join(parts).replace("\n", "<br>")


def card_html(activity: JsonDict) -> str:
    """The activity as Teams draws it, roughly: the card's blocks, its inputs as fields, its buttons."""
    parts = []
    if isinstance(activity.get("text"), str) and not activity.get("attachments"):
        parts.append(f"<p>{_markdown_html(activity['text'])}</p>")
    for card in _cards(activity):
        parts += [_element_html(element) for element in card.get("body") or []]
        parts.append(_buttons_html(card.get("actions") or []))
    return "".join(parts)


def _buttons_html(actions: list[Any]) -> str:
    buttons = _buttons(actions)
    if not buttons:
        return ""
    drawn = []
    for button in buttons:
        style = {"positive": " primary", "destructive": " danger"}.get(str(button.get("style", "")), "")
        title = html.escape(_plain(str(button.get("title", ""))))
        if button.get("type") == "Action.OpenUrl":
            drawn.append(f"<span class='button link'>📎 {title}</span>")
        else:
            drawn.append(f"<span class='button{style}'>{title}</span>")
    return "<p class='buttons'>" + "".join(drawn) + "</p>"


def _element_html(element: JsonDict) -> str:
    kind = element.get("type")
    subtle = " subtle" if element.get("isSubtle") else ""
    if kind == "TextBlock":
        tag = "h3" if element.get("weight") == "Bolder" else "p"
        shown = f" class='{subtle.strip()}'" if subtle else ""
        return f"<{tag}{shown}>{_markdown_html(str(element.get('text', '')))}</{tag}>"
    if kind == "RichTextBlock":
        runs = [run for run in element.get("inlines") or [] if isinstance(run, dict)]
        subtle = " subtle" if any(run.get("isSubtle") for run in runs) else ""
        return f"<p class='typed{subtle}'>{html.escape(_runs(element)).replace(chr(10), '<br>')}</p>"
    if kind == "FactSet":
        facts = element.get("facts") or []
        return "<dl>" + "".join(f"<dt>{_markdown_html(str(f.get('title', '')))}</dt>"
                                f"<dd>{html.escape(str(f.get('value', '')))}</dd>" for f in facts) + "</dl>"
    if kind == "ActionSet":
        return _buttons_html(element.get("actions") or [])
    if isinstance(kind, str) and kind.startswith("Input."):
        return _input_html(element)
    return "".join(_element_html(child) for child in _items(element))


def _input_html(element: JsonDict) -> str:
    label = html.escape(_plain(str(element.get("label") or element.get("title") or "")))
    value = str(element.get("value") or "")
    if element.get("type") == "Input.ChoiceSet":
        titles = {str(c.get("value")): str(c.get("title", "")) for c in element.get("choices") or []}
        value = ", ".join(titles.get(part, part) for part in value.split(",") if part)
    elif element.get("type") == "Input.Toggle":
        value = "☑" if value == element.get("valueOn", "true") else "☐"
    return (f"<div class='input'><label>{label}</label><span class='field'>{html.escape(value) or '&nbsp;'}"
            "</span></div>")


TEAMS_CSS = """
body{font-family:'Segoe UI',-apple-system,Roboto,Helvetica,Arial,sans-serif;max-width:48rem;margin:2rem auto;
color:#242424;background:#f5f5f5;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;color:#5b5fc7}
.msg{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.14);margin:.8rem 0 .8rem 2.6rem;
padding:.7rem 1rem;position:relative}.msg:before{content:'M';position:absolute;left:-2.6rem;top:.2rem;width:2rem;
height:2rem;border-radius:50%;background:#5b5fc7;color:#fff;text-align:center;line-height:2rem;font-weight:600}
.msg.update{border:1px dashed #c7c7c7}.meta{font-size:.8rem;color:#616161;margin-bottom:.4rem}
h3{font-size:1rem;margin:.2rem 0;font-weight:600}p{margin:.35rem 0;line-height:1.4}.subtle{color:#707070}
.typed{white-space:normal;border-left:3px solid #e0e0e0;padding-left:.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem;margin:.4rem 0}
dt{font-weight:600}dd{margin:0}.input{margin:.4rem 0;font-size:.9rem}.input label{display:block;color:#424242}
.field{display:block;border:1px solid #d1d1d1;border-bottom-color:#616161;border-radius:4px;padding:.2rem .5rem;
background:#fff;min-height:1.2rem}.buttons{margin-top:.6rem}
.button{display:inline-block;border:1px solid #d1d1d1;border-radius:4px;padding:.25rem .8rem;margin:.2rem .3rem 0 0;
font-size:.85rem;font-weight:600}.button.primary{background:#5b5fc7;color:#fff;border-color:#5b5fc7}
.button.danger{color:#c4314b;border-color:#c4314b}.button.link{color:#5b5fc7}
"""
