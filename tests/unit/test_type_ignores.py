"""Every `# type: ignore` in the code says which error it silences and why (mypy checks the code is used)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("bot", "handlers", "scheduling", "storage")
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[^\]]+\])?(?P<rest>.*)$")


def test_each_type_ignore_has_a_code_and_a_reason() -> None:
    found = 0
    bare = []
    for folder in CHECKED:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations/versions" in path.as_posix():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = IGNORE.search(line)
                if match is None:
                    continue
                found += 1
                reason = match.group("rest").strip().lstrip("#").strip()
                if not match.group("code") or len(reason) < 10:
                    bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert bare == [], "a type: ignore without its error code or a reason after it"
    assert found < 10, "ignores should stay rare: fix the type instead"
