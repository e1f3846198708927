"""What people see: the HTML report and the docs site, rendered by headless Chromium.

Chromium is Debian's ``chromium`` package (CI installs it). The docs are built here with the
pinned Material theme and served from 127.0.0.1; every request a page makes is recorded, so a
font, script or picture fetched from anywhere else fails the test, as does a console error.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..reporting.suites import MIXED
from .chromium import Chromium

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ("-p", "pytest_test_categories_markers.plugin", "-p", "pytest_test_categories_reporting.plugin")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    with Chromium(width=1200, height=900) as browser:
        yield browser


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The docs built strict into a temporary folder, served on a free port of 127.0.0.1."""
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_html_report_shows_the_pyramid_and_every_violation(pytester, chromium, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_mixed=MIXED)
    pytester.runpytest(*PLUGINS, "--test-size-report=html", "--test-size-report-file=r.html")
    report = pytester.path / "r.html"

    load = chromium.load(report.as_uri())

    assert load.requests == [report.as_uri()]  # the page alone: nothing else is fetched
    assert load.console_errors == []
    assert load.failed_loads == []
    bars = chromium.evaluate(
        """[...document.querySelectorAll('svg.pyramid g.bar')].map(bar => {
            const share = bar.querySelector('rect.share').getBoundingClientRect();
            return [bar.dataset.size, bar.dataset.count, Math.round(share.width)];
        })"""
    )
    # drawn large+xlarge first (the top of the pyramid); 400 px is 100 % of the 11 sized tests
    assert bars == [["large+xlarge", "2", 73], ["medium", "3", 109], ["small", "6", 218]]
    assert chromium.evaluate("document.querySelector('svg.pyramid').getBoundingClientRect().height") > 100
    shown = chromium.evaluate("document.body.innerText")
    assert "6 · 54.5% · target 80% ±5" in shown
    assert "TC005 sleep (1)" in shown
    link = chromium.evaluate("document.querySelector('#violations a').href")
    assert link == "https://pytest-test-categories.readthedocs.io/en/latest/errors/tc005/"
    # the groups with a failure or a violation are open, so their tests show without a click
    open_groups = chromium.evaluate(
        "[...document.querySelectorAll('details[open]')].map(d => d.dataset.size)"
    )
    assert open_groups == ["small", "medium", "xlarge"]
    assert "test_mixed.py::test_fails" in shown


@pytest.mark.parametrize("page", ["reporting/", "api/reporting/"])
def test_a_docs_page_renders_offline_with_highlighted_code(docs_site, chromium, page):
    load = chromium.load(f"{docs_site}/{page}")

    # inline data: URLs (Material's icons) are part of the page; everything else is served here
    elsewhere = [
        url
        for url in load.requests
        if urlparse(url).scheme != "data" and urlparse(url).hostname != "127.0.0.1"
    ]
    assert elsewhere == []
    assert load.failed_loads == []
    assert load.console_errors == []
    assert chromium.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    # Pygments marked the code up at build time: keywords have their own colour
    colours = chromium.evaluate(
        """[...document.querySelectorAll('.highlight code')].flatMap(code =>
            [...code.querySelectorAll('span')].map(span => getComputedStyle(span).color))"""
    )
    assert len(set(colours)) >= 3
    # Material's script adds a copy button to every code block
    assert chromium.evaluate("document.querySelectorAll('pre button[data-md-type=copy]').length") > 0


def test_the_reporting_page_shows_the_html_report_picture(docs_site, chromium):
    chromium.load(f"{docs_site}/reporting/")
    picture = chromium.evaluate(
        """(() => { const img = document.querySelector('img[src*="html-report"]');
            return img && [img.complete, img.naturalWidth > 600, img.getBoundingClientRect().width > 0]; })()"""
    )
    assert picture == [True, True, True]
