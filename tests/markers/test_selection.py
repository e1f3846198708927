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
