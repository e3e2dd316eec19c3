"""Below the Slack front end, messages are data: nobody builds Slack markup (a `<@id>` mention, a
`<!here>`, a `<#channel>`) in a string. Slack's own markup is built in handlers/slack only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEUTRAL = [*ROOT.glob("bot/**/*.py"), *ROOT.glob("scheduling/**/*.py"), *ROOT.glob("handlers/teams/**/*.py")]
# Reading what Slack sends is not building it (a pasted line may name someone as <@U012ABCDEF>), and the
# demo's emulator plays Slack itself.
EXEMPT = ("bot/services/pair_import.py", "bot/commands.py", "bot/demo/")
SLACK_MARKUP = re.compile(r"<@|<![a-z]|<#[A-Z{]")


def slack_markup_in(source: str) -> list[int]:
    """Lines where a string (not a docstring) holds Slack markup; f-strings' literal parts included."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and SLACK_MARKUP.search(node.value)]


def test_no_slack_markup_is_built_below_the_slack_front_end() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in NEUTRAL
                 if not path.relative_to(ROOT).as_posix().startswith(EXEMPT)
                 for line in slack_markup_in(path.read_text(encoding="utf-8"))]
    assert not offenders, "Slack markup built outside handlers/slack:\n" + "\n".join(offenders)


def test_the_check_sees_a_mention_built_in_an_f_string_but_not_a_docstring_or_a_regex() -> None:
    assert slack_markup_in('def f(p):\n    return f"<@{p.external_id}>"\n') == [2]
    assert slack_markup_in('def f():\n    """Names <@U1>."""\n    return "ok"\n') == []
    assert slack_markup_in('PATTERN = r"(?<![*\\w])\\*"\n') == []
