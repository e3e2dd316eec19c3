"""When the demo's non-essential messages land: the three humane-timing figures, and how long the demo takes.

Plays the offline demo (ten months of one convention through the real app) and reads the outbox rows
sent: how many non-essential messages went out before 8:00 or from 18:00 local time, how many on a
weekend, the most one person got in one calendar week; then the demo's wall-clock duration. Once on
Slack and once on Teams: the same story, through each platform's emulator.

    python -m benchmarks.demo_timing [--lang fr|en]
"""

from __future__ import annotations

import argparse
import logging
import time

from bot.demo.outbox_figures import humane_figures
from bot.demo.script import PLATFORMS, run_demo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    args = parser.parse_args()
    logging.getLogger("microsoft_agents").setLevel(logging.ERROR)  # offline, the SDK warns of its missing app id
    for platform in PLATFORMS:
        started = time.monotonic()
        result = run_demo(args.lang, platform)
        seconds = time.monotonic() - started
        print(f"{platform}:")
        for line in humane_figures(result.sent).lines():
            print(f"  {line}")
        print(f"  the demo played in {seconds:.1f} s")


if __name__ == "__main__":
    main()
