"""A sync test on the main thread is interrupted at its limit, at the line it was running."""

from __future__ import annotations

import time

import pytest

from .limits import HUNG_FOR, LIMITS

pytestmark = pytest.mark.medium


def test_busy_loop_is_stopped_at_its_line_and_the_run_goes_on(pytester, run_with):
    pytester.makepyfile(
        test_spin="""
        import pytest

        @pytest.mark.small
        def test_spins():
            n = 0
            while True:
                n += 1

        @pytest.mark.small
        def test_next():
            assert True
        """
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=LIMITS)
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "*def test_spins():*",
            ">*",
            "E*TimeLimitExceeded: TC006 time limit exceeded: stopped at the small limit of 0.2 s "
            "(after 0.2* s) while running test_spins (test_spin.py:*)*",
            "E*| Test: test_spin.py::test_spins ?small?",
            "E*| How to fix: make it faster*@pytest.mark.medium allows 300 s*",
            "FAILED test_spin.py::test_spins - TimeLimitExceeded: TC006*",
        ]
    )


def test_blocking_sleep_is_interrupted_and_the_chain_of_calls_shown(pytester, run_with):
    pytester.makepyfile(
        test_disk=f"""
        import time
        import pytest

        def wait_for_disk():
            time.sleep({HUNG_FOR})

        @pytest.mark.small
        def test_waits():
            wait_for_disk()
        """
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=LIMITS)
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            ">*wait_for_disk()",
            "test_disk.py:9: ",
            "*time.sleep(30)",
            "E*TC006*while running test_waits (test_disk.py:9) -> wait_for_disk (test_disk.py:5)*",
        ]
    )


def test_a_test_that_swallows_the_stop_is_stopped_again_and_still_fails(pytester, run_with):
    pytester.makepyfile(
        test_stubborn=f"""
        import time
        import pytest

        @pytest.mark.small
        def test_stubborn():
            for _ in range(3):
                try:
                    time.sleep({HUNG_FOR})
                except BaseException:
                    pass
        """
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=LIMITS)
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TimeLimitExceeded: TC006 time limit exceeded: caught the stop at the small limit of 0.2 s "
            "(after 0.2* s) and carried on, so it was stopped again, harder, after 0.* s while running "
            "test_stubborn (test_stubborn.py:*)",
            "FAILED test_stubborn.py::test_stubborn - TimeLimitExceeded: TC006*",
        ]
    )


def test_an_uninterruptible_test_fails_when_it_returns(pytester, run_with):
    # With SIGALRM blocked, the alarm cannot interrupt; the test fails as soon as it can be.
    pytester.makepyfile(
        """
        import signal
        import time
        import pytest

        @pytest.mark.small
        def test_blocks_signals():
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                time.sleep(0.4)
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
            done = True
        """
    )
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*TC006*stopped at the small limit of 0.2 s (after 0.4* s)*"])


def test_budget_from_the_marker_is_enforced_as_tc008(pytester, run_with):
    pytester.makepyfile(
        f"""
        import time
        import pytest

        @pytest.mark.medium(timeout=0.2)
        def test_within_budget_of_medium():
            time.sleep({HUNG_FOR})
        """
    )
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TimeLimitExceeded: TC008 time budget exceeded: stopped at its budget of 0.2 s "
            "(@pytest.mark.medium(timeout=0.2)) (after 0.2* s)*",
            "E*| How to fix: make it faster, or raise its timeout= budget (at most the medium limit "
            "of 300 s), or remove the budget.",
        ]
    )


def test_fast_tests_and_unsized_tests_are_left_alone(pytester, run_with):
    pytester.makepyfile(
        """
        import time
        import pytest

        @pytest.mark.small
        def test_fast():
            pass

        def test_unsized_and_slow():
            time.sleep(0.3)
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, "-o", "test_categories_unsized=ignore"])
    result.assert_outcomes(passed=2)


def test_the_test_own_failure_and_the_time_are_both_reported(pytester, run_with):
    # pytest-timeout governs this test, so the limit is checked after the fact only.
    pytester.makepyfile(
        test_wrong="""
        import time
        import pytest

        @pytest.mark.small
        @pytest.mark.timeout(60)
        def test_slow_and_wrong():
            time.sleep(0.3)
            assert 1 + 1 == 3
        """
    )
    result = run_with("markers", "timing", args=LIMITS, extra=["timeout"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            ">*assert 1 + 1 == 3",
            "E*assert (1 + 1) == 3",
            "*During handling of the above exception, another exception occurred:*",
            "E*TimeLimitExceeded: TC006 time limit exceeded: took 0.3* s, over the small limit of 0.2 s "
            "(not stopped earlier: pytest-timeout governs this test); the test also failed: "
            "AssertionError: assert (1 + 1) == 3",
            "FAILED test_wrong.py::test_slow_and_wrong - TimeLimitExceeded: TC006*",
        ]
    )


def test_a_unittest_test_case_is_stopped_with_the_same_failure(pytester, run_with):
    # unittest keeps what the test raised as the test's failure: it must be the one users know.
    pytester.makepyfile(
        """
        import time
        import unittest
        import pytest

        @pytest.mark.small
        class TestSlow(unittest.TestCase):
            def test_busy(self):
                end = time.perf_counter() + 30
                while time.perf_counter() < end:
                    pass
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, "-vv"], subprocess=True)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAILED *::TestSlow::test_busy - TimeLimitExceeded: TC006 time limit exceeded: stopped at the small*"
        ]
    )
    assert result.duration < HUNG_FOR
