"""pyproject.toml's licence in the form setuptools keeps accepting: an SPDX expression (PEP 639), not a table."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.licenses import canonicalize_license_expression

REPO = Path(__file__).resolve().parents[2]
SPDX_BY_FIRST_LINE = {"MIT License": "MIT"}  # the licence texts this project may ship


def _project() -> dict:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]


def test_the_licence_is_an_spdx_expression_matching_the_licence_file() -> None:
    project = _project()
    assert isinstance(project["license"], str), "a table is deprecated: setuptools refuses it from 2027"
    assert canonicalize_license_expression(project["license"]) == project["license"]
    files = [REPO / name for name in project["license-files"]]
    assert files and all(path.is_file() for path in files)
    first_line = files[0].read_text(encoding="utf-8").splitlines()[0]
    assert SPDX_BY_FIRST_LINE.get(first_line) == project["license"]


def test_the_installed_metadata_carries_the_expression() -> None:
    installed = metadata.metadata("mentorat")
    assert installed["License-Expression"] == _project()["license"]
    assert "LICENSE" in (installed.get_all("License-File") or [])
