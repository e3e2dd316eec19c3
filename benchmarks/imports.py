"""What every process pays at start: `import bot.app` next to the bare stack it is built on.

    python -m benchmarks.imports [--runs 7]

Each measurement is a fresh interpreter (the import cache empty) timing the import and reading its peak
RSS; the bare stack (slack_bolt, slack_sdk, sqlalchemy, apscheduler, alembic, babel) is measured in
the same run, alternating with Mentorat, since these machines are noisy. Prints the medians and the
ratios (target: at most 1.5 times the bare stack, in time and in memory). Reports, PDFs, charts and
the Teams front end load only when used, so they are not in this figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, resource, sys, time
started = time.perf_counter()
for name in sys.argv[1].split(","):
    __import__(name)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
BARE = "slack_bolt,slack_sdk,sqlalchemy,apscheduler,alembic,babel"
MENTORAT = "bot.app"
TARGET = 1.5


def measure(modules: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, modules], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    measure(MENTORAT), measure(BARE)  # warm the file system cache for both
    runs: dict[str, list[dict[str, float]]] = {BARE: [], MENTORAT: []}
    for _ in range(args.runs):
        for modules in (BARE, MENTORAT):
            runs[modules].append(measure(modules))
    medians = {m: {k: statistics.median(r[k] for r in rs) for k in ("seconds", "mib")} for m, rs in runs.items()}
    for modules, figure in medians.items():
        print(f"{'import ' + modules:<72} {figure['seconds'] * 1000:7.0f} ms {figure['mib']:7.1f} MiB")
    time_ratio = medians[MENTORAT]["seconds"] / medians[BARE]["seconds"]
    memory_ratio = medians[MENTORAT]["mib"] / medians[BARE]["mib"]
    print(f"ratio: time {time_ratio:.2f}x, memory {memory_ratio:.2f}x (target <= {TARGET:g}x)  "
          f"{'PASS' if max(time_ratio, memory_ratio) <= TARGET else 'FAIL'}  (median of {args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
