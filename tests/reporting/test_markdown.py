"""``--test-size-report=markdown``: a job summary, appended to ``$GITHUB_STEP_SUMMARY`` within GitHub's cap."""

from __future__ import annotations

import pytest

from pytest_test_categories_reporting.markdown import STEP_SUMMARY_CAP

from .suites import MIXED, PLUGINS, sized_suite

pytestmark = pytest.mark.medium

MANY_VIOLATIONS = """
import pytest
from pytest_test_categories_core import Violation, report_violation

@pytest.mark.small
@pytest.mark.parametrize("index", range(300))
def test_v(request, index):
    report_violation(request.node, Violation("TC001", request.node.nodeid, None, "x" * 200, "mock it"))
"""


def test_markdown_to_a_file_has_the_pyramid_violations_and_timings(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    result = run_with(*PLUGINS, args=["--test-size-report=markdown", "--test-size-report-file=sizes.md"])
    result.stdout.fnmatch_lines([f"test size report (markdown) written to {pytester.path / 'sizes.md'}"])
    lines = (pytester.path / "sizes.md").read_text(encoding="utf-8").splitlines()
    assert lines[:22] == [
        "## Test sizes",
        "",
        "**12** of 12 selected tests reported: 6 passed, 1 failed, 2 errors, 1 skipped, 1 xfailed, 1 xpassed.",
        "",
        "```mermaid",
        "xychart-beta",
        '    title "Share of the 11 sized tests (bars) against the targets (line)"',
        '    x-axis ["small", "medium", "large+xlarge"]',
        '    y-axis "% of sized tests" 0 --> 100',
        "    bar [54.5, 27.3, 18.2]",
        "    line [80, 15, 5]",
        "```",
        "",
        "| Size | Tests | Share | Target | Status |",
        "|---|---:|---:|---:|---|",
        "| small | 6 | 54.5% | 80% ±5 | below target |",
        "| medium | 3 | 27.3% | 15% ±5 | above target |",
        "| large+xlarge | 2 | 18.2% | 5% ±5 | above target |",
        "| unsized | 1 | | | not part of the shares |",
        "",
        "Distribution check `off`: only 11 sized tests, fewer than 20: shown for information, not judged.",
        "",
    ]
    assert "| TC005 | sleep | 1 |" in lines
    assert "| `test_mixed.py::test_breaks_a_promise` | xlarge | TC005 sleep: called time.sleep(2) |" in lines
    assert "### Slowest tests per size (top 3)" in lines
    assert any(line.startswith("| `test_mixed.py::test_near_its_budget` | large | 0.") for line in lines)
    assert "### Tests over 80% of their time budget" in lines


def test_a_judged_distribution_gets_verdict_marks(pytester, run_with):
    pytester.makepyfile(test_shape=sized_suite(small=10, medium=10))
    run_with(*PLUGINS, args=["--test-size-report=markdown", "--test-size-report-file=sizes.md"])
    text = (pytester.path / "sizes.md").read_text(encoding="utf-8")
    assert "| small | 10 | 50.0% | 80% ±5 | ❌ too few |" in text
    assert "| medium | 10 | 50.0% | 15% ±5 | ❌ too many |" in text
    assert "| large+xlarge | 0 | 0.0% | 5% ±5 | ✅ ok |" in text
    assert "Distribution check `off`: **outside the targets** (TC007)." in text


def test_appends_to_the_github_step_summary_when_no_file_is_given(pytester, run_with, monkeypatch):
    summary = pytester.path / "step_summary.md"
    summary.write_text("## Lint\n\nall good\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(test_shape=sized_suite(small=2, medium=1))
    result = run_with(*PLUGINS, args=["--test-size-report=markdown"])
    result.stdout.fnmatch_lines(["test size report (markdown) appended to $GITHUB_STEP_SUMMARY"])
    assert "## Test sizes" not in result.stdout.str()
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "## Lint\n\nall good\n\n## Test sizes\n\n**3** of 3 selected tests reported: 3 passed."
    )
    run_with(*PLUGINS, args=["--test-size-report=markdown"])
    assert summary.read_text(encoding="utf-8").count("## Test sizes") == 2


def test_a_step_summary_in_a_missing_directory_is_a_usage_error_at_start(pytester, run_with, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "missing/step_summary.md")
    pytester.makepyfile(test_shape=sized_suite(small=1))
    result = run_with(*PLUGINS, args=["--test-size-report=markdown"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: $GITHUB_STEP_SUMMARY 'missing/step_summary.md' (where --test-size-report=markdown "
            "appends): directory '*missing' does not exist; create it first"
        ]
    )
    result.stdout.no_fnmatch_line("*collected*")


def test_a_file_wins_over_the_step_summary(pytester, run_with, monkeypatch):
    summary = pytester.path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(test_shape=sized_suite(small=1))
    run_with(*PLUGINS, args=["--test-size-report=markdown", "--test-size-report-file=sizes.md"])
    assert not summary.exists()
    assert (pytester.path / "sizes.md").read_text(encoding="utf-8").startswith("## Test sizes")


def test_without_file_or_step_summary_the_markdown_is_printed(pytester, run_with, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    pytester.makepyfile(test_shape=sized_suite(small=1))
    result = run_with(*PLUGINS, args=["--test-size-report=markdown"])
    result.stdout.fnmatch_lines(
        [
            "*= test size report (markdown) =*",
            "## Test sizes",
            "",
            "**1** of 1 selected tests reported: 1 passed.",
        ]
    )


def test_lists_are_shortened_to_stay_within_githubs_one_mebibyte(pytester, run_with, monkeypatch):
    summary = pytester.path / "step_summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_CAP - 20_000) + b"\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(test_many=MANY_VIOLATIONS)
    result = run_with(*PLUGINS, args=["--test-size-report=markdown"])
    result.stdout.fnmatch_lines(
        [
            "test size report (markdown) appended to $GITHUB_STEP_SUMMARY (lists shortened to fit GitHub's 1 MiB limit)"
        ]
    )
    size = summary.stat().st_size
    assert STEP_SUMMARY_CAP - 20_000 < size <= STEP_SUMMARY_CAP
    text = summary.read_text(encoding="utf-8")
    assert "| TC001 | network access | 300 |" in text
    assert "| … and 250 more | | |" in text  # 50 of 300 rows fit in the room left


def test_a_full_step_summary_gets_nothing_and_the_terminal_says_why(pytester, run_with, monkeypatch):
    summary = pytester.path / "step_summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_CAP - 100))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(test_shape=sized_suite(small=1))
    result = run_with(*PLUGINS, args=["--test-size-report=markdown"])
    assert result.ret == pytest.ExitCode.OK
    assert summary.stat().st_size == STEP_SUMMARY_CAP - 100
    result.stdout.fnmatch_lines(
        ["ERROR: the markdown report does not fit in $GITHUB_STEP_SUMMARY (*): GitHub allows 1 MiB per step*"]
    )
