"""Block Kit builders are pure: check their structure and Slack's limits in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from bot.commands import COMMANDS
from bot.i18n.rich import rich
from bot.notify import Button, Mention, Message, Section
from handlers.slack.render import as_dicts, message_blocks
from handlers.slack.views.help import help_blocks
from handlers.slack.views.pairing import pairing_modal


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pairing_modal(lang: str) -> None:
    view = pairing_modal(lang, date(2026, 11, 23), metadata='{"team_id": "T1"}').to_dict()
    assert view["callback_id"] == "pairing-form-submit"
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs["pairing-mentor"]["type"] == "users_select"
    assert inputs["pairing-mentee"]["type"] == "users_select"
    assert inputs["pairing-start"] == {"type": "datepicker", "action_id": "pairing-start-pick",
                                       "initial_date": "2026-11-23"}


def test_help_lists_commands_with_french_typography() -> None:
    role = rich("Vous êtes mentor de {other}.", other=Mention("U2", "Ben"))
    blocks = as_dicts(help_blocks("fr", list(COMMANDS[:2]), [role], [Mention("U1", "Awa")]))
    listing = blocks[1]["text"]["text"]
    assert listing.splitlines()[0].startswith("• `/mentorat aide` : ")
    assert "Coordination : <@U1>" in blocks[-1]["elements"][0]["text"]


def test_message_rendering_and_limits() -> None:
    message = Message(
        text="Titre",
        sections=(Section("A", "x" * 5000),),
        facts=(("Quand", "demain"),),
        buttons=(Button("J'accepte", "convention-accept", "7", style="primary"),),
        context="note",
    )
    blocks = as_dicts(message_blocks(message))
    # A long section is split over several blocks, within Slack's 3,000 characters each, none of it lost.
    assert [b["type"] for b in blocks] == ["header", "section", "section", "section", "context", "divider", "actions"]
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks[1:3])
    assert "".join(b["text"]["text"] for b in blocks[1:3]) == "*A*\n" + "x" * 5000
    label = {"type": "plain_text", "text": "J'accepte", "emoji": True}
    assert blocks[-1]["elements"][0] == {"type": "button", "text": label,
                                         "action_id": "convention-accept", "value": "7", "style": "primary"}


def test_typed_text_is_shown_as_typed_and_split_only_between_words() -> None:
    typed = "Plan <@U123> & <https://evil.example|clic> " + "mot " * 900
    message = Message(text="Titre", sections=(Section("Ordre du jour", typed, literal=True),), headline=False)
    blocks = as_dicts(message_blocks(message))
    parts = [b["text"] for b in blocks if b["type"] == "section"][1:]
    assert all(p.get("verbatim") is True and len(p["text"]) <= 3000 for p in parts) and len(parts) == 2
    joined = "".join(p["text"] for p in parts)
    assert "&lt;@U123&gt; &amp; &lt;https://evil.example|clic&gt;" in joined
    assert joined.count("mot") == 900, "nothing cut off"
    assert not parts[0]["text"].endswith("mo") and not parts[1]["text"].startswith("t ")
