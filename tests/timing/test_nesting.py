"""Alarms nest: pytest running pytest in-process (as this suite does) keeps each alarm to its own test.

These tests themselves run under the timing plugin's strict enforcement, so the outer alarm
is armed while the inner runs arm their own.
"""

from __future__ import annotations

import signal
import time

import pytest

from pytest_test_categories_timing import alarm

from .limits import LIMITS

pytestmark = pytest.mark.medium

STOPPED_INSIDE = """
import time
import pytest

@pytest.mark.small
def test_stopped_inside():
    time.sleep(5)
"""


def test_an_inner_run_restores_the_outer_handler_and_timer(pytester, run_with):
    pytester.makepyfile(test_inner=STOPPED_INSIDE)
    handler_before = signal.getsignal(signal.SIGALRM)
    remaining_before, _ = signal.getitimer(signal.ITIMER_REAL)
    assert remaining_before > 0, "this test runs under its own alarm"
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(failed=1)
    assert signal.getsignal(signal.SIGALRM) == handler_before
    remaining_after, _ = signal.getitimer(signal.ITIMER_REAL)
    assert 0 < remaining_after < remaining_before
    # The inner alarm (limit 0.2 s, then a grace of 0.1 s) must never reach this, the outer test.
    time.sleep(0.5)


@pytest.mark.parametrize("fixture", ["", "tmp_path"], ids=["no fixture", "a fixture"])
def test_an_alarm_due_during_a_test_waits_for_the_test_to_end(pytester, run_with, fixture):
    # Someone else's alarm, armed just before the test, comes due while the test runs. With a
    # fixture, the test's alarm was armed at its set-up, before that one: the call nests its own
    # instead of taking the test's alarm back over someone else's.
    pytester.makeconftest(
        """
        import time
        import pytest
        from pytest_test_categories_timing import alarm

        FIRED = []
        ENDED = []

        @pytest.hookimpl(trylast=True)
        def pytest_runtest_setup(item):
            item.saved = alarm.arm(0.05, lambda signum, frame: FIRED.append(time.perf_counter()))

        def pytest_runtest_teardown(item):
            time.sleep(0.01)
            alarm.disarm(item.saved)
            assert len(FIRED) == 1, "the earlier alarm was lost"
            assert FIRED[0] >= ENDED[0], "the earlier alarm fired inside the test"
        """
    )
    pytester.makepyfile(
        test_inner="""
        import time
        import pytest
        from conftest import ENDED

        @pytest.mark.medium
        def test_takes_a_while(FIXTURE):
            time.sleep(0.3)
            ENDED.append(time.perf_counter())
        """.replace("FIXTURE", fixture)
    )
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(passed=1)


def test_arming_inside_a_test_suspends_and_restores_its_alarm():
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    calls: list[int] = []
    saved = alarm.arm(0.05, lambda signum, frame: calls.append(signum))
    assert saved is not None
    time.sleep(0.1)
    alarm.disarm(saved)
    assert calls == [signal.SIGALRM]
    assert signal.getsignal(signal.SIGALRM) == outer_handler
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    assert 0 < remaining <= outer_remaining
