"""``basic`` and ``detailed``: the pyramid, violations by code, the slowest tests, tests near their budget."""

from __future__ import annotations

import re

import pytest

from pytest_test_categories_core import Enforcement, TestSize
from pytest_test_categories_reporting.bars import ASCII, UNICODE, bar, glyphs_for
from pytest_test_categories_reporting.distribution import evaluate

from .suites import MIXED, PLUGINS, sized_suite

VIOLATIONS = """
import pytest
from pytest_test_categories_core import Violation, report_violation


def _violate(request, code, what):
    report_violation(request.node, Violation(code, request.node.nodeid, None, what, "fix it"))


@pytest.mark.small
def test_network(request):
    _violate(request, "TC001", "connected to example.com:443")


@pytest.mark.small
def test_network_again(request):
    _violate(request, "TC001", "connected to 10.0.0.1:5432")


@pytest.mark.medium
def test_sleepy(request):
    _violate(request, "TC005", "called time.sleep(3)")


@pytest.fixture
def leaky(request):
    yield
    _violate(request, "TC002", "opened /etc/hosts in teardown")


@pytest.mark.small
def test_teardown_violation(leaky):
    pass
"""


@pytest.mark.medium
def test_basic_draws_the_pyramid_with_counts_shares_targets_and_unsized(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=16, medium=3, large=1, unsized=2))
    result = run_with(*PLUGINS, args=["--test-size-report=basic"])
    result.assert_outcomes(passed=22)
    result.stdout.fnmatch_lines(["*= test size report (basic) =*", "*- test pyramid -*"])
    lines = result.stdout.lines
    start = lines.index("size         tests   share  0%            50%         100%  target    verdict")
    assert lines[start + 1 : start + 7] == [
        "small           16   80.0%  " + "█" * 24 + " " * 6 + "   80% ±5   ok",
        "medium           3   15.0%  ████▌" + " " * 25 + "   15% ±5   ok",
        "large+xlarge     1    5.0%  █▌" + " " * 28 + "    5% ±5   ok",
        "unsized          2          (not part of the shares)",
        "22 of 22 selected tests reported: 22 passed",
        "distribution check: off; 20 sized tests; every share within its target",
    ]
    assert all(len(line) <= 80 for line in lines[start : start + 5])


@pytest.mark.medium
def test_a_terminal_without_unicode_gets_ascii_bars(pytester, run_with, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    pytester.makepyfile(test_sizes=sized_suite(small=10, medium=10))
    result = run_with(*PLUGINS, args=["--test-size-report=basic"], subprocess=True)
    lines = result.stdout.lines
    start = lines.index("size         tests   share  0%            50%         100%  target    verdict")
    assert lines[start + 1 : start + 4] == [
        "small           10   50.0%  " + "#" * 15 + "." * 9 + " " * 6 + "   80% +-5  too few",
        "medium          10   50.0%  #####" + "+" * 10 + " " * 15 + "   15% +-5  too many",
        "large+xlarge     0    0.0%  .." + " " * 28 + "    5% +-5  ok",
    ]
    assert "\\u" not in result.stdout.str()


@pytest.mark.medium
def test_basic_groups_violations_by_code_including_ones_from_teardown(pytester, run_with):
    pytester.makepyfile(test_violations=VIOLATIONS)
    result = run_with(*PLUGINS, args=["--test-size-report=basic"])
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*- violations by code -*",
            "TC001 network access: 2",
            "  test_violations.py::test_network [[]small[]]: connected to example.com:443",
            "  test_violations.py::test_network_again [[]small[]]: connected to 10.0.0.1:5432",
            "TC002 filesystem access: 1",
            "  test_violations.py::test_teardown_violation [[]small[]]: opened /etc/hosts in teardown",
            "TC005 sleep: 1",
            "  test_violations.py::test_sleepy [[]medium[]]: called time.sleep(3)",
        ]
    )


@pytest.mark.medium
def test_basic_lists_slowest_per_size_and_tests_over_80_percent_of_their_budget(pytester, run_with):
    pytester.makepyfile(
        test_slow="""
        import time
        import pytest

        @pytest.mark.small
        def test_quick():
            pass

        @pytest.mark.small
        def test_near_the_small_limit():
            time.sleep(1.7)

        @pytest.mark.medium(timeout=2)
        def test_near_its_own_budget():
            time.sleep(1.7)

        @pytest.mark.medium
        def test_medium_far_from_limit():
            time.sleep(0.01)
        """
    )
    # 85 % of the limits, with 0.3 s to spare: a loaded machine does not push them over
    pytester.makeini("[pytest]\ntest_categories_time_limits = small=2\n")
    result = run_with(*PLUGINS, args=["--test-size-report=basic"])
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*- slowest tests per size (top 3) -*",
            "small   * 1.???s  test_slow.py::test_near_the_small_limit",
            "small   * 0.0??s  test_slow.py::test_quick",
            "medium  * 1.???s  test_slow.py::test_near_its_own_budget",
            "medium  * 0.0??s  test_slow.py::test_medium_far_from_limit",
            "*- tests over 80% of their time budget -*",
        ]
    )
    near = result.stdout.str().split("tests over 80% of their time budget", 1)[1]
    assert re.search(r"of 2s \(small limit\) +test_slow\.py::test_near_the_small_limit", near), near
    assert re.search(r"of 2s \(timeout=2\) +test_slow\.py::test_near_its_own_budget", near), near
    assert "test_quick" not in near
    assert "test_medium_far_from_limit" not in near


