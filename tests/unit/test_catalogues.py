"""The gettext catalogues (bot/locale): they compile, French and English are complete and agree on their
placeholders, and the template lists exactly the keys the code uses (what `make messages` extracts)."""

from __future__ import annotations

import ast
import io
import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n.catalogues import LOCALE_DIR, LOCALES, po_path

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ("fr", "en")  # the reference language and the other full one; a variant (en_GB) may be partial
SOURCES = ("bot", "handlers", "scheduling", "storage")
KEY_FUNCTIONS = ("t", "rt", "tn", "N_", "bilingual")  # those whose first key argument must be a literal


@cache
def catalogue(locale: str) -> Catalog:
    with po_path(locale).open("rb") as po:
        return read_po(po, locale=locale, abort_invalid=True)


@cache
def template() -> Catalog:
    with (LOCALE_DIR / "messages.pot").open("rb") as pot:
        return read_po(pot, abort_invalid=True)


def _entries(cat: Catalog) -> dict[str, Message]:
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in cat if m.id}


def _forms(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _makefile_keywords() -> list[str]:
    """The keywords of `make messages`: the Makefile is their one home."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = re.search(r"^BABEL_KEYWORDS := (.*)$", text, re.M)
    assert line, "BABEL_KEYWORDS is gone from the Makefile"
    return re.findall(r"-k (\S+)", line.group(1))


def _extracted() -> dict[str, tuple[str, ...]]:
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map,
                                                keywords=parse_keywords(_makefile_keywords())):
        ids = (message,) if isinstance(message, str) else tuple(message)
        found[ids[0]] = ids
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_each_catalogue_compiles(locale: str) -> None:
    cat = catalogue(locale)
    assert not list(cat.check()), [(m.id, errors) for m, errors in cat.check()]
    write_mo(io.BytesIO(), cat)
    assert not cat.fuzzy, f"{locale}: the header is marked fuzzy"
    assert not [m.id for m in cat if m.id and m.fuzzy], f"{locale}: fuzzy entries are left out at run time"
    assert not cat.obsolete, f"{locale}: obsolete entries, run make messages"


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_has_the_keys_of_the_template(locale: str) -> None:
    wanted = {key: m.id for key, m in _entries(template()).items()}
    got = {key: m.id for key, m in _entries(catalogue(locale)).items()}
    assert got == wanted, "run make messages"


@pytest.mark.parametrize("locale", COMPLETE)
def test_french_and_english_translate_every_entry(locale: str) -> None:
    cat = catalogue(locale)
    missing = [key for key, m in _entries(cat).items() if not all(_forms(m))]
    assert not missing, f"{locale}: untranslated {missing}"
    plurals = [m for m in _entries(cat).values() if m.pluralizable]
    assert plurals and all(len(_forms(m)) == cat.num_plurals for m in plurals)


def test_placeholders_are_the_same_in_every_language_and_form() -> None:
    reference = {key: [_fields(form) for form in _forms(m)] for key, m in _entries(catalogue("fr")).items()}
    for locale in LOCALES:
        for key, message in _entries(catalogue(locale)).items():
            if not any(_forms(message)):
                continue  # a variant's untranslated entry: its language's text is read
            for form in _forms(message):
                assert _fields(form) == reference[key][-1], (locale, key, form)


def test_plural_forms_come_from_cldr() -> None:
    assert catalogue("fr").plural_expr == Catalog(locale="fr").plural_expr
    assert catalogue("en").num_plurals == 2


def test_the_template_lists_exactly_the_keys_the_code_uses() -> None:
    in_code = _extracted()
    in_template = {key: m.id if isinstance(m.id, tuple) else (m.id,) for key, m in _entries(template()).items()}
    assert sorted(set(in_code) - set(in_template)) == [], "keys used in code but not in the template: make messages"
    assert sorted(set(in_template) - set(in_code)) == [], "keys no code uses any more: make messages"
    assert in_code == in_template, "a key changed between singular and plural: make messages"


class _KeyCalls(ast.NodeVisitor):
    """t(lang, <key>) / tn(lang, <key>, <plural>, n) whose key is assembled: the extractor cannot see it."""

    def __init__(self) -> None:
        self.found: list[int] = []

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in KEY_FUNCTIONS and any(isinstance(arg, ast.JoinedStr | ast.BinOp) for arg in node.args[:3]):
            self.found.append(node.lineno)
        self.generic_visit(node)


def test_no_key_is_assembled_at_run_time() -> None:
    assembled = []
    for source in SOURCES:
        for path in (ROOT / source).rglob("*.py"):
            visitor = _KeyCalls()
            visitor.visit(ast.parse(path.read_text(), str(path)))
            assembled += [f"{path.relative_to(ROOT)}:{line}" for line in visitor.found]
    assert not assembled, "list the keys in a table of literal keys (bot/i18n/labels.py): " + ", ".join(assembled)
