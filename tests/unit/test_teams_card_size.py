"""Teams refuses a message over 28 KB for good: where a single message is all there is (a proactive final
report, whose PDF keeps every word), its longest typed texts are shortened rather than the message lost."""

from __future__ import annotations

from bot.notify import Attachment, Button, Message, Section
from handlers.teams.cards import CARD_BUDGET, CLIPPED, card_size, message_card


def test_a_message_too_large_for_one_card_is_shortened_where_people_typed() -> None:
    words = {role: f"{role} " + "Une relation précieuse où j'ai appris. " * 120 for role in ("mentor", "mentee")}
    message = Message(text="Rapport final — Mentorat",
                      sections=tuple(Section(f"Ce que retient {role} ({n})", words[role], literal=True)
                                     for role in words for n in range(4)),
                      buttons=(Button("Voir les bilans", "bilan-answers-show", "1"),),
                      attachment=Attachment("rapport.pdf", b"%PDF", "Rapport final"))
    whole = message_card(message, file_url="https://mentorat.example/files/x", whole=True)
    assert card_size(whole) > CARD_BUDGET
    fitted = message_card(message, file_url="https://mentorat.example/files/x")
    assert card_size(fitted) <= CARD_BUDGET
    runs = [e["inlines"][0]["text"] for e in fitted["body"] if e["type"] == "RichTextBlock"]
    assert any(run.endswith(CLIPPED) for run in runs) and all(run.startswith(("mentor ", "mentee ")) for run in runs)
    assert [a["title"] for a in fitted["actions"]] == ["Voir les bilans", "Rapport final"], "the buttons stay"
    small = Message(text="Merci", sections=(Section(None, "Un mot *tel quel*", literal=True),))
    assert message_card(small) == message_card(small, whole=True), "a card within the limit is untouched"
