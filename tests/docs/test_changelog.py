"""CHANGELOG.md has an entry for the version the packages carry, and the docs site shows it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]


def test_the_changelog_has_an_entry_for_the_packages_version() -> None:
    version = tomllib.loads((ROOT / "packages" / "core" / "pyproject.toml").read_text())["project"]["version"]
    headings = [line for line in (ROOT / "CHANGELOG.md").read_text().splitlines() if line.startswith("## ")]
    # before the first release of the line, its entry comes first; after, "Unreleased" does
    first = 1 if headings[0] == "## Unreleased" else 0
    assert headings[first].startswith(f"## {version} ")


def test_the_docs_copy_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "changelog.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "](migration.md)" in (ROOT / "docs" / "changelog.md").read_text()
