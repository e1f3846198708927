"""The distribution check: off, warn or strict, judged at the end on the tests that ran."""

from __future__ import annotations

from collections import Counter

import pytest

from pytest_test_categories_core import Enforcement, TestSize
from pytest_test_categories_reporting.distribution import (
    MINIMUM_SIZED_TESTS,
    distribution_violation,
    evaluate,
)
from pytest_test_categories_reporting.settings import DEFAULT_TARGETS

from .suites import PLUGINS, read_report, sized_suite

# 50 % small, 40 % medium, 10 % large (the edge of 5 ± 5 still counts as inside)
TOP_HEAVY = sized_suite(small=10, medium=8, large=2, unsized=3)
BALANCED = sized_suite(small=16, medium=3, large=1)  # exactly 80 / 15 / 5

TC007_BOX = [
    "*= TC007 test distribution =*",
    "+-- TC007 test distribution -*",
    "| Test: the whole run (20 sized tests)",
    "| What happened: the share of test sizes is outside the targets: "
    "small 50.0% (10), target 80% ±5: too few; medium 40.0% (8), target 15% ±5: too many",
    "| How to fix: make tests smaller where you can*test_categories_distribution_targets*",
    "| Docs: https://pytest-test-categories.readthedocs.io/en/latest/errors/tc007/",
]


@pytest.mark.medium
def test_strict_fails_the_run_after_every_test_ran(pytester, run_with):
    pytester.makepyfile(test_shape=TOP_HEAVY)
    result = run_with(*PLUGINS, args=["--test-categories-distribution=strict"])
    result.assert_outcomes(passed=23)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([*TC007_BOX, "distribution check is strict: the run fails"])


@pytest.mark.medium
def test_warn_shows_the_message_and_keeps_the_exit_status(pytester, run_with):
    pytester.makepyfile(test_shape=TOP_HEAVY)
    result = run_with(*PLUGINS, args=["--test-categories-distribution=warn"])
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [*TC007_BOX, "distribution check is warn: reported, the run does not fail on it"]
    )


@pytest.mark.medium
def test_off_is_the_default_and_says_nothing(pytester, run_with):
    pytester.makepyfile(test_shape=TOP_HEAVY)
    result = run_with(*PLUGINS)
    assert result.ret == pytest.ExitCode.OK
    assert "TC007" not in result.stdout.str()


@pytest.mark.medium
def test_strict_keeps_a_failed_runs_own_exit_status_and_reports_in_json(pytester, run_with):
    pytester.makepyfile(
        test_shape=TOP_HEAVY, test_broken="import pytest\n\n@pytest.mark.small\ndef test_x():\n    assert 0\n"
    )
    result = run_with(
        *PLUGINS,
        args=[
            "--test-categories-distribution=strict",
            "--test-size-report=json",
            "--test-size-report-file=r.json",
        ],
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    document = read_report(pytester.path / "r.json")
    assert document["targets"]["distribution"]["mode"] == "strict"
    distribution = document["distribution"]
    assert (distribution["status"], distribution["sized_tests"], distribution["unsized_tests"]) == (
        "off-target",
        21,
        3,
    )
    assert [(bucket["name"], bucket["count"], bucket["status"]) for bucket in distribution["buckets"]] == [
        ("small", 11, "low"),
        ("medium", 8, "high"),
        ("large", 2, "ok"),  # 2 of 21 is 9.5 %, inside 5 ± 5
    ]


@pytest.mark.medium
def test_a_shape_within_the_targets_passes_strict(pytester, run_with):
    pytester.makepyfile(test_shape=BALANCED)
    result = run_with(*PLUGINS, args=["--test-categories-distribution=strict"])
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["distribution check: strict; 20 sized tests; every share within its target"])


@pytest.mark.medium
def test_too_few_sized_tests_only_inform(pytester, run_with):
    pytester.makepyfile(test_shape=sized_suite(small=1, medium=18, unsized=5))
    result = run_with(*PLUGINS, args=["--test-categories-distribution=strict"])
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "distribution check: strict; 19 sized tests, fewer than the 20 needed to judge the shares "
            "(shown for information only)"
        ]
    )
    assert "TC007" not in result.stdout.str()


