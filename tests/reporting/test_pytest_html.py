"""With pytest-html (never a dependency), its report gains a size column, violation codes and the pyramid."""

from __future__ import annotations

import json

import pytest

from .htmlpage import Page
from .suites import MIXED, PLUGINS

pytestmark = pytest.mark.medium

pytest.importorskip("pytest_html", reason="pytest-html is in the test environment (hatch.toml)")

DOCS = "https://pytest-test-categories.readthedocs.io/en/latest/errors/"

REGISTERED = """
import pytest

@pytest.mark.small
def test_registered(request):
    plugin = request.config.pluginmanager.get_plugin("test_categories_pytest_html")
    assert (plugin is not None) is {expected}
"""


def _rows(page: Page) -> dict[str, list[str]]:
    """pytest-html keeps its rows as JSON in the page (its script draws the table from it)."""
    (container,) = page.find("div", id="data-container")
    blob = json.loads(container.attrs["data-jsonblob"])
    return {
        entry["testId"]: entry["resultsTableRow"] for entries in blob["tests"].values() for entry in entries
    }


def test_the_pytest_html_report_gets_a_size_column_codes_and_the_pyramid(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    result = run_with(
        *PLUGINS, args=["--html=report.html", "--self-contained-html"], extra=["metadata", "html"]
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    page = Page.read(pytester.path / "report.html")

    (head,) = page.find("thead", id="results-table-head")
    assert [cell.text.strip() for cell in head.children[0].children] == [
        "Result",
        "Test",
        "Size",
        "Violations",
        "Duration",
        "Links",
    ]
    rows = _rows(page)
    assert rows["test_mixed.py::test_passes"][2] == '<td class="col-size">small</td>'
    assert rows["test_mixed.py::test_unsized"][2] == '<td class="col-size"></td>'
    assert rows["test_mixed.py::test_breaks_a_promise"][2:4] == [
        '<td class="col-size">xlarge</td>',
        f'<td class="col-violations"><a href="{DOCS}tc005/" title="TC005 sleep: called time.sleep(2)">TC005</a></td>',
    ]
    (sizes,) = page.find("div", cls="test-sizes")
    bars = {bar.attrs["data-size"]: bar.attrs["data-count"] for bar in page.find("g", cls="bar")}
    assert bars == {"small": "6", "medium": "3", "large+xlarge": "2"}
    assert "1 unsized" in sizes.text


@pytest.mark.parametrize(
    ("args", "extra", "expected"),
    [
        ([], [], False),  # pytest-html not loaded
        ([], ["metadata", "html"], False),  # loaded, but writes no report in this run
        (["--html=report.html"], ["metadata", "html"], True),
    ],
    ids=["without-pytest-html", "without-html-option", "with-a-report"],
)
def test_only_a_run_that_writes_a_pytest_html_report_gets_the_hooks(
    pytester, run_with, args, extra, expected
):
    pytester.makepyfile(test_registered=REGISTERED.format(expected=expected))
    result = run_with(*PLUGINS, args=args, extra=extra)
    result.assert_outcomes(passed=1)
