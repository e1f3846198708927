"""Edges found by acceptance testing: tiny budgets, warnings as errors, a blocked event loop."""

from __future__ import annotations

import pytest

from .limits import AUTO, HUNG_FOR, LIMITS

pytestmark = pytest.mark.medium


def test_a_budget_smaller_than_the_alarm_can_keep_fails_that_test_only(pytester, run_with):
    pytester.makepyfile(
        """
        import time
        import pytest

        @pytest.mark.small(timeout=1e-9)
        def test_tiny():
            pass

        @pytest.mark.medium
        def test_next():
            end = time.perf_counter() + 0.1
            while time.perf_counter() < end:
                pass

        def test_unsized_next():
            end = time.perf_counter() + 0.1
            while time.perf_counter() < end:
                pass
        """
    )
    result = run_with("markers", "timing", args=["-vv", "-p", "no:randomly"], subprocess=True)
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(["FAILED *test_tiny - *TC008 time budget exceeded*"])
    result.stdout.no_fnmatch_line("*alarm.py*")
    result.stdout.no_fnmatch_line("*Alarm clock*")


SLOW_ONES = """
import time
import pytest

def busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

@pytest.mark.small
def test_slow_and_passes():
    busy(0.3)

@pytest.mark.small
def test_slow_and_fails():
    busy(0.3)
    assert 1 == 2
"""


@pytest.mark.parametrize(
    "errors", [["-W", "error::pytest.PytestWarning"], ["-o", "filterwarnings=error"]], ids=["W", "ini"]
)
def test_warn_mode_with_warnings_as_errors_fails_without_hiding_the_tests_own_failure(
    pytester, run_with, errors
):
    pytester.makepyfile(SLOW_ONES)
    result = run_with("markers", "timing", args=[*LIMITS, "--test-categories-timing=warn", "-vv", *errors])
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_slow_and_passes - *TC006 time limit exceeded: took 0.3* s, over the small limit "
            "of 0.2 s (warn mode, but warnings are errors in this run)",
            "FAILED *test_slow_and_fails - assert 1 == 2*",
        ],
        consecutive=False,
    )
    result.stdout.fnmatch_lines(
        ["E       assert 1 == 2", "*TC006 time limit exceeded: took 0.3* s*"], consecutive=False
    )
    result.stdout.no_fnmatch_line("*def _verdict*")
    result.stdout.no_fnmatch_line("*enforcer.py*")


def test_an_async_test_that_blocks_its_loop_is_not_said_to_have_caught_the_stop(pytester, run_with):
    pytester.makepyfile(
        """
        import time
        import pytest

        def legacy_blocking_call():
            time.sleep(0.25)  # past the limit (0.2 s), returns before the stop's grace (0.1 s) is over
            return 42

        @pytest.mark.small
        async def test_calls_blocking_code():
            assert legacy_blocking_call() == 42
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO, "-vv"], extra=["asyncio"], subprocess=True)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_calls_blocking_code - *TC006 time limit exceeded: took 0.2* s, over the small "
            "limit of 0.2 s (not stopped earlier: its event loop was blocked (a blocking call in async "
            "code?), so it could not be cancelled)"
        ]
    )
    result.stdout.no_fnmatch_line("*caught the stop*")


def test_a_test_that_takes_the_alarm_over_is_judged_when_it_returns_and_told_why(pytester, run_with):
    pytester.makepyfile(
        """
        import contextlib
        import signal
        import time
        import pytest

        @contextlib.contextmanager
        def time_limit(seconds):
            def on_alarm(signum, frame):
                raise TimeoutError
            previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                yield
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

        @pytest.mark.small
        def test_own_timer_then_slow():
            with time_limit(5):
                end = time.perf_counter() + 0.5
                while time.perf_counter() < end:
                    pass
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, "-vv"], subprocess=True)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_own_timer_then_slow - *TC006 time limit exceeded: took 0.5* s, over the small limit "
            "of 0.2 s (not stopped earlier: its SIGALRM alarm was taken over (the test set its own SIGALRM "
            "handler or timer))"
        ]
    )


def test_anyio_on_trio_cancels_the_hung_test_and_the_runner_keeps_working(pytester, run_with):
    pytester.makepyfile(
        """
        import anyio
        import pytest

        pytestmark = pytest.mark.anyio

        @pytest.fixture
        def anyio_backend():
            return "trio"

        async def wait_for_reply(event):
            await event.wait()

        @pytest.mark.small
        async def test_hangs():
            await wait_for_reply(anyio.Event())

        @pytest.mark.small
        async def test_next_one_runs():
            await anyio.sleep(0.01)

        @pytest.mark.small
        async def test_hangs_in_a_task_group():
            async with anyio.create_task_group() as group:
                group.start_soon(anyio.sleep, 30)

        @pytest.mark.small
        async def test_and_the_next():
            await anyio.sleep(0.01)
        """
    )
    result = run_with(
        "markers", "timing", args=[*LIMITS, "-vv", "-p", "no:randomly"], extra=["anyio"], subprocess=True
    )
    result.assert_outcomes(failed=2, passed=2)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_hangs - *TC006 time limit exceeded: cancelled at the small limit of 0.2 s "
            "(after 0.2* s) while awaiting test_hangs (*) -> wait_for_reply (*) -> Event.wait*",
            "FAILED *test_hangs_in_a_task_group - *TC006 time limit exceeded: cancelled at the small limit*",
        ],
        consecutive=False,
    )
    assert result.duration < HUNG_FOR


