"""``report merge``: the reports of a suite split over CI jobs make the report of the whole suite."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from .merging import merge
from .suites import MIXED, PLUGINS, by_nodeid, read_report, sized_suite, without_timings

pytestmark = pytest.mark.medium

# Three disjoint -k selections that together select every test of MIXED and SIZED.
SPLIT = ("test_mixed and not test_param", "test_param or test_small", "not test_mixed and not test_small")
SIZED = sized_suite(small=14, medium=3, large=1, xlarge=1, unsized=2)


def json_report(name: str) -> list[str]:
    return ["--test-size-report=json", f"--test-size-report-file={name}"]


def without_merge_facts(document: dict) -> dict:
    copy = without_timings(document)
    copy.pop("merged_from", None)
    return copy


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def split_suite(pytester, monkeypatch):
    pytester.makepyfile(test_mixed=MIXED, test_sized=SIZED)
    monkeypatch.chdir(pytester.path)
    return pytester


def run_shards(run_with, *args, workers=False):
    for index, selection in enumerate(SPLIT, start=1):
        extra = {"extra": ["xdist"], "subprocess": True} if workers else {}
        run_with(
            *PLUGINS,
            args=[
                *(["-n", "2"] if workers else []),
                "-k",
                selection,
                *args,
                *json_report(f"shard-{index}.json"),
            ],
            **extra,
        )


@pytest.mark.parametrize("workers", [False, True], ids=["serial", "two-workers-per-shard"])
def test_three_shards_merge_into_the_report_of_the_whole_suite(split_suite, run_with, capsys, workers):
    whole = run_with(*PLUGINS, args=json_report("whole.json"))
    whole.assert_outcomes(passed=28, failed=1, errors=2, skipped=1, xfailed=1, xpassed=1)
    run_shards(run_with, workers=workers)
    shards = [read_report(split_suite.path / f"shard-{index}.json") for index in (1, 2, 3)]
    assert all(0 < shard["summary"]["reported"] < 33 for shard in shards)  # each a real part

    result = merge(capsys, "shard-1.json", "shard-2.json", "shard-3.json", "-o", "merged.json")

    assert result.ret == 0, result.err
    assert result.out == ""
    assert result.err.splitlines() == [
        f"merged 3 reports of suite {split_suite.path.name!r}: 33 of 33 selected tests reported: "
        "27 passed, 1 failed, 2 errors, 1 skipped, 1 xfailed, 1 xpassed",
        "merged report (json) written to merged.json",
    ]
    merged = read_report(split_suite.path / "merged.json")
    expected = read_report(split_suite.path / "whole.json")
    assert without_merge_facts(merged) == without_merge_facts(expected)
    # equal, and right: every test once, with what its shard measured
    assert merged["summary"]["sizes"] == {"small": 20, "medium": 6, "large": 2, "xlarge": 2, "unsized": 3}
    tests = by_nodeid(merged)
    shard_tests = {nodeid: test for shard in shards for nodeid, test in by_nodeid(shard).items()}
    assert tests == shard_tests
    assert [entry["file"] for entry in merged["merged_from"]] == [
        "shard-1.json",
        "shard-2.json",
        "shard-3.json",
    ]
    assert [entry["reported"] for entry in merged["merged_from"]] == [
        s["summary"]["reported"] for s in shards
    ]
    assert merged["exit_status"] == expected["exit_status"] == 1
    assert merged["suite"] == split_suite.path.name


@pytest.mark.parametrize(
    ("sizes", "verdict"),
    [
        ({"small": 16, "medium": 3, "large": 1}, "ok"),
        ({"small": 12, "medium": 8, "large": 0}, "off-target"),
        ({"small": 3, "medium": 3, "large": 3}, "too-few-tests"),
    ],
)
@pytest.mark.parametrize("mode", ["strict", "warn"])
def test_the_merged_distribution_check_fails_exactly_when_the_single_run_s_does(
    pytester, run_with, capsys, monkeypatch, sizes, verdict, mode
):
    pytester.makepyfile(test_shape=sized_suite(**sizes, unsized=1))
    monkeypatch.chdir(pytester.path)
    check = f"--test-categories-distribution={mode}"
    whole = run_with(*PLUGINS, args=[check, *json_report("whole.json")])
    for index, selection in enumerate(("test_small", "test_medium", "not test_small and not test_medium")):
        run_with(*PLUGINS, args=["-k", selection, *json_report(f"s{index}.json")])  # check off per shard

    result = merge(capsys, "s0.json", "s1.json", "s2.json", check, "-o", "merged.json")

    whole_document = read_report(pytester.path / "whole.json")
    merged = read_report(pytester.path / "merged.json")
    assert merged["distribution"]["status"] == whole_document["distribution"]["status"] == verdict
    assert without_merge_facts(merged) == without_merge_facts(whole_document)
    fails = mode == "strict" and verdict == "off-target"
    assert whole.ret == (1 if fails else 0)
    assert result.ret == whole.ret, result.err
    if verdict == "off-target":
        what = "*What happened: the share of test sizes is outside the targets: small 60.0% (12)*too few*"
        whole.stdout.fnmatch_lines([what])
        assert any(
            line.startswith("| What happened: the share of test sizes") for line in result.err.splitlines()
        )
        assert [line for line in result.err.splitlines() if "What happened" in line] == [
            line for line in whole.stdout.lines if "What happened" in line
        ]
        last = "the merge fails (exit status 1)" if fails else "the merge does not fail on it"
        assert result.err.splitlines()[-1].endswith(last)
    else:
        assert "TC007" not in result.err
        assert result.err.splitlines()[-1].startswith(f"distribution check: {mode}; ")


def test_the_check_defaults_to_the_strictest_mode_the_shards_recorded(
    pytester, run_with, capsys, monkeypatch
):
    pytester.makepyfile(test_shape=sized_suite(small=12, medium=8))
    monkeypatch.chdir(pytester.path)
    run_with(
        *PLUGINS, args=["-k", "test_small", "--test-categories-distribution=warn", *json_report("a.json")]
    )
    run_with(*PLUGINS, args=["-k", "test_medium", *json_report("b.json")])
    result = merge(capsys, "a.json", "b.json")
    assert result.ret == 0
    assert "distribution check is warn: reported, the merge does not fail on it" in result.err
    assert merge(capsys, "a.json", "b.json", "--distribution", "off").err.count("TC007") == 0
    targets = merge(
        capsys, "a.json", "b.json", "--distribution=strict", "--distribution-targets=small=60 medium=40"
    )
    assert targets.ret == 0, targets.err
    assert "distribution check: strict; 20 sized tests; every share within its target" in targets.err
    tolerance = merge(capsys, "a.json", "b.json", "--distribution=strict", "--distribution-tolerance=30")
    assert tolerance.ret == 0, tolerance.err


def test_every_format_renders_the_merged_report_as_a_run_renders_it(
    split_suite, run_with, capsys, monkeypatch
):
    for report_format in ("basic", "markdown"):
        run_with(
            *PLUGINS,
            args=[f"--test-size-report={report_format}", f"--test-size-report-file=whole.{report_format}"],
        )
    run_shards(run_with)
    shards = ("shard-1.json", "shard-2.json", "shard-3.json")

    basic = merge(capsys, *shards, "--test-size-report=basic")
    whole_basic = (split_suite.path / "whole.basic").read_text()
    untimed = whole_basic.split("--- slowest")[0]  # the pyramid, the run and the violations
    assert basic.out.startswith(untimed)
    assert "test_mixed.py::test_breaks_a_promise [xlarge]: called time.sleep(2)" in basic.out

    detailed = merge(capsys, *shards, "--format", "detailed", "--test-size-report-file", "merged.txt")
    assert detailed.out == ""
    assert (
        f"test size report (detailed) written to {split_suite.path / 'merged.txt'}"
        in detailed.err.splitlines()
    )
    text = (split_suite.path / "merged.txt").read_text()
    assert text.startswith("test size report (detailed)\n")
    assert "xlarge  passed " in text
    assert "TC005       test_mixed.py::test_breaks_a_promise" in text

    several = merge(capsys, *shards, "--test-size-report=json,html", "--test-size-report-html-file=m.html")
    assert several.ret == 0, several.err
    page = (split_suite.path / "m.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "test_breaks_a_promise" in page
    json_default = split_suite.path / "test-size-report.json"
    assert json.loads(json_default.read_text())["tests"]

    markdown = merge(capsys, *shards, "--test-size-report=markdown")
    whole_markdown = (split_suite.path / "whole.markdown").read_text()
    assert markdown.out.split("### Slowest")[0] == whole_markdown.split("### Slowest")[0]

    summary = split_suite.path / "summary.md"
    summary.write_text("## Earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    appended = merge(capsys, *shards, "--test-size-report=markdown")
    assert appended.ret == 0
    assert appended.out == ""
    assert "test size report (markdown) appended to $GITHUB_STEP_SUMMARY" in appended.err
    assert summary.read_text() == "## Earlier step\n\n" + markdown.out

    printed = merge(capsys, *shards, "--test-size-report=json", "-o", "merged.json")
    assert json.loads(printed.out) == json.loads((split_suite.path / "merged.json").read_text())


def test_an_interrupted_shard_makes_the_merged_run_partial_and_is_named(split_suite, run_with, capsys):
    run_with(*PLUGINS, args=["-x", "-k", SPLIT[0], *json_report("shard-1.json")])  # stops at test_fails
    for index in (2, 3):
        run_with(*PLUGINS, args=["-k", SPLIT[index - 1], *json_report(f"shard-{index}.json")])
    result = merge(
        capsys, "shard-1.json", "shard-2.json", "shard-3.json", "-o", "merged.json", "--format=basic"
    )
    assert result.ret == 0
    merged = read_report(split_suite.path / "merged.json")
    assert merged["partial"] is True
    reason = merged["partial_reason"]
    assert reason.startswith("shard-1.json: stopped early (stopping after 1 failures); ")
    assert "shard-2.json" not in reason
    assert "shard-3.json" not in reason
    assert merged["summary"]["selected"] == 33
    assert merged["summary"]["reported"] < 33
    assert f"PARTIAL RUN: {reason}" in result.out
    assert f"PARTIAL RUN: {reason}" in result.err.splitlines()


FLAKY = """
import os
import pytest

