"""A link a person typed stays one link: refused when it could bend a chat's markup, escaped when shown."""

from __future__ import annotations

import pytest

from bot.notify import Link, Rich
from bot.services.profiles import safe_link
from handlers.slack.render import mrkdwn
from handlers.teams.cards import teams_text


@pytest.mark.parametrize("link", [
    "https://exemple.org><https://evil.example/login|Confirmer><!here",
    "https://exemple.org/cv|Cliquez",
    "https://[x", "https://", "http://exemple.org", "javascript:alert(1)", "https://ex ample.org",
    "https://exemple.org/(cv)", "https://exemple.org/\u200bcv",
])
def test_links_that_could_bend_the_markup_are_refused(link: str) -> None:
    assert not safe_link(link)


@pytest.mark.parametrize("link", ["https://exemple.org/cv", "https://www.linkedin.com/in/marie-t?lang=fr#top",
                                  "https://exemple.org/%C3%A9t%C3%A9"])
def test_honest_links_pass(link: str) -> None:
    assert safe_link(link)


def test_renderers_escape_what_a_link_carries() -> None:
    forged = Rich((Link("https://a.example/x>y|z)(w", "CV"),))
    assert mrkdwn(forged) == "<https://a.example/x%3Ey%7Cz%29%28w|CV>"
    assert teams_text(forged) == "[CV](https://a.example/x%3Ey%7Cz%29%28w)"
