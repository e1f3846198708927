"""Modes: strict (the default) stops and fails, warn reports without failing, off does nothing."""

from __future__ import annotations

import pytest

from .limits import AUTO, LIMITS

pytestmark = pytest.mark.medium

SLOW = """
import time
import pytest

@pytest.mark.small
def test_slow():
    time.sleep(0.4)
"""


def test_strict_is_the_default(pytester, run_with):
    pytester.makepyfile(test_slow=SLOW)
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*TC006 time limit exceeded: stopped at the small limit of 0.2 s*"])


@pytest.mark.parametrize(
    "args", [["--test-categories-timing", "off"], ["-o", "test_categories_timing=off"]], ids=["cli", "ini"]
)
def test_off_does_nothing(pytester, run_with, args):
    pytester.makepyfile(test_slow=SLOW)
    result = run_with("markers", "timing", args=[*LIMITS, *args])
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*TC006*")


def test_warn_passes_the_test_and_lists_the_warning_at_the_end(pytester, run_with):
    pytester.makepyfile(test_slow=SLOW)
    result = run_with("markers", "timing", args=[*LIMITS, "--test-categories-timing=warn"])
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*warnings summary*",
            "test_slow.py::test_slow",
            "*TimeLimitWarning: TC006 time limit exceeded: took 0.4* s, over the small limit of 0.2 s "
            "?test_slow.py::test_slow?. How to fix: make it faster*",
        ]
    )


def test_the_command_line_wins_over_the_ini_file(pytester, run_with):
    pytester.makepyfile(test_slow=SLOW)
    pytester.makeini("[pytest]\ntest_categories_timing = off\n")
    result = run_with("markers", "timing", args=[*LIMITS, "--test-categories-timing", "STRICT"])
    result.assert_outcomes(failed=1)


@pytest.mark.parametrize(
    ("args", "source"),
    [
        (["--test-categories-timing", "loud"], "--test-categories-timing"),
        (["-o", "test_categories_timing=loud"], "ini option test_categories_timing"),
    ],
    ids=["cli", "ini"],
)
def test_a_bad_mode_is_a_usage_error_naming_the_choices(pytester, run_with, args, source):
    pytester.makepyfile(test_slow=SLOW)
    result = run_with("markers", "timing", args=args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{source}: invalid value 'loud'; allowed values: off, warn, strict*"])


def test_limits_come_from_the_shared_setting(pytester, run_with):
    pytester.makepyfile(
        test_medium="""
        import time
        import pytest

        @pytest.mark.medium
        def test_medium():
            time.sleep(5)
        """
    )
    result = run_with("markers", "timing", args=["-o", "test_categories_time_limits=small=0.1 medium=0.2"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TC006*stopped at the medium limit of 0.2 s*",
            "E*| How to fix: *give it a larger size (@pytest.mark.large allows 900 s).",
        ]
    )


def test_the_violation_is_on_the_report_and_fired_through_the_hook(pytester, run_with):
    pytester.makepyfile(test_slow=SLOW)
    pytester.makeconftest(
        """
        def pytest_test_categories_violation(item, violation):
            print(f"HOOK {item.name} {violation.code} {violation.size.value}")

        def pytest_runtest_logreport(report):
            if report.when == "call":
                print(f"PROPERTIES {report.user_properties}")
        """
    )
    for mode, outcome in (("strict", "failed"), ("warn", "passed")):
        result = run_with("markers", "timing", args=[*LIMITS, "-s", f"--test-categories-timing={mode}"])
        result.assert_outcomes(**{outcome: 1}, warnings=int(mode == "warn"))
        result.stdout.fnmatch_lines(
            [
                "*HOOK test_slow TC006 small*",
                "*PROPERTIES ?('test_size', 'small'), ('test_categories_violation', "
                "'TC006 time limit exceeded: *')?*",
            ]
        )


def test_the_entry_point_name_switches_the_plugin_off(pytester, monkeypatch):
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    pytester.makepyfile(
        test_slow_async="""
        import asyncio
        import pytest

        @pytest.mark.small
        @pytest.mark.asyncio
        async def test_slow():
            await asyncio.sleep(0.4)
        """
    )
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    limits = ["-o", "test_categories_time_limits=small=0.2", "-p", "no:cacheprovider"]
    pytester.runpytest_subprocess(*limits).assert_outcomes(failed=1)
    pytester.runpytest_subprocess(*limits, "-p", "no:test_categories_timing").assert_outcomes(passed=1)


def test_pytest_timeout_on_the_command_line_leaves_only_the_check_after_the_fact(pytester, run_with):
    pytester.makepyfile(test_slow=SLOW)
    result = run_with("markers", "timing", args=[*LIMITS, "--timeout", "60"], extra=["timeout"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "TC006 time limit exceeded: took 0.4* s, over the small limit of 0.2 s "
            "(not stopped earlier: pytest-timeout governs this test)"
        ]
    )


def test_warn_lets_an_async_test_run_to_its_end(pytester, run_with):
    pytester.makepyfile(
        test_slow_async="""
        import asyncio
        import pytest

        @pytest.mark.small
        async def test_slow():
            await asyncio.sleep(0.4)
        """
    )
    result = run_with(
        "markers", "timing", args=[*LIMITS, *AUTO, "--test-categories-timing=warn"], extra=["asyncio"]
    )
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*TimeLimitWarning: TC006 time limit exceeded: took 0.4* s*"])
