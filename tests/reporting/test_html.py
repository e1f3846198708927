"""``--test-size-report=html``: one self-contained page with the pyramid, violations and every test."""

from __future__ import annotations

import json

import pytest

from pytest_test_categories_core import DEFAULT_TIME_LIMITS
from pytest_test_categories_reporting.document import report_from_document
from pytest_test_categories_reporting.html import render_html
from pytest_test_categories_reporting.jsonreport import entry_json
from pytest_test_categories_reporting.model import result_of

from .htmlpage import Page
from .suites import MIXED, MIXED_OUTCOMES, PLUGINS, read_report, sized_suite

pytestmark = pytest.mark.medium

DOCS = "https://pytest-test-categories.readthedocs.io/en/latest/errors/"


def test_the_page_draws_the_pyramid_and_lists_violations_and_every_test(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    result = run_with(*PLUGINS, args=["--test-size-report=html", "--test-size-report-file=r.html"])
    result.stdout.fnmatch_lines([f"test size report (html) written to {pytester.path / 'r.html'}"])
    page = Page.read(pytester.path / "r.html")

    bars = {bar.attrs["data-size"]: bar for bar in page.find("g", cls="bar")}
    assert {size: bar.attrs["data-count"] for size, bar in bars.items()} == {
        "small": "6",
        "medium": "3",
        "large+xlarge": "2",
    }
    assert bars["small"].attrs["data-percent"] == "54.5"
    assert "6 · 54.5% · target 80% ±5" in bars["small"].text
    assert "below target" in bars["small"].text  # 11 sized tests: informs, does not judge
    assert page.find("svg", cls="pyramid", data_sized="11")

    counts = {row.attrs["data-size"]: row.cells for row in page.find("tr") if "data-size" in row.attrs}
    # size, passed, failed, error, skipped, xfailed, xpassed, total
    assert counts["small"] == ["small", "3", "1", "0", "1", "1", "0", "6"]
    assert counts["medium"] == ["medium", "0", "0", "2", "0", "0", "1", "3"]
    assert counts["unsized"] == ["unsized", "1", "0", "0", "0", "0", "0", "1"]

    (group,) = page.find("section", cls="violation-group")
    assert group.attrs["data-code"] == "TC005"
    assert next(link.attrs["href"] for link in page.find("a") if link.text == "TC005") == f"{DOCS}tc005/"
    assert [row.cells for row in _rows_of(group)] == [
        ["test", "size", "what happened"],
        ["test_mixed.py::test_breaks_a_promise", "xlarge", "called time.sleep(2)"],
    ]

    assert "Slowest tests per size (top 3)" in page.text
    (near,) = page.find("section", id="near-budget")
    assert "test_mixed.py::test_near_its_budget" in near.text

    listed = {
        row.cells[0]: (group.attrs["data-size"], row.cells[1])
        for group in page.find("details", cls="size-group")
        for row in _rows_of(group)
        if row.cells[1] != "outcome"  # the header row
    }
    assert listed == {
        nodeid: (size or "unsized", outcome) for nodeid, (size, outcome) in MIXED_OUTCOMES.items()
    }
    groups = {
        group.attrs["data-size"]: "open" in group.attrs for group in page.find("details", cls="size-group")
    }
    assert groups == {"small": True, "medium": True, "large": False, "xlarge": True, "unsized": False}
    assert "Partial run" not in page.text


def _rows_of(element):
    for child in element.children:
        if child.tag == "tr":
            yield child
        else:
            yield from _rows_of(child)


def test_the_page_needs_nothing_from_elsewhere(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    run_with(*PLUGINS, args=["--test-size-report=html", "--test-size-report-file=r.html"])
    source = (pytester.path / "r.html").read_text(encoding="utf-8")
    page = Page(source)
    assert not page.find("script")
    assert not page.find("link")
    assert not page.find("img")
    assert "src=" not in source
    assert "@import" not in source
    assert "url(" not in source
    # the only addresses are links a reader may follow: the error pages
    assert {link.attrs["href"] for link in page.find("a")} == {f"{DOCS}tc005/"}


def test_without_a_file_the_page_gets_its_default_name(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=2))
    result = run_with(*PLUGINS, args=["--test-size-report=html"])
    result.stdout.fnmatch_lines(
        [f"test size report (html) written to {pytester.path / 'test-size-report.html'}"]
    )
    page = Page.read(pytester.path / "test-size-report.html")
    assert page.find("g", cls="bar", data_size="small", data_count="2")
    assert "<html" not in result.stdout.str()


def test_a_run_stopped_early_is_marked_partial(pytester, run_with):
    pytester.makepyfile(
        test_stops="""
        import pytest

        @pytest.mark.small
        def test_1_fails():
            assert False

        @pytest.mark.small
        def test_2_never_runs():
            pass
        """
    )
    run_with(*PLUGINS, args=["-x", "--test-size-report=html", "--test-size-report-file=r.html"])
    page = Page.read(pytester.path / "r.html")
    (banner,) = page.find("p", cls="partial")
    assert banner.text.startswith(
        "Partial run: stopped early (stopping after 1 failures); 1 of 2 selected tests"
    )
    assert page.find("title")[0].text == "Test sizes: 1 tests (partial run)"


def test_a_judged_pyramid_marks_the_shares_outside_their_band(pytester, run_with):
    pytester.makepyfile(test_shape=sized_suite(small=10, medium=10))
    run_with(*PLUGINS, args=["--test-size-report=html", "--test-size-report-file=r.html"])
    page = Page.read(pytester.path / "r.html")
    bars = {bar.attrs["data-size"]: bar for bar in page.find("g", cls="bar")}
    assert bars["small"].classes == {"bar", "off"}
    assert "too few" in bars["small"].text
    assert bars["medium"].classes == {"bar", "off"}
    assert "too many" in bars["medium"].text
    assert bars["large+xlarge"].classes == {"bar", "ok"}


@pytest.mark.small
def test_a_run_keeps_the_durations_its_json_keeps_so_near_ties_sort_alike_in_both() -> None:
    # 0.00012345 s and 0.00012341 s are both 0.000123 in the JSON: sorted as two different
    # durations in the run, and as a tie (then by node id) from the JSON, the slowest lists differed.
    for duration in (0.00012345, 0.00012341, 1.0000004):
        live = result_of("t.py::test_a", "passed", duration, [("test_size", "small")], DEFAULT_TIME_LIMITS)
        assert json.loads(entry_json(live))["duration"] == live.duration


def test_the_json_report_renders_the_same_page(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    run_with(*PLUGINS, args=["--test-size-report=json,html"])
    document = read_report(pytester.path / "test-size-report.json")
    written = (pytester.path / "test-size-report.html").read_text(encoding="utf-8")
    assert render_html(report_from_document(document)) == written
    assert report_from_document(json.loads(json.dumps(document))).outcomes_line() == (
        "6 passed, 1 failed, 2 errors, 1 skipped, 1 xfailed, 1 xpassed"
    )