@pytest.mark.small
@pytest.mark.parametrize("name", ["alpha", "beta", "gamma", "delta"])
def test_small(name):
    assert not (name == "alpha" and os.environ.get("BREAK_ALPHA"))

@pytest.mark.medium
def test_medium():
    pass
"""


def test_a_test_in_two_reports_counts_once_with_the_latest_result(pytester, run_with, capsys, monkeypatch):
    pytester.makepyfile(test_flaky=FLAKY)
    monkeypatch.chdir(pytester.path)
    monkeypatch.setenv("BREAK_ALPHA", "1")
    run_with(*PLUGINS, args=["-k", "test_small", *json_report("first.json")])
    monkeypatch.delenv("BREAK_ALPHA")
    run_with(*PLUGINS, args=["-k", "alpha or test_medium", *json_report("rerun.json")])

    result = merge(capsys, "first.json", "rerun.json", "-o", "merged.json")
    assert result.ret == 0, result.err
    merged = read_report(pytester.path / "merged.json")
    assert by_nodeid(merged)["test_flaky.py::test_small[alpha]"]["outcome"] == "passed"
    assert (merged["summary"]["selected"], merged["summary"]["reported"]) == (5, 5)
    assert merged["summary"]["outcomes"]["failed"] == 0
    assert (
        "1 tests were in more than one report, each counted once with the latest report's result: "
        "test_flaky.py::test_small[alpha]"
    ) in result.err

    # "latest" is by the time each report was written, not by the order given
    first = json.loads((pytester.path / "first.json").read_text())
    first["created"] = "2099-01-01T00:00:00Z"
    (pytester.path / "first.json").write_text(json.dumps(first))
    assert merge(capsys, "rerun.json", "first.json", "-o", "merged.json").ret == 0
    later = read_report(pytester.path / "merged.json")
    assert by_nodeid(later)["test_flaky.py::test_small[alpha]"]["outcome"] == "failed"

    refused = merge(capsys, "first.json", "rerun.json", "--duplicates=error")
    assert refused.ret == 2
    assert refused.err == (
        "pytest-test-categories: error: test_flaky.py::test_small[alpha] is in rerun.json and first.json; "
        "with --duplicates=error every test must be in one report\n"
    )


def test_the_console_script_merges(split_suite, run_with):
    run_shards(run_with)
    script = shutil.which(
        "pytest-test-categories", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    )
    assert script is not None
    result = split_suite.run(
        script, "report", "merge", "shard-1.json", "shard-2.json", "shard-3.json", "--format=json"
    )
    assert result.ret == 0
    assert json.loads(result.stdout.str())["summary"]["reported"] == 33
    bad = split_suite.run(script, "report", "merge", "shard-1.json", "test_mixed.py")
    assert bad.ret == 2
    assert len(bad.stderr.lines) == 1
    assert bad.stderr.lines[0].startswith(
        "pytest-test-categories: error: test_mixed.py: not valid JSON: Expecting value"
    )


CRASHING = """
import os
import pytest

