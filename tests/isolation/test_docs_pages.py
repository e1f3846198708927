"""Every code the plugin emits links to an error page that exists, and the guide is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pytest_test_categories_core import TestSize, Violation
from pytest_test_categories_core.violations import DOCS_URL
from pytest_test_categories_isolation import EMITTED_CODES

from .conftest import RunIsolated

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page_for(url: str) -> Path:
    """The markdown source mkdocs turns into ``url`` (directory URLs: errors/tc001/ <- errors/tc001.md)."""
    assert url.startswith(DOCS_URL), url
    relative = "errors/" + url.removeprefix(DOCS_URL).strip("/")
    return DOCS / f"{relative}.md"


@pytest.mark.small
@pytest.mark.parametrize("code", EMITTED_CODES)
def test_each_emitted_code_has_its_error_page(code: str) -> None:
    url = Violation(code, "t.py::t", TestSize.SMALL, "x", "y").docs_url
    page = page_for(url)
    assert page.is_file(), f"{code} links to {url}, but {page} does not exist"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {code}: ")
    assert "## How to fix it" in text


@pytest.mark.small
def test_the_pages_are_in_the_site_navigation() -> None:
    nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    for page in ["isolation.md", *(f"errors/{code.lower()}.md" for code in EMITTED_CODES)]:
        assert (DOCS / page).is_file()
        assert f" {page}" in nav, f"{page} is not in mkdocs.yml's nav"


@pytest.mark.medium
def test_every_link_in_real_messages_points_at_an_existing_page(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import socket
        import sqlite3
        import subprocess
        import time
        import pytest

        pytestmark = pytest.mark.small

        def test_network():
            socket.getaddrinfo("localhost", 80)

        def test_filesystem(tmp_path):
            (tmp_path / "f").write_text("x")

        def test_subprocess():
            subprocess.run(["true"])

        def test_database(tmp_path):
            sqlite3.connect(tmp_path / "db.sqlite")

        def test_sleep():
            time.sleep(0.01)
        """
    )
    strict = run_isolated("strict")
    strict.assert_outcomes(failed=5)
    boxes = re.findall(r"\| Docs: (\S+)", strict.stdout.str())
    warn = run_isolated("warn")
    warn.assert_outcomes(passed=5)
    summary = re.findall(r"TC00\d (https://\S+?/)(?:,|$)", warn.stdout.str(), flags=re.MULTILINE)
    assert len(boxes) == 5
    assert len(summary) == 5
    for url in {*boxes, *summary}:
        assert page_for(url).is_file(), url
    assert sorted(url.rstrip("/").rsplit("/", 1)[1].upper() for url in set(boxes)) == sorted(EMITTED_CODES)