@pytest.mark.medium
def test_skipped_tests_are_not_among_the_slowest(pytester, run_with):
    pytester.makepyfile(
        test_skips="""
        import pytest

        @pytest.mark.small
        def test_runs():
            sum(range(1000))

        @pytest.mark.small
        def test_skips_itself():
            pytest.skip("not today")

        @pytest.mark.small
        @pytest.mark.skip(reason="never")
        def test_marked_skip():
            pass

        @pytest.mark.medium
        def test_medium_skips_itself():
            pytest.skip("not today either")
        """
    )
    result = run_with(*PLUGINS, args=["--test-size-report=basic", "-p", "no:randomly"])
    result.assert_outcomes(passed=1, skipped=3)
    slowest = result.stdout.str().split("slowest tests per size (top 3)", 1)[1].split("tests over 80%", 1)[0]
    assert "test_skips.py::test_runs" in slowest
    assert "skip" not in slowest.replace("test_skips.py::test_runs", ""), slowest
    assert "medium" not in slowest, slowest


@pytest.mark.medium
def test_detailed_adds_one_row_per_test(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    result = run_with(*PLUGINS, args=["--test-size-report=detailed"])
    result.stdout.fnmatch_lines(
        [
            "*= test size report (detailed) =*",
            "*- test pyramid -*",
            "*- violations by code -*",
            "*- tests -*",
            "size    outcome    duration    used  violations  node id",
            "xlarge  passed   * 0%  TC005       test_mixed.py::test_breaks_a_promise",
            "small   failed   *  test_mixed.py::test_fails",
            "large   passed   *  test_mixed.py::test_near_its_budget",
            "small   passed   *  test_mixed.py::test_param[[]1[]]",
            "small   passed   *  test_mixed.py::test_param[[]2[]]",
            "small   passed   *  test_mixed.py::test_passes",
            "medium  error    *  test_mixed.py::test_setup_error",
            "small   skipped  *  test_mixed.py::test_skipped",
            "medium  error    *  test_mixed.py::test_teardown_error",
            "-       passed   *      -  -           test_mixed.py::test_unsized",
            "small   xfailed  *  test_mixed.py::test_xfails",
            "medium  xpassed  *  test_mixed.py::test_xpasses",
        ]
    )


@pytest.mark.medium
def test_basic_caps_long_lists_and_detailed_lists_everything(pytester, run_with):
    lines = ["import pytest", "from pytest_test_categories_core import Violation, report_violation", ""]
    for index in range(25):
        lines += [
            "@pytest.mark.small",
            f"def test_{index:02}(request):",
            "    report_violation(request.node, Violation('TC003', request.node.nodeid, None, 'ran ls', 'no'))",
            "",
        ]
    pytester.makepyfile(test_many="\n".join(lines))
    basic = run_with(*PLUGINS, args=["--test-size-report=basic"]).stdout.str()
    assert basic.count(": ran ls") == 20
    assert "  ... and 5 more (--test-size-report=detailed lists all)" in basic
    detailed = run_with(*PLUGINS, args=["--test-size-report=detailed"]).stdout.str()
    assert detailed.count(": ran ls") == 25


@pytest.mark.medium
def test_basic_to_a_file_writes_the_same_sections(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=3, medium=1))
    result = run_with(*PLUGINS, args=["--test-size-report=basic", "--test-size-report-file=sizes.txt"])
    result.stdout.fnmatch_lines(
        ["*- test pyramid -*", f"test size report (basic) written to {pytester.path / 'sizes.txt'}"]
    )
    text = (pytester.path / "sizes.txt").read_text()
    assert text.startswith("test size report (basic)\n\n--- test pyramid ---\n")
    assert "small            3   75.0%  ██████████████████████▌" in text
    assert "--- violations by code ---\nnone\n" in text


@pytest.mark.medium
def test_nothing_is_reported_without_the_option(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=1))
    result = run_with(*PLUGINS)
    result.assert_outcomes(passed=1)
    assert "test size report" not in result.stdout.str()
    assert "distribution" not in result.stdout.str()


@pytest.mark.small
def test_a_bar_marks_share_band_and_target():
    counts = {TestSize.SMALL: 7, TestSize.MEDIUM: 2, TestSize.LARGE: 1}
    from collections import Counter

    distribution = evaluate(
        Counter(counts),
        mode=Enforcement.OFF,
        targets={TestSize.SMALL: 50.0, TestSize.MEDIUM: 50.0},
        tolerance=10,
    )
    small, medium, large = distribution.buckets
    # 30 cells: small 70 % fills 21, of which 15 up to its target of 50 %
    assert bar(small) == "█" * 15 + "▓" * 6 + " " * 9
    assert bar(small, ASCII) == "#" * 15 + "+" * 6 + " " * 9
    assert small.status == "high"
    # medium 20 % of a 50 % target: 6 cells filled, 9 missing
    assert bar(medium) == "█" * 6 + "░" * 9 + " " * 15
    assert medium.status == "low"
    # large 10 % and no target: all of it beyond the target; 3 cells
    assert bar(large) == "▓" * 3 + " " * 27
    assert (large.target, large.status) == (0.0, "ok")


@pytest.mark.small
def test_the_end_of_a_bar_is_drawn_in_eighths_and_the_encoding_picks_the_glyphs():
    from collections import Counter

    distribution = evaluate(
        Counter({TestSize.SMALL: 1, TestSize.MEDIUM: 99}),
        mode=Enforcement.OFF,
        targets={TestSize.SMALL: 100.0},
        tolerance=5,
    )
    small = distribution.buckets[0]
    assert bar(small) == "▎" + "░" * 29  # 1 % is 0.3 cells: two eighths
    assert bar(small, ASCII) == "." * 30
    assert glyphs_for("utf-8") is UNICODE
    assert glyphs_for("ascii") is ASCII
    assert glyphs_for("cp1252") is ASCII
    assert glyphs_for(None) is ASCII
    assert glyphs_for("no-such-codec") is ASCII
