"""``report merge`` given bad input: one line naming the file (or option) and what is wrong, exit status 2."""

from __future__ import annotations

import json

import pytest

from pytest_test_categories_core.commands import main

from .merging import merge, report_document, write_document

pytestmark = pytest.mark.medium

PREFIX = "pytest-test-categories: error: "


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def good(tmp_path):
    write_document(tmp_path / "good.json", report_document("small", "medium"))
    return "good.json"


def assert_usage_error(result, expected):
    assert result.ret == 2, result.err
    assert result.out == ""
    assert len(result.error_lines) == 1, result.err
    assert result.err == PREFIX + expected + "\n"


def test_a_corrupt_file_is_named(capsys, good, tmp_path):
    (tmp_path / "corrupt.json").write_text('{"report": "pytest-test-categories", oops}\n')
    assert_usage_error(
        merge(capsys, good, "corrupt.json"),
        "corrupt.json: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 38)",
    )


def test_a_truncated_file_says_it_was_cut_off(capsys, good, tmp_path):
    text = (tmp_path / good).read_text()
    (tmp_path / "cut.json").write_text(text[: len(text) // 2])
    result = merge(capsys, good, "cut.json")
    assert result.ret == 2
    assert result.err.startswith(
        PREFIX + "cut.json: not valid JSON (the file ends too early: was it cut off?): "
    )
    assert len(result.error_lines) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"name": "coverage", "totals": {}}', "foreign.json: not a pytest-test-categories report"),
        ("[1, 2, 3]", "foreign.json: not a pytest-test-categories report"),
        ('"just a string"', "foreign.json: not a pytest-test-categories report"),
    ],
)
def test_another_tool_s_json_is_refused(capsys, good, tmp_path, content, expected):
    (tmp_path / "foreign.json").write_text(content)
    assert_usage_error(
        merge(capsys, good, "foreign.json"),
        f'{expected} (it has no "report": "pytest-test-categories"); give files written by --test-size-report=json',
    )


def test_an_empty_a_missing_a_binary_file_and_a_directory(capsys, good, tmp_path):
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    (tmp_path / "reports").mkdir()
    cases = {
        "empty.json": "empty.json: the file is empty; give a report written by --test-size-report=json",
        "missing.json": "missing.json: no such file",
        "binary.json": "binary.json: not a text file (not UTF-8 at byte 0)",
        "reports": "reports: is a directory; give the report files in it, e.g. reports/*.json",
    }
    for given, expected in cases.items():
        assert_usage_error(merge(capsys, good, given), expected)


def test_a_deeply_nested_document_is_refused(capsys, tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    assert_usage_error(
        merge(capsys, "deep.json"),
        "deep.json: not a pytest-test-categories report (nested too deeply to read)",
    )


def test_nan_is_not_json(capsys, tmp_path):
    document = report_document("small")
    text = json.dumps(document).replace('"duration": 0.01', '"duration": NaN', 1)
    (tmp_path / "nan.json").write_text(text)
    assert_usage_error(merge(capsys, "nan.json"), "nan.json: not valid JSON: NaN is not a JSON number")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["tests"][0].update(outcome="passd"),
            "tests[0].outcome: 'passd' is not one of passed, failed, error, skipped, xfailed, xpassed",
        ),
        (lambda d: d.pop("summary"), "the document: missing 'summary'"),
        (lambda d: d["tests"][1].update(size="huge"), "tests[1].size: 'huge' is none of the allowed forms"),
        (
            lambda d: d["summary"]["outcomes"].update(passed=-1),
            "summary.outcomes.passed: -1 is below the minimum 0",
        ),
        (lambda d: d.update(extra=True), "the document: unexpected field 'extra'"),
        (lambda d: d.update(created="yesterday"), "created: 'yesterday' does not have the form"),
        (lambda d: d.update(partial="no"), "partial: expected boolean, got 'no'"),
    ],
)
def test_a_report_that_breaks_the_schema_says_where(capsys, tmp_path, change, expected):
    document = report_document("small", "medium")
    change(document)
    write_document(tmp_path / "bad.json", document)
    result = merge(capsys, "bad.json")
    assert result.ret == 2
    assert result.err.startswith(PREFIX + "bad.json: does not match the report schema 1.1: " + expected)
    assert len(result.error_lines) == 1


@pytest.mark.parametrize("version", ["1.9", "2.0"])
def test_a_report_from_a_newer_version_is_refused(capsys, good, tmp_path, version):
    write_document(tmp_path / "new.json", {**report_document("small"), "schema_version": version})
    assert_usage_error(
        merge(capsys, good, "new.json"),
        f"new.json: schema version {version}, which this pytest-test-categories-reporting does not read "
        "(it reads 1.0 to 1.1); merge with the version that wrote it",
    )


def test_reports_of_different_suites_are_refused_unless_forced(capsys, good, tmp_path):
    write_document(
        tmp_path / "other.json", report_document("large", suite="billing/tox.ini", prefix="t.py::t")
    )
    assert_usage_error(
        merge(capsys, good, "other.json"),
        "other.json: suite billing/tox.ini differs from good.json's shop/pyproject.toml: reports of "
        "different suites cannot be merged; pass --force to merge them anyway",
    )
    forced = merge(capsys, good, "other.json", "--force", "-o", "merged.json")
    assert forced.ret == 0, forced.err
    merged = json.loads((tmp_path / "merged.json").read_text())
    assert merged["suite"] == "shop/pyproject.toml"  # the first report's
    assert merged["summary"]["sizes"] == {"small": 1, "medium": 1, "large": 1, "xlarge": 0, "unsized": 0}


