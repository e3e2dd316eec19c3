"""The demo draws Adaptive Cards as Teams shows them: the bot's markdown rendered, what people typed as typed."""

from __future__ import annotations

from bot.demo.card_render import card_html, card_lines
from handlers.teams.cards import ADAPTIVE, card, inert, text_block


def _activity(text: str) -> dict[str, object]:
    return {"type": "message", "attachments": [{"contentType": ADAPTIVE, "content": card([text_block(text)])}]}


def test_typed_signs_and_markup_show_as_typed() -> None:
    typed = inert("_mon_ *CV* <script>alert(1)</script> [site](javascript:alert(1))")
    page = card_html(_activity(f"**Ordre du jour** : {typed}"))
    assert page.startswith("<p><b>Ordre du jour</b>")
    assert "_mon_ *CV* &lt;script&gt;" in page and "<script>" not in page
    assert "<a " not in page and "<i>" not in page
    assert card_lines(_activity(f"**Ordre du jour** : {typed}"), "fr")[0].startswith("Ordre du jour : _mon_ *CV*")


def test_the_bots_links_are_links_once_escaped_and_only_to_the_web_or_mail() -> None:
    page = card_html(_activity("[le rapport](https://x.example/r?a=1&b=2_c_d) [ftp](ftp://x.example/f)"))
    assert "<a href='https://x.example/r?a=1&amp;b=2_c_d'>le rapport</a>" in page
    assert "ftp://" not in page
