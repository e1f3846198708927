"""Sizes in pytest-html's report, through its own hooks: a size column, violation codes, the pyramid.

Registered only when pytest-html is active in the run (``--html``); without it nothing here is
loaded, and pytest-html is never a dependency. Everything is read from the test reports, so it
works the same under pytest-xdist.
"""

from __future__ import annotations

from collections import Counter
from html import escape

import pytest

from pytest_test_categories_core import DOCS_URL, TestSize, size_from_properties, violations_from_properties
from pytest_test_categories_reporting.distribution import evaluate
from pytest_test_categories_reporting.pyramid_svg import pyramid_svg
from pytest_test_categories_reporting.settings import SETTINGS_KEY
from pytest_test_categories_reporting.text import distribution_line

PYTEST_HTML = "html"  # pytest-html's plugin name
REPORT_PATH_OPTION = "htmlpath"  # the destination of its --html option
PLUGIN_NAME = "test_categories_pytest_html"
COLUMN_AFTER = 'data-column-type="testId"'  # the new columns follow pytest-html's Test column


class SizesInPytestHtml:
    """pytest-html hooks; one instance per run, on the process that writes the report."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.sizes: dict[str, TestSize | None] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "teardown":
            self.sizes[report.nodeid] = size_from_properties(report.user_properties)

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_header(self, cells: list[str]) -> None:
        at = _column_index(cells)
        cells[at:at] = [
            '<th class="sortable" data-column-type="size">Size</th>',
            '<th data-column-type="violations">Violations</th>',
        ]

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_row(self, report: pytest.TestReport, cells: list[str]) -> None:
        if not cells:  # another plugin removed the row
            return
        properties = getattr(report, "user_properties", ())
        size = size_from_properties(properties)
        codes = " ".join(
            f'<a href="{DOCS_URL}{violation.code.lower()}/" title="{escape(violation.message)}">'
            f"{escape(violation.code)}</a>"
            for violation in violations_from_properties(properties)
        )
        at = _column_index(cells)
        cells[at:at] = [
            f'<td class="col-size">{size.value if size is not None else ""}</td>',
            f'<td class="col-violations">{codes}</td>',
        ]

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_summary(self, prefix: list[str], summary: list[str], postfix: list[str]) -> None:
        settings = self.config.stash.get(SETTINGS_KEY, None)
        if settings is None:
            return
        distribution = evaluate(
            Counter(self.sizes.values()),
            mode=settings.distribution,
            targets=settings.targets,
            tolerance=settings.tolerance,
        )
        postfix.append(
            '<div class="test-sizes"><h2>Test sizes</h2>'
            f"{pyramid_svg(distribution)}"
            f"<p>{escape(distribution_line(distribution))}; {distribution.unsized} unsized</p></div>"
        )


def _column_index(cells: list[str]) -> int:
    """Right after the Test column (pytest-html's second), wherever other plugins moved it."""
    for index, cell in enumerate(cells):
        if COLUMN_AFTER in cell or 'class="col-testId"' in cell:
            return index + 1
    return min(2, len(cells))


def register_if_active(config: pytest.Config) -> None:
    """Add the hooks when pytest-html writes a report in this process (not on xdist workers)."""
    if (
        config.pluginmanager.has_plugin(PYTEST_HTML)
        and config.getoption(REPORT_PATH_OPTION, None)
        and not hasattr(config, "workerinput")
    ):
        config.pluginmanager.register(SizesInPytestHtml(config), PLUGIN_NAME)
