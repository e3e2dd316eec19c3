"""`mes-donnees`: a person receives, privately, everything Mentorat holds about them, as a page and JSON,
with none of their partner's private text."""

from __future__ import annotations

import json

import pytest

from bot.demo.harness import Harness
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.test_enrolment import enrol, mentor_fields
from tests.support.texts import fr_fixed

MINE = ("PRESENTATION-k3 <script>alert(1)</script>", "ASPIRATION-p8", "NOTE-MENTEE-7x", "AGENDA-3q")
THEIRS_PRIVATE = "NOTE-MENTOR-9z"


@pytest.mark.both_databases
def test_the_export_has_every_canary_i_typed_and_none_of_my_partners_private_ones(bot: Harness) -> None:
    enrol(bot, "UMENTEE2", presentation=MINE[0], aspiration=MINE[1])
    enrol(bot, "UMENTOR2", **mentor_fields())
    pair_and_accept(bot, "UMENTOR2", "UMENTEE2", start="2026-11-23")
    bot.command("UMENTEE2", f"notes {MINE[2]}")
    bot.command("UMENTOR2", f"notes {THEIRS_PRIVATE}")
    bot.command("UMENTEE2", f"ordre-du-jour {MINE[3]}")
    before = len(bot.emulator.uploads())
    bot.command("UMENTEE2", "mes-donnees")
    assert fr_fixed("mydata.sent")[:20] in bot.last_response()["text"]
    files = {u["filename"].rsplit(".", 1)[1]: u for u in bot.emulator.uploads()[before:]}
    assert set(files) == {"html", "json"}
    data = json.loads(files["json"]["content"].decode("utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    for canary in MINE:
        assert canary in text, canary
    assert THEIRS_PRIVATE not in text
    (convention,) = data["conventions"]
    assert convention["role"] == "mentee" and convention["your_notes"][0]["body"] == MINE[2]
    assert data["where_to_correct"]["notes"] == "/mentorat notes"
    page = files["html"]["content"].decode("utf-8")
    assert "PRESENTATION-k3 &lt;script&gt;" in page and "<script>" not in page  # typed text is escaped
    assert THEIRS_PRIVATE not in page and "NOTE-MENTEE-7x" in page
    # Only into the person's own DM.
    dm = files["json"].get("channel") or files["json"].get("channels")
    assert dm and "UMENTOR2" not in str(dm)


def test_the_export_lists_who_read_the_programmes_figures(bot: Harness) -> None:
    pair_and_accept(bot, "UMENTOR2", "UMENTEE2", start="2026-11-23")
    bot.command("UCOORD", "rapport")
    before = len(bot.emulator.uploads())
    bot.command("UMENTEE2", "mes-donnees")
    upload = next(u for u in bot.emulator.uploads()[before:] if u["filename"].endswith(".json"))
    views = json.loads(upload["content"].decode("utf-8"))["who_read_your_programmes_figures"]
    assert [v["by"] for v in views] == ["Camille Coordination"]
