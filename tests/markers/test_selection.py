"""``--test-size`` selects tests by size; the rest are reported as deselected."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

SUITE = """
import pytest

@pytest.mark.small
def test_small(): pass

@pytest.mark.medium
def test_medium(): pass

@pytest.mark.large
def test_large(): pass
"""


def test_selects_listed_sizes_and_reports_the_rest_deselected(pytester, run_with):
    pytester.makepyfile(SUITE)
    result = run_with("markers", args=["-v", "--test-size", "small,large"])
    result.assert_outcomes(passed=2, deselected=1)
    result.stdout.fnmatch_lines(["*test_small PASSED*", "*test_large PASSED*"])
    result.stdout.no_fnmatch_line("*test_medium*PASSED*")


def test_unknown_size_is_a_usage_error_naming_the_choices(pytester, run_with):
    pytester.makepyfile(SUITE)
    result = run_with("markers", args=["--test-size", "small,tiny"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--test-size: unknown size 'tiny'; allowed sizes: small, medium, large, xlarge*"]
    )


MISTAKES = """
import pytest

@pytest.mark.small(timeout="x")
def test_small_text_budget(): pass

@pytest.mark.small(timeout=-1)
def test_small_negative_budget(): pass

@pytest.mark.small(1)
def test_small_positional(): pass

@pytest.mark.small(timout=1)
def test_small_typo(): pass

@pytest.mark.small
@pytest.mark.medium
def test_small_and_medium(): pass

@pytest.mark.large(timeout=5)
def test_large_fine(): pass

@pytest.mark.large(timeout=True)
def test_large_bool_budget(): pass
"""


def test_a_marker_with_bad_arguments_is_selected_by_its_size_name(pytester, run_with):
    pytester.makepyfile(test_mistakes=MISTAKES)
    result = run_with("markers", args=["--test-size=large"])
    result.assert_outcomes(passed=1, errors=1, deselected=5)
    result.stdout.fnmatch_lines(
        [
            "collected 7 items / 5 deselected / 2 selected",
            "test sizes: small 0, medium 0, large 2, xlarge 0, unsized 0",
            "test_mistakes.py::test_large_bool_budget: @pytest.mark.large(timeout=True): "
            "the budget must be a positive, finite number of seconds, for example timeout=0.5.",
        ]
    )
    result.stdout.no_fnmatch_line("*test_small_*")


def test_the_selected_size_still_errors_on_its_bad_markers(pytester, run_with):
    pytester.makepyfile(test_mistakes=MISTAKES)
    result = run_with("markers", args=["--test-size=small"])
    result.assert_outcomes(errors=5, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "test_mistakes.py::test_small_text_budget: @pytest.mark.small(timeout='x'): "
            "the budget must be a positive, finite number of seconds*",
            "test_mistakes.py::test_small_negative_budget: @pytest.mark.small(timeout=-1): *",
            "test_mistakes.py::test_small_positional: @pytest.mark.small got positional argument(s) 1;*",
            "test_mistakes.py::test_small_typo: @pytest.mark.small got unknown argument(s) timout;*",
            "test_mistakes.py::test_small_and_medium: @pytest.mark.small and @pytest.mark.medium "
            "are both set on the test itself*",
        ]
    )
    result.stdout.no_fnmatch_line("*test_large_*")


def test_a_test_with_two_sizes_errors_where_either_size_is_selected(pytester, run_with):
    pytester.makepyfile(test_mistakes=MISTAKES)
    result = run_with("markers", args=["--test-size=medium"])
    result.assert_outcomes(errors=1, deselected=6)
    result.stdout.fnmatch_lines(
        ["test_mistakes.py::test_small_and_medium: @pytest.mark.small and @pytest.mark.medium are both set*"]
    )
    result = run_with("markers", args=["--test-size=xlarge"])
    result.assert_outcomes(deselected=7)