def test_reports_of_different_schema_versions_are_refused_unless_forced(capsys, good, tmp_path):
    old = report_document("large", suite=None, prefix="t.py::t")
    old["schema_version"] = "1.0"  # what the plugin wrote before reports named their suite
    write_document(tmp_path / "old.json", old)
    assert_usage_error(
        merge(capsys, good, "old.json"),
        "old.json: schema version 1.0 differs from good.json's 1.1: reports of different schema versions "
        "cannot be merged; pass --force to merge them anyway",
    )
    assert merge(capsys, good, "old.json", "--force").ret == 0


def test_reports_of_schema_1_0_merge_with_each_other(capsys, tmp_path):
    for name, size in (("a", "small"), ("b", "medium")):
        old = report_document(size, suite=None, prefix=f"test_{name}.py::test_")
        old["schema_version"] = "1.0"
        write_document(tmp_path / f"{name}.json", old)
    result = merge(capsys, "a.json", "b.json", "-o", "merged.json")
    assert result.ret == 0, result.err
    merged = json.loads((tmp_path / "merged.json").read_text())
    assert (merged["schema_version"], "suite" in merged) == ("1.1", False)
    assert merged["summary"]["reported"] == 2


def test_reports_made_with_other_limits_or_targets_are_refused(capsys, good, tmp_path):
    other = report_document("large", prefix="t.py::t")
    other["targets"]["time_limits"]["small"] = 2.0
    write_document(tmp_path / "limits.json", other)
    assert_usage_error(
        merge(capsys, good, "limits.json"),
        "limits.json: time limits small=2 medium=300 large=900 xlarge=900 differs from good.json's "
        "small=1 medium=300 large=900 xlarge=900: reports of different time limits settings cannot be "
        "merged; pass --force to merge them anyway",
    )
    other = report_document("large", prefix="t.py::t")
    other["targets"]["distribution"]["tolerance"] = 10.0
    write_document(tmp_path / "tolerance.json", other)
    result = merge(capsys, good, "tolerance.json")
    assert result.ret == 2
    assert "tolerance.json: distribution tolerance 10 differs from good.json's 5" in result.err


def test_a_date_that_does_not_exist_is_refused(capsys, tmp_path):
    write_document(tmp_path / "when.json", {**report_document("small"), "created": "2026-13-45T10:00:00Z"})
    assert_usage_error(
        merge(capsys, "when.json"), "when.json: created: '2026-13-45T10:00:00Z' is not a date and time"
    )


def test_the_same_file_twice_is_refused(capsys, good):
    assert_usage_error(
        merge(capsys, good, "./good.json"),
        "./good.json: the same file as good.json (given twice); give each report once",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--distribution", "loud"],
            "--distribution: invalid value 'loud'; allowed values: off, warn, strict",
        ),
        (
            ["--test-size-report", "pdf"],
            "--test-size-report: unknown format 'pdf'; allowed formats: basic, detailed, json, markdown",
        ),
        (
            ["--distribution-targets", "small=50 medium=10"],
            "--distribution-targets: the targets small=50 medium=10 add up to 60; they must add up to 100 "
            "(percent), for example 'small=80 medium=15 large=5'",
        ),
        (
            ["--distribution-tolerance", "lots"],
            "--distribution-tolerance: 'lots' is not a number; use percentage points from 0 to 100, for example 5",
        ),
        (
            ["--test-size-report-file", "r.md"],
            "--test-size-report-file 'r.md' needs --test-size-report too; allowed formats: basic, detailed, json, markdown",
        ),
        (["-o", "out/"], "-o 'out/': give a file path, for example merged.json"),
        (
            ["--expect-reports", "0"],
            "--expect-reports: '0' is not a number of shards; give a whole number, 1 or more",
        ),
        (["--expect-reports", "three"], "--expect-reports: 'three' is not a number of shards"),
        (["-o", "nowhere/merged.json"], "-o 'nowhere/merged.json': directory"),
    ],
)
def test_bad_options_are_one_line_before_any_report_is_read(capsys, args, expected):
    # "missing.json" would be an error too: the options are checked first
    result = merge(capsys, "missing.json", *args)
    assert result.ret == 2
    assert result.err.startswith(PREFIX + expected)
    assert len(result.error_lines) == 1


def test_fewer_reports_than_expected_make_the_merge_partial_more_are_refused(capsys, good, tmp_path):
    write_document(tmp_path / "other.json", report_document("large", prefix="t.py::t"))
    result = merge(capsys, good, "other.json", "--expect-reports", "3", "-o", "merged.json")
    assert result.ret == 0, result.err
    merged = json.loads((tmp_path / "merged.json").read_text())
    assert merged["partial"] is True
    assert merged["partial_reason"] == "only 2 of the 3 expected reports were given"
    assert "PARTIAL RUN: only 2 of the 3 expected reports were given" in result.error_lines
    assert merge(capsys, good, "other.json", "--expect-reports", "2", "-o", "merged.json").ret == 0
    assert json.loads((tmp_path / "merged.json").read_text())["partial"] is False
    assert_usage_error(
        merge(capsys, good, "other.json", "--expect-reports", "1"),
        "2 reports given, more than the 1 of --expect-reports; give one report per shard",
    )


def test_report_alone_lists_its_commands_as_a_usage_error(capsys):
    result = merge(capsys, "--help")
    assert result.ret == 0
    assert "Exit status: 0 merged, 1 the strict distribution check failed (TC007), 2 bad input." in " ".join(
        result.out.split()
    )
    assert main(["report"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: pytest-test-categories report [-h] COMMAND")
    assert "merge the JSON reports of one suite's CI shards into one report" in err