def test_a_hung_doctest_names_its_example_without_pages_of_internals(pytester, run_with):
    pytester.makepyfile(
        mod='''
        def hang():
            """
            >>> import threading
            >>> threading.Event().wait()
            """
        '''
    )
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, "--doctest-modules", "-o", "test_categories_default_size=small", "mod.py"],
        subprocess=True,
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "TC006 time limit exceeded: stopped at the small limit of 0.2 s (after 0.2* s) while running "
            "<doctest mod.hang[[]1[]]>:1 -> Event.wait (*threading.py:*) -> *"
        ]
    )
    result.stdout.no_fnmatch_line("*pluggy/_*.py*")  # no traceback through pytest's machinery
    assert len(result.stdout.lines) < 40


def test_a_broken_limit_is_no_expected_failure_in_strict_mode(pytester, run_with):
    pytester.makepyfile(
        """
        import asyncio
        import time
        import pytest

        def busy(seconds):
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                pass

        @pytest.mark.small
        @pytest.mark.xfail(reason="known hang")
        def test_hangs_sync():
            busy(30)

        @pytest.mark.small
        @pytest.mark.xfail(reason="known hang")
        async def test_hangs_async():
            await asyncio.Event().wait()

        @pytest.mark.small
        @pytest.mark.xfail(reason="known bug", strict=True)
        def test_slow_but_passes():
            busy(0.3)

        @pytest.mark.small
        @pytest.mark.xfail(reason="known bug")
        def test_fails_in_time():
            assert 1 == 2
        """
    )
    result = run_with(
        "markers", "timing", args=[*LIMITS, *AUTO, "-rfEX", "-vv"], extra=["asyncio"], subprocess=True
    )
    result.assert_outcomes(failed=3, xfailed=1)
    result.stdout.fnmatch_lines_random(
        [
            "FAILED *test_hangs_sync - *TC006 time limit exceeded*",
            "FAILED *test_hangs_async - *TC006 time limit exceeded*",
            "FAILED *test_slow_but_passes - *TC006 time limit exceeded*",
        ]
    )
    assert result.duration < HUNG_FOR

    warn = run_with(
        "markers", "timing", args=[*LIMITS, "--test-categories-timing=warn", "-k", "slow or fails"]
    )
    # warn mode: the outcomes are the tests' own (a strict xfail that passed is XPASS(strict))
    warn.assert_outcomes(failed=1, xfailed=1, warnings=1)
    warn.stdout.fnmatch_lines(["*XPASS(strict)*", "*TimeLimitWarning: TC006*test_slow_but_passes*"])


def test_frozen_time_does_not_fool_the_clock(pytester, run_with):
    pytester.makepyfile(
        """
        import datetime as dt
        import time

        import pytest
        from freezegun import freeze_time

        @pytest.fixture
        def frozen():
            with freeze_time("2024-01-01 12:00:00") as clock:
                yield clock

        @pytest.mark.small
        def test_token_expires_after_an_hour(frozen):
            issued = dt.datetime.now()
            frozen.tick(dt.timedelta(hours=1))
            assert dt.datetime.now() - issued == dt.timedelta(hours=1)

        @pytest.mark.small
        def test_hangs_under_frozen_time(frozen):
            while True:
                pass
        """
    )
    # freeze_time's start scans every loaded module: on a busy machine, more than 0.2 s of set-up
    limits = ["-o", "test_categories_time_limits=small=1 medium=300 large=900 xlarge=900"]
    result = run_with("markers", "timing", args=[*limits, "-vv", "-p", "no:randomly"], subprocess=True)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["FAILED *::test_hangs_under_frozen_time - TimeLimitExceeded: TC006 time limit exceeded: stopped at*"]
    )
    assert result.duration < HUNG_FOR


def test_a_property_test_is_stopped_cleanly_not_replayed_as_a_flaky_example(pytester, run_with):
    pytester.makepyfile(
        """
        import time

        import pytest
        from hypothesis import given, settings, strategies as st

        def parse(n):
            end = time.perf_counter() + 0.1
            while time.perf_counter() < end:
                pass
            return n

        @pytest.mark.small
        @settings(deadline=None, database=None)
        @given(st.integers())
        def test_parse_roundtrip(x):
            assert parse(x) == x
        """
    )
    # hypothesis takes a moment to start (over 2 s on 3.12, where it parses source for constants):
    # a limit long enough for the stop to land in an example, short of the 100 examples' 10 s
    limits = ["-o", "test_categories_time_limits=small=6"]
    result = run_with("markers", "timing", args=[*limits, "-vv", "-p", "no:randomly"], subprocess=True)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED *::test_parse_roundtrip - TimeLimitExceeded: TC006 time limit exceeded: stopped at the "
            "small limit of 6 s (after 6.* s) while running test_parse_roundtrip (*.py:16) -> parse (*.py:[5-8])*"
        ]
    )
    result.stdout.no_fnmatch_line("*Flaky*")
    result.stdout.no_fnmatch_line("*unreliable*")


@pytest.mark.skipif(
    int(pytest.__version__.split(".")[0]) < 9, reason="the subtests fixture is built into pytest from 9.0 on"
)
def test_a_stop_caught_by_the_subtests_fixture_is_said_to_be(pytester, run_with):
    pytester.makepyfile(
        """
        import time

        import pytest

        def convert(i):
            end = time.perf_counter() + 0.15
            while time.perf_counter() < end:
                pass

        @pytest.mark.small
        def test_each_case(subtests):
            for i in range(4):
                with subtests.test(i=i):
                    convert(i)
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, "-vv", "-p", "no:randomly"], subprocess=True)
    result.stdout.fnmatch_lines(
        [
            "FAILED *::test_each_case - TimeLimitExceeded: TC006 time limit exceeded: stopped at the small "
            "limit of 0.2 s (after 0.2* s), but the subtests fixture caught the stop (each subtest keeps its "
            "own failure), so it was stopped again, harder, after 0.* s*"
        ]
    )
    result.stdout.no_fnmatch_line("*caught the stop at*and carried on*")
