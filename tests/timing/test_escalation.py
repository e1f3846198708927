"""Code that keeps running after the stop is stopped again, harder; as a last resort the process ends.

Every run here is a subprocess with a timeout: on code without these stops, the inner run would
hang until the timeout and the test fails.
"""

from __future__ import annotations

import json
import time

import pytest

from .limits import AUTO, LIMITS

pytestmark = pytest.mark.medium

# The hangs here would last this long; a run that waited for one would not end before the timeout.
HUNG_FOR = 3600
# Generous: pytest-xdist's workers take a while to start on a busy machine.
TIMEOUT = 240

SWALLOWS = f"""
import asyncio
import time
import pytest

@pytest.mark.small
async def test_swallows_cancellation():
    while True:
        try:
            await asyncio.sleep({HUNG_FOR})
        except asyncio.CancelledError:
            pass

@pytest.mark.small
async def test_swallows_exceptions():
    while True:
        try:
            await asyncio.sleep({HUNG_FOR})
        except Exception:
            pass
        except asyncio.CancelledError:
            pass

@pytest.mark.small
def test_sync_catches_everything():
    while True:
        try:
            time.sleep({HUNG_FOR})
        except BaseException:
            pass

@pytest.mark.small
def test_busy_catches_everything():
    while True:
        try:
            sum(range(100))
        except BaseException:
            pass

@pytest.mark.small
def test_passes():
    pass
"""