@pytest.mark.small
@pytest.mark.parametrize("index", range(3))
def test_fine(index):
    pass

@pytest.mark.medium
def test_kills_its_worker():
    os._exit(3)
"""


def test_a_shard_whose_worker_crashed_is_named_and_its_test_stays_unfinished(
    pytester, run_with, capsys, monkeypatch
):
    pytester.makepyfile(test_crash=CRASHING, test_calm=sized_suite(small=2))
    monkeypatch.chdir(pytester.path)
    run_with(
        *PLUGINS,
        args=["-n", "2", "test_crash.py", *json_report("crash.json")],
        extra=["xdist"],
        subprocess=True,
    )
    run_with(*PLUGINS, args=["test_calm.py", *json_report("calm.json")])
    result = merge(capsys, "calm.json", "crash.json", "-o", "merged.json")
    assert result.ret == 0, result.err
    merged = read_report(pytester.path / "merged.json")
    assert merged["partial_reason"].startswith("crash.json: worker gw")
    assert merged["partial_reason"].endswith("crashed while running test_crash.py::test_kills_its_worker")
    assert merged["unfinished"] == ["test_crash.py::test_kills_its_worker"]
    assert by_nodeid(merged)["test_crash.py::test_kills_its_worker"]["outcome"] == "failed"
    assert merged["summary"]["reported"] == 6
    assert merged["exit_status"] == 1
