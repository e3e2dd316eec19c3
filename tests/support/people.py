"""The people of the Slack workspace every scenario starts with, and the moment it starts."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo.slack_emulator import SlackEmulator

# Monday 23 November 2026, 10:00 in Toronto.
DEFAULT_NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def add_people(emu: SlackEmulator) -> SlackEmulator:
    emu.add_user("UCOORD", "camille", "Camille Coordination", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UADMIN", "alex", "Alex Admin", tz="America/Toronto", locale="fr-CA", is_admin=True)
    emu.add_user("UMENTOR", "marie", "Marie Mentor", tz="America/Vancouver", locale="fr-CA")
    emu.add_user("UMENTEE", "sam", "Sam Mentoré", tz="Europe/Paris", locale="en-US")
    emu.add_user("UOTHER", "olivier", "Olivier Outsider", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UMENTOR2", "louis", "Louis Mentor", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UMENTEE2", "lea", "Léa Mentorée", tz="America/Toronto", locale="fr-CA")
    emu.add_user("UROBOT", "robot", "Robot", is_bot=True)
    return emu