CATCHES_EVERYTHING = f"""
import asyncio
import pytest

@pytest.mark.small
def test_before():
    pass

@pytest.mark.small
async def test_catches_everything():
    while True:
        try:
            await asyncio.sleep({HUNG_FOR})
        except BaseException:
            pass

@pytest.mark.small
def test_after():
    pass
"""


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_code_that_swallows_the_stop_is_stopped_again_harder_and_the_run_goes_on(pytester, run_with, workers):
    pytester.makepyfile(test_swallows=SWALLOWS)
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, *AUTO, "-p", "no:randomly", *workers],
        extra=["asyncio", "xdist.plugin"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    # limit 0.2 s, then a grace of 0.1 s: each ends at the harder stop, not after 50 graces
    assert time.perf_counter() - started < TIMEOUT
    result.assert_outcomes(failed=4, passed=1)
    again = "stopped again, harder, after 0.* s"
    result.stdout.fnmatch_lines_random(
        [
            f"*TC006 time limit exceeded: caught the stop at the small limit of 0.2 s (after 0.2* s) and carried on, "
            f"so it was {again} while awaiting test_swallows_cancellation (test_swallows.py:*) -> sleep*",
            f"*TC006*caught the stop*{again} while awaiting test_swallows_exceptions (test_swallows.py:*) -> sleep*",
            f"*TC006*caught the stop*{again} while running test_sync_catches_everything (test_swallows.py:*)*",
            f"*TC006*caught the stop*{again} while running test_busy_catches_everything (test_swallows.py:*)*",
        ]
    )


def test_code_that_catches_everything_ends_the_run_with_partial_reports(pytester, run_with):
    pytester.makepyfile(test_stuck=CATCHES_EVERYTHING)
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        "reporting",
        args=[
            *LIMITS,
            *AUTO,
            "-p",
            "no:randomly",
            "--junitxml=junit.xml",
            "--test-size-report=json",
            "--test-size-report-file=sizes.json",
        ],
        extra=["asyncio"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    assert time.perf_counter() - started < TIMEOUT
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.assert_outcomes(failed=1, passed=1)
    nodeid = "test_stuck.py::test_catches_everything"
    result.stderr.fnmatch_lines(
        [
            "*= timing: last resort =*",
            "TC006 time limit exceeded: kept running after it was stopped at the small limit of 0.2 s (after 0.2* s) "
            "and stopped again, harder; still running after * s at test_catches_everything (test_stuck.py:*) "
            "-> sleep*",
            "timing's last resort ended the test run; the stack of every thread follows.",
            "Current thread 0x* (most recent call first):",
            "Thread 0x* (most recent call first):",
            '  File "*", line * in pytest_runtest_call',
        ]
    )
    # pytest 8 gives this failure no reason in the short summary; 9 gives the TC006 line
    result.stdout.fnmatch_lines(["*last resort ended the test run*", f"FAILED {nodeid}*"])
    report = json.loads((pytester.path / "sizes.json").read_text())
    assert report["partial"] is True
    assert nodeid in report["partial_reason"]
    assert report["unfinished"] == [nodeid]
    junit = (pytester.path / "junit.xml").read_text()
    assert 'name="test_catches_everything"' in junit
    assert "kept running after it was stopped" in junit


def test_under_xdist_the_last_resort_ends_only_the_worker(pytester, run_with):
    pytester.makepyfile(test_stuck=CATCHES_EVERYTHING)
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        "reporting",
        args=[
            *LIMITS,
            *AUTO,
            "-p",
            "no:randomly",
            "-n",
            "2",
            "--test-size-report=json",
            "--junitxml=junit.xml",
        ],
        extra=["asyncio", "xdist.plugin"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    assert time.perf_counter() - started < TIMEOUT
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(
        [
            "*TC006 time limit exceeded: kept running after it was stopped at the small limit of 0.2 s*",
            "timing's last resort ended its pytest-xdist worker (the stacks are on stderr).",
        ]
    )
    junit = (pytester.path / "junit.xml").read_text()
    assert (
        '<property name="test_categories_violation" value="TC006 time limit exceeded: kept running' in junit
    )


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_threads_left_by_a_stopped_test_do_not_hold_the_run(pytester, run_with, workers):
    pytester.makepyfile(
        test_threads=f"""
        import asyncio
        import time
        import pytest

        @pytest.mark.small
        async def test_waits_on_a_thread():
            await asyncio.to_thread(time.sleep, {HUNG_FOR})

        @pytest.mark.small
        async def test_after():
            await asyncio.to_thread(time.sleep, 0)
        """
    )
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, *AUTO, "-p", "no:randomly", *workers],
        extra=["asyncio", "xdist.plugin"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    assert time.perf_counter() - started < TIMEOUT
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # the run's own status
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        ["*TC006*cancelled at the small limit of 0.2 s*while awaiting test_waits_on_a_thread*"]
    )
    if workers:
        return  # each worker ends without waiting; the names are in its own output, not the summary
    result.stdout.fnmatch_lines(
        [
            "*= threads left running by stopped tests =*",
            "asyncio_* (still running after test_threads.py::test_waits_on_a_thread was stopped)",
            "timing ends the run now with its own exit status, without waiting for these threads.",
        ]
    )


def test_a_hung_pytest_trio_test_is_cancelled_and_the_next_one_runs(pytester, run_with):
    pytester.makepyfile(
        test_trio=f"""
        import trio
        import pytest

        async def wait_for_reply():
            await trio.sleep({HUNG_FOR})

        @pytest.mark.small
        @pytest.mark.trio
        async def test_hangs():
            await wait_for_reply()

        @pytest.mark.small
        @pytest.mark.trio
        async def test_after():
            await trio.sleep(0)
        """
    )
    started = time.perf_counter()
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, "-p", "no:randomly"],
        extra=["pytest_trio.plugin"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    assert time.perf_counter() - started < TIMEOUT
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TimeLimitExceeded: TC006 time limit exceeded: cancelled at the small limit of 0.2 s (after 0.2* s) "
            "while awaiting test_hangs (test_trio.py:*) -> wait_for_reply (test_trio.py:*) -> sleep (trio/*",
            "FAILED test_trio.py::test_hangs - TimeLimitExceeded: TC006*",
        ]
    )
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.no_fnmatch_line("*ExceptionGroup*")


def test_warn_mode_never_stops_a_test_that_swallows_cancellation(pytester, run_with):
    pytester.makepyfile(
        test_warned="""
        import asyncio
        import pytest

        @pytest.mark.small
        async def test_swallows_cancellation():
            for _ in range(3):
                try:
                    await asyncio.sleep(0.15)
                except asyncio.CancelledError:
                    raise AssertionError("warn mode cancelled the test")
        """
    )
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, *AUTO, "--test-categories-timing=warn"],
        extra=["asyncio"],
        subprocess=True,
        timeout=TIMEOUT,
    )
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["*TimeLimitWarning: TC006 time limit exceeded: took * s, over the small limit of 0.2 s*"]
    )