@pytest.mark.medium
def test_judges_only_the_tests_that_ran(pytester, run_with):
    pytester.makepyfile(test_shape=sized_suite(small=20, medium=5))  # 80 % small, 20 % medium: inside
    assert run_with(*PLUGINS, args=["--test-categories-distribution=strict"]).ret == pytest.ExitCode.OK
    # Selecting the small tests only makes the run 100 % small: judged on what ran.
    result = run_with(*PLUGINS, args=["--test-categories-distribution=strict", "--test-size=small"])
    result.assert_outcomes(passed=20, deselected=5)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["| Test: the whole run (20 sized tests)", "*small 100.0% (20), target 80% ±5: too many*"]
    )


@pytest.mark.medium
def test_custom_targets_and_tolerance_from_ini(pytester, run_with):
    pytester.makepyfile(test_shape=TOP_HEAVY)
    pytester.makeini(
        "[pytest]\n"
        "test_categories_distribution = strict\n"
        "test_categories_distribution_targets = small=50 medium=40 large=10\n"
        "test_categories_distribution_tolerance = 0\n"
    )
    assert run_with(*PLUGINS).ret == pytest.ExitCode.OK


@pytest.mark.medium
def test_xlarge_is_its_own_bar_when_the_targets_name_it(pytester, run_with):
    pytester.makepyfile(test_shape=sized_suite(small=14, medium=3, large=1, xlarge=2))
    pytester.makeini(
        "[pytest]\ntest_categories_distribution_targets = small=70 medium=15 large=5 xlarge=10\n"
    )
    result = run_with(*PLUGINS, args=["--test-categories-distribution=strict", "--test-size-report=basic"])
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["large            1    5.0%  *", "xlarge           2   10.0%  *"])
    merged = run_with(
        *PLUGINS,
        args=[
            "--test-categories-distribution=strict",
            "--test-size-report=basic",
            "-o",
            "test_categories_distribution_targets=small=70 medium=15 large=15",
        ],
    )
    assert merged.ret == pytest.ExitCode.OK
    merged.stdout.fnmatch_lines(["large+xlarge     3   15.0%  *   15% ±5   ok"])


@pytest.mark.small
def test_xlarge_counts_with_large_unless_named():
    counts: Counter[TestSize | None] = Counter(
        {TestSize.SMALL: 16, TestSize.LARGE: 1, TestSize.XLARGE: 3, None: 4}
    )
    merged = evaluate(counts, mode=Enforcement.WARN, targets=DEFAULT_TARGETS, tolerance=5)
    assert [(bucket.label, bucket.count, bucket.percent) for bucket in merged.buckets] == [
        ("small", 16, 80.0),
        ("medium", 0, 0.0),
        ("large+xlarge", 4, 20.0),
    ]
    assert (merged.sized, merged.unsized, merged.status) == (20, 4, "off-target")
    assert [bucket.label for bucket in merged.off_target] == ["medium", "large+xlarge"]
    assert not merged.fails  # warn never fails
    targets = {TestSize.SMALL: 80.0, TestSize.LARGE: 5.0, TestSize.XLARGE: 15.0}
    split = evaluate(counts, mode=Enforcement.STRICT, targets=targets, tolerance=5)
    assert [(bucket.label, bucket.target, bucket.status) for bucket in split.buckets] == [
        ("small", 80.0, "ok"),
        ("medium", 0.0, "ok"),
        ("large", 5.0, "ok"),
        ("xlarge", 15.0, "ok"),
    ]
    assert split.status == "ok"
    assert not split.fails


@pytest.mark.small
def test_the_threshold_and_the_violation():
    few = Counter({TestSize.MEDIUM: MINIMUM_SIZED_TESTS - 1})
    assert (
        evaluate(few, mode=Enforcement.STRICT, targets=DEFAULT_TARGETS, tolerance=5).status == "too-few-tests"
    )
    enough = Counter({TestSize.MEDIUM: MINIMUM_SIZED_TESTS})
    judged = evaluate(enough, mode=Enforcement.STRICT, targets=DEFAULT_TARGETS, tolerance=5)
    assert judged.fails
    violation = distribution_violation(judged)
    assert violation.code == "TC007"
    assert "medium 100.0% (20), target 15% ±5: too many" in violation.what_happened
    assert "small 0.0% (0), target 80% ±5: too few" in violation.what_happened
