"""Several report formats from one run: each to its own file, or a documented default name."""

from __future__ import annotations

import pytest

from .htmlpage import Page
from .suites import PLUGINS, read_report, sized_suite
from .test_settings import TRACE, assert_usage_error

pytestmark = pytest.mark.medium


def test_a_comma_list_writes_each_format_to_its_default_file(pytester, run_with, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    pytester.makepyfile(test_sizes=sized_suite(small=3, medium=1))
    result = run_with(*PLUGINS, args=["--test-size-report=json,markdown,html"])
    result.stdout.fnmatch_lines(
        [
            f"test size report (json) written to {pytester.path / 'test-size-report.json'}",
            f"test size report (markdown) written to {pytester.path / 'test-size-report.md'}",
            f"test size report (html) written to {pytester.path / 'test-size-report.html'}",
        ]
    )
    assert '"schema_version"' not in result.stdout.str()  # nothing printed: every report has its file
    assert read_report(pytester.path / "test-size-report.json")["summary"]["sizes"]["small"] == 3
    assert "| small | 3 | 75.0% | 80% ±5 | ok |" in (pytester.path / "test-size-report.md").read_text()
    assert Page.read(pytester.path / "test-size-report.html").find(
        "g", cls="bar", data_size="medium", data_count="1"
    )


def test_repeating_the_option_adds_formats_and_the_shared_file_goes_to_the_one_that_writes(
    pytester, run_with
):
    pytester.makepyfile(test_sizes=sized_suite(small=2))
    result = run_with(
        *PLUGINS,
        args=["--test-size-report=basic", "--test-size-report=html", "--test-size-report-file=r.html"],
    )
    result.stdout.fnmatch_lines(
        [
            "*= test size report (basic) =*",
            "*- test pyramid -*",
            f"test size report (html) written to {pytester.path / 'r.html'}",
        ]
    )
    assert Page.read(pytester.path / "r.html").find("g", cls="bar", data_size="small", data_count="2")
    assert not (pytester.path / "test-size-report.html").exists()


def test_each_format_has_its_own_file_option(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=2))
    (pytester.path / "out").mkdir()
    result = run_with(
        *PLUGINS,
        args=[
            "--test-size-report=json,markdown,html",
            "--test-size-report-json-file=out/r.json",
            "--test-size-report-markdown-file=out/r.md",
            "--test-size-report-html-file=out/r.html",
        ],
    )
    assert result.ret == pytest.ExitCode.OK
    assert sorted(path.name for path in (pytester.path / "out").iterdir()) == ["r.html", "r.json", "r.md"]
    assert not list(pytester.path.glob("test-size-report.*"))


def test_markdown_beside_other_formats_still_goes_to_the_step_summary(pytester, run_with, monkeypatch):
    summary = pytester.path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(test_sizes=sized_suite(small=2))
    result = run_with(*PLUGINS, args=["--test-size-report=markdown,json"])
    result.stdout.fnmatch_lines(
        [
            "test size report (markdown) appended to $GITHUB_STEP_SUMMARY",
            f"test size report (json) written to {pytester.path / 'test-size-report.json'}",
        ]
    )
    assert summary.read_text(encoding="utf-8").startswith("## Test sizes")


def test_the_same_format_twice_is_written_once(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=1))
    result = run_with(*PLUGINS, args=["--test-size-report=json,json", "--test-size-report-file=r.json"])
    assert result.stdout.str().count("test size report (json) written to") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--test-size-report=basic,detailed"],
            "ERROR: --test-size-report: basic and detailed are the same terminal report (detailed adds one "
            "row per test); choose one of them",
        ),
        (
            ["--test-size-report=json,pdf"],
            "ERROR: --test-size-report: unknown format 'pdf' in 'json,pdf'; allowed formats: basic, detailed, "
            "json, markdown, html",
        ),
        (
            ["--test-size-report=json,html", "--test-size-report-file=r.out"],
            "ERROR: --test-size-report-file 'r.out' names the file of one report, and json,html are several; "
            "use --test-size-report-json-file and --test-size-report-html-file (or leave them out for the "
            "default names)",
        ),
        (
            ["--test-size-report=json", "--test-size-report-html-file=r.html"],
            "ERROR: --test-size-report-html-file 'r.html' needs --test-size-report=html too (given: json)",
        ),
        (
            ["--test-size-report-markdown-file=r.md"],
            "ERROR: --test-size-report-markdown-file 'r.md' needs --test-size-report=markdown too (given: none)",
        ),
        (
            [
                "--test-size-report=json",
                "--test-size-report-file=a.json",
                "--test-size-report-json-file=b.json",
            ],
            "ERROR: --test-size-report-file 'a.json' and --test-size-report-json-file 'b.json' both name the "
            "json report's file; give one of them",
        ),
        (
            [
                "--test-size-report=json,html",
                "--test-size-report-json-file=r",
                "--test-size-report-html-file=r",
            ],
            "ERROR: --test-size-report: the json and html reports would both be written to '*r'; "
            "give each its own file",
        ),
        (
            ["--test-size-report=html", "--test-size-report-html-file=missing/r.html"],
            "ERROR: --test-size-report-html-file 'missing/r.html': directory '*missing' does not exist; "
            "create it first",
        ),
        (
            ["--test-size-report=json,html", "--test-size-report-json-file=test_trace.py/"],
            "ERROR: --test-size-report-json-file 'test_trace.py/': '*test_trace.py' is a file, not a directory",
        ),
    ],
    ids=[
        "basic-and-detailed",
        "unknown-in-list",
        "shared-file-for-several",
        "file-option-without-format",
        "file-option-without-any-format",
        "two-files-for-one-format",
        "one-file-for-two-formats",
        "missing-directory",
        "file-as-directory",
    ],
)
def test_bad_combinations_are_usage_errors(pytester, run_with, args, message):
    pytester.makepyfile(test_trace=TRACE)
    result = run_with(*PLUGINS, args=args)
    assert_usage_error(pytester, result, message)


def test_a_directory_where_a_default_file_goes_is_a_usage_error(pytester, run_with):
    pytester.makepyfile(test_trace=TRACE)
    (pytester.path / "test-size-report.html").mkdir()
    result = run_with(*PLUGINS, args=["--test-size-report=html"])
    assert_usage_error(
        pytester,
        result,
        "ERROR: --test-size-report=html: default file 'test-size-report.html': is a directory; give a file "
        "path, for example test-size-report.html/report.json",
    )


@pytest.mark.small
def test_one_format_parses_by_name_and_an_unknown_one_is_a_usage_error():
    from pytest_test_categories_reporting.settings import ReportFormat, parse_report_format

    assert parse_report_format(None) is None
    assert parse_report_format(" HTML ") is ReportFormat.HTML
    with pytest.raises(pytest.UsageError, match=r"unknown format 'pdf'; allowed formats: basic, .*, html$"):
        parse_report_format("pdf")
