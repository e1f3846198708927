"""An async test is cancelled at its limit, and the failure shows the chain of awaits it was in."""

from __future__ import annotations

import time

import pytest

from .limits import AUTO, HUNG_FOR, LIMITS, STRICT

pytestmark = pytest.mark.medium

HUNG_HELPER = f"""
import asyncio
import pytest

async def wait_for_reply():
    await asyncio.sleep({HUNG_FOR})
"""


def test_hung_async_test_is_cancelled_showing_its_awaits_and_the_run_goes_on(pytester, run_with):
    pytester.makepyfile(
        test_hang=HUNG_HELPER
        + """
@pytest.mark.small
async def test_hangs():
    await wait_for_reply()

@pytest.mark.small
async def test_after():
    await asyncio.sleep(0)
    assert asyncio.current_task().cancelling() == 0
"""
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            ">*await wait_for_reply()",
            "test_hang.py:9: ",
            "test_hang.py:5: in wait_for_reply",
            "E*TimeLimitExceeded: TC006 time limit exceeded: cancelled at the small limit of 0.2 s "
            "(after 0.2* s) while awaiting test_hangs (test_hang.py:9) -> wait_for_reply (test_hang.py:5) "
            "-> sleep (asyncio/tasks.py:*) -> Future",
            "FAILED test_hang.py::test_hangs - TimeLimitExceeded: TC006*",
        ]
    )
    result.stdout.no_fnmatch_line("*base_events.py*")


@pytest.mark.parametrize("scope", ["function", "class", "module", "package", "session"])
def test_every_loop_scope_in_strict_mode(pytester, run_with, scope):
    pytester.makepyfile(
        test_scoped=HUNG_HELPER
        + f"""
class TestScoped:
    @pytest.mark.small
    @pytest.mark.asyncio(loop_scope="{scope}")
    async def test_hangs(self):
        await wait_for_reply()

    @pytest.mark.small
    @pytest.mark.asyncio(loop_scope="{scope}")
    async def test_same_loop_still_works(self):
        await asyncio.sleep(0.01)
"""
    )
    result = run_with("markers", "timing", args=[*LIMITS, *STRICT], extra=["asyncio"])
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        ["E*TC006*while awaiting TestScoped.test_hangs (test_scoped.py:*) -> wait_for_reply*"]
    )


def test_anyio_tests_are_cancelled_and_the_shared_runner_is_left_clean(pytester, run_with):
    pytester.makepyfile(
        test_anyio_hang=f"""
        import asyncio
        import anyio
        import pytest

        pytestmark = pytest.mark.anyio

        @pytest.fixture
        def anyio_backend():
            return "asyncio"

        async def poll_forever():
            await anyio.sleep({HUNG_FOR})

        @pytest.mark.small
        async def test_hangs_in_a_task_group():
            async with anyio.create_task_group() as group:
                group.start_soon(poll_forever)

        @pytest.mark.small
        async def test_hangs():
            await poll_forever()

        @pytest.mark.small
        async def test_next_test_is_not_cancelled():
            await anyio.sleep(0.01)
            assert asyncio.current_task().cancelling() == 0
        """
    )
    result = run_with("markers", "timing", args=LIMITS, extra=["anyio"])
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines(
        ["E*TC006*cancelled at the small limit*while awaiting test_hangs (*) -> poll_forever (*) -> sleep*"]
    )


def test_gather_and_awaited_tasks_are_followed(pytester, run_with):
    pytester.makepyfile(
        test_gather=HUNG_HELPER
        + """
async def quick():
    await asyncio.sleep(0)

@pytest.mark.small
async def test_gathers():
    await asyncio.gather(quick(), wait_for_reply())
"""
    )
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TC006*while awaiting test_gathers (test_gather.py:*) -> gather (1 of 2 still running) "
            "-> task 'Task-*' -> wait_for_reply (test_gather.py:5) -> sleep (asyncio/tasks.py:*) -> Future"
        ]
    )


def test_a_test_that_swallows_the_cancel_is_cancelled_again_and_still_fails(pytester, run_with):
    pytester.makepyfile(
        test_stubborn=f"""
        import asyncio
        import pytest

        @pytest.mark.small
        async def test_stubborn():
            for _ in range(3):
                try:
                    await asyncio.sleep({HUNG_FOR})
                except asyncio.CancelledError:
                    pass
        """
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TimeLimitExceeded: TC006 time limit exceeded: caught the stop at the small limit of 0.2 s "
            "(after 0.2* s) and carried on, so it was stopped again, harder, after 0.* s while awaiting "
            "test_stubborn (test_stubborn.py:8) -> sleep (asyncio/tasks.py:*) -> Future"
        ]
    )


def test_a_blocking_call_in_an_async_test_is_interrupted_at_its_line(pytester, run_with):
    pytester.makepyfile(
        test_blocking=f"""
        import time
        import pytest

        @pytest.mark.small
        async def test_blocks_the_loop():
            time.sleep({HUNG_FOR})
        """
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    assert time.perf_counter() - started < HUNG_FOR
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            f"*time.sleep({HUNG_FOR})",
            "E*TC006*stopped at the small limit of 0.2 s*while running test_blocks_the_loop (test_blocking.py:6)*",
        ]
    )


def test_an_error_raised_while_cancelled_is_shown_with_the_time_limit(pytester, run_with):
    pytester.makepyfile(
        test_cleanup=f"""
        import asyncio
        import pytest

        @pytest.mark.small
        async def test_cleanup_breaks():
            try:
                await asyncio.sleep({HUNG_FOR})
            except asyncio.CancelledError:
                raise RuntimeError("could not close the connection")
        """
    )
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*RuntimeError: could not close the connection",
            "*During handling of the above exception, another exception occurred:*",
            "E*TimeLimitExceeded: TC006*cancelled at the small limit of 0.2 s*; the test also failed: "
            "RuntimeError: could not close the connection",
            "FAILED test_cleanup.py::test_cleanup_breaks - TimeLimitExceeded: TC006*",
        ]
    )


def test_virtual_time_is_not_wall_time_but_a_real_hang_is_still_stopped(pytester, run_with):
    pytester.makepyfile(
        test_virtual="""
        import asyncio
        import pytest

        @pytest.mark.small
        @pytest.mark.looptime
        async def test_waits_an_hour_of_loop_time():
            await asyncio.sleep(3600)
            assert asyncio.get_running_loop().time() >= 3600

        @pytest.mark.small
        @pytest.mark.looptime
        async def test_waits_for_an_event_nobody_sets():
            await asyncio.Event().wait()
        """
    )
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, *AUTO],
        extra=["asyncio", "looptime_plugin"],
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["E*TC006*while awaiting test_waits_for_an_event_nobody_sets (*) -> Event.wait (asyncio/locks.py:*)*"]
    )
